"""Identifier checks against the worked examples and sample defects of STANDARDS.md section 5."""

from __future__ import annotations

import time

import pytest

from greenlane.domain.codes import Severity
from greenlane.domain.identifiers import (
    check_container_number,
    check_country,
    check_hs_code,
    check_imo,
    check_scac,
    check_unlocode,
    imo_check_digit,
    is_valid_container_number,
    is_valid_imo,
    iso6346_check_digit,
)
from greenlane.domain.records import DataQualityFinding, Port


def codes(findings: list[DataQualityFinding]) -> list[str]:
    return [f.code for f in findings]


# --- ISO 6346 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first10", "digit"),
    [
        ("CSQU305438", 3),  # textbook example, sum 6185
        ("APZU481209", 0),  # DCSA example, sum 5720
        ("TRHU430725", 2),  # the valid box in the IFTSTA header
        ("GMCU609413", 5),  # X12 315 fixture sends 7
        ("csqu305438", 3),  # case does not matter to the algorithm
    ],
)
def test_iso6346_check_digit(first10: str, digit: int) -> None:
    assert iso6346_check_digit(first10) == digit


def test_iso6346_remainder_ten_is_written_as_zero() -> None:
    # Find a serial whose weighted sum leaves remainder 10, and check it maps to 0.
    values = {"A": 10, "B": 12, "C": 13, "U": 32}
    for serial in range(1_000_000):
        text = f"ABCU{serial:06d}"
        total = sum((values[ch] if ch.isalpha() else int(ch)) * 2**i for i, ch in enumerate(text))
        if total % 11 == 10:
            break
    assert iso6346_check_digit(text) == 0
    assert is_valid_container_number(text + "0")


@pytest.mark.parametrize("bad", ["CSQU30543", "CSQU30543!!", "CSQU3054383"])
def test_iso6346_check_digit_rejects_bad_input(bad: str) -> None:
    with pytest.raises(ValueError):
        iso6346_check_digit(bad)


@pytest.mark.parametrize(
    "value",
    ["CSQU3054383", "APZU4812090", "TRHU4307252", "GMCU6094135", "CSQU 305438-3", "csqu3054383"],
)
def test_valid_container_numbers(value: str) -> None:
    assert check_container_number(value) == []
    assert is_valid_container_number(value)


@pytest.mark.parametrize(
    ("value", "expected_codes", "expected_digit"),
    [
        ("TRHU4561222", ["container.check_digit"], 5),  # EDIFACT IFTSTA sample
        ("GMCU6094137", ["container.check_digit"], 5),  # X12 315 sample
        ("MSTI6415664", ["container.category", "container.check_digit"], 0),  # COPRAR sample
        # DCSA v3 beta example: owner APN, category R, and the check digit is wrong too.
        ("APNR7744962", ["container.category", "container.check_digit"], 1),
    ],
)
def test_bad_container_numbers(value: str, expected_codes: list[str], expected_digit: int) -> None:
    findings = check_container_number(value, field="containers[0].number", where="EQD+CN")
    assert codes(findings) == expected_codes
    assert not is_valid_container_number(value)
    digit = findings[-1]
    assert f"expected {expected_digit}" in digit.message
    assert value in digit.message
    for f in findings:
        assert f.value == value  # kept exactly as received
        assert f.field == "containers[0].number"
        assert f.where == "EQD+CN"
        assert f.severity is Severity.WARNING


def test_bad_category_names_the_letter() -> None:
    (category, _) = check_container_number("MSTI6415664")
    assert "'I'" in category.message
    assert "U" in category.message and "J" in category.message and "Z" in category.message


@pytest.mark.parametrize(
    "value", ["PLU775132", "EQ123456", "", "CSQU30543831", "CSQ03054383", "CSQU30S4383"]
)
def test_container_shape(value: str) -> None:
    findings = check_container_number(value)
    assert codes(findings) == ["container.shape"]
    assert findings[0].severity is Severity.ERROR
    assert findings[0].value == value


def test_container_missing_check_digit_says_which_it_would_be() -> None:
    (finding,) = check_container_number("CSQU305438")
    assert finding.code == "container.shape"
    assert "would be 3" in finding.message


def test_container_non_ascii_digits_are_a_shape_problem() -> None:
    assert codes(check_container_number("CSQU305438٣")) == ["container.shape"]


# --- IMO ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "9074729",
        "IMO 9074729",
        "IMO9074729",
        "imo 9074729",
        "9321483",
        "9324849",
        "9786774",
        "9337597",
        "9450612",
        "9227273",
        "1234567",
    ],
)
def test_valid_imo(value: str) -> None:
    assert check_imo(value) == []
    assert is_valid_imo(value)


@pytest.mark.parametrize(("value", "expected"), [("7654321", 9), ("9330141", 7)])
def test_imo_bad_check_digit(value: str, expected: int) -> None:
    (finding,) = check_imo(value, where="Q2")
    assert finding.code == "imo.check_digit"
    assert f"expected {expected}" in finding.message
    assert finding.field == "vessel_imo"
    assert finding.where == "Q2"
    assert not is_valid_imo(value)


@pytest.mark.parametrize("value", ["", "907472", "90747290", "IMO", "9O74729", "IMO 907 4729"])
def test_imo_shape(value: str) -> None:
    findings = check_imo(value)
    assert codes(findings) == ["imo.shape"]
    assert findings[0].severity is Severity.ERROR


def test_imo_mmsi_is_named() -> None:
    (finding,) = check_imo("636091234")
    assert finding.code == "imo.shape"
    assert "MMSI" in finding.message


def test_imo_check_digit_worked_example() -> None:
    assert imo_check_digit("907472") == 9  # 63+0+35+16+21+4 = 139
    with pytest.raises(ValueError):
        imo_check_digit("90747")


# --- UN/LOCODE ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["PKKHI", "SGSIN", "USLGB", "NLRTM", "NL RTM", "nlrtm"])
def test_known_ports(value: str) -> None:
    assert check_unlocode(value) == []


def test_nlram_is_unknown() -> None:
    (finding,) = check_unlocode("NLRAM", field="route.port_of_loading")
    assert finding.code == "unlocode.unknown_port"
    assert "NLRAM" in finding.message
    assert finding.field == "route.port_of_loading"


@pytest.mark.parametrize("value", ["NLRT", "NLRTMX", "NLR0M", "NLR1M", "N1RTM", "", "DEHAMSRJQ"])
def test_unlocode_shape(value: str) -> None:
    findings = check_unlocode(value)
    assert codes(findings) == ["unlocode.shape"]


@pytest.mark.parametrize("value", ["QQABC", "ZZRTM", "UKLON"])
def test_unlocode_country(value: str) -> None:
    assert codes(check_unlocode(value)) == ["unlocode.country"]


def test_unlocode_digits_two_to_nine_and_international_waters_are_well_formed() -> None:
    assert check_unlocode("US2XY", require_port=False) == []
    assert check_unlocode("XZABC", require_port=False) == []
    assert codes(check_unlocode("XZABC")) == ["unlocode.unknown_port"]


def test_unlocode_uses_the_given_port_table() -> None:
    ports = {"NLRAM": Port(unlocode="NLRAM", name="Test", country="NL")}
    assert check_unlocode("NLRAM", ports=ports) == []
    assert codes(check_unlocode("NLRTM", ports=ports)) == ["unlocode.unknown_port"]


def test_inland_place_need_not_be_a_port() -> None:
    # DEFRA (Frankfurt am Main) is a real LOCODE but no sea port.
    assert codes(check_unlocode("DEFRA")) == ["unlocode.unknown_port"]
    assert check_unlocode("DEFRA", require_port=False) == []


# --- HS -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["4411.14.00", "441114", "4411", "0101.21", "8528.52.00.10", "8528 52", "44111400"]
)
def test_valid_hs_codes(value: str) -> None:
    assert check_hs_code(value) == []


@pytest.mark.parametrize(
    "value", ["44", "441", "44111", "4411140", "441114001", "ABCD", "44-11", ""]
)
def test_hs_shape(value: str) -> None:
    findings = check_hs_code(value, field="goods[0].hs_code")
    assert codes(findings) == ["hs.shape"]
    assert findings[0].field == "goods[0].hs_code"


def test_hs_lost_leading_zero_hint() -> None:
    (finding,) = check_hs_code("10121")
    assert "leading zero" in finding.message


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("7701", "hs.reserved_chapter"),
        ("770100", "hs.reserved_chapter"),
        ("9801", "hs.national_chapter"),
        ("9903.88.03", "hs.national_chapter"),
        ("9999", "hs.national_chapter"),
    ],
)
def test_hs_reserved_and_national_chapters(value: str, code: str) -> None:
    assert codes(check_hs_code(value)) == [code]


@pytest.mark.parametrize(("value", "level"), [("441199", "subheading"), ("0000", "heading")])
def test_hs_unknown(value: str, level: str) -> None:
    (finding,) = check_hs_code(value)
    assert finding.code == "hs.unknown"
    assert level in finding.message
    assert "HS 2022" in finding.message


def test_hs_unknown_subheading_of_a_known_heading_says_so() -> None:
    (finding,) = check_hs_code("4411.99.00")
    assert "heading 4411 exists" in finding.message


def test_hs_check_is_fast_once_loaded() -> None:
    check_hs_code("441114")
    start = time.perf_counter()
    for _ in range(10_000):
        check_hs_code("8528.52.00")
    assert time.perf_counter() - start < 1.0


# --- countries, SCAC ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["NL", "CN", "US", "PK", "nl"])
def test_valid_countries(value: str) -> None:
    assert check_country(value) == []


@pytest.mark.parametrize("value", ["QQ", "UK", "XZ", "", "Netherlands"])
def test_unknown_countries(value: str) -> None:
    (finding,) = check_country(value, field="goods[0].origin_country")
    assert finding.code == "country.unknown"
    assert finding.field == "goods[0].origin_country"


def test_alpha3_country_is_explained() -> None:
    (finding,) = check_country("NLD")
    assert "alpha-3 code of NL" in finding.message


@pytest.mark.parametrize("value", ["MAEU", "MSCU", "ZIM", "CM"])
def test_valid_scac(value: str) -> None:
    assert check_scac(value) == []


@pytest.mark.parametrize("value", ["M", "MAEUX", "maeu", "MA3U", ""])
def test_scac_shape(value: str) -> None:
    assert codes(check_scac(value)) == ["scac.shape"]
