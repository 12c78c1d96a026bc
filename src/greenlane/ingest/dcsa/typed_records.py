"""The DCSA typed path's mapping: plain v3.0 events decoded by typed_decode.py into records.

Most of what ingest reads is a carrier's plain v3.0 events. Decoding them with a schema, in C,
costs a fraction of building dicts with ``json.loads`` and then looking each key up in Python,
and the schema already checks every type. Each part of an event is read once per message for
each distinct raw text (``_Memory``, made for that message alone). An event with a key the
schema marks absent, a value of another type, or anything else this path does not read exactly
is left (None) to the flat schema (typed_flat.py) and then the careful reader (event.py), which
decodes it again with ``json``. For every event it reads, ``read_events`` gives the record the
careful reader makes, and only for events without findings; property tests hold the two to
each other on mutated events.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import Raw

from greenlane.domain.codes import EventType
from greenlane.domain.identifiers import check_container_number, check_imo, check_unlocode
from greenlane.domain.records import Event, SealReading
from greenlane.domain.validate import check_seal_number
from greenlane.ingest.build import builder
from greenlane.ingest.dcsa.checks import event_findings
from greenlane.ingest.dcsa.codes import (
    ACTUAL,
    ARRIVAL_SIDE,
    EMPTY_INDICATORS,
    EQUIPMENT,
    EVENT_CODES,
    IOT,
    MOVEMENT_TYPES,
    PORT_TERMINAL,
    SEAL_SOURCES,
    SEAL_TYPES,
    TRANSPORT,
    TRANSPORT_DOCUMENT,
    TRANSSHIPMENT,
)
from greenlane.ingest.dcsa.typed_decode import (
    _NULL,
    CLASSIFICATION,
    EQUIPMENT_DETAILS,
    EVENT,
    IOT_DETAILS,
    LOCATION,
    SHIPMENT_DETAILS,
    TRANSPORT_DETAILS,
    Call,
    Location,
    PlainEvent,
    Seal,
    Voyage,
)
from greenlane.ingest.quick import clean_container

if TYPE_CHECKING:
    from greenlane.ingest.dcsa.typed_flat import FlatCall

SealCache = dict[tuple[Any, Any, Any], SealReading]
"""One message's seals already read, by (number, source, type) as written."""

# The moves of each kind read here, in both spellings. Shipment and reefer events are no moves;
# an IoT event's move is its door code (iotDetails), else its classification's.
EQUIPMENT_MOVES = {code: kind for code, kind in EVENT_CODES[EQUIPMENT].items() if kind}
TRANSPORT_MOVES = {code: kind for code, kind in EVENT_CODES[TRANSPORT].items() if kind}
_IOT_MOVES = {code: kind for code, kind in EVENT_CODES[IOT].items() if kind}


_PlaceRead = tuple[str | None, str | None, str | None, bool]
"""UN/LOCODE, facility, facility type, and whether the UN/LOCODE passes any event's checks (a
known port, or none given)."""
_VesselRead = tuple[str | None, str | None, str | None, str | None]
"""IMO number, name, export and import voyage."""
_BoxRead = tuple[str | None, bool | None, bool, tuple[SealReading, ...]]
"""Container number, full, a transshipment by its movement, seals."""


class _Memory:
    """One message's parts already read, by their raw JSON (None: left to the careful reader).
    A part is read the same wherever it stands, so each distinct one is read once."""

    __slots__ = ("boxes", "kinds", "places", "places_checked", "seals", "shipments", "vessels")

    def __init__(self, seals: SealCache) -> None:
        self.kinds: dict[bytes, EventType | None] = {}
        self.places: dict[bytes, _PlaceRead | None] = {}
        self.vessels: dict[bytes, _VesselRead | None] = {}
        self.boxes: dict[bytes, _BoxRead | None] = {}
        self.shipments: dict[bytes, tuple[str | None, bool] | None] = {}
        self.places_checked: dict[tuple[str | None, EventType, bool], bool] = {}
        self.seals = seals

    def read_box(self, raw: bytes) -> _BoxRead | None:
        return _box(raw, self.seals)


_MISS: Any = object()
_EVENTS = builder(Event)
_T0 = datetime(2000, 1, 1, tzinfo=UTC)


def read_events(
    raws: list[Raw], source_message: str, seals: SealCache
) -> list[tuple[Event, bool] | None]:
    """What the careful reader reads from each raw event, where it has no findings: the event
    and whether its place is a port terminal. None where this path does not read it exactly."""
    memory = _Memory(seals)
    rows: list[tuple[Any, ...] | None] = []
    for raw in raws:
        try:
            event = EVENT.decode(raw)
        except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
            rows.append(None)
            continue
        rows.append(_row(event, source_message, memory))
    kept = [row for row in rows if row is not None]
    if not kept:
        return [None] * len(rows)
    columns = list(zip(*kept, strict=True))
    events = iter(zip(_EVENTS(*columns[:-1]), columns[-1], strict=True))
    return [None if row is None else next(events) for row in rows]


def _remember(memory: dict[bytes, Any], key: bytes, read: Callable[[bytes], Any]) -> Any:
    """``read`` of a raw part met for the first time in the message, remembered; None where
    this path does not read the event."""
    try:
        found = read(key)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        found = None
    memory[key] = found
    return found


def _row(e: PlainEvent, source_message: str, memory: _Memory) -> tuple[Any, ...] | None:
    """The fields of the event, in the field order of Event, and the port terminal flag."""
    # Each part looked up by its raw JSON first (inline: this runs for every event).
    key = bytes(e.eventClassification)
    if e.iotDetails is not _NULL:  # the door code counts too
        key = b"%b\0%b" % (key, bytes(e.iotDetails))
    event_type = memory.kinds.get(key, _MISS)
    if event_type is _MISS:
        event_type = _remember(memory.kinds, key, _kind)
    if event_type is None or not plain(e.eventID):
        return None
    try:
        moment = datetime.fromisoformat(e.eventDateTime)
        if moment.tzinfo is None:
            return None
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    key = bytes(e.eventLocation)
    place = memory.places.get(key, _MISS)
    if place is _MISS:
        place = _remember(memory.places, key, _place)
    key = bytes(e.transportDetails)
    vessel = memory.vessels.get(key, _MISS)
    if vessel is _MISS:
        vessel = _remember(memory.vessels, key, _vessel)
    key = bytes(e.equipmentDetails)
    box = memory.boxes.get(key, _MISS)
    if box is _MISS:
        box = _remember(memory.boxes, key, memory.read_box)
    key = bytes(e.shipmentDetails)
    shipment = memory.shipments.get(key, _MISS)
    if shipment is _MISS:
        shipment = _remember(memory.shipments, key, _bill)
    if place is None or vessel is None or box is None or shipment is None:
        return None
    unlocode, facility, facility_type, known_port = place
    port_terminal = facility_type in PORT_TERMINAL
    if not known_port:  # a place that is no known port: fine for some moves, not others
        at = (unlocode, event_type, port_terminal)
        clean = memory.places_checked.get(at)
        if clean is None:
            probe = Event("", event_type, _T0, unlocode=unlocode)
            clean = memory.places_checked[at] = not event_findings(probe, port_terminal, "")
        if not clean:
            return None
    imo, name, export, import_ = vessel
    first, second = (import_, export) if event_type in ARRIVAL_SIDE else (export, import_)
    container, full, moved, seals = box
    if container is None and shipment[1]:  # the container may be among them: careful
        return None
    return (
        e.eventID,
        event_type,
        moment,
        container,
        unlocode,
        facility,
        imo,
        name,
        second if first is None else first,
        shipment[0],
        full,
        seals,
        moved or e.isTransshipmentMove is True,
        "dcsa",
        source_message,
        port_terminal,
    )


def _kind(raw: bytes) -> EventType | None:
    """The move of an actual event's classification (and IoT details, after a NUL)."""
    raw, _, iot = raw.partition(b"\0")  # never in JSON text
    c = CLASSIFICATION.decode(raw)
    kind = c.eventTypeCode if c.eventTypeCode is not None else c.eventType
    classifier = c.eventClassifierCode if c.eventClassifierCode is not None else c.eventClassifier
    if classifier not in ACTUAL:
        return None
    if kind == EQUIPMENT:
        code = c.equipmentEventTypeCode
        if code is None:
            code = c.equipmentEventType
        return None if code is None else EQUIPMENT_MOVES.get(code)
    if kind == TRANSPORT:
        code = c.transportEventTypeCode
        if code is None:
            code = c.transportEventType
        return None if code is None else TRANSPORT_MOVES.get(code)
    if kind == IOT:
        details = IOT_DETAILS.decode(iot) if iot else None
        code = None if details is None else details.iotEventCode
        if code is None:
            code = c.iotEventTypeCode if c.iotEventTypeCode is not None else c.iotEventType
        return None if code is None else _IOT_MOVES.get(code)
    return None


def _place(raw: bytes) -> _PlaceRead | None:
    where = LOCATION.decode(raw)
    if where is None:
        return None, None, None, True
    unlocode = where.UNLocationCode
    if unlocode is None:
        unlocode = where.unLocationCode
    facility = facility_of(where)
    facility_type = where.facilityTypeCode
    if facility_type is None:
        facility_type = where.facilityType
    if not all_plain((unlocode, facility, facility_type)):
        return None
    known_port = unlocode is None or not check_unlocode(unlocode, require_port=True)
    return unlocode, facility, facility_type, known_port


def _vessel(raw: bytes) -> _VesselRead | None:
    details = TRANSPORT_DETAILS.decode(raw)
    call = None if details is None else details.transportCall
    if call is None:
        return None, None, None, None
    imo = name = None
    ship = call.vesselTransport
    if ship is not None:
        imo = ship.vesselIMONumber
        name = ship.vesselName
        if name is None:
            name = ship.name
    found = (imo, name, _export_voyage(call), _import_voyage(call))
    if not all_plain(found) or (imo is not None and check_imo(imo)):
        return None
    return found


def _box(raw: bytes, seal_cache: SealCache) -> _BoxRead | None:
    box = EQUIPMENT_DETAILS.decode(raw)
    if box is None:  # a transport event of the vessel alone
        return None, None, False, ()
    indicator = box.emptyIndicatorCode
    if indicator is None:
        indicator = box.emptyIndicator
    full = None
    if indicator is not None:
        full = EMPTY_INDICATORS.get(indicator)
        if full is None:
            return None
    movement = box.movementType
    if movement is None:
        movement = box.transportPhase
    if movement is not None and movement not in MOVEMENT_TYPES:
        return None
    seals: tuple[SealReading, ...] | None = ()
    if box.seals is not None:
        seals = read_seals(box.seals, seal_cache)
    if seals is None or not plain(box.equipmentReference):
        return None
    if not clean_container(box.equipmentReference) and check_container_number(
        box.equipmentReference
    ):
        return None
    if any(check_seal_number(seal.number) for seal in seals):
        return None
    moved = movement == TRANSSHIPMENT or box.isTransshipmentMove is True
    return box.equipmentReference, full, moved, seals


def _bill(raw: bytes) -> tuple[str | None, bool] | None:
    """The reference of the event's own transport document, where it is one (or there is
    none at all), and whether shipment references are given; None where the careful reader
    must look further."""
    shipment = SHIPMENT_DETAILS.decode(raw)
    if shipment is None:
        return None, False
    primary = shipment.documentReference
    if primary is None:
        if shipment.additionalDocumentReferences is not None:
            return None
        return None, bytes(shipment.shipmentReferences) != b"null"
    kind = primary.typeCode if primary.typeCode is not None else primary.type
    bill = primary.reference
    if kind not in TRANSPORT_DOCUMENT or bill is None or not plain(bill):
        return None
    return bill, bytes(shipment.shipmentReferences) != b"null"


def facility_of(where: Location | FlatCall) -> str | None:
    """The facility a place names: its code, else its facility object's code or name, else
    the location's name."""
    facility = where.facilityCode
    if facility is None and where.facility is not None:
        facility = where.facility.facilityCode
        if facility is None:
            facility = where.facility.facilityName
    return where.locationName if facility is None else facility


def all_plain(texts: tuple[str | None, ...]) -> bool:
    return all(text is None or plain(text) for text in texts)


def plain(text: str) -> bool:
    """A free text the careful reader takes as is (ASCII, not empty or blank, no NUL)."""
    return bool(text) and text.isascii() and not text.isspace() and "\x00" not in text


def _export_voyage(call: Call) -> str | None:
    flat = (call.exportVoyageNumber, call.carrierExportVoyageNumber, call.carrierVoyageNumber)
    return voyage(flat, call.exportVoyageNumberOrReference, call.universalExportVoyageReference)


def _import_voyage(call: Call) -> str | None:
    flat = (call.importVoyageNumber, call.carrierImportVoyageNumber)
    return voyage(flat, call.importVoyageNumberOrReference, call.universalImportVoyageReference)


def voyage(flat: tuple[str | None, ...], reference: Voyage | None, beta: str | None) -> str | None:
    """The careful reader's voyage: flat keys first, then the v3.0 reference, then the beta key."""
    for voyage in flat:
        if voyage is not None:
            return voyage
    if reference is not None:
        voyage = reference.carrierVoyageNumber
        if voyage is None:
            voyage = reference.universalVoyageReference
        if voyage is not None:
            return voyage
    return beta


def read_seals(seals: list[Seal], cache: SealCache) -> tuple[SealReading, ...] | None:
    readings = []
    for seal in seals:
        number = seal.sealNumber if seal.sealNumber is not None else seal.number
        source = seal.sealSource if seal.sealSource is not None else seal.source
        kind = seal.sealType if seal.sealType is not None else seal.type
        key = (number, source, kind)
        reading = cache.get(key)
        if reading is None:  # checked once per message for each distinct seal
            if number is None or (kind is not None and kind not in SEAL_TYPES):
                return None
            if not all(text is None or plain(text) for text in key):
                return None
            affixed_by = None
            if source is not None:
                affixed_by = SEAL_SOURCES.get(source)
                if affixed_by is None:
                    return None
            reading = cache[key] = SealReading(number, affixed_by=affixed_by, type_code=kind)
        readings.append(reading)
    return tuple(readings)
