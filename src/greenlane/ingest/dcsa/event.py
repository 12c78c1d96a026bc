"""One DCSA T&T event to one canonical event, or to a finding saying why there is none.

Kept: actual equipment moves, vessel arrivals and departures, container door openings and
closings. Not kept, each with a finding: planned and estimated events (not moves yet), shipment
events (document statuses), reefer readings, customs statuses, retractions and codes outside the
code lists. A missing or unreadable time or event type is a structural error: the message cannot
be committed whole, so it is quarantined.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from greenlane.domain.codes import EventType, Severity
from greenlane.domain.records import DataQualityFinding, Event
from greenlane.ingest.base import finding, shown
from greenlane.ingest.dcsa import details
from greenlane.ingest.dcsa.codes import (
    ACTUAL,
    ARRIVAL_SIDE,
    EVENT_CODES,
    EVENT_KINDS,
    IOT,
    KIND_CODE_KEYS,
    NOT_ACTUAL,
    PORT_TERMINAL,
)
from greenlane.ingest.dcsa.fields import JsonObject, fail, first, flag, obj, text
from greenlane.ingest.dcsa.schema import country_findings, event_id_findings

_TIME_EXPECTED = "an ISO 8601 date-time with a UTC offset, e.g. 2026-01-20T14:15:00Z"


@dataclass(frozen=True, slots=True)
class ReadEvent:
    event: Event
    where_of: dict[str, str]
    """JSON pointer of each canonical field that validators may flag (``container_number``...)."""
    port_terminal: bool = False
    """The message says the place is a port terminal, so its UN/LOCODE must be a port."""


def content_id(raw: Any, where: str) -> str:
    """A deterministic id for an event without eventID: the hash of its canonical JSON."""
    try:
        canonical = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    except (ValueError, RecursionError) as exc:
        raise fail("event cannot be hashed for an id", where, "JSON of usual depth") from exc
    return "sha256:" + hashlib.sha256(canonical.encode("ascii")).hexdigest()


def read_event(
    raw: Any, ptr: str, source_message: str, findings: list[DataQualityFinding]
) -> ReadEvent | None:
    """The canonical event of ``raw`` (at JSON pointer ``ptr``), or None with a finding."""
    if not isinstance(raw, dict):
        raise fail("event is not an object", ptr, "a JSON object")
    body, body_at = raw, ptr
    meta = obj(raw, "metadata", ptr)
    meta_kind = None
    event_id = text(raw, "eventID", ptr)
    if meta is not None:  # 3.0.0-beta1: {"metadata": {...}, "payload": {...}}
        meta_at = f"{ptr}/metadata"
        event_id = event_id or text(meta, "eventID", meta_at)
        retracted = text(meta, "retractedEventID", meta_at)
        if retracted is not None:
            findings.append(_retraction(retracted, f"{meta_at}/retractedEventID"))
            return None
        payload = obj(raw, "payload", ptr)
        if payload is None:
            raise fail("event has metadata but no payload", f"{ptr}/payload", "a payload object")
        body, body_at = payload, f"{ptr}/payload"
        meta_kind = text(meta, "eventType", meta_at)
        event_id = event_id or text(payload, "eventID", body_at)
    if flag(body, "isRetracted", body_at):
        findings.append(_retraction(event_id, f"{body_at}/isRetracted"))
        return None

    event_type = _event_type(body, body_at, meta_kind, findings)
    occurred_at = _time(body, body_at, findings)
    if event_type is None:
        return None
    holders = [(raw, ptr)] if meta is None else [(raw, ptr), (meta, meta_at), (body, body_at)]
    id_holder, id_at = next(
        (each for each in holders if each[0].get("eventID") is not None), holders[-2 if meta else 0]
    )
    if event_id is None:
        event_id = content_id(raw, ptr)
    findings += event_id_findings(id_holder, event_id, id_at)
    findings += country_findings(body, body_at)

    call, call_at = details.transport_call(body, body_at)
    place = details.place(body, body_at, call, call_at)
    ship = details.vessel(call, call_at, arrival_side=event_type in ARRIVAL_SIDE)
    box = details.equipment(body, body_at, findings)
    event = Event(
        event_id=event_id,
        event_type=event_type,
        occurred_at=occurred_at,
        container_number=box.container,
        unlocode=place.unlocode,
        facility=place.facility,
        vessel_imo=ship.imo,
        vessel_name=ship.name,
        voyage=ship.voyage,
        bill_of_lading=details.bill_of_lading(body, body_at),
        full=box.full,
        seals=box.seals,
        transshipment=box.transshipment,
        source="dcsa",
        source_message=source_message,
    )
    where_of = {f"seals[{j}].number": at for j, at in box.seal_at.items()}
    where_of["container_number"] = box.container_at
    if place.unlocode_at is not None:
        where_of["unlocode"] = place.unlocode_at
    if ship.imo_at is not None:
        where_of["vessel_imo"] = ship.imo_at
    return ReadEvent(event, where_of, place.facility_type in PORT_TERMINAL)


def _event_type(
    body: JsonObject, ptr: str, meta_kind: str | None, findings: list[DataQualityFinding]
) -> EventType | None:
    """The canonical type, or None (with a finding) for events that are not actual moves."""
    classification = obj(body, "eventClassification", ptr)
    if classification is not None:  # v3.0
        holder, at = classification, f"{ptr}/eventClassification"
        kind, _ = first(holder, ("eventTypeCode", "eventType"), at)
    else:  # v2.2, 3.0.0-beta1
        holder, at = body, ptr
        kind = text(body, "eventType", ptr) or meta_kind
    if kind is None:
        kind = next((k for k, keys in KIND_CODE_KEYS.items() if _has_any(holder, keys)), None)
    if kind is None:
        raise fail(
            "event has no event type",
            f"{at}/eventTypeCode" if classification is not None else f"{ptr}/eventType",
            "EQUIPMENT, TRANSPORT, SHIPMENT, IOT or REEFER with its event type code",
        )
    if kind not in EVENT_KINDS:
        findings.append(details.unknown_code("event type", kind, "event_type", at))
        return None

    keys = KIND_CODE_KEYS[kind]
    code, key = first(holder, keys, at)
    code_at = f"{at}/{key}"
    if code is None and holder is body:
        code = text(body, "eventTypeCode", ptr)  # deprecated v2.2 spelling
        if code is not None:
            code_at = f"{ptr}/eventTypeCode"
    if kind == IOT:  # v3.0: IOT/DETC with the door code in iotDetails.iotEventCode
        iot_at = f"{ptr}/iotDetails"
        door = text(obj(body, "iotDetails", ptr), "iotEventCode", iot_at)
        if door is not None:
            code, code_at = door, f"{iot_at}/iotEventCode"
    if code is None:
        raise fail(f"{kind} event has no {keys[0]}", code_at, f"a {keys[0]}")

    classifier, classifier_key = first(holder, ("eventClassifierCode", "eventClassifier"), at)
    classifier_at = f"{at}/{classifier_key}"
    if classifier is None:
        findings.append(
            finding(
                "dcsa.classifier_missing",
                f"{kind} {code} event has no eventClassifierCode; read as actual",
                "event_type",
                None,
                classifier_at,
                Severity.INFO,
            )
        )
    elif classifier in NOT_ACTUAL:
        findings.append(
            finding(
                "dcsa.not_actual",
                f"{kind} {code} event is {classifier} (planned or estimated), not a move that "
                "happened; not kept as an event",
                "event_type",
                classifier,
                classifier_at,
                Severity.INFO,
            )
        )
        return None
    elif classifier not in ACTUAL:
        findings.append(details.unknown_code("event classifier", classifier, "event_type", at))
        return None

    table = EVENT_CODES[kind]
    if code not in table:
        findings.append(details.unknown_code(f"{kind} event type", code, "event_type", code_at))
        return None
    event_type = table[code]
    if event_type is None:
        findings.append(
            finding(
                "dcsa.not_a_move",
                f"{kind} event {code} is a status, not a container move; skipped",
                "event_type",
                code,
                code_at,
                Severity.INFO,
            )
        )
    return event_type


def _has_any(holder: JsonObject, keys: tuple[str, ...]) -> bool:
    return any(holder.get(key) is not None for key in keys)


def _time(body: JsonObject, ptr: str, findings: list[DataQualityFinding]) -> datetime:
    raw = body.get("eventDateTime")
    where = f"{ptr}/eventDateTime"
    if raw is None:
        raise fail("event has no eventDateTime", where, _TIME_EXPECTED)
    if not isinstance(raw, str):
        raise fail("eventDateTime is not a string", where, _TIME_EXPECTED)
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise fail(f"eventDateTime {shown(raw)} is not a date-time", where, _TIME_EXPECTED) from exc
    if moment.tzinfo is None:
        findings.append(
            finding(
                "dcsa.time_without_offset",
                f"eventDateTime {shown(raw)} has no UTC offset; read as UTC",
                "occurred_at",
                raw,
                where,
            )
        )
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError as exc:
        raise fail(f"eventDateTime {shown(raw)} is out of range", where, _TIME_EXPECTED) from exc


def _retraction(event_id: str | None, where: str) -> DataQualityFinding:
    return finding(
        "dcsa.retracted",
        f"event {shown(event_id)} is retracted: it and any earlier event with that eventID must "
        "be discarded",
        "event_id",
        event_id,
        where,
    )
