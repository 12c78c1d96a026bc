"""BAPLIE, bayplan/stowage plan occupied and empty locations (SMDG BAPLIE 2.x and 3.x).

A BAPLIE is a snapshot: the boxes on board when the vessel leaves the port in the header LOC+5,
each with its stowage cell (LOC+147), port of loading (LOC+9) and discharge (LOC+11 or +12).

Choice made here: a box whose port of loading is the port just left was loaded there during this
call, so it becomes a ``loaded`` event at that port, on the vessel, with facility
``BAPLIE stowage`` to say the event is read from a stowage plan, not reported by the terminal.
Its time is the actual departure (DTM+136), else the document date (DTM+137), local time at the
port left unless the DTM names a zone, else the interchange time: the latest moment the load can
have happened, never an invented earlier one.
Boxes loaded at earlier ports (remaining on board) make no event: their load time is not in the
message and an event at the wrong time would mislead the journey. Their numbers are still checked.
"""

from __future__ import annotations

from dataclasses import replace

from greenlane.domain.codes import EventType, Severity
from greenlane.domain.identifiers import check_container_number
from greenlane.domain.records import Event
from greenlane.ingest.edifact.envelope import Message
from greenlane.ingest.edifact.equipment import (
    Move,
    make_event,
    pick_time,
    read_equipment,
    read_header,
)
from greenlane.ingest.edifact.syntax import Segment
from greenlane.ingest.edifact.values import Findings, Place

FACILITY = "BAPLIE stowage"


def _stowage_groups(body: list[Segment]) -> tuple[list[Segment], list[list[Segment]]]:
    """Header and container groups; a group starts at LOC+147 (2.x) or at EQD (3.x)."""
    header: list[Segment] = []
    found: list[list[Segment]] = []
    current: list[Segment] | None = None
    for segment in body:
        is_cell = segment.tag == "LOC" and segment.get(0) == "147"
        is_box = segment.tag == "EQD"
        if current is None and not (is_cell or is_box):
            header.append(segment)
            continue
        if (
            current is None
            or (is_cell and any(s.tag == "LOC" and s.get(0) == "147" for s in current))
            or (is_box and any(s.tag == "EQD" for s in current))
        ):
            current = []
            found.append(current)
        current.append(segment)
    return header, found


def parse_baplie(message: Message, source_message: str, findings: Findings) -> list[Event]:
    header_segments, stowage = _stowage_groups(message.body)
    header = read_header(header_segments, findings)
    departure = header.places.get("5")
    vessel = header.vessel
    if vessel is not None and vessel.voyage is None and header.refs.get("VON"):
        vessel = replace(vessel, voyage=header.refs["VON"])
    events: list[Event] = []
    remaining = 0
    for group in stowage:
        eqd_at = next((i for i, s in enumerate(group) if s.tag == "EQD"), None)
        if eqd_at is None:
            continue  # an empty cell
        box_segments = [group[eqd_at], *group[:eqd_at], *group[eqd_at + 1 :]]
        box = read_equipment(box_segments, findings)
        loaded_at = box.places.get("9")
        if departure is None or loaded_at is None or loaded_at.code != departure.code:
            remaining += 1
            findings.extend(check_container_number(box.number, "container_number", box.where))
            continue
        place = Place(loaded_at.qualifier, loaded_at.code, FACILITY, loaded_at.where)
        sources = [("header", header.times, ("136", "137"))]
        moment = pick_time(sources, message.prepared_at, place, box.where, findings)
        if moment is None:
            continue
        move = Move(EventType.LOADED, moment, place, vessel)
        events.append(make_event(message, len(events) + 1, box, move, source_message, findings))
    if remaining:
        port = departure.code if departure else "(no LOC+5 in the header)"
        findings.add(
            "edifact.baplie_on_board",
            f"{remaining} box(es) on board were not loaded at {port}; a stowage plan does not "
            "say when they were loaded, so they make no event",
            "event_type",
            str(remaining),
            message.header.where,
            Severity.INFO,
        )
    return events
