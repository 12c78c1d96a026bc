"""COARRI, container discharge/loading report (SMDG message implementation guides).

BGM 1001: 44 discharge report and 46 loading report in SMDG's D.95B guides; 119 (transport
discharge report) and 122 (transport loading report) in later directories. Reports with another
code still say the move per box when EQD 8249 is 22 (loaded) or 23 (unloaded).

Place: the header LOC+11 (discharge) or LOC+9 (loading) with the terminal in C519, else the same
qualifier in the EQD group. LOC+147 is the stowage cell, never a place. Time: DTM+203 of the EQD
group (action date/time), else the header DTM+203, else the document date DTM+137.
"""

from __future__ import annotations

from greenlane.domain.codes import EventType
from greenlane.domain.records import Event
from greenlane.ingest.edifact.envelope import Message
from greenlane.ingest.edifact.moves import MoveSpec, move_events
from greenlane.ingest.edifact.values import Findings

SPEC = MoveSpec(
    document_codes={
        "44": EventType.DISCHARGED,
        "119": EventType.DISCHARGED,
        "46": EventType.LOADED,
        "122": EventType.LOADED,
    },
    status_codes={"22": EventType.LOADED, "23": EventType.DISCHARGED},
    places={
        EventType.DISCHARGED: (("header", "11"), ("equipment", "11"), ("header", "5")),
        EventType.LOADED: (("header", "9"), ("equipment", "9"), ("header", "5")),
    },
    times=(("equipment", "203"), ("header", "203"), ("header", "137")),
)


def parse_coarri(message: Message, source_message: str, findings: Findings) -> list[Event]:
    return move_events(message, SPEC, source_message, findings)
