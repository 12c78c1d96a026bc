"""X12 309 customs manifests (synthetic fixtures): one cargo declaration per bill."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from x12_build import codes, fixture, interchange, parse

from greenlane.domain.codes import FilingType, IdentifierScheme, PartyRole
from greenlane.errors import ParseError

M10 = "M10*GLNU*O*PA*9321483*SYNTHETIC STAR*012E*000123*1*Y*L"


def one(*body: str) -> str:
    return interchange(("309", "0001", list(body)))


def test_manifest_fixture_gives_one_filing_per_bill() -> None:
    result = parse(fixture("309_customs_manifest_synthetic.edi"))
    assert result.format == "x12:309"
    master, house = result.filings
    for filing in (master, house):
        assert filing.filing_type is FilingType.CARGO_DECLARATION
        assert (filing.vessel_imo, filing.vessel_name, filing.voyage) == (
            "9321483",
            "SYNTHETIC STAR",
            "012E",
        )
        # P4-01 2704 is a Schedule D code: no zone is known for it, so the date stays UTC.
        assert filing.estimated_arrival == datetime(2024, 3, 28, tzinfo=UTC)
        assert filing.filed_at == datetime(2024, 3, 12, 9, 15, tzinfo=UTC)
        assert filing.route.port_of_discharge is None  # 2704 is a Schedule D code

    assert (master.master_bill, master.house_bill, master.carrier_scac) == (
        "GLNU4500123401",
        None,
        "GLNU",
    )
    assert (master.route.port_of_loading, master.route.place_of_delivery) == ("CNNGB", "USLAX")
    assert [p.role for p in master.parties] == [
        PartyRole.SHIPPER,
        PartyRole.CONSIGNEE,
        PartyRole.NOTIFY_PARTY,
    ]
    assert master.parties[1].party.identifiers[0].scheme is IdentifierScheme.DUNS
    (box,) = master.containers
    assert (box.number, box.size_type, box.full) == ("CSQU3054383", "45G1", True)
    assert [s.number for s in box.seals] == ["SL0012345", "SL0012346", "SL0012347"]
    (item,) = master.goods
    assert item.description == "STONEWARE TABLEWARE, DINNER PLATES AND SERVING BOWLS, 840 CARTONS"
    assert (item.hs_code, item.packages, item.package_type) == ("691200", 840, "CTN")
    assert (item.gross_mass_kg, item.value, item.currency) == (18250.0, 52000.0, "USD")
    assert item.container_number == "CSQU3054383"

    assert (house.master_bill, house.house_bill, house.carrier_scac) == (
        "GLNU4500123499",
        "HBL2024000777",
        "EXNV",
    )
    assert house.route.port_of_loading is None  # 57035 is a Schedule K code
    assert house.parties[1].party.identifiers[0].scheme is IdentifierScheme.TAX_ID
    assert [g.hs_code for g in house.goods] == ["940350", "940161"]
    assert house.goods[1].gross_mass_kg == pytest.approx(15432 * 0.45359237)

    found = [(f.code, f.where) for f in result.findings]
    assert found == [
        ("x12.location_scheme", "ST 0001 segment 5 (P4) element 01"),
        ("time.zone_unknown", "ST 0001 segment 5 (P4) element 02"),
        ("x12.location_scheme", "ST 0001 segment 23 (M11) element 02"),
        ("container.check_digit", "ST 0001 segment 28 (VID) element 03"),
        ("seal.missing", "ST 0001 segment 28 (VID)"),
    ]


def test_amendment_fixture_is_version_two() -> None:
    result = parse(fixture("309_amendment_synthetic.edi"))
    (filing,) = result.filings
    assert filing.version == 2
    assert filing.reference == "GLNU4500123401"
    assert filing.goods[0].packages == 860
    assert codes(result) == ["x12.amendment", "x12.location_scheme", "time.zone_unknown"]


def test_description_running_over_n10_segments_and_hs_in_free_text() -> None:
    body = [
        M10,
        "LX*1",
        "M11*BILL1*CNSHA*10*CTN*500*K",
        "VID*CN*CSQU*3054383*SEAL1",
        "N10*10*SPARE PARTS FOR MOTOR VEHICLES, NCM: 8708.*MARKS",
        "N10**99 AS PER INVOICE",
        "N10*5*SECOND LINE***********",
    ]
    result = parse(one(*body))
    (filing,) = result.filings
    first, second = filing.goods
    assert first.description == "SPARE PARTS FOR MOTOR VEHICLES, NCM: 8708. 99 AS PER INVOICE"
    assert (first.packages, second.packages, second.description) == (10, 5, "SECOND LINE")
    assert filing.route.port_of_loading == "CNSHA"


def test_a_bill_without_goods_lines_keeps_its_m11_totals() -> None:
    result = parse(one(M10, "LX*1", "M11*BILL1*CNSHA*10*CTN*500*K"))
    (item,) = result.filings[0].goods
    assert (item.packages, item.package_type, item.gross_mass_kg) == (10, "CTN", 500.0)


def test_bill_count_and_weight_total_disagreements_are_findings() -> None:
    body = [
        M10.replace("*000123*1*", "*000123*3*"),
        "LX*1",
        "M11*BILL1*CNSHA*10*CTN*9000*K",
        "VID*CN*CSQU*3054383*SEAL1",
        "N10*10*TOYS***9503.00**K*500",
    ]
    assert set(codes(parse(one(*body)))) == {"x12.bill_count", "x12.weight_total"}


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (["P4*2704*20240328"], "ST 0001 segment 3 (ST)"),
        ([M10, "LX*1", "N1*SH*NOBODY"], "ST 0001 segment 5 (LX)"),
    ],
)
def test_a_manifest_that_cannot_be_read_is_quarantined(body: list[str], where: str) -> None:
    with pytest.raises(ParseError) as err:
        parse(one(*body))
    assert err.value.where == where
