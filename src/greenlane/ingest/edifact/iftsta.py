"""IFTSTA, international multimodal status report: one event per status (STS) and box.

Layout (D.95B to D.21A): header, then consignments (CNI), each with status groups (STS) holding
their RFF, DTM, LOC, transport groups (TDT with its own LOC/DTM) and equipment groups (EQD, SEL).

What a status means: UN/EDIFACT 4405 has no transport milestones except 146 (transhipped), so
carriers send their own codes with a text (``STS+1+P::HS:Rail Departed from In-Transit Locat``).
A status becomes an event when it is 146 or when its text clearly names a milestone; a text that
speaks of a plan or an absence (estimated, expected, not loaded...) or says nothing known is an
info finding. A code without text is read only when it is one of the six ocean milestones of the
X12 315 status list (AE, VD, VA, UV, I, OA) that carriers and INTTRA reuse in IFTSTA, and an info
finding says so; any other bare carrier code is not guessed at.
"""

from __future__ import annotations

import re

from greenlane.domain.codes import EventType, Severity
from greenlane.domain.records import Event
from greenlane.ingest.edifact.envelope import Message, before, groups
from greenlane.ingest.edifact.equipment import (
    Equipment,
    Header,
    Move,
    make_event,
    pick_time,
    read_equipment,
    read_header,
)
from greenlane.ingest.edifact.syntax import Segment
from greenlane.ingest.edifact.values import (
    Findings,
    Place,
    Stamp,
    Vessel,
    read_dtm,
    read_place,
    read_vessel,
)

_NOT_A_FACT = re.compile(
    r"\b(not|estimated|expected|planned|scheduled|ready|booked|cancel\w*|intended|due|eta|etd)\b",
    re.IGNORECASE,
)
# First match wins: the more specific phrases come before the words they contain.
_TEXT_RULES: tuple[tuple[re.Pattern[str], EventType], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), event_type)
    for pattern, event_type in (
        (r"\bre-?seal", EventType.RESEALED),
        (r"\bseals?\b.*\b(removed|cut|broken)\b|\b(removed|cut)\b.*\bseal", EventType.SEAL_REMOVED),
        (r"\bseals?\b.*\b(check|verif|inspect)", EventType.SEAL_CHECKED),
        (r"\bdoors?\b.*\bopen", EventType.DOOR_OPENED),
        (r"\bdoors?\b.*\bclos", EventType.DOOR_CLOSED),
        (r"\b(discharg|unload|off-?load)", EventType.DISCHARGED),
        (r"\btrans-?s?hip", EventType.TRANSSHIPPED),
        (r"\bgated?[\s-]*in\b|\bin[\s-]*gate", EventType.GATE_IN),
        (r"\bgated?[\s-]*out\b|\bout[\s-]*gate", EventType.GATE_OUT),
        (r"\b(stripp|unstuff|devann)", EventType.STRIPPED),
        (r"\b(stuff|vanned)", EventType.STUFFED),
        (r"\bload", EventType.LOADED),
        (r"\b(depart|sailed)", EventType.DEPARTED),
        (r"\b(arriv|berthed)", EventType.ARRIVED),
        (r"\b(inspect|examin|scann)", EventType.INSPECTED),
    )
)
_UN_LISTS = frozenset({"", "6"})
_STANDARD = {"146": EventType.TRANSSHIPPED}
_X12_315 = {
    "AE": EventType.LOADED,
    "VD": EventType.DEPARTED,
    "VA": EventType.ARRIVED,
    "UV": EventType.DISCHARGED,
    "I": EventType.GATE_IN,
    "OA": EventType.GATE_OUT,
}

# Where the status happened when the STS group names no place of its own.
_TRANSPORT_PLACES = {
    EventType.LOADED: ("9", "5"),
    EventType.DEPARTED: ("5", "9"),
    EventType.DISCHARGED: ("11", "8", "60"),
    EventType.ARRIVED: ("60", "8", "11"),
}
_TIMES = ("334", "203", "7", "178", "186")


def status_event_type(code: str, agency: str, text: str) -> EventType | None:
    """The canonical event a status names, or None when it names none clearly."""
    if agency in _UN_LISTS and code in _STANDARD:
        return _STANDARD[code]
    if not text:
        return _X12_315.get(code.upper())
    if _NOT_A_FACT.search(text):
        return None
    return next((event_type for rule, event_type in _TEXT_RULES if rule.search(text)), None)


def parse_iftsta(message: Message, source_message: str, findings: Findings) -> list[Event]:
    starts = "CNI" if any(s.tag == "CNI" for s in message.body) else "STS"
    header = read_header(before(message.body, starts), findings)
    events: list[Event] = []
    consignments = groups(message.body, "CNI") if starts == "CNI" else [message.body]
    for consignment in consignments:
        lead = before(consignment, "STS")
        refs = dict(header.refs)
        refs.update({s.get(0, 0): s.get(0, 1) for s in lead if s.tag == "RFF"})
        for status in groups(consignment, "STS"):
            for equipment, move in _status_moves(message, header, refs, status, findings):
                n = len(events) + 1
                events.append(make_event(message, n, equipment, move, source_message, findings))
    return events


def _status_moves(
    message: Message,
    header: Header,
    refs: dict[str, str],
    status: list[Segment],
    findings: Findings,
) -> list[tuple[Equipment, Move]]:
    sts = status[0]
    code, agency, text = sts.get(1, 0), sts.get(1, 2), sts.get(1, 3)
    event_type = status_event_type(code, agency, text)
    if event_type is None:
        findings.add(
            "edifact.status_unmapped",
            f"status {code or '(no code)'} {text!r} (list {agency or 'UN'}) names no "
            "milestone greenlane records; no event is made",
            "event_type",
            code,
            sts.where,
            Severity.INFO,
        )
        return []
    if not text and code.upper() in _X12_315:
        findings.add(
            "edifact.status_by_code",
            f"status {code} has no text; read as the X12 315 code for {event_type.value}",
            "event_type",
            code,
            sts.where,
            Severity.INFO,
        )
    own = before(status, "EQD")
    in_status = before(own, "TDT")
    times: dict[str, Stamp] = {}
    for segment in in_status:
        if segment.tag == "DTM":
            qualifier, stamp = read_dtm(segment, findings)
            if stamp is not None:
                times.setdefault(qualifier, stamp)
    local = dict(refs)
    local.update({s.get(0, 0): s.get(0, 1) for s in in_status if s.tag == "RFF"})
    place, vessel = _place_and_vessel(event_type, header, own, in_status)
    sources = [("status", times, _TIMES)]
    moment = pick_time(sources, message.prepared_at, place, sts.where, findings)
    if moment is None:
        return []
    boxes = [read_equipment(group, findings) for group in groups(status, "EQD")]
    if not boxes:
        boxes = [_bare_equipment(sts, local.get("EQ", ""))]
    for box in boxes:
        if local.get("BM"):
            box.refs.setdefault("BM", local["BM"])
    return [(box, Move(event_type, moment, place, vessel)) for box in boxes]


def _place_and_vessel(
    event_type: EventType, header: Header, own: list[Segment], in_status: list[Segment]
) -> tuple[Place | None, Vessel | None]:
    places = [p for p in (read_place(s) for s in in_status if s.tag == "LOC") if p is not None]
    place = next((p for p in places if p.qualifier == "175"), places[0] if places else None)
    vessel: Vessel | None = None
    transport_places: dict[str, Place] = {}
    for segment in own[len(in_status) :]:
        if segment.tag == "TDT":
            found = read_vessel(segment)
            if vessel is None and found.is_vessel:
                vessel = found
        elif segment.tag == "LOC":
            found_place = read_place(segment)
            if found_place is not None:
                transport_places.setdefault(found_place.qualifier, found_place)
    if place is None:
        for qualifier in _TRANSPORT_PLACES.get(event_type, ()):
            place = transport_places.get(qualifier) or header.places.get(qualifier)
            if place is not None:
                break
    return place, vessel or header.vessel


def _bare_equipment(sts: Segment, number: str) -> Equipment:
    """A status about a box named only by RFF+EQ (or about no box at all)."""
    return Equipment(
        segment=sts, qualifier="CN", number=number, size_type=None, status="", full=None
    )
