"""The model's validators on each event, with the values that already passed remembered.

A message repeats the same containers, vessels, ports and seals event after event; checking each
value once per message keeps ingest near the speed of plain JSON parsing. ``validate_event``
stays the judge: an event is only called clean without it when each of its values has passed it
before in an event of the same type. This holds while ``validate_event`` checks each identifier
on its own, as it does; a test compares the two on random events.
"""

from __future__ import annotations

from greenlane.model.codes import EventType
from greenlane.model.identifiers import check_unlocode
from greenlane.model.records import DataQualityFinding, Event
from greenlane.model.validate import validate_event


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
