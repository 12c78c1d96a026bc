"""X12 code lists, cut down to the codes that mean something to greenlane.

Element numbers are the X12 data element dictionary's (157 shipment status, 115 port function...).
The event mapping follows the cross-standard table in STANDARDS.md (X12 315 B4-03 column).
"""

from __future__ import annotations

from greenlane.domain.codes import EventType, IdentifierScheme, PartyRole, SealAffixer

SUPPORTED = ("309", "310", "315")

# 157 Shipment Status Code -> the canonical move. Only actual moves of the box are events.
STATUS_EVENTS: dict[str, EventType] = {
    "AE": EventType.LOADED,  # loaded on vessel
    "AP": EventType.LOADED,  # loaded on feeder vessel
    "AO": EventType.LOADED,  # loaded on barge
    "VD": EventType.DEPARTED,  # vessel departure
    "VA": EventType.ARRIVED,  # vessel arrival
    "UV": EventType.DISCHARGED,  # unloaded from vessel
    "I": EventType.GATE_IN,  # in-gate
    "RD": EventType.GATE_IN,  # empty container returned
    "OA": EventType.GATE_OUT,  # out-gate
    "EE": EventType.GATE_OUT,  # empty equipment dispatched to the shipper
    "D": EventType.GATE_OUT,  # delivered
    "X1": EventType.GATE_OUT,  # arrived at delivery location
    "PA": EventType.INSPECTED,  # customs hold for intensive examination
}

# Statuses that are real but are not moves of the box in greenlane's vocabulary (or not yet
# actual): kept as info findings so nothing said is lost. The words are the code list's.
STATUS_WORDS: dict[str, str] = {
    "A": "arrived (at an unspecified kind of place)",
    "AF": "departed pick-up location",
    "AG": "estimated delivery",
    "AL": "loaded on rail",
    "AM": "loaded on truck",
    "AR": "rail arrival at destination intermodal ramp",
    "AV": "available for delivery",
    "C": "estimated to depart",
    "CS": "container sealed",
    "CT": "customs released",
    "CU": "carrier and customs release",
    "E": "estimated to arrive",
    "J": "delivered to connecting line",
    "K": "at customs",
    "RL": "rail departure from origin intermodal ramp",
    "UR": "unloaded from a rail car",
    "AE": "loaded on vessel",
    "AP": "loaded on feeder vessel",
    "AO": "loaded on barge",
    "VD": "vessel departure",
    "VA": "vessel arrival",
    "UV": "unloaded from vessel",
    "I": "in-gate",
    "RD": "return container",
    "OA": "out-gate",
    "EE": "empty equipment dispatched",
    "D": "delivered",
    "X1": "arrived at delivery location",
    "PA": "customs hold (intensive examination)",
}

# 578 Equipment Status Code (B4-09), 1 Load/Empty Status (VID-10): True = full.
EQUIPMENT_FULL: dict[str, bool] = {"E": False, "L": True, "F": True}

# 115 Port or Terminal Function Code -> route slot, in order of preference within a slot.
PORT_FUNCTIONS: dict[str, tuple[str, int]] = {
    "R": ("place_of_receipt", 0),
    "A": ("place_of_receipt", 1),  # place of acceptance
    "L": ("port_of_loading", 0),
    "J": ("port_of_loading", 1),  # bill of lading port of loading
    "T": ("transshipment", 0),
    "D": ("port_of_discharge", 0),
    "K": ("port_of_discharge", 1),  # bill of lading port of discharge
    "1": ("port_of_discharge", 2),  # final port of discharge
    "E": ("place_of_delivery", 0),
    "5": ("activity", 0),  # where the reported activity happens (315)
}

# Which R4 function places a 315 move when no activity location (R4 function 5) is sent.
EVENT_PORT_FUNCTIONS: dict[EventType, tuple[str, ...]] = {
    EventType.LOADED: ("L", "J"),
    EventType.DEPARTED: ("L", "J"),
    EventType.ARRIVED: ("D", "K", "1"),
    EventType.DISCHARGED: ("D", "K", "1"),
}

# 98 Entity Identifier Code -> party role.
PARTY_ROLES: dict[str, PartyRole] = {
    "SH": PartyRole.SHIPPER,
    "CN": PartyRole.CONSIGNEE,
    "N1": PartyRole.NOTIFY_PARTY,
    "N2": PartyRole.NOTIFY_PARTY,  # second notify party
    "CA": PartyRole.CARRIER,
    "BY": PartyRole.BUYER,
    "SE": PartyRole.SELLER,
    "MF": PartyRole.MANUFACTURER,
    "ST": PartyRole.SHIP_TO,
    "CS": PartyRole.CONSOLIDATOR,
    "IM": PartyRole.IMPORTER_OF_RECORD,
}
# 98 codes that name a place rather than a party (309 final scheduled destination).
PLACE_ENTITIES = frozenset({"FS"})

# 66 Identification Code Qualifier -> scheme.
ID_SCHEMES: dict[str, IdentifierScheme] = {
    "1": IdentifierScheme.DUNS,
    "9": IdentifierScheme.DUNS,  # DUNS + 4
    "2": IdentifierScheme.SCAC,
    "24": IdentifierScheme.TAX_ID,  # employer's identification number
}

# 98 codes in M7-05 (who applied the seals).
SEAL_PARTIES: dict[str, SealAffixer] = {
    "SH": SealAffixer.SHIPPER,
    "CA": SealAffixer.CARRIER,
}

# 23 Commodity Code Qualifier: the HS-based ones (HTSUSA, Schedule B, HS-based Schedule B).
HS_QUALIFIERS = frozenset({"A", "B", "J"})

# 188 Weight Unit Code -> kilograms per unit.
WEIGHT_UNITS_KG: dict[str, float] = {"K": 1.0, "L": 0.45359237}

# 353 Transaction Set Purpose Code (B2A-01).
PURPOSE_ORIGINAL = "00"
PURPOSE_CANCELLATION = "01"

# 623 Time Code. LT is the local time of the place (as is a time without a code). The standard
# and daylight codes and 01-24 (ISO P01..P12, then M12..M01) are fixed offsets in hours.
LOCAL_TIME = "LT"
FIXED_TIME_CODES: dict[str, float] = {
    "UT": 0, "GM": 0,
    "ES": -5, "ED": -4, "CS": -6, "CD": -5, "MS": -7, "MD": -6, "PS": -8, "PD": -7,
    "AS": -9, "AD": -8, "HS": -10, "HD": -9, "NS": -3.5, "ND": -2.5, "TS": -4, "TD": -3,
} | {f"{n:02d}": float(n if n <= 12 else n - 25) for n in range(1, 25)}  # fmt: skip
# The "time" codes follow the season: a zone that keeps it. A place whose own zone has the same
# winter offset (Phoenix for MT, the Aleutians for HT) is read in its own zone instead.
SEASONAL_TIME_CODES: dict[str, str] = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "AT": "America/Anchorage",
    "HT": "Pacific/Honolulu",
    "NT": "America/St_Johns",
    "TT": "America/Halifax",
}
