"""DCSA Track & Trace code lists, as lookups built once at import.

Built from the DCSA reference code lists (2023 information model), the T&T 2.2.0 and 3.0.0
conformance specs (short codes: ``LOAD``, ``CUS``) and the T&T 3.0.0 information-model draft
(spelled-out words: ``LOADED``, ``CUSTOMS``). v3.0 is still moving, so both spellings are read;
the writer uses the short codes, which every published version shares.

A code that maps to ``None`` is known but is not a container move in the canonical model
(a document status, a customs selection, a reefer reading): the event is skipped with an info
finding. A code missing from a table is not in the code list: skipped with a warning.
"""

from __future__ import annotations

from greenlane.domain.codes import EventType, SealAffixer

FORMAT = "dcsa"

EQUIPMENT = "EQUIPMENT"
TRANSPORT = "TRANSPORT"
SHIPMENT = "SHIPMENT"
IOT = "IOT"
REEFER = "REEFER"
EVENT_KINDS = frozenset({EQUIPMENT, TRANSPORT, SHIPMENT, IOT, REEFER})

# The key of the kind-specific code, per kind, in the places the versions put it: v3.0
# conformance (``...TypeCode`` in eventClassification), v3.0 draft (``...Type``), v2.2 and
# 3.0.0-beta1 (flat ``...TypeCode``) and the deprecated v2.2 ``eventTypeCode``.
KIND_CODE_KEYS: dict[str, tuple[str, str]] = {
    EQUIPMENT: ("equipmentEventTypeCode", "equipmentEventType"),
    TRANSPORT: ("transportEventTypeCode", "transportEventType"),
    SHIPMENT: ("shipmentEventTypeCode", "shipmentEventType"),
    IOT: ("iotEventTypeCode", "iotEventType"),
    REEFER: ("reeferEventTypeCode", "reeferEventType"),
}


def _both(pairs: dict[tuple[str, str], EventType | None]) -> dict[str, EventType | None]:
    """One lookup holding the short code and the spelled-out word of each entry."""
    return {code: value for (short, word), value in pairs.items() for code in (short, word)}


EQUIPMENT_EVENTS: dict[str, EventType | None] = _both(
    {
        ("LOAD", "LOADED"): EventType.LOADED,
        ("DISC", "DISCHARGED"): EventType.DISCHARGED,
        ("GTIN", "GATED_IN"): EventType.GATE_IN,
        ("GTOT", "GATED_OUT"): EventType.GATE_OUT,
        ("STUF", "STUFFED"): EventType.STUFFED,
        ("STRP", "STRIPPED"): EventType.STRIPPED,
        # Pick-up takes the box out of a customer's premises, drop-off brings it in: the gate
        # moves of that place (the canonical model has no separate customer-premises move).
        ("PICK", "PICKED_UP"): EventType.GATE_OUT,
        ("DROP", "DROPPED_OFF"): EventType.GATE_IN,
        # DCSA defines INSP as "the seal on equipment has been inspected" (the RMVD, INSP, RSEA
        # seal sequence), not a customs examination of the goods.
        ("INSP", "INSPECTED"): EventType.SEAL_CHECKED,
        ("RMVD", "REMOVED"): EventType.SEAL_REMOVED,
        ("RSEA", "RESEALED"): EventType.RESEALED,
        # Availability, customs selection and release, waypoints: statuses, not moves.
        ("AVPU", "AVAILABLE_FOR_PICKUP"): None,
        ("AVDO", "AVAILABLE_FOR_DROP_OFF"): None,
        ("CUSS", "CUSTOMS_SELECTED_FOR_SCAN"): None,
        ("CUSI", "CUSTOMS_SELECTED_FOR_INSPECTION"): None,
        ("CUSR", "CUSTOMS_RELEASED"): None,
        ("CROS", "CROSSED"): None,
        ("WAYP", "WAYPOINT_CROSSED"): None,
    }
)

TRANSPORT_EVENTS: dict[str, EventType | None] = {
    "ARRI": EventType.ARRIVED,
    "ARRIVED": EventType.ARRIVED,
    "DEPA": EventType.DEPARTED,
    "DEPARTED": EventType.DEPARTED,
    "APPROACHING": None,
}

# IoT: v3.0 conformance says IOT/DETC with the door code in iotDetails.iotEventCode (DRO, DRC,
# LOC); the v3.0 draft puts DOOR_OPENED etc. straight in eventClassification.iotEventType.
IOT_EVENTS: dict[str, EventType | None] = {
    "DRO": EventType.DOOR_OPENED,
    "DOOR_OPENED": EventType.DOOR_OPENED,
    "DRC": EventType.DOOR_CLOSED,
    "DOOR_CLOSED": EventType.DOOR_CLOSED,
    "DETC": None,
    "LOC": None,
    **dict.fromkeys(
        (
            "BREADCRUMB",
            "DEVICE_STATUS",
            "GEOFENCE_ENTRY",
            "GEOFENCE_EXIT",
            "MOTION_START",
            "MOTION_STOP",
            "PAIRING",
            "UNPAIRING",
        ),
        None,
    ),
}

REEFER_EVENTS: dict[str, EventType | None] = dict.fromkeys(
    ("MEAS", "ADJU", "MEASURED", "ADJUSTED"), None
)

# Shipment events are document statuses (booking confirmed, B/L issued): never a move.
SHIPMENT_EVENTS: dict[str, EventType | None] = dict.fromkeys(
    (  # noqa: SIM905 (a word list reads better than 70 quoted items)
        # 2023 code list and v3.0 conformance
        "RECE DRFT PENA PENU PENC PENM REJE APPR ISSU SURR SUBM VOID CONF REQS CMPL HOLD RELS "
        "CANC AMCF AMCN AMDC AMPR AMRE CACF CADC CARE DECL PSAM PSDL SUAM SUDL UPCF UPCN UPDC "
        "UPDT UPRE "
        # v3.0 draft words
        "AMENDMENT_CANCELLED AMENDMENT_CONFIRMED AMENDMENT_DECLINED AMENDMENT_IN_PROGRESS "
        "AMENDMENT_RECEIVED APPROVED CANCELLATION_CONFIRMED CANCELLATION_DECLINED "
        "CANCELLATION_RECEIVED CANCELLED COMPLETED CONFIRMED DECLINED DRAFTED ISSUED ON_HOLD "
        "PENDING_AMENDMENT PENDING_APPROVAL PENDING_SURRENDER_FOR_AMENDMENT "
        "PENDING_SURRENDER_FOR_DELIVERY PENDING_UPDATE RECEIVED REJECTED RELEASED REQUESTED "
        "SUBMITTED SURRENDERED SURRENDERED_FOR_AMENDMENT SURRENDERED_FOR_DELIVERY "
        "UPDATE_CANCELLED UPDATE_CONFIRMED UPDATE_DECLINED UPDATE_IN_PROGRESS UPDATE_RECEIVED "
        "VOIDED"
    ).split(),
    None,
)

EVENT_CODES: dict[str, dict[str, EventType | None]] = {
    EQUIPMENT: EQUIPMENT_EVENTS,
    TRANSPORT: TRANSPORT_EVENTS,
    SHIPMENT: SHIPMENT_EVENTS,
    IOT: IOT_EVENTS,
    REEFER: REEFER_EVENTS,
}

# eventClassifierCode (v2.2, v3.0) and eventClassifier (v3.0 draft): only actual moves count.
ACTUAL = frozenset({"ACT", "ACTUAL"})
NOT_ACTUAL = frozenset({"PLN", "PLANNED", "EST", "ESTIMATED", "REQ", "REQUESTED"})

SEAL_SOURCES: dict[str, SealAffixer] = {
    "CAR": SealAffixer.CARRIER,
    "CARRIER": SealAffixer.CARRIER,
    "SHI": SealAffixer.SHIPPER,
    "SHIPPER": SealAffixer.SHIPPER,
    # The customer who seals a box is its shipper (the consignee does not stuff it).
    "CST": SealAffixer.SHIPPER,
    "CUSTOMER": SealAffixer.SHIPPER,
    "CUS": SealAffixer.CUSTOMS,
    "CUSTOMS": SealAffixer.CUSTOMS,
    "TER": SealAffixer.TERMINAL,
    "TERMINAL": SealAffixer.TERMINAL,
    "CNS": SealAffixer.CONSOLIDATOR,
    "CONSOLIDATOR": SealAffixer.CONSOLIDATOR,
    # Quarantine agencies: the canonical model has no such affixer.
    "PHY": SealAffixer.UNKNOWN,
    "PHYTOSANITARY": SealAffixer.UNKNOWN,
    "VET": SealAffixer.UNKNOWN,
    "VETERINARY": SealAffixer.UNKNOWN,
}

# Writer: the short code of each affixer (v2.2 lacks TER and CNS; they are v3.0 codes).
SEAL_SOURCE_CODES: dict[SealAffixer, str] = {
    SealAffixer.CARRIER: "CAR",
    SealAffixer.SHIPPER: "SHI",
    SealAffixer.CUSTOMS: "CUS",
    SealAffixer.TERMINAL: "TER",
    SealAffixer.CONSOLIDATOR: "CNS",
}

SEAL_TYPES = frozenset({"KLP", "BLT", "WIR", "KEYLESS_PADLOCK", "BOLT", "WIRE"})

EMPTY_INDICATORS: dict[str, bool] = {"LADEN": True, "EMPTY": False}

TRANSSHIPMENT = "TRANSSHIPMENT"
MOVEMENT_TYPES = frozenset({"IMPORT", "EXPORT", TRANSSHIPMENT})

# eventLocation.facilityTypeCode (v2.2, v3.0) and facilityType (v3.0 draft) of a port terminal:
# a place the message itself says is a port, so its UN/LOCODE must be one.
PORT_TERMINAL = frozenset({"POTE", "PORT_TERMINAL"})

TRANSPORT_DOCUMENT = frozenset({"TRD", "TRANSPORT_DOCUMENT"})
EQUIPMENT_REFERENCE = frozenset({"EQ", "EQUIPMENT_REFERENCE"})

# Moves on the arrival side of a transport call read the import voyage first.
ARRIVAL_SIDE = frozenset({EventType.DISCHARGED, EventType.ARRIVED})

# Writer: canonical type -> (kind, short code). Types DCSA T&T cannot say are absent: a
# transshipment is a DISC and a LOAD flagged TRANSSHIPMENT, and T&T has no inspection of goods.
WRITE_CODES: dict[EventType, tuple[str, str]] = {
    EventType.STUFFED: (EQUIPMENT, "STUF"),
    EventType.STRIPPED: (EQUIPMENT, "STRP"),
    EventType.GATE_IN: (EQUIPMENT, "GTIN"),
    EventType.GATE_OUT: (EQUIPMENT, "GTOT"),
    EventType.LOADED: (EQUIPMENT, "LOAD"),
    EventType.DISCHARGED: (EQUIPMENT, "DISC"),
    EventType.SEAL_CHECKED: (EQUIPMENT, "INSP"),
    EventType.SEAL_REMOVED: (EQUIPMENT, "RMVD"),
    EventType.RESEALED: (EQUIPMENT, "RSEA"),
    EventType.ARRIVED: (TRANSPORT, "ARRI"),
    EventType.DEPARTED: (TRANSPORT, "DEPA"),
    EventType.DOOR_OPENED: (IOT, "DRO"),
    EventType.DOOR_CLOSED: (IOT, "DRC"),
}
