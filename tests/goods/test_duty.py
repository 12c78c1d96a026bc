"""Duty and duty at risk: rate table look-ups, and the revenue each kind of finding puts at risk."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest

from greenlane.errors import ConfigurationError
from greenlane.goods.duty import (
    DUTY_AT_RISK,
    duty_at_risk,
    kcs_duty,
    kcs_rates,
    line_duty,
    load_rates,
    with_rate,
)
from greenlane.goods.values import GOODS_VALUES
from greenlane.world.goods import GOODS

SHARED = Path(os.environ.get("GREENLANE_SHARED_DIR", Path(__file__).parents[3] / "shared"))
KCS = SHARED / "data" / "customs-declarations"

TABLE = """\
# a comment line
hs_prefix,origin,ad_valorem_percent,note
85,*,2,chapter
8528,*,4,heading
852872,*,3.9,subheading
852872,CN,28.9,with additional duty
85,VN,1,chapter for VN
8471.30,*,0,ITA
"""


@pytest.fixture
def rates(tmp_path: Path) -> pl.DataFrame:
    path = tmp_path / "rates.csv"
    path.write_text(TABLE)
    return load_rates(path)


def _lines(rows: list[tuple[object, ...]]) -> pl.DataFrame:
    schema = {k: v for k, v in GOODS_VALUES.items() if k != "seller"}
    return pl.DataFrame(rows, schema=schema, orient="row")


def test_longest_prefix_wins_then_the_origin_row(rates: pl.DataFrame) -> None:
    frame = pl.DataFrame(
        {
            "hs": ["852872", "8528.72", "852872", "852859", "851830", "851830", "847130", "940360"],
            "origin": ["CN", "cn", "TR", "CN", "CN", "VN", "CN", "CN"],
        }
    )
    got = with_rate(frame, rates, "hs", "origin")
    assert got["rate"].to_list() == pytest.approx(
        [0.289, 0.289, 0.039, 0.04, 0.02, 0.01, 0.0, None], nan_ok=True
    )
    assert got["rate_rule"][0] == "HS 852872, origin CN: 28.9%, with additional duty"
    assert got["rate_rule"][7] is None


def test_line_duty_is_value_times_rate(rates: pl.DataFrame) -> None:
    lines = _lines(
        [
            ("B1", 1, "852872", "CN", 10000.0, "USD", 1000.0, 1100.0),
            ("B1", 2, "940360", "CN", 10000.0, "USD", 1000.0, 1100.0),
        ]
    )
    assert line_duty(lines, rates)["duty"].to_list() == [2890.0, None]


def test_bad_tables_are_refused_with_the_row(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("hs_prefix,origin,ad_valorem_percent,note\n8528,*,4,x\n85X,*,2,x\n")
    with pytest.raises(ConfigurationError, match="data row 2"):
        load_rates(bad)
    twice = tmp_path / "twice.csv"
    twice.write_text("hs_prefix,origin,ad_valorem_percent,note\n8528,*,4,x\n8528,*,5,y\n")
    with pytest.raises(ConfigurationError, match="given twice"):
        load_rates(twice)
    with pytest.raises(ConfigurationError, match="lacks columns"):
        load_rates(_write(tmp_path / "cols.csv", "hs,rate\n85,2\n"))
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_rates(tmp_path / "nowhere.csv")


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_default_table_covers_every_goods_of_the_world() -> None:
    rates = load_rates()
    lines = pl.DataFrame(
        {"hs_code": [g.hs_code for g in GOODS], "origin_country": ["SG"] * len(GOODS)}
    )
    got = with_rate(lines, rates, "hs_code", "origin_country")
    assert got["rate"].null_count() == 0
    assert got["rate_rule"].str.contains("illustrative").all()
    cn = with_rate(
        lines.with_columns(origin_country=pl.lit("CN")), rates, "hs_code", "origin_country"
    )
    assert (cn["rate"] >= got["rate"]).all() and (cn["rate"] > got["rate"]).any()


def test_duty_at_risk_for_each_kind_of_finding(rates: pl.DataFrame) -> None:
    lines = _lines(
        [
            ("B1", 1, "852872", "CN", 10000.0, "USD", 1000.0, 1100.0),  # undervalued
            ("B2", 1, "852872", "SG", 50000.0, "EUR", 1000.0, 1100.0),  # laundered CN goods
            ("B3", 1, "851830", "TR", 20000.0, "USD", 1000.0, 1100.0),  # likely 852872
            ("B4", 1, "852872", "CN", 20000.0, "USD", 1000.0, 1100.0),  # likely lower duty
        ]
    )
    value_findings = pl.DataFrame(
        {
            "master_bill": ["B1"],
            "line_number": [1],
            "code": ["goods.undervalued"],
            "expected_value": [50000.0],
        },
        schema_overrides={"line_number": pl.Int32},
    )
    origin_findings = pl.DataFrame(
        {
            "master_bill": ["B2", "B2"],
            "line_number": [1, 1],
            "code": ["goods.origin_manufacturer_differs", "goods.origin_laundering"],
            "observed_origin": ["CN", "CN"],
        },
        schema_overrides={"line_number": pl.Int32},
    )
    likely = pl.DataFrame(
        {"master_bill": ["B3", "B4"], "line_number": [1, 1], "likely_hs_code": ["852872"] * 2},
        schema_overrides={"line_number": pl.Int32},
    )
    found = duty_at_risk(
        lines, rates, value_findings=value_findings, origin_findings=origin_findings,
        likely_hs=likely,
    )  # fmt: skip
    assert found.schema == pl.Schema(DUTY_AT_RISK)
    rows = found.select("master_bill", "code", "at_risk", "currency").rows()
    assert rows == [
        ("B2", "goods.origin_laundering", 12500.0, "EUR"),  # 25% x 50,000, priced once
        ("B1", "goods.undervalued", 11560.0, "USD"),  # 40,000 missing x 28.9%
        ("B3", "goods.hs_likely_other", 380.0, "USD"),  # (3.9% - 2%) x 20,000
    ]  # B4: the likely heading has the same duty: nothing at risk, no row
    laundering, under, hs = found["message"].to_list()
    assert "declared origin SG (HS 852872, origin *: 3.9%" in laundering
    assert "the evidence shows CN (HS 852872, origin CN: 28.9%" in laundering
    assert "25.0% x 50000.0 = 12500.0 EUR" in laundering
    assert "earlier declarations put it near 50000.0" in under and "40000.0 undeclared" in under
    assert "likely HS 852872" in hs


def test_nothing_to_price_gives_the_columns(rates: pl.DataFrame) -> None:
    assert duty_at_risk(_lines([]), rates).schema == pl.Schema(DUTY_AT_RISK)


@pytest.mark.skipif(
    not KCS.exists(), reason=f"KCS declarations not found at {KCS} (set GREENLANE_SHARED_DIR)"
)
def test_kcs_declarations_give_duty_and_a_rate_table() -> None:
    declarations = pl.read_csv(KCS / "df_syn_train_eng.csv", infer_schema_length=50000)
    duty = kcs_duty(declarations)
    assert duty.height == declarations.height
    first = duty.row(1, named=True)  # HS 690722 from CN at 8%, item price 375,751.2
    assert first["hs6"] == "690722" and first["duty"] == pytest.approx(30060.1, abs=0.01)
    table = kcs_rates(declarations)
    assert table["hs_prefix"].str.len_chars().eq(6).all()
    assert {"*", "CN"} <= set(table["origin"].to_list())
    # The table is usable as it is: the same look-up as a CSV table.
    priced = with_rate(duty.head(200), table, "hs6", "origin")
    assert priced["rate"].is_not_null().sum() > 100
