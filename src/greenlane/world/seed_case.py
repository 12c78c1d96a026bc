"""The seed case: container PLU775132 from Karachi via Singapore to Long Beach, January 2002.

This is the worked example of the CBP brief: the manifest filed for Long Beach declares Singapore
as the port of loading, while the box was stuffed and loaded in Karachi. Its facts are fixed and
do not depend on the world's seed or start date. PLU775132 is not a valid ISO 6346 number (it has
three letters and six digits); it is kept exactly as the case gives it.

The brief names vessels and voyages but no IMO numbers, carrier or parties; those fields are left
empty or filled with plainly invented names rather than guessed.
"""

from __future__ import annotations

from datetime import UTC, datetime

from greenlane.domain.codes import EventType, FilingType, PartyRole, SealAffixer, SealCondition
from greenlane.domain.records import (
    Container,
    DeclaredRoute,
    Event,
    Filing,
    FilingParty,
    GoodsItem,
    Party,
    Seal,
    SealReading,
)
from greenlane.world.draft import ThreatLabel
from greenlane.world.scenarios import ThreatScenario
from greenlane.world.shipments import SOURCE, WorldShipment

SEED_CONTAINER = "PLU775132"
SEED_BILL = "3324803"
SEED_SEAL_NUMBER = "0411297"
SEED_SEAL_TYPE = "IT"

_FIRST = ("PEKING SENATOR", "31E")
_SECOND = ("LONG PENNSYLVANIA", "14E")


def _t(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2002, month, day, hour, minute, tzinfo=UTC)


def seed_shipment() -> WorldShipment:
    reading = (
        SealReading(
            SEED_SEAL_NUMBER, SealCondition.INTACT, SealAffixer.SHIPPER, None, False, SEED_SEAL_TYPE
        ),
    )
    # (type, time, port, facility, vessel and voyage, seal read, transshipment move)
    moves: list[tuple[EventType, datetime, str, str | None, tuple[str, str] | None, bool, bool]] = [
        (
            EventType.STUFFED,
            _t(1, 11, 9),
            "PKKHI",
            "shipper's premises, Karachi",
            None,
            True,
            False,
        ),
        (
            EventType.GATE_IN,
            _t(1, 13, 14),
            "PKKHI",
            "Karachi International Container Terminal",
            None,
            True,
            False,
        ),
        (
            EventType.LOADED,
            _t(1, 15, 6, 40),
            "PKKHI",
            "Karachi International Container Terminal",
            _FIRST,
            True,
            False,
        ),
        (
            EventType.DEPARTED,
            _t(1, 15, 18),
            "PKKHI",
            "Karachi International Container Terminal",
            _FIRST,
            False,
            False,
        ),
        (
            EventType.ARRIVED,
            _t(1, 22, 13),
            "SGSIN",
            "Singapore Container Terminal",
            _FIRST,
            False,
            False,
        ),
        (
            EventType.DISCHARGED,
            _t(1, 22, 19, 25),
            "SGSIN",
            "Singapore Container Terminal",
            _FIRST,
            True,
            True,
        ),
        (
            EventType.LOADED,
            _t(1, 26, 9, 10),
            "SGSIN",
            "Singapore Container Terminal",
            _SECOND,
            True,
            True,
        ),
        (
            EventType.DEPARTED,
            _t(1, 26, 22),
            "SGSIN",
            "Singapore Container Terminal",
            _SECOND,
            False,
            False,
        ),
        (
            EventType.ARRIVED,
            _t(2, 13, 6),
            "USLGB",
            "Long Beach Container Terminal",
            _SECOND,
            False,
            False,
        ),
        (
            EventType.DISCHARGED,
            _t(2, 13, 14, 30),
            "USLGB",
            "Long Beach Container Terminal",
            _SECOND,
            True,
            False,
        ),
        (
            EventType.GATE_OUT,
            _t(2, 15, 9, 15),
            "USLGB",
            "Long Beach Container Terminal",
            None,
            True,
            False,
        ),
    ]
    events = tuple(
        Event(
            event_id=f"seed-{SEED_BILL}-{k}",
            event_type=etype,
            occurred_at=at,
            container_number=SEED_CONTAINER,
            unlocode=port,
            facility=facility,
            vessel_name=vessel[0] if vessel else None,
            voyage=vessel[1] if vessel else None,
            bill_of_lading=SEED_BILL,
            full=True,
            seals=reading if sealed else (),
            transshipment=ts,
            source=SOURCE,
        )
        for k, (etype, at, port, facility, vessel, sealed, ts) in enumerate(moves)
    )
    shipper = Party("Straits Merchandise Trading Pte. Ltd.", "Singapore", "SG")
    consignee = Party("Harbor Home Textiles Inc.", "Long Beach, CA", "US")
    manifest = Filing(
        filing_type=FilingType.CARGO_DECLARATION,
        reference=SEED_BILL,
        version=1,
        filed_at=_t(1, 25, 8),
        master_bill=SEED_BILL,
        vessel_name=_SECOND[0],
        voyage=_SECOND[1],
        route=DeclaredRoute(
            port_of_loading="SGSIN", port_of_discharge="USLGB", place_of_delivery="USLGB"
        ),
        estimated_departure=_t(1, 26, 22),
        estimated_arrival=_t(2, 13, 6),
        parties=(
            FilingParty(PartyRole.SHIPPER, shipper),
            FilingParty(PartyRole.CONSIGNEE, consignee),
        ),
        goods=(
            GoodsItem(
                1,
                "Cotton bed linen: sheets and pillow cases",
                "630231",
                420,
                "BL",
                18650.0,
                origin_country="SG",
                container_number=SEED_CONTAINER,
            ),
        ),
        containers=(
            Container(
                SEED_CONTAINER,
                "4510",
                True,
                (Seal(SEED_SEAL_NUMBER, SealAffixer.SHIPPER, None, False, SEED_SEAL_TYPE),),
            ),
        ),
    )
    label = ThreatLabel(
        ThreatScenario.ORIGIN_LAUNDERED,
        "seed case: stuffed and loaded at PKKHI (PK) on PEKING SENATOR 31E, transshipped at "
        "SGSIN; the manifest for Long Beach declares SGSIN as port of loading",
    )
    return WorldShipment(0, SEED_BILL, (), (label,), filings=(manifest,), events=events)
