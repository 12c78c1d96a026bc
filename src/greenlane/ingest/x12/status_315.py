"""X12 315 Status Details (Ocean): one container status per transaction set, one Event.

B4 carries the status (B4-03), when (B4-04/05), the box (B4-07/08 + check digit B4-13), empty or
loaded (B4-09) and the status location (B4-11/12). N9 gives references (BM bill of lading, EQ
equipment, SN seal), Q2 the vessel (Q2-01 code, Q2-12 qualifier L = Lloyd's/IMO, Q2-09 voyage,
Q2-13 name) and R4 the ports of the shipment (function 5 = where the activity happened, L, D, E,
T transshipment...).

B4-04/05 has no time code of its own: it is the local time of the place of the move, unless a DTM
of the set (DTM-04, in an R4 loop) gives the same date and time with a code, which then holds.
"""

from __future__ import annotations

from datetime import datetime

from greenlane.domain.codes import EventType, Severity
from greenlane.domain.records import Event, SealReading
from greenlane.domain.validate import validate_event
from greenlane.ingest.base import parse_error
from greenlane.ingest.x12 import codes
from greenlane.ingest.x12.common import Output, Places, vessel_imo
from greenlane.ingest.x12.envelope import FORMAT, Segment, Transaction
from greenlane.ingest.x12.values import (
    check_digit_conflict,
    equipment_number,
    finding,
    is_unlocode,
    located,
    wall_clock,
    zoned_moment,
)


def _squash(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch not in " -")


def _location(
    tx: Transaction, b4: Segment, ports: list[Segment], event_type: EventType, places: Places
) -> tuple[str | None, str | None]:
    """UN/LOCODE and facility of the move, most specific source first."""
    facility = b4.get(6) or None  # B4-06: the carrier's terminal code
    activity = next((r4 for r4 in ports if r4.get(1) == "5"), None)
    candidates: list[tuple[Segment, int, int]] = []  # segment, qualifier element, code element
    if activity is not None:
        candidates.append((activity, 2, 3))
    if b4.get(11):
        candidates.append((b4, 12, 11))
    for function in codes.EVENT_PORT_FUNCTIONS.get(event_type, ()):
        candidates += [(r4, 2, 3) for r4 in ports if r4.get(1) == function]
    for seg, qualifier, element in candidates:
        code = seg.get(element)
        if seg.get(qualifier) == "UN" or (not seg.get(qualifier) and is_unlocode(code)):
            places["unlocode"] = tx.place(seg, element)
            if seg.tag == "R4" and seg.get(6):
                facility = facility or seg.get(6)
            return code, facility
    if b4.get(11):  # a city or a carrier's own code: keep the place as written
        facility = facility or b4.get(11)
    return None, facility


def _time_code(wall: datetime, dates: list[Segment]) -> str:
    """B4 has no time code; a DTM of the set (the R4 loop's, DTM-04) repeating B4's date and
    time gives the code that moment was written in."""
    for dtm in dates:
        if dtm.get(4) and wall_clock(dtm.get(2), dtm.get(3)) == wall:
            return dtm.get(4)
    return ""


def read_315(tx: Transaction, source_message: str) -> Output:
    out = Output()
    b4 = next((seg for seg in tx.body if seg.tag == "B4"), None)
    if b4 is None:
        raise parse_error(
            FORMAT,
            "315 has no B4 segment",
            where=tx.place(tx.st),
            expected="B4 (beginning segment for inquiry or reply) after ST",
        )
    status = b4.get(3)
    if not status:
        raise parse_error(
            FORMAT,
            "315 B4 has no shipment status code",
            where=tx.place(b4, 3),
            expected="B4-03 shipment status code (e.g. AE, VD, VA, UV, I, OA)",
        )
    event_type = codes.STATUS_EVENTS.get(status)
    if event_type is None:
        words = codes.STATUS_WORDS.get(status)
        what = f"status {status!r} ({words})" if words else f"unknown status code {status!r}"
        out.findings.append(
            finding(
                "x12.status_not_an_event",
                f"{what} is not a container move greenlane records as an event",
                "event_type",
                tx.place(b4, 3),
                status,
            )
        )
        return out
    wall = wall_clock(b4.get(4), b4.get(5))
    if wall is None:
        raise parse_error(
            FORMAT,
            f"status date {b4.get(4)!r} and time {b4.get(5)!r} do not read",
            where=tx.place(b4, 4 if wall_clock(b4.get(4)) is None else 5),
            expected="B4-04 date CCYYMMDD and B4-05 time HHMM",
        )

    places: Places = {}
    initial, serial, check = b4.get(7), b4.get(8), b4.get(13)
    container = equipment_number(initial, serial, check)
    if container is not None:
        uses_check = bool(check) and len(serial) == 6
        places["container_number"] = tx.place(b4, 13 if uses_check else 8)
    if check_digit_conflict(serial, check):
        out.findings.append(
            finding(
                "x12.check_digit_element",
                f"equipment number {initial}{serial} ends in {serial[-1]} but B4-13 gives check "
                f"digit {check}",
                "container_number",
                tx.place(b4, 13),
                check,
                Severity.WARNING,
            )
        )

    bill: str | None = None
    seals: list[SealReading] = []
    vessel: Segment | None = None
    ports: list[Segment] = []
    dates: list[Segment] = []
    for seg in tx.body:
        if seg.tag == "N9":
            qualifier, value = seg.get(1), seg.get(2)
            if qualifier in ("BM", "MB") and value and (bill is None or qualifier == "BM"):
                bill = value
            elif qualifier == "SN" and value:
                places[f"seals[{len(seals)}]"] = tx.place(seg, 2)
                seals.append(SealReading(value))
            elif qualifier == "EQ" and value and container and _squash(value) != _squash(container):
                out.findings.append(
                    finding(
                        "x12.equipment_mismatch",
                        f"N9*EQ names {value!r} but B4 names {container!r}",
                        "container_number",
                        tx.place(seg, 2),
                        value,
                        Severity.WARNING,
                    )
                )
        elif seg.tag == "Q2" and vessel is None:
            vessel = seg
        elif seg.tag == "R4":
            ports.append(seg)
        elif seg.tag == "DTM":
            dates.append(seg)

    imo = name = voyage = None
    if vessel is not None:
        imo = vessel_imo(vessel.get(1), vessel.get(12))
        name, voyage = vessel.get(13) or None, vessel.get(9) or None
        if imo:
            places["vessel_imo"] = tx.place(vessel, 1)
    unlocode, facility = _location(tx, b4, ports, event_type, places)
    value = f"{b4.get(4)} {b4.get(5)}".strip()
    occurred_at, found = zoned_moment(
        wall, _time_code(wall, dates), unlocode, "occurred_at", value, tx.place(b4, 4)
    )
    out.findings += found
    transshipment = unlocode is not None and any(
        r4.get(1) == "T" and r4.get(3) == unlocode for r4 in ports
    )
    event = Event(
        event_id=f"{tx.sender}:{tx.interchange_control}:{tx.control}:1",
        event_type=event_type,
        occurred_at=occurred_at,
        container_number=container,
        unlocode=unlocode,
        facility=facility,
        vessel_imo=imo,
        vessel_name=name,
        voyage=voyage,
        bill_of_lading=bill,
        full=codes.EQUIPMENT_FULL.get(b4.get(9)),
        seals=tuple(seals),
        transshipment=transshipment,
        source=FORMAT,
        source_message=source_message,
    )
    out.events.append(event)
    out.findings += located(validate_event(event), places, tx.place(b4))
    return out
