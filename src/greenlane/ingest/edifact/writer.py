"""Canonical events out as UN/EDIFACT interchanges (for the world generator and partner exchange).

* ``write_coarri``: loaded and discharged events, one COARRI per (move, vessel, voyage, place), in
  the SMDG D.95B layout the samples use (BGM 44/46, TDT+20, LOC+11/9 with the terminal, EQD with
  DTM+203 and SEL).
* ``write_codeco``: gate_in and gate_out events, one CODECO per (move, vessel, voyage), place per
  box in LOC+165 and the gate time in DTM+7 (SMDG CODECO guide, BGM 34/36).
* ``write_iftsta``: any event, one STS per event, the milestone in the status text (the adapter
  reads carrier statuses by their text), place in LOC+175, time in DTM+334.
* ``write_events``: all of them in one interchange, each event in the message that suits it.

What EDIFACT cannot carry is lost: seal class, electronic flag and seal type code, the original
event id and source. Times are written to the minute in UTC and say so (DTM format 303, zone
UTC). Output uses a UNA advice, one segment per line, syntax UNOC (ISO 8859-1) or UNOY (UTF-8)
when a value needs more than Latin-1.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from pydifact.control.characters import Characters
from pydifact.segments import Segment as PydifactSegment
from pydifact.serializer import Serializer

from greenlane.domain.codes import EventType, SealCondition
from greenlane.domain.records import Event
from greenlane.ingest.edifact.values import SEAL_CONDITION_CODE, SEALING_PARTY_CODE

Element = str | list[str]

_CHARACTERS = ":+.? '"
_FACILITY_CODE = re.compile(r"[A-Z0-9]{1,25}")
_MOVES = {EventType.LOADED: "46", EventType.DISCHARGED: "44"}
_GATES = {EventType.GATE_IN: "34", EventType.GATE_OUT: "36"}
_STATUS = {
    EventType.STUFFED: ("STF", "Container stuffed"),
    EventType.STRIPPED: ("STR", "Container stripped"),
    EventType.GATE_IN: ("GTI", "Gate in"),
    EventType.GATE_OUT: ("GTO", "Gate out"),
    EventType.LOADED: ("LOD", "Loaded on vessel"),
    EventType.DISCHARGED: ("DIS", "Discharged from vessel"),
    EventType.TRANSSHIPPED: ("TSH", "Transshipped"),
    EventType.DEPARTED: ("DEP", "Vessel departed"),
    EventType.ARRIVED: ("ARR", "Vessel arrived"),
    EventType.INSPECTED: ("INS", "Inspected"),
    EventType.SEAL_CHECKED: ("SCK", "Seal checked"),
    EventType.SEAL_REMOVED: ("SRM", "Seal removed"),
    EventType.RESEALED: ("RSL", "Resealed"),
    EventType.DOOR_OPENED: ("DOP", "Door opened"),
    EventType.DOOR_CLOSED: ("DCL", "Door closed"),
}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M")


def _segment(tag: str, *elements: Element | None) -> PydifactSegment:
    """A pydifact segment without the trailing empty elements EDIFACT leaves out."""
    items: list[Element] = [e if e is not None else "" for e in elements]
    while items and items[-1] in ("", []):
        items.pop()
    return PydifactSegment(tag, *items)


def _dtm(qualifier: str, moment: datetime) -> PydifactSegment:
    # UTC named in the value (2379 format 303, CCYYMMDDHHMMZZZ): a partner reads the same instant
    # whatever its own port table says and in the hour a change of clocks repeats, where a bare
    # local 203 time would depend on both.
    return _segment("DTM", [qualifier, _stamp(moment) + "UTC", "303"])


def _vessel(event: Event) -> PydifactSegment | None:
    if not (event.vessel_imo or event.vessel_name or event.voyage):
        return None
    ident: Element = ""
    if event.vessel_imo:
        ident = [event.vessel_imo, "146", "11", event.vessel_name or ""]
    elif event.vessel_name:
        ident = ["", "", "", event.vessel_name]
    return _segment("TDT", "20", event.voyage, "1", "", "", "", "", ident)


def _place(qualifier: str, event: Event) -> PydifactSegment | None:
    if not event.unlocode:
        return None
    related: Element = ""
    if event.facility and _FACILITY_CODE.fullmatch(event.facility):
        related = [event.facility, "TER", "ZZZ"]  # a terminal code (SMDG, BIC or own)
    elif event.facility:
        related = ["", "", "", event.facility]  # a name goes in 3222, not the an..25 code
    return _segment("LOC", qualifier, [event.unlocode, "139", "6"], related)


def _equipment(event: Event, status: str) -> list[PydifactSegment]:
    full = "" if event.full is None else ("5" if event.full else "4")
    out = [_segment("EQD", "CN", event.container_number, "", "", status, full)]
    if event.bill_of_lading:
        out.append(_segment("RFF", ["BM", event.bill_of_lading]))
    return out


def _seals(event: Event) -> list[PydifactSegment]:
    out = []
    for seal in event.seals:
        party = SEALING_PARTY_CODE[seal.affixed_by] if seal.affixed_by else ""
        condition = ""
        if seal.condition is SealCondition.TAMPER_ALERT:
            condition = "5"  # 4517 has no tamper alert; faulty electronic seal is nearest
        elif seal.condition is not SealCondition.INTACT:
            condition = SEAL_CONDITION_CODE[seal.condition]
        out.append(_segment("SEL", seal.number, party, condition))
    return out


def _status(event: Event, default: str) -> str:
    return "6" if event.transshipment else default


def _group_key(event: Event) -> tuple[str, ...]:
    return (
        event.event_type.value,
        event.vessel_imo or "",
        event.vessel_name or "",
        event.voyage or "",
    )


def _grouped(events: Iterable[Event], with_place: bool) -> list[list[Event]]:
    found: dict[tuple[str, ...], list[Event]] = {}
    for event in events:
        key = _group_key(event)
        if with_place:
            key += (event.unlocode or "", event.facility or "")
        found.setdefault(key, []).append(event)
    return list(found.values())


def _coarri(batch: Sequence[Event], number: str) -> list[PydifactSegment]:
    first = batch[0]
    code = _MOVES[first.event_type]
    qualifier = "11" if first.event_type is EventType.DISCHARGED else "9"
    body = [_segment("BGM", code, number, "9"), _vessel(first), _place(qualifier, first)]
    default_status = "3" if first.event_type is EventType.DISCHARGED else "2"
    for event in batch:
        body += _equipment(event, _status(event, default_status))
        body += [_dtm("203", event.occurred_at), *_seals(event)]
    body.append(_segment("CNT", ["16", str(len(batch))]))
    return [s for s in body if s is not None]


def _codeco(batch: Sequence[Event], number: str) -> list[PydifactSegment]:
    first = batch[0]
    body = [_segment("BGM", _GATES[first.event_type], number, "9"), _vessel(first)]
    default_status = "2" if first.event_type is EventType.GATE_IN else "3"
    for event in batch:
        body += _equipment(event, _status(event, default_status))
        body += [_dtm("7", event.occurred_at), _place("165", event), *_seals(event)]
    body.append(_segment("CNT", ["16", str(len(batch))]))
    return [s for s in body if s is not None]


def _iftsta(batch: Sequence[Event], number: str) -> list[PydifactSegment]:
    body: list[PydifactSegment | None] = [_segment("BGM", "23", number, "9")]
    for n, event in enumerate(batch, start=1):
        code, text = _STATUS[event.event_type]
        body += [_segment("CNI", str(n)), _segment("STS", "1", [code, "", "ZZZ", text])]
        if event.bill_of_lading:
            body.append(_segment("RFF", ["BM", event.bill_of_lading]))
        body += [_dtm("334", event.occurred_at), _place("175", event), _vessel(event)]
        if event.container_number:
            body += _equipment(event, _status(event, ""))
            body += _seals(event)
    return [s for s in body if s is not None]


_BUILDERS = {
    "COARRI": (_coarri, "D:95B"),
    "CODECO": (_codeco, "D:95B"),
    "IFTSTA": (_iftsta, "D:00B"),
}


def _kind(event: Event) -> str:
    if event.container_number and event.event_type in _MOVES:
        return "COARRI"
    if event.container_number and event.event_type in _GATES:
        return "CODECO"
    return "IFTSTA"


def _interchange(
    messages: list[tuple[str, list[Event]]],
    sender: str,
    recipient: str,
    control_ref: str | None,
    prepared_at: datetime | None,
) -> bytes:
    every = [e for _, batch in messages for e in batch]
    if control_ref is None:
        digest = hashlib.sha256("|".join(e.event_id for e in every).encode()).hexdigest()
        control_ref = str(int(digest[:12], 16))[:14]
    if prepared_at is None:
        prepared_at = max((e.occurred_at for e in every), default=datetime(1970, 1, 1, tzinfo=UTC))
    moment = prepared_at.astimezone(UTC)
    segments: list[PydifactSegment] = []
    for n, (kind, batch) in enumerate(messages, start=1):
        build, directory = _BUILDERS[kind]
        version, release = directory.split(":")
        body = build(batch, f"{control_ref}-{n}")
        unh = _segment("UNH", str(n), [kind, version, release, "UN"])
        segments += [unh, *body, _segment("UNT", str(len(body) + 2), str(n))]
    serializer = Serializer(Characters.from_str(_CHARACTERS))
    for syntax, version, encoding in (("UNOC", "3", "latin-1"), ("UNOY", "4", "utf-8")):
        day = moment.strftime("%y%m%d" if version == "3" else "%Y%m%d")
        unb = _segment(
            "UNB", [syntax, version], sender, recipient, [day, moment.strftime("%H%M")], control_ref
        )
        unz = _segment("UNZ", str(len(messages)), control_ref)
        text = serializer.serialize([unb, *segments, unz], with_una_header=True, break_lines=True)
        try:
            return text.encode(encoding)
        except UnicodeEncodeError:
            continue
    raise AssertionError("UTF-8 encodes every string")  # pragma: no cover


def _check(events: Sequence[Event], kind: str) -> None:
    wrong = [e.event_id for e in events if _kind(e) != kind and kind != "IFTSTA"]
    if wrong:
        raise ValueError(f"{kind} cannot carry events {', '.join(wrong[:5])}")


def write_coarri(
    events: Iterable[Event],
    *,
    sender: str = "GREENLANE",
    recipient: str = "PARTNER",
    control_ref: str | None = None,
    prepared_at: datetime | None = None,
) -> bytes:
    """Loaded and discharged events (each with a container) as one COARRI interchange."""
    chosen = list(events)
    _check(chosen, "COARRI")
    batches = [("COARRI", b) for b in _grouped(chosen, with_place=True)]
    return _interchange(batches, sender, recipient, control_ref, prepared_at)


def write_codeco(
    events: Iterable[Event],
    *,
    sender: str = "GREENLANE",
    recipient: str = "PARTNER",
    control_ref: str | None = None,
    prepared_at: datetime | None = None,
) -> bytes:
    """Gate-in and gate-out events (each with a container) as one CODECO interchange."""
    chosen = list(events)
    _check(chosen, "CODECO")
    batches = [("CODECO", b) for b in _grouped(chosen, with_place=False)]
    return _interchange(batches, sender, recipient, control_ref, prepared_at)


def write_iftsta(
    events: Iterable[Event],
    *,
    sender: str = "GREENLANE",
    recipient: str = "PARTNER",
    control_ref: str | None = None,
    prepared_at: datetime | None = None,
) -> bytes:
    """Any events as status reports, one IFTSTA message."""
    chosen = list(events)
    return _interchange([("IFTSTA", chosen)], sender, recipient, control_ref, prepared_at)


def write_events(
    events: Iterable[Event],
    *,
    sender: str = "GREENLANE",
    recipient: str = "PARTNER",
    control_ref: str | None = None,
    prepared_at: datetime | None = None,
) -> bytes:
    """Every event in one interchange: COARRI, CODECO or IFTSTA messages as each event suits."""
    chosen = list(events)
    moves = [e for e in chosen if _kind(e) == "COARRI"]
    gates = [e for e in chosen if _kind(e) == "CODECO"]
    others = [e for e in chosen if _kind(e) == "IFTSTA"]
    batches = [("COARRI", b) for b in _grouped(moves, with_place=True)]
    batches += [("CODECO", b) for b in _grouped(gates, with_place=False)]
    if others:
        batches.append(("IFTSTA", others))
    return _interchange(batches, sender, recipient, control_ref, prepared_at)
