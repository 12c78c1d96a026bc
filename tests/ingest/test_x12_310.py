"""X12 310 freight receipts become cargo declarations: bill, vessel, parties, route, goods."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from x12_build import codes, fixture, interchange, parse

from greenlane.domain.codes import FilingType, IdentifierScheme, PartyRole, SealAffixer
from greenlane.errors import ParseError

HEAD = ["B3**INV1*BL1*PP**20240310*0****EXNV", "V1*9074729*EXAMPLE VESSEL*PA*031W****L"]


def one(*body: str) -> str:
    return interchange(("310", "0001", list(body)))


def test_house_bill_amendment_fixture() -> None:
    result = parse(fixture("310_house_bill_amendment_synthetic.edi"))
    assert result.format == "x12:310"
    assert result.events == ()
    (filing,) = result.filings
    assert filing.filing_type is FilingType.CARGO_DECLARATION
    assert (filing.master_bill, filing.house_bill, filing.reference) == (
        "GLNU4500123500",
        "HBL2024000888",
        "HBL2024000888",
    )
    assert filing.version == 2
    assert filing.filed_at == datetime(2024, 3, 11, 8, 0, tzinfo=UTC)
    assert filing.carrier_scac == "EXNV"
    assert (filing.vessel_imo, filing.vessel_name, filing.voyage) == (
        None,
        "SYNTHETIC STAR",
        "012E",
    )
    route = filing.route
    assert (route.place_of_receipt, route.port_of_loading, route.port_of_discharge) == (
        "VNHAN",
        "VNHPH",
        "USNYC",
    )
    assert route.transshipment_ports == ("CNSHA",)
    assert route.place_of_delivery is None  # a Schedule D code, named in a finding
    # DTM without time code: local time at the R4 port (Hai Phong UTC+7, New York on summer time)
    assert filing.estimated_departure == datetime(2024, 3, 6, 11, 0, tzinfo=UTC)
    assert filing.estimated_arrival == datetime(2024, 4, 11, 4, 0, tzinfo=UTC)
    assert [(p.role, p.party.country) for p in filing.parties] == [
        (PartyRole.SHIPPER, "VN"),
        (PartyRole.CONSIGNEE, "US"),
    ]
    assert filing.parties[1].party.identifiers[0].scheme is IdentifierScheme.DUNS
    assert [(c.number, c.size_type) for c in filing.containers] == [
        ("APZU4812090", "45G1"),
        ("MSKU9070323", "22G1"),
    ]
    assert [s.number for s in filing.containers[0].seals] == ["VN5550001", "VN5550002"]
    assert filing.containers[0].seals[0].affixed_by is SealAffixer.SHIPPER
    assert [(g.line_number, g.hs_code, g.container_number, g.packages) for g in filing.goods] == [
        (1, "610910", "APZU4812090", 1200),
        (2, "6202.40", "MSKU9070323", 800),
    ]
    assert codes(result) == ["x12.amendment", "x12.location_scheme", "x12.party_role"]


def test_a_cancellation_is_kept_with_a_warning() -> None:
    result = parse(one(HEAD[0], "B2A*01*BL"))
    assert result.filings[0].version == 1
    assert codes(result) == ["x12.cancellation"]


def test_a_310_without_a_bill_is_quarantined() -> None:
    with pytest.raises(ParseError) as err:
        parse(one("B3**INV1**PP", "V1*9074729*EXAMPLE VESSEL"))
    assert "N9*BM" in (err.value.expected or "")


def test_weights_in_pounds_become_kilograms_and_unreadable_ones_a_finding() -> None:
    result = parse(one(*HEAD, "L0*1***2000*G***10*CTN**L", "L5*1*BOXES", "L0*2***lots*G"))
    first, second = result.filings[0].goods
    assert first.gross_mass_kg == pytest.approx(907.18474)
    assert (first.packages, first.package_type) == (10, "CTN")
    assert second.gross_mass_kg is None
    assert "x12.weight" in codes(result)


def test_an_hs_code_in_header_text_needs_a_single_goods_line() -> None:
    single = parse(one(*HEAD, "C8***HS CODE 4411.14", "L0*1***100*G", "L5*1*BOARDS"))
    assert single.filings[0].goods[0].hs_code == "4411.14"
    double = parse(
        one(*HEAD, "C8***HS CODE 4411.14", "L0*1***100*G", "L5*1*A", "L0*2***100*G", "L5*2*B")
    )
    assert [g.hs_code for g in double.filings[0].goods] == [None, None]
    assert "x12.hs_code_unassigned" in codes(double)


def test_findings_point_at_segment_and_element() -> None:
    result = parse(
        one(*HEAD, "N1*SH*EXAMPLE*2*TOOLONGSCAC", "N4*CITY**1*XX", "LX*1", "N7*ABCD*12345*1*G")
    )
    where = {f.code: f.where for f in result.findings}
    assert where["scac.shape"] == "ST 0001 segment 6 (N1) element 04"
    assert where["country.unknown"] == "ST 0001 segment 7 (N4) element 04"
    assert where["container.shape"] == "ST 0001 segment 9 (N7) element 02"
    assert where["seal.missing"] == "ST 0001 segment 9 (N7)"


def test_seals_before_any_container_are_a_finding() -> None:
    result = parse(one(*HEAD, "M7*SEAL1"))
    assert codes(result) == ["x12.seal_without_container"]
