"""Message headers and EQD equipment groups, and the events made from them.

A header is everything before the first group of a message (BGM, DTM, RFF, the TDT group of the
vessel with its LOC and DTM, NAD). An EQD group runs from one EQD to the next; its LOC and DTM
before a nested TDT (on-carriage by truck, say) belong to the equipment, those after it to that
transport and are kept apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from greenlane.domain.codes import EventType, Severity
from greenlane.domain.records import Event, SealReading
from greenlane.domain.validate import validate_event
from greenlane.ingest.base import is_digits
from greenlane.ingest.edifact.envelope import Message
from greenlane.ingest.edifact.syntax import Segment
from greenlane.ingest.edifact.values import (
    EQUIPMENT_STATUS,
    TRANSSHIPMENT_STATUS,
    Findings,
    Place,
    Stamp,
    Vessel,
    read_dtm,
    read_full,
    read_mass,
    read_place,
    read_seal,
    read_vessel,
    unknown_code,
)

SOURCE = "edifact"


@dataclass(slots=True)
class Header:
    document_code: str = ""
    document_number: str = ""
    function: str = ""
    times: dict[str, Stamp] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    vessel: Vessel | None = None
    counts: dict[str, tuple[str, Segment]] = field(default_factory=dict)


def read_header(segments: list[Segment], findings: Findings) -> Header:
    header = Header()
    for segment in segments:
        tag = segment.tag
        if tag == "BGM" and not header.document_code:
            header.document_code = segment.get(0, 0)
            header.document_number = segment.get(1, 0)
            header.function = segment.get(2, 0)
        elif tag == "DTM":
            qualifier, moment = read_dtm(segment, findings)
            if moment is not None:
                header.times.setdefault(qualifier, moment)
        elif tag == "LOC":
            place = read_place(segment)
            if place is not None:
                header.places.setdefault(place.qualifier, place)
        elif tag == "RFF":
            header.refs.setdefault(segment.get(0, 0), segment.get(0, 1))
        elif tag == "TDT":
            vessel = read_vessel(segment)
            if header.vessel is None and vessel.is_vessel:
                header.vessel = vessel
        elif tag == "CNT":
            header.counts.setdefault(segment.get(0, 0), (segment.get(0, 1), segment))
    return header


@dataclass(slots=True)
class Equipment:
    segment: Segment
    qualifier: str
    number: str
    size_type: str | None
    status: str
    full: bool | None
    seals: list[SealReading] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    times: dict[str, Stamp] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    masses: dict[str, float] = field(default_factory=dict)
    transport_places: dict[str, Place] = field(default_factory=dict)
    counts: dict[str, tuple[str, Segment]] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return self.segment.where

    @property
    def transshipment(self) -> bool:
        return self.status in TRANSSHIPMENT_STATUS


def read_equipment(group: list[Segment], findings: Findings) -> Equipment:
    """An EQD group: EQD+<8053>+<C237 id>+<C224 size-type>+<8077>+<8249 status>+<8169 full>."""
    eqd = group[0]
    status = eqd.get(4, 0)
    if status and status not in EQUIPMENT_STATUS:
        unknown_code(findings, "8249 equipment status", status, "transshipment", eqd.where)
    size_type = eqd.get(2, 0) or eqd.get(2, 3) or None
    equipment = Equipment(
        segment=eqd,
        qualifier=eqd.get(0, 0),
        number=eqd.get(1, 0),
        size_type=size_type,
        status=status,
        full=read_full(eqd.get(5, 0), eqd.where, findings),
    )
    in_transport = False
    for segment in group[1:]:
        tag = segment.tag
        if tag == "TDT":
            in_transport = True
        elif tag == "LOC":
            place = read_place(segment)
            if place is not None:
                target = equipment.transport_places if in_transport else equipment.places
                target.setdefault(place.qualifier, place)
        elif tag == "DTM" and not in_transport:
            qualifier, moment = read_dtm(segment, findings)
            if moment is not None:
                equipment.times.setdefault(qualifier, moment)
        elif tag == "RFF":
            equipment.refs.setdefault(segment.get(0, 0), segment.get(0, 1))
        elif tag == "SEL":
            seal = read_seal(segment, findings)
            if seal is not None:
                equipment.seals.append(seal)
        elif tag == "MEA":
            attribute, kg = read_mass(segment, findings)
            if kg is not None:
                equipment.masses.setdefault(attribute, kg)
        elif tag == "CNT":
            equipment.counts.setdefault(segment.get(0, 0), (segment.get(0, 1), segment))
    return equipment


def check_equipment_count(
    message: Message, counted: int, counts: dict[str, tuple[str, Segment]], findings: Findings
) -> None:
    """CNT+16 (total number of equipment) against the EQD groups actually sent."""
    said, segment = counts.get("16", ("", None))
    if segment is None or (is_digits(said) and int(said) == counted):
        return
    findings.add(
        "edifact.control_total",
        f"CNT+16 says {said or '(nothing)'} pieces of equipment; message {message.reference} "
        f"has {counted} EQD",
        "envelope.equipment_count",
        said,
        segment.where,
    )


def pick_time(
    sources: Sequence[tuple[str, dict[str, Stamp], tuple[str, ...]]],
    fallback: datetime | None,
    place: Place | None,
    where: str,
    findings: Findings,
) -> datetime | None:
    """The first time found by qualifier, a zone-less one read as local time at ``place``; else
    the interchange time, which a finding says."""
    for _, times, qualifiers in sources:
        for qualifier in qualifiers:
            if qualifier in times:
                return times[qualifier].at(place.code if place else None, findings)
    if fallback is not None:
        findings.add(
            "edifact.time_fallback",
            "no date/time for this move; the interchange preparation time stands in for it",
            "occurred_at",
            None,
            where,
            Severity.INFO,
        )
        return fallback
    findings.add(
        "edifact.no_time",
        "no date/time for this move and none for the interchange: no event is made",
        "occurred_at",
        None,
        where,
    )
    return None


@dataclass(slots=True)
class Move:
    """What an event needs beyond the equipment: the type, the place, the time, the vessel."""

    event_type: EventType
    occurred_at: datetime
    place: Place | None
    vessel: Vessel | None


def make_event(
    message: Message,
    n: int,
    equipment: Equipment,
    move: Move,
    source_message: str,
    findings: Findings,
) -> Event:
    vessel = move.vessel if move.vessel is not None and move.vessel.is_vessel else None
    event = Event(
        event_id=message.event_id(n),
        event_type=move.event_type,
        occurred_at=move.occurred_at,
        container_number=equipment.number or None,
        unlocode=move.place.code if move.place else None,
        facility=move.place.facility if move.place else None,
        vessel_imo=vessel.imo if vessel else None,
        vessel_name=vessel.name if vessel else None,
        voyage=vessel.voyage if vessel else None,
        bill_of_lading=equipment.refs.get("BM") or None,
        full=equipment.full,
        seals=tuple(equipment.seals),
        transshipment=equipment.transshipment,
        source=SOURCE,
        source_message=source_message,
    )
    findings.extend(validate_event(event, where=equipment.where))
    return event
