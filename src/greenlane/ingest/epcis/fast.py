"""The fast path: a plain ObjectEvent on containers, read straight into canonical events.

Ingest must keep up with plain JSON parsing, and the careful reader (reader.py) builds an
EPCIS-level record with a JSON pointer for every part before mapping.py gives it meaning. Most
events are plain: an ObjectEvent with standard vocabulary, places given by id alone, containers
in its epcList and valid greenlane extensions. Those are read here into the records mapping.py
would make, with the work done once per distinct value of a document wherever values repeat:
the event's key sequence (which fields it has, and so the JSON type each must have), its
bizStep and disposition, its EPCs, its places, its business transactions, sources and
destinations, and its seals. Each cache is keyed by the values as written, so a hit is the same
input; only values that read cleanly are remembered.

Anything the careful reader or the mapper would report (a wrong type, a time without offset, a
bizStep outside the CBV, an invalid extension, an event that is no container milestone) or treat
specially (a parent, child or input/output EPCs, sensors, an error declaration, an event-level
@context, place extension fields) makes this path give up and return None; the careful reader
and the mapper then read the event again and name the place. Giving up is always safe;
accepting is only allowed where the careful path makes the same records and no finding of its
own, which a property test checks. Validation findings are the mapper's, for both paths.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

from greenlane.domain.codes import EventType
from greenlane.domain.records import Event, SealReading
from greenlane.ingest.epcis.extensions import KINDS, read_seal
from greenlane.ingest.epcis.mapping import BIZ_STEP_EVENTS, DISPOSITION_EVENTS, SOURCE, Mapper
from greenlane.ingest.epcis.model import Place
from greenlane.ingest.epcis.reader import ACTIONS
from greenlane.ingest.epcis.vocab import Context

# Keys whose presence sends an event to the careful reader: what they mean is its business.
_CAREFUL_KEYS = frozenset(
    {
        "@context",
        "parentID",
        "childEPCs",
        "inputEPCList",
        "outputEPCList",
        "sensorElementList",
        "errorDeclaration",
    }
)
# The standard fields read, in the order _read unpacks them, with the one JSON type each may
# have here; the first five must be there.
_FIELDS: tuple[tuple[str, type], ...] = (
    ("type", str),
    ("action", str),
    ("eventID", str),
    ("eventTime", str),
    ("epcList", list),
    ("bizStep", str),
    ("disposition", str),
    ("bizLocation", dict),
    ("readPoint", dict),
    ("bizTransactionList", list),
    ("sourceList", list),
    ("destinationList", list),
)
_REQUIRED = 5
# The greenlane extension fields (vocab.EXTENSION_FIELDS), in the order _read unpacks them.
EXTENSIONS = (
    *("eventType", "eventId", "vesselIMO", "vesselName", "voyage", "full", "seals"),
    "transshipment",
)
_NOWHERE = object()
"""A key no JSON object has: what an absent extension field is read with."""

_EVENT_TYPES = {t.value: t for t in EventType}
_GIVE_UP = (LookupError, TypeError, ValueError, AttributeError, OverflowError)
_LISTS = (
    ("bizTransaction", "bizTransactionType"),
    ("source", "sourceDestType"),
    ("destination", "sourceDestType"),
)

_Located = tuple[str | None, str | None, str | None]
_Subjects = tuple[tuple[str, ...], str | None]
"""(containers, in order and once each; the first vessel) of an epcList."""
_Link = tuple[str | None, str | None]
"""(bill of lading, vessel) a list of business transactions, sources or destinations names."""
_NO_LINK: _Link = (None, None)


class _GiveUp(Exception):
    """The careful reader must take over."""


class _Shape(NamedTuple):
    """What an event's key sequence says, worked out once per distinct sequence of a document."""

    keys: tuple[object, ...]
    """The keys to read, standard then extension fields (``_NOWHERE`` for one absent)."""
    types: tuple[type, ...]
    """The JSON type each must have (NoneType for one absent)."""
    prefix: str
    """How the event writes greenlane keys (``greenlane:``), for the keys inside a seal."""


_UNSEEN = _Shape((), (), "")
"""The shape of a key sequence not met yet in the document."""


class FastReader:
    """Reads the plain events of one document (one context) for one mapper."""

    def __init__(self, context: Context, mapper: Mapper) -> None:
        self.context = context
        self.mapper = mapper
        self.source_message = mapper.source_message
        self._shapes: dict[tuple[str, ...], _Shape | None] = {}
        self._steps: dict[tuple[str | None, str | None], tuple[bool, EventType | None]] = {}
        self._subjects: dict[tuple[str, ...], _Subjects] = {}
        self._places: dict[tuple[Any, Any], _Located] = {}
        self._links: dict[tuple[Any, ...], _Link] = {}
        self._seals: dict[tuple[Any, ...], SealReading] = {}

    def read(self, raw: Any) -> tuple[Event, ...] | None:
        """The canonical events of a plain event; None when the careful path must read it."""
        if type(raw) is not dict:
            return None
        keys = tuple(raw)
        shape = self._shapes.get(keys, _UNSEEN)
        if shape is _UNSEEN:
            shape = self._shapes[keys] = self._shape(keys)
        if shape is None:
            return None
        try:
            return self._read(raw, shape)
        except (_GiveUp, *_GIVE_UP):
            return None

    def _shape(self, keys: tuple[str, ...]) -> _Shape | None:
        present = set(keys)
        if not _CAREFUL_KEYS.isdisjoint(present):
            return None
        if not all(key in present for key, _ in _FIELDS[:_REQUIRED]):
            return None
        read: list[object] = [key for key, _ in _FIELDS]
        types = [kind if key in present else type(None) for key, kind in _FIELDS]
        found = [(key, name) for key, name in self.context.ext_keys.items() if key in present]
        by_name = {name: key for key, name in found}  # the reader's: a later key wins
        for name in EXTENSIONS:
            key = by_name.get(name)
            read.append(_NOWHERE if key is None else key)
            types.append(type(None) if key is None else KINDS[name][0])
        prefix = found[-1][0][: -len(found[-1][1])] if found else ""
        return _Shape(tuple(read), tuple(types), prefix)

    def _read(self, raw: dict[Any, Any], shape: _Shape) -> tuple[Event, ...] | None:
        values: tuple[Any, ...] = tuple(map(raw.get, shape.keys))
        if tuple(map(type, values)) != shape.types:  # a wrong or null value: careful path
            return None
        (kind, action, event_id, when, objects, biz_step, disposition, biz_location, read_point,
         transactions, sources, destinations,
         type_name, ext_id, ext_imo, vessel_name, voyage, full, listed, transshipment,
         ) = values  # fmt: skip
        if kind != "ObjectEvent" or action not in ACTIONS or not event_id:
            return None
        moment = datetime.fromisoformat(when)
        if moment.tzinfo is None:
            return None
        standard, step = self.milestone(biz_step, disposition)
        if not standard:
            return None
        event_type = step if type_name is None else _EVENT_TYPES[type_name]
        if event_type is None:
            return None  # no milestone: the careful path says so
        containers, vessel = self.subjects(objects)
        unlocode, facility, place_vessel = self.place(biz_location, read_point)
        bill, vessel_elsewhere = self.links(transactions, sources, destinations)
        seals = () if listed is None else self.seal_readings(listed, shape.prefix)
        # mapping's ``or`` chain: the last term is the result when all are falsy
        vessel = ext_imo or vessel or place_vessel or vessel_elsewhere
        base_id = ext_id or event_id
        # In the field order of Event, after its id, type, time and container.
        rest = (unlocode, facility, vessel, vessel_name, voyage, bill, full, seals,
                transshipment is True, SOURCE, self.source_message)  # fmt: skip
        occurred_at = moment.astimezone(UTC)
        if len(containers) == 1:
            return (Event(base_id, event_type, occurred_at, containers[0], *rest),)
        if not containers:  # the vessel itself moves (departing, arriving)
            return (Event(base_id, event_type, occurred_at, None, *rest),)
        return tuple(Event(f"{base_id}#{c}", event_type, occurred_at, c, *rest) for c in containers)

    # --- the parts of an event, each read once per distinct value ------------------------------
    # Each raises (_GiveUp, LookupError, TypeError...) where the careful path must read the
    # event; the typed path (typed_records.py) reads the parts of an event through them too.

    def milestone(
        self, biz_step: str | None, disposition: str | None
    ) -> tuple[bool, EventType | None]:
        """(both standard, the event type they give)."""
        why = (biz_step, disposition)
        found = self._steps.get(why)
        if found is None:
            found = self._steps[why] = self._milestone(biz_step, disposition)
        return found

    def subjects(self, objects: list[Any]) -> _Subjects:
        """The containers and the first vessel of an epcList."""
        key = tuple(objects)
        found = self._subjects.get(key)
        if found is None:
            found = self._subjects[key] = self._subjects_of(objects)
        return found

    def place(
        self, biz_location: dict[str, Any] | None, read_point: dict[str, Any] | None
    ) -> _Located:
        """(UN/LOCODE, facility, vessel) of a bizLocation and readPoint (objects or None)."""
        places = (
            None if biz_location is None else tuple(biz_location.items()),
            None if read_point is None else tuple(read_point.items()),
        )
        found = self._places.get(places)
        if found is None:
            found = self._places[places] = self._located(biz_location, read_point)
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

    def _subjects_of(self, objects: list[Any]) -> _Subjects:
        """mapping's containers and vessels of an epcList without parent."""
        containers: list[str] = []
        vessels: list[str] = []
        for epc in objects:
            if type(epc) is not str:
                raise _GiveUp
            container, vessel = self.mapper.identify(epc)
            if container is not None:
                if container not in containers:
                    containers.append(container)
            elif vessel is not None and vessel not in vessels:
                vessels.append(vessel)
        if not containers and not vessels:
            raise _GiveUp  # no container move: the careful path says so
        return tuple(containers), vessels[0] if vessels else None

    def _located(self, biz_location: Any, read_point: Any) -> _Located:
        """The mapper's place of a bizLocation and readPoint given by their id alone."""
        return self.mapper.located(
            None if biz_location is None else self.place_of(biz_location),
            None if read_point is None else self.place_of(read_point),
        )

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
                raise _GiveUp
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
                raise _GiveUp
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
        raise _GiveUp
    return uri
