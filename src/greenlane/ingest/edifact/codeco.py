"""CODECO, container gate-in/gate-out report (SMDG CODECO message implementation guide).

BGM 1001: 34 gate-in report and 36 gate-out report in SMDG's D.95B guide; 109 (transport movement
gate in report) and 111 (gate out report) in later directories.

Place: LOC+165, SMDG's qualifier for the terminal or depot reporting the move (in the EQD group or
the header), else LOC+175 (activity location); for export boxes gated in without either, the
port of loading LOC+9, for import boxes gated out, the port of discharge LOC+11. Time: DTM+7
(effective date/time, the gate time in SMDG usage) of the EQD group, else its DTM+203, else the
header's, else the document date DTM+137.
"""

from __future__ import annotations

from greenlane.domain.codes import EventType
from greenlane.domain.records import Event
from greenlane.ingest.edifact.envelope import Message
from greenlane.ingest.edifact.moves import MoveSpec, move_events
from greenlane.ingest.edifact.values import Findings

_GATE_PLACES = (
    ("equipment", "165"),
    ("header", "165"),
    ("equipment", "175"),
    ("header", "175"),
)

SPEC = MoveSpec(
    document_codes={
        "34": EventType.GATE_IN,
        "109": EventType.GATE_IN,
        "36": EventType.GATE_OUT,
        "111": EventType.GATE_OUT,
    },
    status_codes={},
    places={
        EventType.GATE_IN: (*_GATE_PLACES, ("equipment", "9"), ("header", "9")),
        EventType.GATE_OUT: (*_GATE_PLACES, ("equipment", "11"), ("header", "11")),
    },
    times=(
        ("equipment", "7"),
        ("equipment", "203"),
        ("header", "7"),
        ("header", "203"),
        ("header", "137"),
    ),
)


def parse_codeco(message: Message, source_message: str, findings: Findings) -> list[Event]:
    return move_events(message, SPEC, source_message, findings)
