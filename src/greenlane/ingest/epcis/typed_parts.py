"""The typed path's readers of the parts of an event, each distinct value read once per document.

A document repeats its bizSteps and dispositions, places, business transactions, sources and
destinations and seals event after event. The typed path (typed_records.py) reads each distinct
one here, as the careful reader (reader.py) and the mapper (mapping.py) would, and keeps what
reads cleanly. Anything they would report or treat specially (a wrong type, a bizStep outside
the CBV, an invalid extension, an EPC that is no container or vessel) makes a reader here raise
(``GiveUp``, or a LookupError, TypeError... of the value), and the event is left to the
careful reader, which reads it again and names the place. Giving up is always safe; accepting
is only allowed where the careful path makes the same records and no finding of its own, which
the differential tests check. Validation findings are the mapper's, for both paths.
"""

from __future__ import annotations

from typing import Any

from greenlane.domain.codes import EventType
from greenlane.domain.records import SealReading
from greenlane.ingest.epcis.extensions import read_seal
from greenlane.ingest.epcis.mapping import BIZ_STEP_EVENTS, DISPOSITION_EVENTS, Mapper
from greenlane.ingest.epcis.model import Place
from greenlane.ingest.epcis.vocab import Context

GIVE_UP = (LookupError, TypeError, ValueError, AttributeError, OverflowError)
_LISTS = (
    ("bizTransaction", "bizTransactionType"),
    ("source", "sourceDestType"),
    ("destination", "sourceDestType"),
)

_Subjects = tuple[tuple[str, ...], str | None]
"""(containers, in order and once each; the first vessel) of an epcList."""
_Link = tuple[str | None, str | None]
"""(bill of lading, vessel) a list of business transactions, sources or destinations names."""
_NO_LINK: _Link = (None, None)


class GiveUp(Exception):
    """The careful reader must take over."""


class PartReader:
    """Reads the parts of the plain events of one document (one context) for one mapper."""

    def __init__(self, context: Context, mapper: Mapper) -> None:
        self.context = context
        self.mapper = mapper
        self.source_message = mapper.source_message
        self._steps: dict[tuple[str | None, str | None], tuple[bool, EventType | None]] = {}
        self._links: dict[tuple[Any, ...], _Link] = {}
        self._seals: dict[tuple[Any, ...], SealReading] = {}

    # --- the parts of an event, each read once per distinct value ------------------------------
    # Each raises (GiveUp, LookupError, TypeError...) where the careful path must read the
    # event.

    def milestone(
        self, biz_step: str | None, disposition: str | None
    ) -> tuple[bool, EventType | None]:
        """(both standard, the event type they give)."""
        why = (biz_step, disposition)
        found = self._steps.get(why)
        if found is None:
            found = self._steps[why] = self._milestone(biz_step, disposition)
        return found

    def links(
        self,
        transactions: list[Any] | None,
        sources: list[Any] | None,
        destinations: list[Any] | None,
    ) -> _Link:
        """(bill of lading, vessel) of the business transactions, sources and destinations."""
        # Each list is read (so checked) even when an earlier one names the vessel.
        bill, vessel = _NO_LINK if transactions is None else self._link(transactions, 0)
        if sources is not None:
            named = self._link(sources, 1)[1]
            vessel = vessel if named is None else named
        if destinations is not None:  # a destination comes first, then a source
            named = self._link(destinations, 2)[1]
            vessel = vessel if named is None else named
        return bill, vessel

    # --- once per distinct value: the careful path's reading ----------------------------------

    def _milestone(
        self, biz_step: str | None, disposition: str | None
    ) -> tuple[bool, EventType | None]:
        """(both standard, the event type they give): mapping.milestone of CBV terms."""
        step = None
        for vocab, value, events in (
            ("bizStep", biz_step, BIZ_STEP_EVENTS),
            ("disposition", disposition, DISPOSITION_EVENTS),
        ):
            if value is not None:
                term, standard = self.context.term(vocab, value)
                if not standard:
                    return False, None
                step = step or events.get(term)
        return True, step

    def subjects_of(self, objects: list[Any]) -> _Subjects:
        """mapping's containers and vessels of an epcList without parent."""
        containers: list[str] = []
        vessels: list[str] = []
        for epc in objects:
            if type(epc) is not str:
                raise GiveUp
            container, vessel = self.mapper.identify(epc)
            if container is not None:
                if container not in containers:
                    containers.append(container)
            elif vessel is not None and vessel not in vessels:
                vessels.append(vessel)
        if not containers and not vessels:
            raise GiveUp  # no container move: the careful path says so
        return tuple(containers), vessels[0] if vessels else None

    def place_of(self, value: Any) -> Place:
        """A readPoint or bizLocation given by its id alone."""
        return Place(self.context.expand(_place_id(value)))

    def _link(self, value: list[Any], which: int) -> _Link:
        """(bill of lading, first vessel) a bizTransactionList (0), sourceList (1) or
        destinationList (2) names, read as reader._pairs then mapping do; once per list."""
        key = (which, *map(tuple, map(dict.items, value)))  # TypeError when not objects
        found = self._links.get(key)
        if found is None:
            found = self._links[key] = self._link_of(value, *_LISTS[which])
        return found

    def _link_of(self, value: list[Any], id_key: str, vocab: str) -> _Link:
        bill = vessel = None
        for item in value:
            uri = item.get(id_key)
            kind = item.get("type") if uri else None
            if type(uri) is not str or (kind is not None and type(kind) is not str):
                raise GiveUp
            term = self.context.term(vocab, kind)[0] if kind else None
            if bill is None and term == "bol":
                bill = self.mapper.bill(uri)
            if vessel is None:
                vessel = self.mapper.identify(uri)[1]
        return bill, vessel

    def seal_readings(self, listed: list[Any], prefix: str) -> tuple[SealReading, ...]:
        """extensions._seals, each distinct seal read once per document."""
        readings = []
        electronic_key = prefix + "electronic"
        for item in listed:
            electronic = item.get(electronic_key, False)
            if type(electronic) is not bool:  # True == 1: the key alone would not tell them apart
                raise GiveUp
            key = (prefix, *item.items())
            reading = self._seals.get(key)
            if reading is None:  # read_seal raises for whatever the careful path reports
                reading = self._seals[key] = read_seal(item, prefix)
            readings.append(reading)
        return tuple(readings)


def _place_id(value: dict[str, Any]) -> str:
    """The id of a readPoint or bizLocation that holds nothing else."""
    uri = value.get("id")
    if len(value) != 1 or type(uri) is not str:
        raise GiveUp
    return uri
