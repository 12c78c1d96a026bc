"""Canonical events to DCSA T&T JSON: v2.2 (a GET response array) or v3.0 (a POST body).

Used by the world generator and to exchange data with partner administrations. What DCSA T&T
carries is written: type, time, container, place and facility (a short code as ``facilityCode``,
else as ``locationName``), vessel IMO and name, voyage, bill of lading, empty/laden, seals
(number, source, type, the type as given) and the transshipment flag. All events are written as
actual (ACT) and with the short codes every published version shares.

What T&T cannot say is not invented:
- ``inspected`` (T&T has no goods inspection) and ``transshipped`` (T&T says DISC and LOAD
  flagged TRANSSHIPMENT) have no code, nor have door events in v2.2 (no IoT events there):
  ``unsupported="error"`` raises ValueError, ``"skip"`` leaves them out.
- Seal condition, ISO 17712 class and the electronic flag have no field; an ``unknown`` affixer
  has no code and is written without a source.
- An unknown empty/laden state is left out, though v2.2 requires it for equipment events.
- v2.2 has no transshipment field: the 3.0.0-beta1 flag ``isTransshipmentMove`` is written.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal

from greenlane.domain.codes import EventType
from greenlane.domain.records import Event, SealReading
from greenlane.ingest.dcsa.codes import (
    EQUIPMENT,
    IOT,
    KIND_CODE_KEYS,
    SEAL_SOURCE_CODES,
    TRANSPORT,
    WRITE_CODES,
)

Version = Literal["2.2", "3.0"]

_CALL_NAMESPACE = uuid.UUID("6f0c43b6-8d3e-4f5e-9a47-3c2f3f6a0d11")


def supported_types(version: Version = "3.0") -> frozenset[EventType]:
    """Event types the writer can express in ``version``."""
    if version == "2.2":
        return frozenset(t for t, (kind, _) in WRITE_CODES.items() if kind != IOT)
    return frozenset(WRITE_CODES)


def write_events(
    events: Iterable[Event],
    version: Version = "3.0",
    *,
    unsupported: Literal["error", "skip"] = "error",
) -> bytes:
    """UTF-8 DCSA T&T JSON of ``events``, in the order given."""
    if version not in ("2.2", "3.0"):
        raise ValueError(f"DCSA T&T version must be '2.2' or '3.0', not {version!r}")
    writable = supported_types(version)
    out: list[dict[str, Any]] = []
    for event in events:
        if event.event_type not in writable:
            if unsupported == "skip":
                continue
            raise ValueError(
                f"DCSA T&T {version} has no event for {event.event_type.value!r} "
                f"(event {event.event_id!r})"
            )
        out.append(_v22(event) if version == "2.2" else _v30(event))
    document: object = out if version == "2.2" else {"events": out}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _is_code(facility: str) -> bool:
    """SMDG terminal and BIC facility codes are short letters and digits; else it is a name."""
    return len(facility) <= 6 and facility.isascii() and facility.isalnum()


def _facility_v22(facility: str) -> dict[str, str]:
    if _is_code(facility):
        return {"facilityCode": facility, "facilityCodeListProvider": "SMDG"}
    return {"locationName": facility}


def _seal(seal: SealReading, keys: tuple[str, str, str]) -> dict[str, str]:
    number_key, source_key, type_key = keys
    out = {number_key: seal.number}
    source = SEAL_SOURCE_CODES.get(seal.affixed_by) if seal.affixed_by else None
    if source is not None:
        out[source_key] = source
    if seal.type_code is not None:
        out[type_key] = seal.type_code
    return out


def _v30(event: Event) -> dict[str, Any]:
    kind, code = WRITE_CODES[event.event_type]
    classification = {"eventTypeCode": kind, "eventClassifierCode": "ACT"}
    out: dict[str, Any] = {
        "eventID": event.event_id,
        "eventDateTime": _time(event.occurred_at),
        "eventClassification": classification,
    }
    if kind == IOT:
        classification["iotEventTypeCode"] = "DETC"
        out["iotDetails"] = {"iotEventCode": code}
    else:
        classification[KIND_CODE_KEYS[kind][0]] = code
    location: dict[str, Any] = {}
    if event.unlocode is not None:
        location["UNLocationCode"] = event.unlocode
    if event.facility is not None:
        if _is_code(event.facility):
            facility = {"facilityCode": event.facility, "facilityCodeListProvider": "SMDG"}
            location["facility"] = facility
        else:
            location["locationName"] = event.facility
    if location:
        out["eventLocation"] = location
    if event.bill_of_lading is not None:
        reference = {"typeCode": "TRD", "reference": event.bill_of_lading}
        out["shipmentDetails"] = {"documentReference": reference}
    call = _call_v30(event)
    if call:
        out["transportDetails"] = {"transportCall": call}
    equipment: dict[str, Any] = {}
    if event.container_number is not None:
        equipment["equipmentReference"] = event.container_number
    if event.full is not None:
        equipment["emptyIndicatorCode"] = "LADEN" if event.full else "EMPTY"
    if event.transshipment:
        equipment["movementType"] = "TRANSSHIPMENT"
    if event.seals:
        equipment["seals"] = [_seal(s, ("number", "source", "type")) for s in event.seals]
    if equipment:
        out["equipmentDetails"] = equipment
    return out


def _call_v30(event: Event) -> dict[str, Any]:
    vessel: dict[str, str] = {}
    if event.vessel_imo is not None:
        vessel["vesselIMONumber"] = event.vessel_imo
    if event.vessel_name is not None:
        vessel["vesselName"] = event.vessel_name
    call: dict[str, Any] = {}
    if event.voyage is not None:
        voyage = {"carrierVoyageNumber": event.voyage}
        call["exportVoyageNumberOrReference"] = voyage
        call["importVoyageNumberOrReference"] = dict(voyage)
    if vessel:
        call["vesselTransport"] = vessel
    if call:
        call = {"modeOfTransport": "VESSEL", **call}
    return call


def _v22(event: Event) -> dict[str, Any]:
    kind, code = WRITE_CODES[event.event_type]
    moment = _time(event.occurred_at)
    out: dict[str, Any] = {
        "eventID": event.event_id,
        "eventCreatedDateTime": moment,
        "eventType": kind,
        "eventClassifierCode": "ACT",
        "eventDateTime": moment,
        KIND_CODE_KEYS[kind][0]: code,
    }
    call = _call_v22(event, with_place=kind == TRANSPORT)
    if kind == EQUIPMENT:
        if event.container_number is not None:
            out["equipmentReference"] = event.container_number
        location: dict[str, str] = {}
        if event.unlocode is not None:
            location["UNLocationCode"] = event.unlocode
        if event.facility is not None:
            location.update(_facility_v22(event.facility))
        if location:
            out["eventLocation"] = location
    elif event.container_number is not None:  # transport events name boxes by reference
        out["references"] = [{"referenceType": "EQ", "referenceValue": event.container_number}]
    if event.full is not None:
        out["emptyIndicatorCode"] = "LADEN" if event.full else "EMPTY"
    if event.transshipment:
        out["isTransshipmentMove"] = True
    if call:
        out["transportCall"] = call
    if event.bill_of_lading is not None:
        out["documentReferences"] = [
            {"documentReferenceType": "TRD", "documentReferenceValue": event.bill_of_lading}
        ]
    if event.seals:
        keys = ("sealNumber", "sealSource", "sealType")
        out["seals"] = [_seal(s, keys) for s in event.seals]
    return out


def _call_v22(event: Event, *, with_place: bool) -> dict[str, Any]:
    """v2.2 transportCall; a transport event's place lives here (it has no eventLocation)."""
    call: dict[str, Any] = {}
    if event.voyage is not None:
        call["exportVoyageNumber"] = event.voyage
        call["importVoyageNumber"] = event.voyage
    if with_place:
        if event.unlocode is not None:
            call["UNLocationCode"] = event.unlocode
        if event.facility is not None:
            if _is_code(event.facility):
                call.update(_facility_v22(event.facility))
            else:  # a transport call has no name of its own, its location has
                call["location"] = _facility_v22(event.facility)
    vessel: dict[str, str] = {}
    if event.vessel_imo is not None:
        vessel["vesselIMONumber"] = event.vessel_imo
    if event.vessel_name is not None:
        vessel["vesselName"] = event.vessel_name
    if vessel:
        call["vessel"] = vessel
    if not call and not with_place:
        return call
    # transportCallID and modeOfTransport are required; the id is derived so output is stable.
    key = "|".join(
        str(part) for part in (event.vessel_imo, event.vessel_name, event.voyage, event.unlocode)
    )
    return {
        "transportCallID": str(uuid.uuid5(_CALL_NAMESPACE, key)),
        "modeOfTransport": "VESSEL",
        **call,
    }
