"""COPRAR, container discharge/loading order: a plan, so no event; its identifiers are checked.

A loading list says what a terminal is asked to load, not what happened. Its boxes and vessel are
still checked, because a wrong number in the order is the same wrong number in the report later.
"""

from __future__ import annotations

from greenlane.domain.codes import Severity
from greenlane.domain.identifiers import check_container_number, check_imo
from greenlane.domain.records import Event
from greenlane.ingest.edifact.envelope import Message, before, groups
from greenlane.ingest.edifact.equipment import check_equipment_count, read_equipment, read_header
from greenlane.ingest.edifact.values import Findings


def parse_coprar(message: Message, source_message: str, findings: Findings) -> list[Event]:
    header = read_header(before(message.body, "EQD"), findings)
    if header.vessel is not None and header.vessel.imo:
        findings.extend(check_imo(header.vessel.imo, "vessel_imo", header.vessel.where))
    boxes = [read_equipment(group, findings) for group in groups(message.body, "EQD")]
    for box in boxes:
        findings.extend(check_container_number(box.number, "container_number", box.where))
    check_equipment_count(message, len(boxes), header.counts, findings)
    if boxes:
        check_equipment_count(message, len(boxes), boxes[-1].counts, findings)
    findings.add(
        "edifact.order_not_event",
        f"COPRAR {header.document_number or message.reference} is an order for "
        f"{len(boxes)} box(es), not a report of moves; no event is made",
        "event_type",
        header.document_code,
        message.header.where,
        Severity.INFO,
    )
    return []
