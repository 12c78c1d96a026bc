"""Code lists of the canonical model, named after the WCO data model and SAFE data elements.

Values are lower-case words so that they read well in storage, JSON and Polars frames alike.
"""

from __future__ import annotations

from enum import StrEnum


class FilingType(StrEnum):
    CARGO_DECLARATION = "cargo_declaration"
    """Carrier's or NVOCC's 24-hour advance cargo declaration (the manifest)."""
    IMPORTER_SECURITY_FILING = "importer_security_filing"
    """US "10+2": the only filing that names the stuffer and the stuffing location."""
    ENTRY = "entry"
    """Goods declaration for release (entry / entry summary)."""


class BillType(StrEnum):
    MASTER = "master"
    HOUSE = "house"
    STRAIGHT = "straight"


class PartyRole(StrEnum):
    SELLER = "seller"
    BUYER = "buyer"
    SHIPPER = "shipper"
    IMPORTER_OF_RECORD = "importer_of_record"
    CONSIGNEE = "consignee"
    MANUFACTURER = "manufacturer"
    SHIP_TO = "ship_to"
    STUFFER = "stuffer"
    CONSOLIDATOR = "consolidator"
    NOTIFY_PARTY = "notify_party"
    CARRIER = "carrier"
    NVOCC = "nvocc"
    DECLARANT = "declarant"


class IdentifierScheme(StrEnum):
    EORI = "eori"
    IMPORTER_NUMBER = "importer_number"
    DUNS = "duns"
    SCAC = "scac"
    TAX_ID = "tax_id"
    OTHER = "other"


class EventType(StrEnum):
    STUFFED = "stuffed"
    STRIPPED = "stripped"
    GATE_IN = "gate_in"
    GATE_OUT = "gate_out"
    LOADED = "loaded"
    DISCHARGED = "discharged"
    TRANSSHIPPED = "transshipped"
    DEPARTED = "departed"
    ARRIVED = "arrived"
    INSPECTED = "inspected"
    SEAL_CHECKED = "seal_checked"
    SEAL_REMOVED = "seal_removed"
    RESEALED = "resealed"
    DOOR_OPENED = "door_opened"
    DOOR_CLOSED = "door_closed"


class SealAffixer(StrEnum):
    SHIPPER = "shipper"
    CARRIER = "carrier"
    CUSTOMS = "customs"
    TERMINAL = "terminal"
    CONSOLIDATOR = "consolidator"
    UNKNOWN = "unknown"


class SealClass(StrEnum):
    """ISO 17712 classes: indicative, security, high security."""

    INDICATIVE = "I"
    SECURITY = "S"
    HIGH_SECURITY = "H"


class SealCondition(StrEnum):
    """Condition of a seal as read (EDIFACT 4517, DCSA seal events, e-seal alerts)."""

    INTACT = "intact"
    DAMAGED = "damaged"
    MISSING = "missing"
    BROKEN = "broken"
    FAULTY_ELECTRONIC = "faulty_electronic"
    TAMPER_ALERT = "tamper_alert"


class InspectionKind(StrEnum):
    DOCUMENTARY = "documentary"
    NON_INTRUSIVE = "non_intrusive"
    PHYSICAL = "physical"


class InspectionOutcome(StrEnum):
    NO_FINDING = "no_finding"
    DISCREPANCY = "discrepancy"
    SEIZURE = "seizure"


class TrustedTraderProgram(StrEnum):
    CTPAT = "ctpat"
    AEO = "aeo"
    OTHER = "other"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
