"""The DCSA typed path for flat events: v2.2 (and 3.0.0-beta1 without metadata), by a schema.

A v2.2 event holds its classification, equipment and documents at the top, its transport call
(which may name a place of its own) under ``transportCall``. ``FlatEvent`` is the schema of one
that is an equipment or transport move; the keys that would change the reading (a retraction,
v3.0 parts, IoT details, another document list) must be absent. Its parts
(location, transport call, documents, references, seals) are kept raw and read once per message
for each distinct text. An event read here has not been checked for findings: the message checks
each of its identifiers once (``checks.all_clean``), and where any has one the careful reader
reads the event again and names the place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import msgspec
from msgspec import UNSET, Raw

from greenlane.domain.codes import EventType
from greenlane.domain.records import Event
from greenlane.ingest.dcsa.codes import (
    ACTUAL,
    ARRIVAL_SIDE,
    EMPTY_INDICATORS,
    EQUIPMENT,
    EQUIPMENT_REFERENCE,
    MOVEMENT_TYPES,
    PORT_TERMINAL,
    TRANSPORT,
    TRANSPORT_DOCUMENT,
    TRANSSHIPMENT,
)
from greenlane.ingest.dcsa.typed_decode import (
    Facility,
    Location,
    Seal,
    Vessel,
    Voyage,
    _Absent,
    _Part,
    _Text,
)
from greenlane.ingest.dcsa.typed_records import (
    EQUIPMENT_MOVES,
    TRANSPORT_MOVES,
    SealCache,
    facility_of,
    plain,
    read_seals,
    voyage,
)

_ERRORS = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)  # ValidationError too
_NULL = Raw(b"null")


class FlatCall(_Part):
    """A v2.2 transport call: its vessel, voyages, and maybe a place of its own."""

    vessel: Vessel | None = None
    vesselTransport: Vessel | None = None
    exportVoyageNumber: _Text = None
    carrierExportVoyageNumber: _Text = None
    carrierVoyageNumber: _Text = None
    exportVoyageNumberOrReference: Voyage | None = None
    universalExportVoyageReference: _Text = None
    importVoyageNumber: _Text = None
    carrierImportVoyageNumber: _Text = None
    importVoyageNumberOrReference: Voyage | None = None
    universalImportVoyageReference: _Text = None
    UNLocationCode: _Text = None
    unLocationCode: _Text = None
    facilityCode: _Text = None
    locationName: _Text = None
    facilityTypeCode: _Text = None
    facilityType: _Text = None
    location: Location | None = None
    facility: Facility | None = None


class DocumentReference(_Part):
    documentReferenceType: _Text = None
    documentReferenceValue: _Text = None


class Reference(_Part):
    referenceType: _Text = None
    type: _Text = None
    referenceValue: _Text = None
    value: _Text = None
    reference: _Text = None


class FlatEvent(_Part):
    """A flat event, its parts kept as raw JSON."""

    eventID: str
    eventDateTime: str
    eventType: str
    eventClassifierCode: str
    equipmentEventTypeCode: _Text = None
    equipmentEventType: _Text = None
    transportEventTypeCode: _Text = None
    transportEventType: _Text = None
    equipmentReference: _Text = None
    eventLocation: Raw = _NULL
    transportCall: Raw = _NULL
    references: Raw = _NULL
    documentReferences: Raw = _NULL
    emptyIndicatorCode: _Text = None
    emptyIndicator: _Text = None
    movementType: _Text = None
    transportPhase: _Text = None
    isTransshipmentMove: bool | None = None
    seals: Raw = _NULL
    metadata: _Absent = UNSET
    isRetracted: _Absent = UNSET
    location: _Absent = UNSET
    eventClassification: _Absent = UNSET
    equipmentDetails: _Absent = UNSET
    transportDetails: _Absent = UNSET
    shipmentDetails: _Absent = UNSET
    iotDetails: _Absent = UNSET
    relatedDocumentReferences: _Absent = UNSET
    facilityTypeCode: _Absent = UNSET
    facilityType: _Absent = UNSET


EVENT = msgspec.json.Decoder(FlatEvent)
_LOCATION = msgspec.json.Decoder(Location | None)
_CALL = msgspec.json.Decoder(FlatCall | None)
_DOCUMENTS = msgspec.json.Decoder(list[DocumentReference] | None)
_REFERENCES = msgspec.json.Decoder(list[Reference] | None)
_SEALS = msgspec.json.Decoder(list[Seal] | None)

_Place = tuple[str | None, str | None, bool]
"""UN/LOCODE, facility, and whether the facility type is a port terminal."""
_Vessel = tuple[str | None, str | None, str | None, str | None]
_MISS: Any = object()


class FlatReader:
    """Reads the flat events of one message; each distinct part once."""

    __slots__ = ("_calls", "_containers", "_documents", "_places", "_seals", "seal_cache")

    def __init__(self, seal_cache: SealCache) -> None:
        self.seal_cache = seal_cache
        self._places: dict[tuple[bytes, bytes], _Place | None] = {}
        self._calls: dict[bytes, _Vessel | None] = {}
        self._documents: dict[bytes, tuple[str | None] | None] = {}
        self._containers: dict[bytes, tuple[str | None] | None] = {}
        self._seals: dict[bytes, Any] = {}

    def read(self, raw: Raw, source_message: str) -> tuple[Event, bool] | None:
        """The event and whether its place is a port terminal; None where this path does not
        read it (the careful reader does)."""
        try:
            e = EVENT.decode(raw)
        except _ERRORS:
            return None
        if e.eventClassifierCode not in ACTUAL or not plain(e.eventID):
            return None
        event_type = _move(e)
        if event_type is None:
            return None
        try:
            moment = datetime.fromisoformat(e.eventDateTime)
        except (ValueError, OverflowError):
            return None
        if moment.tzinfo is None:
            return None
        call = bytes(e.transportCall)
        place = _cached(self._places, (bytes(e.eventLocation), call), _place)
        vessel = _cached(self._calls, call, _vessel)
        bill = _cached(self._documents, bytes(e.documentReferences), _bill)
        if place is None or vessel is None or bill is None:
            return None
        container = e.equipmentReference
        if container is None:
            lone = _cached(self._containers, bytes(e.references), _equipment_reference)
            if lone is None:
                return None
            container = lone[0]
        elif not plain(container):
            return None
        indicator = e.emptyIndicatorCode if e.emptyIndicatorCode is not None else e.emptyIndicator
        full = None
        if indicator is not None:
            full = EMPTY_INDICATORS.get(indicator, _MISS)
            if full is _MISS:
                return None
        movement = e.movementType if e.movementType is not None else e.transportPhase
        if movement is not None and movement not in MOVEMENT_TYPES:
            return None
        seals = _cached(self._seals, bytes(e.seals), self._read_seals)
        if seals is None:
            return None
        unlocode, facility, port_terminal = place
        imo, name, export, import_ = vessel
        first, second = (import_, export) if event_type in ARRIVAL_SIDE else (export, import_)
        moved = movement == TRANSSHIPMENT or e.isTransshipmentMove is True
        # Positional, in the field order of Event.
        event = Event(
            e.eventID,
            event_type,
            moment.astimezone(UTC),
            container,
            unlocode,
            facility,
            imo,
            name,
            second if first is None else first,
            bill[0],
            full,
            seals,
            moved,
            "dcsa",
            source_message,
        )
        return event, port_terminal

    def _read_seals(self, raw: bytes) -> Any:
        listed = _SEALS.decode(raw)
        return () if listed is None else read_seals(listed, self.seal_cache)


def _cached(memory: dict[Any, Any], key: Any, read: Callable[..., Any]) -> Any:
    """``read`` of a part, once per message for each distinct raw text; None where this path
    does not read the event."""
    found = memory.get(key, _MISS)
    if found is _MISS:
        try:
            found = read(*key) if type(key) is tuple else read(key)
        except _ERRORS:
            found = None
        memory[key] = found
    return found


def _move(e: FlatEvent) -> EventType | None:
    """The equipment or transport move the event's codes name (IoT and others: careful)."""
    if e.eventType == EQUIPMENT:
        code = e.equipmentEventTypeCode
        code = e.equipmentEventType if code is None else code
        return None if code is None else EQUIPMENT_MOVES.get(code)
    if e.eventType == TRANSPORT:
        code = e.transportEventTypeCode
        code = e.transportEventType if code is None else code
        return None if code is None else TRANSPORT_MOVES.get(code)
    return None


def _place(location: bytes, call_raw: bytes) -> _Place | None:
    """The careful reader's place: the event location first, then the transport call and the
    call's own location; a candidate naming another UN/LOCODE than the first gives nothing."""
    candidates: list[Any] = []
    where = _LOCATION.decode(location)
    if where is not None:
        candidates.append(where)
    call = _CALL.decode(call_raw)
    if call is not None:
        candidates.append(call)
        if call.location is not None:
            candidates.append(call.location)
    codes = [
        c.UNLocationCode if c.UNLocationCode is not None else c.unLocationCode for c in candidates
    ]
    unlocode = next((code for code in codes if code is not None), None)
    texts: list[str | None] = [*codes]
    facility = facility_type = None
    for candidate, code in zip(candidates, codes, strict=True):
        if code is not None and code != unlocode:
            continue
        if facility is None:
            facility = facility_of(candidate)
            texts.append(facility)
        if facility_type is None:
            facility_type = candidate.facilityTypeCode
            if facility_type is None:
                facility_type = candidate.facilityType
    texts.append(facility_type)
    if not all(text is None or plain(text) for text in texts):
        return None
    return unlocode, facility, facility_type in PORT_TERMINAL


def _vessel(raw: bytes) -> _Vessel | None:
    call = _CALL.decode(raw)
    if call is None:
        return None, None, None, None
    ship = call.vessel if call.vessel is not None else call.vesselTransport
    imo = name = None
    if ship is not None:
        imo = ship.vesselIMONumber
        name = ship.vesselName if ship.vesselName is not None else ship.name
    export = voyage(
        (call.exportVoyageNumber, call.carrierExportVoyageNumber, call.carrierVoyageNumber),
        call.exportVoyageNumberOrReference,
        call.universalExportVoyageReference,
    )
    import_ = voyage(
        (call.importVoyageNumber, call.carrierImportVoyageNumber),
        call.importVoyageNumberOrReference,
        call.universalImportVoyageReference,
    )
    found = (imo, name, export, import_)
    if not all(text is None or plain(text) for text in found):
        return None
    return found


def _bill(raw: bytes) -> tuple[str | None] | None:
    """The value of the first transport document of ``documentReferences``; every type and
    value of the list must be a plain text."""
    listed = _DOCUMENTS.decode(raw)
    if listed is None:
        return (None,)
    bill = None
    for ref in listed:
        kind, value = ref.documentReferenceType, ref.documentReferenceValue
        if not (kind is None or plain(kind)) or not (value is None or plain(value)):
            return None
        if bill is None and kind in TRANSPORT_DOCUMENT and value is not None:
            bill = value
    return (bill,)


def _equipment_reference(raw: bytes) -> tuple[str | None] | None:
    """The one equipment number ``references`` names (None when none or several)."""
    listed = _REFERENCES.decode(raw)
    found = set()
    for ref in listed or ():
        kind = ref.referenceType if ref.referenceType is not None else ref.type
        value = ref.referenceValue
        if value is None:
            value = ref.value if ref.value is not None else ref.reference
        if not (kind is None or plain(kind)) or not (value is None or plain(value)):
            return None
        if kind in EQUIPMENT_REFERENCE and value is not None:
            found.add(value)
    return (found.pop() if len(found) == 1 else None,)
