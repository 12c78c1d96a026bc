"""Equipment move reports (COARRI, CODECO): one event per EQD group.

The message header says what kind of move (BGM document code), where (LOC) and on which vessel
(TDT); each EQD group names the box, its time (DTM), seals, full/empty and status. A time without
a zone is the local time of the place of the move. The per-message
rules (which codes, which LOC and DTM qualifiers) are a ``MoveSpec`` in coarri.py and codeco.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from greenlane.domain.codes import EventType, Severity
from greenlane.domain.records import Event
from greenlane.ingest.edifact.envelope import Message, before, groups
from greenlane.ingest.edifact.equipment import (
    Equipment,
    Header,
    Move,
    check_equipment_count,
    make_event,
    pick_time,
    read_equipment,
    read_header,
)
from greenlane.ingest.edifact.values import Findings, Place


@dataclass(frozen=True, slots=True)
class MoveSpec:
    document_codes: dict[str, EventType]
    """BGM 1001 document code to the event every EQD of the message becomes."""
    status_codes: dict[str, EventType]
    """8249 equipment status that names the move itself, for documents with another code."""
    places: dict[EventType, tuple[tuple[str, str], ...]]
    """Where the move happened: (``equipment`` or ``header``, LOC qualifier), first found wins."""
    times: tuple[tuple[str, str], ...]
    """When: (``equipment`` or ``header``, DTM qualifier), first found wins."""


def _place(
    spec: MoveSpec, event_type: EventType, header: Header, equipment: Equipment
) -> Place | None:
    for level, qualifier in spec.places.get(event_type, ()):
        places = equipment.places if level == "equipment" else header.places
        if qualifier in places:
            return places[qualifier]
    return None


def move_events(
    message: Message, spec: MoveSpec, source_message: str, findings: Findings
) -> list[Event]:
    header = read_header(before(message.body, "EQD"), findings)
    bgm_where = message.header.where
    default_type = spec.document_codes.get(header.document_code)
    if header.function == "1":
        findings.add(
            "edifact.cancellation",
            f"{message.type} {header.document_number} cancels an earlier report; the canonical "
            "model cannot retract events, so none are made",
            "event_type",
            header.function,
            bgm_where,
        )
        return []
    equipment_groups = [read_equipment(group, findings) for group in groups(message.body, "EQD")]
    check_equipment_count(message, len(equipment_groups), header.counts, findings)
    if equipment_groups:
        check_equipment_count(message, len(equipment_groups), equipment_groups[-1].counts, findings)
    events: list[Event] = []
    for equipment in equipment_groups:
        event_type = spec.status_codes.get(equipment.status) or default_type
        if event_type is None:
            findings.add(
                "edifact.document_code",
                f"{message.type} document code {header.document_code or '(none)'} does not say "
                f"which move this is; expected one of {', '.join(spec.document_codes)}",
                "event_type",
                header.document_code,
                equipment.where,
            )
            continue
        sources = [
            (level, equipment.times if level == "equipment" else header.times, (qualifier,))
            for level, qualifier in spec.times
        ]
        place = _place(spec, event_type, header, equipment)
        moment = pick_time(sources, message.prepared_at, place, equipment.where, findings)
        if moment is None:
            continue
        if place is None:
            findings.add(
                "edifact.no_place",
                f"no location says where this {event_type.value} move happened",
                "unlocode",
                None,
                equipment.where,
                Severity.INFO,
            )
        move = Move(event_type, moment, place, header.vessel)
        events.append(
            make_event(message, len(events) + 1, equipment, move, source_message, findings)
        )
    return events
