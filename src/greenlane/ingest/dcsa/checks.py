"""The model's validators on each event, with the values that already passed remembered.

A message repeats the same containers, vessels, ports and seals event after event; checking each
value once per message keeps ingest near the speed of plain JSON parsing. ``validate_event``
stays the judge: an event is only called clean without it when each of its values has passed it
before in an event of the same type. This holds while ``validate_event`` checks each identifier
on its own, as it does; a test compares the two on random events.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from operator import attrgetter

from greenlane.domain.codes import EventType
from greenlane.domain.identifiers import check_container_number, check_imo, check_unlocode
from greenlane.domain.records import DataQualityFinding, Event
from greenlane.domain.validate import check_seal_number, validate_event
from greenlane.ingest.quick import clean_container

_BOX = attrgetter("container_number")
_VESSEL = attrgetter("vessel_imo")
_PLACE = attrgetter("unlocode")
_TYPE = attrgetter("event_type")
_SEALS = attrgetter("seals")
_NUMBER = attrgetter("number")


def event_findings(event: Event, port_terminal: bool, where: str) -> list[DataQualityFinding]:
    """``validate_event``, plus the port table for any move at a place called a port terminal.

    The model checks the port table only for quay moves (load, discharge, arrival, departure);
    the message saying the place is a port terminal makes it a port for gate moves too.
    """
    found = validate_event(event, where=where)
    checked = any(f.field == "unlocode" for f in found)
    if port_terminal and event.unlocode is not None and not checked:
        found += check_unlocode(event.unlocode, "unlocode", where, require_port=True)
    return found


class Checks:
    """One message's memory of values that passed validation."""

    __slots__ = ("_boxes", "_places", "_seals", "_vessels")

    def __init__(self) -> None:
        self._boxes: set[str] = set()
        self._vessels: set[str] = set()
        self._places: set[tuple[str, EventType, bool]] = set()
        self._seals: set[str] = set()

    def clean(self, event: Event, port_terminal: bool) -> bool:
        """True when the event has no findings."""
        box, vessel, place = event.container_number, event.vessel_imo, event.unlocode
        known = (
            (box is None or box in self._boxes)
            and (vessel is None or vessel in self._vessels)
            and (place is None or (place, event.event_type, port_terminal) in self._places)
            and all(seal.number in self._seals for seal in event.seals)
        )
        if known:
            return True
        if event_findings(event, port_terminal, ""):
            return False
        if box is not None:
            self._boxes.add(box)
        if vessel is not None:
            self._vessels.add(vessel)
        if place is not None:
            self._places.add((place, event.event_type, port_terminal))
        self._seals.update(seal.number for seal in event.seals)
        return True


def all_clean(events: Sequence[Event], port_terminals: Sequence[bool]) -> bool:
    """True when no event has findings: the checks of ``validate_event`` (and the port table
    for port terminals, as ``event_findings``) run once on each distinct container number,
    IMO number, place (with its event type and port terminal flag) and seal number."""
    if not events:
        return True
    for box in dict.fromkeys(map(_BOX, events)):
        if box is not None and not clean_container(box) and check_container_number(box):
            return False
    for imo in dict.fromkeys(map(_VESSEL, events)):
        if imo is not None and check_imo(imo):
            return False
    at = events[0].occurred_at
    for place in dict.fromkeys(map(_PLACE, events)):
        # A known port passes the stricter check, so it passes whatever the event type.
        if place is None or not check_unlocode(place, require_port=True):
            continue
        triples = zip(map(_PLACE, events), map(_TYPE, events), port_terminals, strict=True)
        for where, kind, port_terminal in dict.fromkeys(triples):
            probe = Event("", kind, at, unlocode=where)
            if where == place and event_findings(probe, port_terminal, ""):
                return False
    numbers = dict.fromkeys(map(_NUMBER, chain.from_iterable(map(_SEALS, events))))
    return not any(map(check_seal_number, numbers))
