"""Small canonical records for the storage tests, with every field filled where it can be."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from greenlane.domain.codes import (
    EventType,
    FilingType,
    IdentifierScheme,
    PartyRole,
    SealAffixer,
    SealClass,
    SealCondition,
)
from greenlane.domain.records import (
    Container,
    DeclaredRoute,
    Event,
    Filing,
    FilingParty,
    GoodsItem,
    Party,
    PartyIdentifier,
    Seal,
    SealReading,
)

T0 = datetime(2026, 1, 5, 8, 30, tzinfo=UTC)
SHANGHAI = timezone(timedelta(hours=8))

SHIPPER = Party(
    name="Ningbo Bright Lamps Co., Ltd.",
    address="88 Harbour Road, Beilun, Ningbo",
    country="CN",
    identifiers=(PartyIdentifier(IdentifierScheme.DUNS, "544123456"),),
)
CONSIGNEE = Party(
    name="Rotterdam Lighting B.V.",
    address="Waalhaven 12, Rotterdam",
    country="NL",
    identifiers=(
        PartyIdentifier(IdentifierScheme.EORI, "NL123456789"),
        PartyIdentifier(IdentifierScheme.TAX_ID, "NL8888.01.B01"),
    ),
)
NOTIFY = Party(name="Same As Consignee")


def filing(
    reference: str = "CD-0001",
    version: int = 1,
    *,
    master_bill: str = "MAEU260100001",
    house_bill: str | None = None,
    filing_type: FilingType = FilingType.CARGO_DECLARATION,
    container: str = "MSKU1234565",
) -> Filing:
    return Filing(
        filing_type=filing_type,
        reference=reference,
        version=version,
        # Filed in Shanghai time: storage must keep the instant and hand it back in UTC.
        filed_at=datetime(2026, 1, 3, 17, 0, tzinfo=SHANGHAI) + timedelta(hours=version),
        master_bill=master_bill,
        house_bill=house_bill,
        filer="MAEU",
        carrier_scac="MAEU",
        vessel_imo="9778791",
        vessel_name="MAERSK HANGZHOU",
        voyage="601W",
        route=DeclaredRoute(
            place_of_receipt="CNNGB",
            port_of_loading="CNNGB",
            transshipment_ports=("SGSIN", "LK CMB"),
            port_of_discharge="NLRTM",
            place_of_delivery="NLRTM",
        ),
        estimated_departure=T0,
        estimated_arrival=T0 + timedelta(days=31, hours=3),
        parties=(
            FilingParty(PartyRole.SHIPPER, SHIPPER),
            FilingParty(PartyRole.CONSIGNEE, CONSIGNEE),
            FilingParty(PartyRole.NOTIFY_PARTY, NOTIFY),
            FilingParty(PartyRole.MANUFACTURER, SHIPPER),
        ),
        goods=(
            GoodsItem(
                line_number=1,
                description="LED table lamps",
                hs_code="940520",
                packages=420,
                package_type="CT",
                gross_mass_kg=5210.5,
                net_mass_kg=4800.25,
                value=31250.0,
                currency="USD",
                origin_country="CN",
                container_number=container,
            ),
            GoodsItem(line_number=2, description="spare parts"),
        ),
        containers=(
            Container(
                number=container,
                size_type="45G1",
                full=True,
                seals=(
                    Seal("ML1234567", SealAffixer.CARRIER, SealClass.HIGH_SECURITY, False, "BLT"),
                    Seal("ES-998", SealAffixer.SHIPPER, None, True, None),
                ),
            ),
            Container(number="TGHU0000000", size_type=None, full=False),
        ),
        source_message="ab" * 32,
    )


def amended(original: Filing, version: int) -> Filing:
    """An amendment: same reference, higher version, a corrected goods description."""
    goods = (replace(original.goods[0], description="LED table lamps, 220 V"), *original.goods[1:])
    return replace(
        original,
        version=version,
        filed_at=original.filed_at + timedelta(hours=6),
        goods=goods,
    )


def event(
    event_id: str,
    event_type: EventType,
    occurred_at: datetime,
    *,
    container: str | None = "MSKU1234565",
    bill: str | None = "MAEU260100001",
    source: str = "dcsa",
    seals: tuple[SealReading, ...] = (),
) -> Event:
    return Event(
        event_id=event_id,
        event_type=event_type,
        occurred_at=occurred_at,
        container_number=container,
        unlocode="CNNGB",
        facility="NGB-T3",
        vessel_imo="9778791",
        vessel_name="MAERSK HANGZHOU",
        voyage="601W",
        bill_of_lading=bill,
        full=True,
        seals=seals,
        transshipment=False,
        source=source,
        source_message="cd" * 32,
    )


STUFFING_SEALS = (
    SealReading("ML1234567", SealCondition.INTACT, SealAffixer.SHIPPER, SealClass.HIGH_SECURITY),
    SealReading("ES-998", SealCondition.TAMPER_ALERT, None, None, True, "ESL"),
)


def journey(container: str = "MSKU1234565", bill: str = "MAEU260100001") -> list[Event]:
    """Five moves of one container, a day apart, the first with seal readings."""
    kinds = [
        EventType.STUFFED,
        EventType.GATE_IN,
        EventType.LOADED,
        EventType.DEPARTED,
        EventType.DISCHARGED,
    ]
    return [
        event(
            f"{container}-{i}",
            kind,
            T0 + timedelta(days=i),
            container=container,
            bill=bill,
            seals=STUFFING_SEALS if kind is EventType.STUFFED else (),
        )
        for i, kind in enumerate(kinds)
    ]
