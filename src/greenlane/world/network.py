"""The liner network of the world: carriers, their services (port rotations) and ports' roles.

Carriers are invented, with SCAC-shaped codes; rotations follow the shape of real services
(transpacific, Asia-Europe via Suez, India-US East, feeders into Singapore, Colombo, Jebel Ali,
Port Klang, Tanjung Pelepas, Algeciras and Rotterdam). Only the headhaul direction is modelled:
goods move towards the US and the EU.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Carrier:
    scac: str
    name: str
    vessel_prefix: str
    address: str
    country: str


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    code: str
    scac: str
    name: str
    direction: str
    """Voyage suffix: E, W, N or S."""
    rotation: tuple[str, ...]
    knots: float = 18.0
    feeder: bool = False


CARRIERS: tuple[Carrier, ...] = (
    Carrier("BHZU", "Blue Horizon Line", "HORIZON", "1 Harbour Front Avenue, Singapore", "SG"),
    Carrier(
        "OPCU", "Orient Pacific Container Line", "ORIENT", "88 Connaught Road, Hong Kong", "HK"
    ),
    Carrier("MRDU", "Meridian Maritime", "MERIDIAN", "Via Garibaldi 4, Genova", "IT"),
    Carrier("ATDU", "Austral Tide Lines", "AUSTRAL", "Esplanade 12, Copenhagen", "DK"),
    Carrier("HSLU", "Hanseatic Star Line", "HANSA STAR", "Ballindamm 20, Hamburg", "DE"),
    Carrier("SGFU", "Silver Gulf Shipping", "SILVER", "Sheikh Zayed Road 210, Dubai", "AE"),
    Carrier("LTFU", "Lotus Feeder Services", "LOTUS", "Jalan Pelabuhan 3, Port Klang", "MY"),
    Carrier("CRFU", "Crescent Feeder Line", "CRESCENT", "West Wharf Road 9, Karachi", "PK"),
)

SERVICES: tuple[ServiceSpec, ...] = (
    # Transpacific to the US West Coast.
    ServiceSpec(
        "TPX", "BHZU", "Transpacific Express", "E", ("CNNGB", "CNSHA", "KRPUS", "USLAX", "USLGB")
    ),
    ServiceSpec(
        "PSW",
        "OPCU",
        "Pacific Southwest",
        "E",
        ("CNXMN", "CNYTN", "HKHKG", "TWKHH", "USLGB", "USLAX"),
    ),
    ServiceSpec(
        "SGX",
        "SGFU",
        "Straits-California",
        "E",
        ("MYPKG", "SGSIN", "VNCMT", "HKHKG", "USLGB", "USOAK"),
        knots=19.0,
    ),
    ServiceSpec(
        "TPC", "MRDU", "South China-California", "E", ("VNCMT", "CNSHK", "CNYTN", "USLAX", "USOAK")
    ),
    ServiceSpec(
        "JTP", "SGFU", "Japan-Transpacific", "E", ("JPUKB", "JPNGO", "JPTYO", "USLAX", "USLGB")
    ),
    ServiceSpec(
        "MXP", "OPCU", "Mexico Pacific", "N", ("MXLZC", "MXZLO", "USLGB", "USLAX"), knots=16.0
    ),
    # Asia to the US East and Gulf coasts, via Panama and via Suez.
    ServiceSpec(
        "AEC",
        "BHZU",
        "Asia-East Coast",
        "E",
        ("KRPUS", "CNTAO", "CNNGB", "CNSHA", "USHOU", "USSAV", "USNYC"),
    ),
    ServiceSpec(
        "PNX",
        "OPCU",
        "Panama Express",
        "E",
        ("CNYTN", "CNXMN", "CNNGB", "KRPUS", "USSAV", "USCHS", "USNYC"),
    ),
    ServiceSpec(
        "SUZ", "MRDU", "Suez-East Coast", "W", ("VNCMT", "SGSIN", "LKCMB", "USNYC", "USSAV")
    ),
    ServiceSpec(
        "IEX",
        "HSLU",
        "India-America Express",
        "W",
        ("PKKHI", "INMUN", "INNSA", "USNYC", "USORF", "USSAV"),
    ),
    ServiceSpec(
        "MEX", "SGFU", "Middle East-East Coast", "W", ("AEJEA", "SAJED", "USNYC", "USSAV", "USHOU")
    ),
    # Asia, the Indian subcontinent and the Gulf to North Europe.
    ServiceSpec(
        "AE1",
        "OPCU",
        "Asia-Europe 1",
        "W",
        ("CNTAO", "CNSHA", "CNNGB", "CNYTN", "MYTPP", "LKCMB", "NLRTM", "DEHAM", "BEANR"),
    ),
    ServiceSpec(
        "AE5",
        "BHZU",
        "Asia-Europe 5",
        "W",
        ("KRPUS", "CNSHA", "CNNGB", "CNYTN", "VNCMT", "SGSIN", "ESALG", "NLRTM", "BEANR", "DEHAM"),
        knots=19.0,
    ),
    ServiceSpec(
        "AE7",
        "ATDU",
        "Asia-Europe 7",
        "W",
        ("CNXMN", "CNSHK", "HKHKG", "SGSIN", "MYPKG", "BEANR", "NLRTM", "DEHAM"),
    ),
    ServiceSpec(
        "IPK",
        "HSLU",
        "India-Pakistan-Europe",
        "W",
        ("PKKHI", "INMUN", "INNSA", "AEJEA", "NLRTM", "DEHAM", "BEANR"),
    ),
    # Mediterranean, North Europe, South America and Mexico to the US and the EU.
    ServiceSpec(
        "MUS",
        "ATDU",
        "Med-America",
        "W",
        ("TRAMR", "TRIZM", "GRPIR", "ITGOA", "ITSPE", "ESVLC", "ESALG", "USNYC", "USSAV", "USHOU"),
    ),
    ServiceSpec(
        "TA1",
        "HSLU",
        "Transatlantic 1",
        "W",
        ("DEHAM", "DEBRV", "NLRTM", "BEANR", "FRLEH", "USNYC", "USSAV", "USHOU"),
    ),
    ServiceSpec(
        "BRE",
        "MRDU",
        "Brazil-Europe",
        "N",
        ("BRRIG", "BRSSZ", "BRRIO", "ESALG", "NLRTM", "DEHAM", "BEANR"),
    ),
    ServiceSpec(
        "BRU", "SGFU", "Brazil-America", "N", ("BRRIG", "BRSSZ", "BRRIO", "USSAV", "USNYC")
    ),
    ServiceSpec(
        "GMX",
        "ATDU",
        "Gulf of Mexico-Europe",
        "E",
        ("MXVER", "MXATM", "USHOU", "BEANR", "NLRTM", "DEHAM"),
    ),
    # Feeders into the hubs.
    ServiceSpec(
        "PGF",
        "CRFU",
        "Pakistan-Gulf Feeder",
        "W",
        ("PKKHI", "PKBQM", "AEJEA"),
        knots=15.0,
        feeder=True,
    ),
    ServiceSpec(
        "PSF",
        "CRFU",
        "Pakistan-Straits Feeder",
        "E",
        ("PKKHI", "PKBQM", "LKCMB", "SGSIN"),
        knots=16.0,
        feeder=True,
    ),
    ServiceSpec(
        "ICF",
        "CRFU",
        "India-Colombo Feeder",
        "S",
        ("INVTZ", "INMAA", "INTUT", "LKCMB"),
        knots=14.0,
        feeder=True,
    ),
    ServiceSpec(
        "GSR",
        "CRFU",
        "Gulf-Straits Relay",
        "E",
        ("AEJEA", "LKCMB", "SGSIN", "MYTPP"),
        knots=17.0,
        feeder=True,
    ),
    ServiceSpec(
        "BCF", "LTFU", "Bangladesh-Colombo Feeder", "S", ("BDCGP", "LKCMB"), knots=14.0, feeder=True
    ),
    ServiceSpec(
        "BSF",
        "LTFU",
        "Bangladesh-Straits Feeder",
        "S",
        ("BDCGP", "MYPKG", "SGSIN"),
        knots=14.0,
        feeder=True,
    ),
    ServiceSpec(
        "VSF",
        "LTFU",
        "Vietnam-Straits Feeder",
        "S",
        ("VNHPH", "VNSGN", "KHKOS", "SGSIN", "MYTPP"),
        knots=15.0,
        feeder=True,
    ),
    ServiceSpec(
        "TSF",
        "LTFU",
        "Thailand-Straits Feeder",
        "S",
        ("THBKK", "THLCH", "SGSIN", "MYPKG"),
        knots=15.0,
        feeder=True,
    ),
    ServiceSpec(
        "JSF",
        "LTFU",
        "Java-Straits Feeder",
        "N",
        ("IDSUB", "IDSRG", "IDTPP", "SGSIN", "MYTPP"),
        knots=15.0,
        feeder=True,
    ),
    ServiceSpec(
        "MMF", "LTFU", "Myanmar Feeder", "S", ("MMRGN", "MYPKG", "SGSIN"), knots=14.0, feeder=True
    ),
    ServiceSpec(
        "PRD",
        "OPCU",
        "Pearl River Delta Feeder",
        "S",
        ("CNFOC", "CNXMN", "HKHKG"),
        knots=14.0,
        feeder=True,
    ),
    ServiceSpec(
        "NEF",
        "ATDU",
        "North Europe Feeder",
        "S",
        ("PLGDN", "SEGOT", "NLRTM"),
        knots=15.0,
        feeder=True,
    ),
)

HUBS: frozenset[str] = frozenset(
    {"SGSIN", "LKCMB", "AEJEA", "MYPKG", "MYTPP", "ESALG", "NLRTM", "HKHKG", "KRPUS"}
)
"""Ports where containers change vessel."""

DESTINATIONS: dict[str, float] = {
    "USLGB": 14,
    "USLAX": 14,
    "USNYC": 12,
    "USSAV": 10,
    "USHOU": 8,
    "NLRTM": 17,
    "DEHAM": 13,
    "BEANR": 12,
}
"""Ports of discharge of the world's imports, with relative volume."""

ORIGIN_COUNTRIES: dict[str, float] = {
    "CN": 30,
    "VN": 9,
    "IN": 7,
    "KR": 5,
    "DE": 5,
    "TW": 3,
    "TH": 4,
    "MY": 3,
    "ID": 4,
    "BD": 4,
    "PK": 3,
    "TR": 4,
    "IT": 4,
    "BR": 4,
    "MX": 3,
    "JP": 3,
    "KH": 1,
    "LK": 1,
    "MM": 0.5,
    "SE": 1,
    "PL": 1,
}
"""Countries where goods are made and stuffed, with relative volume."""

EU_COUNTRIES: frozenset[str] = frozenset(
    {"NL", "DE", "BE", "IT", "ES", "FR", "GR", "PL", "SE", "DK"}
)


def region_of(country: str) -> str:
    """Import regions: the US, the EU, or elsewhere."""
    if country == "US":
        return "US"
    return "EU" if country in EU_COUNTRIES else "other"
