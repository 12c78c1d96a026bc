"""The DCSA typed path's decoding: the msgspec schema of a plain v3.0 event and its parts.

The schema holds what the careful reader (event.py) reads from a plain v3.0 event, in both
spellings, and marks the keys that would change its reading (``_Absent``: a retraction, a
transport call at the top, further document lists, IoT details...); a
message that is an array or envelope of events is cut into raw events first (``split``), each
decoded on its own so one odd event does not cost the others. The parts of an event
(classification, location, transport, equipment, shipment details) are kept raw, for
typed_records.py to decode once per message for each distinct text. Every decoder here is
built once, on import, and holds no state.
"""

from __future__ import annotations

import msgspec
from msgspec import UNSET, Raw, Struct, UnsetType

from greenlane.ingest.epcis.typed_decode import longest_part

_Text = str | None
_Absent = UnsetType
"""A key this path does not read: present at all (even null), the careful reader reads the event."""


class _Part(Struct, gc=False):
    """Parts hold only text, flags and other parts: no cycles for the collector to look for."""


class Classification(_Part):
    eventTypeCode: _Text = None
    eventType: _Text = None
    eventClassifierCode: _Text = None
    eventClassifier: _Text = None
    equipmentEventTypeCode: _Text = None
    equipmentEventType: _Text = None
    transportEventTypeCode: _Text = None
    transportEventType: _Text = None
    iotEventTypeCode: _Text = None
    iotEventType: _Text = None


class IotDetails(_Part):
    iotEventCode: _Text = None


class Facility(_Part):
    facilityCode: _Text = None
    facilityName: _Text = None


class Location(_Part):
    UNLocationCode: _Text = None
    unLocationCode: _Text = None
    facilityCode: _Text = None
    facility: Facility | None = None
    locationName: _Text = None
    facilityTypeCode: _Text = None
    facilityType: _Text = None
    address: _Absent = UNSET
    """Checked against the UN/LOCODE by the careful reader (schema.py)."""


class Voyage(_Part):
    carrierVoyageNumber: _Text = None
    universalVoyageReference: _Text = None


class Vessel(_Part):
    vesselIMONumber: _Text = None
    vesselName: _Text = None
    name: _Text = None


class Call(_Part):
    """A transport call that names no place of its own (the event location does)."""

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
    vessel: _Absent = UNSET
    UNLocationCode: _Absent = UNSET
    unLocationCode: _Absent = UNSET
    location: _Absent = UNSET
    facilityCode: _Absent = UNSET
    facility: _Absent = UNSET
    locationName: _Absent = UNSET
    facilityTypeCode: _Absent = UNSET
    facilityType: _Absent = UNSET


class TransportDetails(_Part):
    transportCall: Call | None = None


class Seal(_Part):
    sealNumber: _Text = None
    number: _Text = None
    sealSource: _Text = None
    source: _Text = None
    sealType: _Text = None
    type: _Text = None


class Equipment(_Part):
    equipmentReference: str
    emptyIndicatorCode: _Text = None
    emptyIndicator: _Text = None
    movementType: _Text = None
    transportPhase: _Text = None
    isTransshipmentMove: bool | None = None
    seals: list[Seal] | None = None


class Document(_Part):
    typeCode: _Text = None
    type: _Text = None
    reference: _Text = None


class ShipmentDetails(_Part):
    documentReference: Document | None = None
    additionalDocumentReferences: list[msgspec.Raw] | None = None
    shipmentReferences: Raw = Raw(b"null")
    """Read for the container only where the event has no equipment details."""


_NULL = Raw(b"null")


class PlainEvent(_Part):
    """An event, its parts kept as raw JSON: read once per message for each distinct text."""

    eventID: str
    eventDateTime: str
    eventClassification: Raw
    equipmentDetails: Raw = _NULL
    eventLocation: Raw = _NULL
    transportDetails: Raw = _NULL
    shipmentDetails: Raw = _NULL
    iotDetails: Raw = _NULL
    isTransshipmentMove: bool | None = None
    metadata: _Absent = UNSET
    isRetracted: _Absent = UNSET
    location: _Absent = UNSET
    transportCall: _Absent = UNSET
    # read at the top where there are no equipment details: left to the careful reader
    equipmentReference: _Absent = UNSET
    emptyIndicatorCode: _Absent = UNSET
    emptyIndicator: _Absent = UNSET
    movementType: _Absent = UNSET
    transportPhase: _Absent = UNSET
    seals: _Absent = UNSET
    references: _Absent = UNSET
    facilityTypeCode: _Absent = UNSET
    facilityType: _Absent = UNSET
    documentReferences: _Absent = UNSET
    relatedDocumentReferences: _Absent = UNSET


_SPLIT_OBJECT = msgspec.json.Decoder(dict[str, Raw])
_SPLIT_ARRAY = msgspec.json.Decoder(list[Raw])
EVENT = msgspec.json.Decoder(PlainEvent)


CLASSIFICATION = msgspec.json.Decoder(Classification)
IOT_DETAILS = msgspec.json.Decoder(IotDetails | None)
LOCATION = msgspec.json.Decoder(Location | None)
TRANSPORT_DETAILS = msgspec.json.Decoder(TransportDetails | None)
EQUIPMENT_DETAILS = msgspec.json.Decoder(Equipment | None)
SHIPMENT_DETAILS = msgspec.json.Decoder(ShipmentDetails | None)


def split(content: bytes) -> tuple[list[Raw], str] | None:
    """The raw events of a message that is an array of events or an object with ``events``,
    and the JSON pointer of the array; None for anything else (another encoding, one event,
    not JSON, a key beside the events too long to be sure of), which the caller reads with
    ``json`` and reports on."""
    if not content.isascii():  # msgspec does not look inside the values it skips
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        if content[:64].lstrip()[:1] == b"[":
            return _SPLIT_ARRAY.decode(content), ""
        top = _SPLIT_OBJECT.decode(content)
        events = top.pop("events", None)
        # The other keys are read by nobody: one long enough to nest or count beyond what
        # json reads (longest_part) leaves the message to json, which says what is wrong.
        if events is None or (top and max(map(len, top.values())) > longest_part()):
            return None
        return _SPLIT_ARRAY.decode(events), "/events"
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):  # ValidationError too
        return None
