"""Canonical events to an EPCIS 2.0 JSON-LD EPCISDocument, read back by this adapter unchanged.

Each event becomes one ObjectEvent on its container (``urn:epc:id:bic:<number>``):

* what: the container; for departing, arriving and transshipment the vessel moves too, so its
  ``urn:epc:id:imovn:<IMO>`` joins the epcList. Loading names the vessel as the destination
  location, unloading as the source location.
* when: eventTime in UTC, eventTimeZoneOffset ``+00:00``.
* where: readPoint ``urn:unece:unlocode:<LOCODE>`` (the port); bizLocation the facility, as is
  when it is a URI (an SGLN), else ``https://w3id.org/greenlane/epcis/facility/<code>``.
* why: bizStep and disposition from the event type (the inverse of mapping.py); the bill of
  lading as a ``bol`` business transaction ``https://w3id.org/greenlane/epcis/bol/<bill>``.

EPCIS has no place for the vessel name, voyage, full/empty, seals, the transshipment flag, an
event id that is not a URI, a vessel on a move that is not the vessel's own, nor for event types
without a CBV bizStep (transshipped, seal checked / removed, resealed). Those travel in the
``greenlane:`` extension namespace (declared in @context, a JSON-LD prefix for
``https://w3id.org/greenlane/epcis/``), written only when needed, so that a partner without
greenlane reads a plain, standard document and greenlane reads back exactly what it wrote.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from greenlane.domain.codes import EventType
from greenlane.domain.records import Event, SealReading
from greenlane.ingest.epcis import ids
from greenlane.ingest.epcis.vocab import EPCIS_CONTEXT, GREENLANE_NS

_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, GREENLANE_NS)
P = "greenlane:"

# event type -> (bizStep, disposition); the types a standard reader maps back need no extension.
_WHY: Mapping[EventType, tuple[str | None, str | None]] = {
    EventType.STUFFED: ("packing", None),
    EventType.STRIPPED: ("unpacking", None),
    EventType.GATE_IN: ("receiving", None),
    EventType.GATE_OUT: ("shipping", None),
    EventType.LOADED: ("loading", None),
    EventType.DISCHARGED: ("unloading", None),
    EventType.DEPARTED: ("departing", "in_transit"),
    EventType.ARRIVED: ("arriving", None),
    EventType.INSPECTED: ("inspecting", None),
    EventType.DOOR_OPENED: (None, "container_open"),
    EventType.DOOR_CLOSED: (None, "container_closed"),
    # No CBV word for these; the closest standard reading, and greenlane:eventType says which.
    EventType.TRANSSHIPPED: ("transporting", "in_transit"),
    EventType.SEAL_CHECKED: ("inspecting", "container_closed"),
    EventType.SEAL_REMOVED: (None, "container_open"),
    EventType.RESEALED: (None, "container_closed"),
}
_NEEDS_TYPE = frozenset(
    {EventType.TRANSSHIPPED, EventType.SEAL_CHECKED, EventType.SEAL_REMOVED, EventType.RESEALED}
)
_VESSEL_MOVES = frozenset({EventType.DEPARTED, EventType.ARRIVED, EventType.TRANSSHIPPED})


def _time(moment: datetime) -> str:
    if moment.tzinfo is None:  # records are UTC by contract; never guess a local zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _seal(seal: SealReading) -> dict[str, Any]:
    out: dict[str, Any] = {P + "number": seal.number, P + "condition": seal.condition.value}
    if seal.affixed_by is not None:
        out[P + "affixedBy"] = seal.affixed_by.value
    if seal.seal_class is not None:
        out[P + "sealClass"] = seal.seal_class.value
    if seal.electronic:
        out[P + "electronic"] = True
    if seal.type_code is not None:
        out[P + "typeCode"] = seal.type_code
    return out


def event_object(event: Event, *, extensions: bool = True) -> dict[str, Any]:
    """One canonical event as an EPCIS 2.0 ObjectEvent (a JSON-ready dict)."""
    ext: dict[str, Any] = {}
    if ids.is_uri(event.event_id):
        event_id = event.event_id
    else:
        event_id = f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, event.event_id)}"
        ext[P + "eventId"] = event.event_id
    objects = [ids.bic_epc(event.container_number)] if event.container_number is not None else []
    out: dict[str, Any] = {
        "type": "ObjectEvent",
        "eventID": event_id,
        "eventTime": _time(event.occurred_at),
        "eventTimeZoneOffset": "+00:00",
        "epcList": objects,
        "action": "OBSERVE",
    }
    step, disposition = _WHY[event.event_type]
    if step is not None:
        out["bizStep"] = step
    if disposition is not None:
        out["disposition"] = disposition
    if event.unlocode is not None:
        out["readPoint"] = {"id": ids.unlocode_uri(event.unlocode)}
    if event.facility is not None:
        out["bizLocation"] = {"id": ids.facility_uri(event.facility)}
    if event.bill_of_lading is not None:
        out["bizTransactionList"] = [
            {"type": "bol", "bizTransaction": ids.bill_uri(event.bill_of_lading)}
        ]
    if event.vessel_imo is not None:
        vessel = ids.imovn_epc(event.vessel_imo)
        if event.event_type is EventType.LOADED:
            out["destinationList"] = [{"type": "location", "destination": vessel}]
        elif event.event_type is EventType.DISCHARGED:
            out["sourceList"] = [{"type": "location", "source": vessel}]
        elif event.event_type in _VESSEL_MOVES:
            objects.append(vessel)
        else:
            ext[P + "vesselIMO"] = event.vessel_imo
    if event.event_type in _NEEDS_TYPE:
        ext[P + "eventType"] = event.event_type.value
    if event.vessel_name is not None:
        ext[P + "vesselName"] = event.vessel_name
    if event.voyage is not None:
        ext[P + "voyage"] = event.voyage
    if event.full is not None:
        ext[P + "full"] = event.full
    if event.seals:
        ext[P + "seals"] = [_seal(s) for s in event.seals]
    if event.transshipment:
        ext[P + "transshipment"] = True
    if extensions:
        out.update(ext)
    return out


def write_document(
    events: Iterable[Event], *, extensions: bool = True, created: datetime | None = None
) -> bytes:
    """An EPCISDocument of the events, UTF-8 JSON-LD.

    ``created`` (creationDate) defaults to the latest event time, so the same events always give
    the same bytes and a resent document is recognised as a duplicate. ``extensions=False``
    leaves out the greenlane fields: what a partner without greenlane would understand.
    """
    body = [event_object(e, extensions=extensions) for e in events]
    if created is None:
        created = max((datetime.fromisoformat(e["eventTime"]) for e in body), default=None)
    document = {
        "@context": [EPCIS_CONTEXT, {"greenlane": GREENLANE_NS}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": _time(created or datetime(1970, 1, 1, tzinfo=UTC)),
        "epcisBody": {"eventList": body},
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
