"""Record-level validation: each defect is found once, at the right field path, and kept."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from greenlane.domain.codes import EventType, FilingType, IdentifierScheme, PartyRole, Severity
from greenlane.domain.records import (
    Container,
    DataQualityFinding,
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
from greenlane.domain.validate import (
    MAX_CONTAINER_GROSS_KG,
    check_goods_masses,
    check_seal_number,
    validate_event,
    validate_filing,
)

WHEN = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def pairs(findings: list[DataQualityFinding]) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in findings]


@pytest.fixture
def filing() -> Filing:
    """A filing whose every identifier is right: Karachi to Long Beach via Singapore."""
    return Filing(
        filing_type=FilingType.CARGO_DECLARATION,
        reference="REF-1",
        version=1,
        filed_at=WHEN,
        master_bill="MAEU123456789",
        carrier_scac="MAEU",
        vessel_imo="IMO 9321483",
        route=DeclaredRoute(
            place_of_receipt="PKLHE",
            port_of_loading="PKKHI",
            transshipment_ports=("SGSIN",),
            port_of_discharge="USLGB",
            place_of_delivery="USCHI",
        ),
        parties=(
            FilingParty(PartyRole.SHIPPER, Party("Indus Textiles", country="PK")),
            FilingParty(
                PartyRole.CARRIER,
                Party(
                    "Maersk",
                    country="DK",
                    identifiers=(PartyIdentifier(IdentifierScheme.SCAC, "MAEU"),),
                ),
            ),
        ),
        goods=(
            GoodsItem(
                1,
                "cotton bed linen",
                hs_code="6302.31",
                gross_mass_kg=12_000.0,
                net_mass_kg=11_500.0,
                origin_country="PK",
                container_number="CSQU3054383",
            ),
            GoodsItem(
                2,
                "cotton towels",
                hs_code="630260",
                gross_mass_kg=8_000.0,
                net_mass_kg=7_600.0,
                origin_country="PK",
                container_number="APZU4812090",
            ),
        ),
        containers=(
            Container("CSQU3054383", "45G1", seals=(Seal("ML-1234567"),)),
            Container("APZU4812090", "22G1", seals=(Seal("ML-7654321"),)),
        ),
    )


def test_clean_filing_has_no_findings(filing: Filing) -> None:
    assert validate_filing(filing) == []


def test_each_identifier_defect_at_its_field(filing: Filing) -> None:
    bad = replace(
        filing,
        carrier_scac="Maersk",
        vessel_imo="9330141",
        route=replace(
            filing.route, port_of_loading="NLRAM", transshipment_ports=("SGSIN", "SG SN1")
        ),
        containers=(
            filing.containers[0],
            Container("TRHU4561222", seals=(Seal("string"),)),
        ),
        goods=(
            replace(filing.goods[0], hs_code="7701", origin_country="UK"),
            replace(filing.goods[1], container_number="TRHU4561222"),
            GoodsItem(3, "parts", hs_code="10121"),
        ),
        parties=(
            FilingParty(PartyRole.SHIPPER, Party("Indus Textiles", country="PAK")),
            FilingParty(
                PartyRole.CARRIER,
                Party("Maersk", identifiers=(PartyIdentifier(IdentifierScheme.SCAC, "mae"),)),
            ),
        ),
    )
    findings = validate_filing(bad, where="msg-42")
    assert sorted(pairs(findings)) == sorted(
        [
            ("container.check_digit", "containers[1].number"),
            ("seal.placeholder", "containers[1].seals[0].number"),
            ("imo.check_digit", "vessel_imo"),
            ("scac.shape", "carrier_scac"),
            ("unlocode.unknown_port", "route.port_of_loading"),
            ("unlocode.shape", "route.transshipment_ports[1]"),
            ("hs.reserved_chapter", "goods[0].hs_code"),
            ("country.unknown", "goods[0].origin_country"),
            ("hs.shape", "goods[2].hs_code"),
            ("country.unknown", "parties[0].party.country"),
            ("scac.shape", "parties[1].party.identifiers[0].value"),
        ]
    )
    assert {f.where for f in findings} == {"msg-42"}
    # Values are kept exactly as written.
    by_field = {f.field: f for f in findings}
    assert by_field["route.transshipment_ports[1]"].value == "SG SN1"
    assert by_field["vessel_imo"].value == "9330141"


def test_inland_places_are_not_required_to_be_ports(filing: Filing) -> None:
    # PKLHE (Lahore) and USCHI (Chicago) are in the fixture and raise nothing; a bad country does.
    bad = replace(filing, route=replace(filing.route, place_of_delivery="QQCHI"))
    assert pairs(validate_filing(bad)) == [("unlocode.country", "route.place_of_delivery")]


def test_port_table_can_be_given(filing: Filing) -> None:
    findings = validate_filing(filing, ports={})
    assert [f.field for f in findings] == [
        "route.port_of_loading",
        "route.transshipment_ports[0]",
        "route.port_of_discharge",
    ]


def test_full_container_without_seal(filing: Filing) -> None:
    bad = replace(
        filing,
        containers=(
            replace(filing.containers[0], seals=()),
            replace(filing.containers[1], seals=(), full=False),
        ),
    )
    assert pairs(validate_filing(bad)) == [("seal.missing", "containers[0].seals")]


@pytest.mark.parametrize(
    ("number", "code"), [("", "seal.empty"), ("  ", "seal.empty"), ("CA", "seal.placeholder")]
)
def test_seal_numbers(number: str, code: str) -> None:
    (finding,) = check_seal_number(number, "seals[0].number")
    assert finding.code == code
    assert finding.value == number


def test_goods_container_not_listed(filing: Filing) -> None:
    bad = replace(
        filing, goods=(replace(filing.goods[0], container_number="TRHU4307252"), filing.goods[1])
    )
    assert pairs(validate_filing(bad)) == [
        ("goods.container_not_listed", "goods[0].container_number")
    ]


def test_listed_goods_container_is_not_checked_twice(filing: Filing) -> None:
    bad = replace(
        filing,
        containers=(Container("GMCU6094137", seals=(Seal("123"),)),),
        goods=(replace(filing.goods[0], container_number="GMCU 609413-7"),),
    )
    assert pairs(validate_filing(bad)) == [("container.check_digit", "containers[0].number")]


# --- masses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gross", "net", "fields"),
    [
        (-5.0, None, ["goods[0].gross_mass_kg"]),
        (100.0, -1.0, ["goods[0].net_mass_kg"]),
        (float("nan"), 10.0, ["goods[0].gross_mass_kg"]),
        (900.0, 1000.0, ["goods[0].gross_mass_kg"]),
        (MAX_CONTAINER_GROSS_KG + 1, None, ["goods[0].gross_mass_kg"]),
    ],
)
def test_goods_mass_range(gross: float, net: float | None, fields: list[str]) -> None:
    item = GoodsItem(
        7, "steel coils", gross_mass_kg=gross, net_mass_kg=net, container_number="CSQU3054383"
    )
    findings = check_goods_masses([item], where="GID+7")
    assert [f.field for f in findings] == fields
    assert {f.code for f in findings} == {"goods.mass_range"}
    assert "line 7" in findings[0].message


@pytest.mark.parametrize(
    ("gross", "net"), [(0.0, 0.0), (1000.0, 1000.0), (MAX_CONTAINER_GROSS_KG, None), (None, 5.0)]
)
def test_plausible_masses(gross: float | None, net: float | None) -> None:
    item = GoodsItem(1, "x", gross_mass_kg=gross, net_mass_kg=net, container_number="CSQU3054383")
    assert check_goods_masses([item]) == []


def test_item_without_container_may_spread_over_the_filing() -> None:
    item = GoodsItem(1, "grain", gross_mass_kg=70_000.0)
    assert check_goods_masses([item], n_containers=2) == []
    assert len(check_goods_masses([item], n_containers=1)) == 1


def test_items_sharing_a_container_are_summed() -> None:
    items = [
        GoodsItem(1, "a", gross_mass_kg=25_000.0, container_number="CSQU3054383"),
        GoodsItem(2, "b", gross_mass_kg=20_000.0, container_number="CSQU 305438-3"),
        GoodsItem(3, "c", gross_mass_kg=20_000.0, container_number="APZU4812090"),
    ]
    (finding,) = check_goods_masses(items)
    assert finding.code == "goods.mass_range"
    assert "lines 1, 2" in finding.message
    assert "CSQU3054383" in finding.message


def test_filing_masses_are_checked(filing: Filing) -> None:
    bad = replace(filing, goods=(replace(filing.goods[0], net_mass_kg=13_000.0), filing.goods[1]))
    assert pairs(validate_filing(bad)) == [("goods.mass_range", "goods[0].gross_mass_kg")]


# --- events ---------------------------------------------------------------------------------


def event(**changes: object) -> Event:
    base = Event(
        event_id="e1",
        event_type=EventType.LOADED,
        occurred_at=WHEN,
        container_number="APZU4812090",
        unlocode="SGSIN",
        vessel_imo="9321483",
        seals=(SealReading("ML-1234567"),),
        source="dcsa",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_clean_event() -> None:
    assert validate_event(event()) == []


def test_dcsa_beta_example_event() -> None:
    # The DCSA T&T v3 beta example: bad container number and a LOCODE that does not exist.
    findings = validate_event(
        event(
            container_number="APNR7744962",
            unlocode="NLRAM",
            vessel_imo="7654321",
            seals=(SealReading("string"),),
        ),
        where="events[0]",
    )
    assert pairs(findings) == [
        ("container.category", "container_number"),
        ("container.check_digit", "container_number"),
        ("imo.check_digit", "vessel_imo"),
        ("unlocode.unknown_port", "unlocode"),
        ("seal.placeholder", "seals[0].number"),
    ]
    assert all(f.where == "events[0]" for f in findings)


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [
        (EventType.LOADED, [("unlocode.unknown_port", "unlocode")]),
        (EventType.ARRIVED, [("unlocode.unknown_port", "unlocode")]),
        (EventType.GATE_OUT, []),
        (EventType.STUFFED, []),
    ],
)
def test_only_quay_moves_need_a_known_port(
    event_type: EventType, expected: list[tuple[str, str]]
) -> None:
    # DEFRA: Frankfurt, an inland place where a box can be stuffed or gated, never loaded.
    assert pairs(validate_event(event(event_type=event_type, unlocode="DEFRA"))) == expected


def test_event_shape_errors_are_errors() -> None:
    findings = validate_event(event(container_number="PLU775132", unlocode="NL-RT"))
    assert pairs(findings) == [
        ("container.shape", "container_number"),
        ("unlocode.shape", "unlocode"),
    ]
    assert {f.severity for f in findings} == {Severity.ERROR}


def test_missing_optional_identifiers_are_not_findings() -> None:
    assert validate_event(event(container_number=None, unlocode=None, vessel_imo=None)) == []
