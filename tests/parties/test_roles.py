"""Roles of a shipment across its filings, and the findings on missing and placeholder parties."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import polars as pl
import pytest

from greenlane.domain.codes import FilingType, IdentifierScheme, PartyRole
from greenlane.domain.records import (
    DeclaredRoute,
    Filing,
    FilingParty,
    GoodsItem,
    Party,
    PartyIdentifier,
)
from greenlane.parties.regimes import ROLE_FINDINGS, findings_frame, role_findings
from greenlane.parties.roles import (
    ROLES,
    party_records,
    placeholder,
    roles_frame,
    shipment_parties,
    shipment_roles,
)

R = PartyRole
SELLER = Party("Ningbo Xinda Textile Co., Ltd.", "No. 12 Harbour Road, Ningbo", "CN")
IMPORTER = Party(
    "Harbor Home Textiles Inc.",
    "4410 Commerce Blvd, Long Beach, CA",
    "US",
    (PartyIdentifier(IdentifierScheme.IMPORTER_NUMBER, "12-345678900"),),
)
STUFFER = Party("Ningbo CFS Logistics Co., Ltd.", "No. 3 Port Road, Ningbo", "CN")
US_ROUTE = DeclaredRoute("CNNGB", "CNNGB", (), "USLGB", "USLGB")
EU_ROUTE = DeclaredRoute("CNNGB", "CNNGB", (), "NLRTM", "NLRTM")


def filing(
    kind: FilingType,
    reference: str,
    parties: list[tuple[PartyRole, Party]],
    *,
    when: datetime = datetime(2026, 1, 10, tzinfo=UTC),
    route: DeclaredRoute = US_ROUTE,
    version: int = 1,
    house: str | None = None,
    goods: tuple[GoodsItem, ...] = (),
) -> Filing:
    return Filing(
        kind,
        reference,
        version,
        when,
        "MB1",
        house,
        route=route,
        parties=tuple(FilingParty(role, party) for role, party in parties),
        goods=goods,
    )


def isf(parties: list[tuple[PartyRole, Party]], **kw: Any) -> Filing:
    return filing(FilingType.IMPORTER_SECURITY_FILING, "ISF1", parties, **kw)


FULL_ISF = [
    (R.SELLER, SELLER),
    (R.BUYER, IMPORTER),
    (R.IMPORTER_OF_RECORD, IMPORTER),
    (R.CONSIGNEE, IMPORTER),
    (R.MANUFACTURER, SELLER),
    (R.SHIP_TO, IMPORTER),
    (R.STUFFER, STUFFER),
    (R.CONSOLIDATOR, STUFFER),
]
LINE = GoodsItem(1, "cotton bed linen", "630231", origin_country="CN")


def kinds(findings: pl.DataFrame) -> set[tuple[str | None, str]]:
    return set(zip(findings["role"].to_list(), findings["kind"].to_list(), strict=True))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("TO ORDER", "to_order"),
        ("To the order of Bank of China", "to_order"),
        ("UNKNOWN", "unknown"),
        ("N/A", "not_applicable"),
        ("n.a.", "not_applicable"),
        ("TBA", "to_be_advised"),
        ("to be advised", "to_be_advised"),
        ("SAME AS CONSIGNEE", "same_as_other"),
        ("as per invoice", "as_per_document"),
        ("CONSIGNEE", "role_word"),
        ("", "empty"),
        ("  ", "empty"),
        (None, "empty"),
        ("XXX", "dummy"),
        ("Harbor Home Textiles Inc.", None),
        ("Order Logistics Ltd.", None),
        ("Unknown Pleasures Records LLC", None),
    ],
)
def test_placeholder_names(name: str | None, kind: str | None) -> None:
    assert placeholder(name) == kind


def test_roles_one_row_per_role_and_filing() -> None:
    manifest = filing(
        FilingType.CARGO_DECLARATION,
        "MB1",
        [(R.SHIPPER, SELLER), (R.CONSIGNEE, IMPORTER), (R.NOTIFY_PARTY, IMPORTER)],
    )
    second = Party("Ningbo Jinfeng Textile Co., Ltd.", "No. 9 Mill Road, Ningbo", "CN")
    filed = isf([*FULL_ISF, (R.MANUFACTURER, second)])
    roles = shipment_roles([manifest, filed])
    assert list(roles.schema) == list(ROLES)
    assert roles.height == 3 + 9
    makers = roles.filter(pl.col("role") == "manufacturer").sort("position")
    assert makers["position"].to_list() == [0, 1]
    assert makers["name"].to_list() == [SELLER.name, second.name]
    assert roles.filter(pl.col("role") == "importer_of_record")["identifiers"].to_list() == [
        ["importer_number:12-345678900"]
    ]
    everyone = shipment_parties(roles)
    consignee = everyone.filter(pl.col("role") == "consignee").row(0, named=True)
    assert consignee["names"] == [IMPORTER.name]
    assert consignee["filings"] == ["cargo_declaration MB1", "importer_security_filing ISF1"]


def test_complete_isf_has_no_findings() -> None:
    assert role_findings([isf(FULL_ISF, goods=(LINE,))]).height == 0


def test_isf_without_stuffer_and_manufacturer_and_buyer_to_order() -> None:
    parties = [
        (role, p) for role, p in FULL_ISF if role not in (R.STUFFER, R.CONSOLIDATOR, R.MANUFACTURER)
    ]
    parties = [(r, Party("TO ORDER") if r is R.BUYER else p) for r, p in parties]
    found = role_findings([isf(parties, goods=(LINE,))])
    assert list(found.schema) == list(ROLE_FINDINGS)
    assert kinds(found) == {
        ("stuffer", "party_missing"),
        ("consolidator", "party_missing"),
        ("manufacturer", "party_missing"),
        ("buyer", "party_placeholder"),
    }
    assert set(found["severity"]) == {"error"}
    assert set(found["regime"]) == {"us_isf"}
    buyer = found.filter(pl.col("role") == "buyer").row(0, named=True)
    assert buyer["value"] == "TO ORDER"
    assert "a bill made out to order" in buyer["message"]
    missing = found.filter(pl.col("role") == "stuffer")["message"].item()
    assert (
        missing == "The importer security filing (10+2) ISF1 names no container stuffing location."
    )


def test_isf_placeholders_addresses_numbers_and_goods() -> None:
    no_number = Party(IMPORTER.name, IMPORTER.address, "US")
    parties = [
        (R.SELLER, SELLER),
        (R.BUYER, IMPORTER),
        (R.IMPORTER_OF_RECORD, no_number),
        (R.CONSIGNEE, IMPORTER),
        (R.MANUFACTURER, Party("UNKNOWN")),
        (R.SHIP_TO, Party("SAME AS CONSIGNEE")),
        (R.STUFFER, Party(STUFFER.name, None, "CN")),
        (R.CONSOLIDATOR, Party("")),
    ]
    lines = (LINE, GoodsItem(2, "towels", None, origin_country=None))
    found = role_findings([isf(parties, goods=lines)])
    assert kinds(found) == {
        ("importer_of_record", "party_identifier_missing"),
        ("manufacturer", "party_placeholder"),
        ("ship_to", "party_placeholder"),
        ("stuffer", "party_address_missing"),
        ("consolidator", "party_placeholder"),
        (None, "origin_missing"),
        (None, "hs_code_missing"),
    }


def test_to_order_consignee_on_a_manifest_is_read_with_the_notify_party() -> None:
    bank = Party("To order of Bank of Ningbo")
    with_notify = filing(
        FilingType.CARGO_DECLARATION,
        "MB1",
        [(R.SHIPPER, SELLER), (R.CONSIGNEE, bank), (R.NOTIFY_PARTY, IMPORTER)],
    )
    found = role_findings([with_notify])
    assert kinds(found) == {("consignee", "party_to_order")}
    assert found["severity"].to_list() == ["info"]
    assert IMPORTER.name in found["message"].item()
    alone = filing(FilingType.CARGO_DECLARATION, "MB1", [(R.SHIPPER, SELLER), (R.CONSIGNEE, bank)])
    assert kinds(role_findings([alone])) == {("consignee", "party_to_order_without_notify")}


def test_only_the_latest_version_of_a_filing_is_checked() -> None:
    first = isf(FULL_ISF[:-2])
    amended = isf(FULL_ISF, version=2)
    assert kinds(role_findings([first])) == {
        ("stuffer", "party_missing"),
        ("consolidator", "party_missing"),
    }
    assert role_findings([first, amended]).height == 0
    assert shipment_roles([first, amended]).height == 6 + 8


def test_regimes_apply_from_their_dates() -> None:
    before_isf = isf(FULL_ISF[:2], when=datetime(2005, 3, 1, tzinfo=UTC))
    assert role_findings([before_isf]).height == 0
    manifest = [(R.SHIPPER, SELLER), (R.CONSIGNEE, IMPORTER)]
    ics1 = filing(FilingType.CARGO_DECLARATION, "MB1", manifest, route=EU_ROUTE,
                  when=datetime(2020, 5, 1, tzinfo=UTC))  # fmt: skip
    assert role_findings([ics1]).height == 0
    ics2 = filing(FilingType.CARGO_DECLARATION, "MB1", manifest, route=EU_ROUTE)
    found = role_findings([ics2])
    assert kinds(found) == {("seller", "party_missing"), ("buyer", "party_missing")}
    assert set(found["regime"]) == {"eu_ics2"}
    # Seller and buyer are house-level data: a master bill with a house under it owes neither.
    house = filing(FilingType.CARGO_DECLARATION, "HB1", [*manifest, (R.SELLER, SELLER),
                   (R.BUYER, IMPORTER)], route=EU_ROUTE, house="HB1")  # fmt: skip
    assert role_findings([ics2, house]).height == 0


def test_frames_from_the_world_tables_give_the_same_findings() -> None:
    from greenlane.world import WorldConfig, build_world

    world = build_world(WorldConfig(shipments=40))
    filings = [f for s in world.shipments() for f in s.filings]
    from_records = role_findings(filings)
    # The world's Parquet layout: one identifier per party as scheme and value columns.
    rows = []
    for f in filings:
        for fp in f.parties:
            ident = fp.party.identifiers[0] if fp.party.identifiers else None
            rows.append(
                {
                    "master_bill": f.master_bill,
                    "filing_type": f.filing_type.value,
                    "reference": f.reference,
                    "version": f.version,
                    "role": fp.role.value,
                    "name": fp.party.name,
                    "address": fp.party.address,
                    "country": fp.party.country,
                    "identifier_scheme": ident.scheme.value if ident else None,
                    "identifier": ident.value if ident else None,
                }
            )
    filed = pl.DataFrame(
        [
            {
                "master_bill": f.master_bill,
                "filing_type": f.filing_type.value,
                "reference": f.reference,
                "version": f.version,
                "filed_at": f.filed_at,
                "house_bill": f.house_bill,
                "port_of_discharge": f.route.port_of_discharge,
            }
            for f in filings
        ]
    )
    from_frames = findings_frame(filed.lazy(), pl.DataFrame(rows).lazy())
    parties_only = from_records.filter(~pl.col("kind").is_in(["origin_missing", "hs_code_missing"]))
    assert from_frames.sort(from_frames.columns).equals(parties_only.sort(parties_only.columns))
    roles = roles_frame(filed, pl.DataFrame(rows))
    assert roles.height == sum(len(f.parties) for f in filings)


def test_party_records_for_resolution() -> None:
    parties = [*FULL_ISF[:-1], (R.CONSOLIDATOR, Party("TBA"))]
    records = party_records(shipment_roles([isf(parties)]))
    assert records.height == 7
    assert records["record_key"].n_unique() == 7
    assert "importer_security_filing:ISF1:1:seller:0" in records["record_key"].to_list()
    assert records["seen_at"].unique().to_list() == [datetime(2026, 1, 10, tzinfo=UTC)]
