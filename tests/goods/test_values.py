"""Unit values against the history of earlier declarations; masses that cannot be right."""

from __future__ import annotations

import polars as pl

from greenlane.goods.values import GOODS_VALUES, value_findings, value_reference
from greenlane.world import WorldConfig, build_world


def _lines(rows: list[tuple[object, ...]]) -> pl.DataFrame:
    """Lines with or without a seller (the last column)."""
    width = len(GOODS_VALUES)
    padded = [r + (None,) * (width - len(r)) for r in rows]
    return pl.DataFrame(padded, schema=GOODS_VALUES, orient="row")


def _history(currency: str = "USD") -> pl.DataFrame:
    # 40 earlier lines of laptops from CN at 40 to 60 per kg.
    return _lines(
        [
            ("H", i, "847130", "CN", 1000.0 * (40 + i % 21), currency, 1000.0, 1100.0)
            for i in range(40)
        ]
    )


def test_undervalued_line_is_found_with_the_reference_range() -> None:
    ref = value_reference(_history())
    new = _lines(
        [
            ("B1", 1, "8471.30.01", "CN", 5000.0, "USD", 1000.0, 1100.0),  # 5 per kg
            ("B2", 1, "847130", "CN", 50000.0, "USD", 1000.0, 1100.0),  # 50 per kg
            ("B3", 1, "847130", "CN", 5000.0, "EUR", 1000.0, 1100.0),  # no EUR history
        ]
    )
    found = value_findings(new, ref)
    assert found.select("master_bill", "code").rows() == [("B1", "goods.undervalued")]
    message = found["message"][0]
    assert "5.0 USD per kg" in message and "847130" in message and "plausible" in message


def test_a_seller_is_judged_on_its_own_earlier_prices_first() -> None:
    # The market for laptops from CN spans 40 to 60 per kg; this seller always sells at 58-60.
    own = [("S", i, "847130", "CN", 1000.0 * (58 + i % 3), "USD", 1000.0, 1100.0, "ACME")
           for i in range(6)]  # fmt: skip
    ref = value_reference(_lines(own + [(*r[:-1], "OTHER") for r in _history().rows()]))
    new = _lines(
        [
            ("B1", 1, "847130", "CN", 30000.0, "USD", 1000.0, 1100.0, "ACME"),  # half its price
            ("B2", 1, "847130", "CN", 30000.0, "USD", 1000.0, 1100.0, "NEWCO"),  # market low
        ]
    )
    found = value_findings(new, ref)
    assert found.select("master_bill", "code").rows() == [("B1", "goods.undervalued")]
    assert "6 earlier lines from the same seller under HS 847130" in found["message"][0]


def test_masses_and_values_that_cannot_be_right() -> None:
    new = _lines(
        [
            ("B1", 1, "847130", "CN", 50000.0, "USD", 1000.0, 900.0),
            ("B2", 1, "847130", "CN", 50000.0, "USD", 0.0, 10.0),
            ("B3", 1, "847130", "CN", None, "USD", 1000.0, 1100.0),
        ]
    )
    found = value_findings(new, value_reference(_history()))
    assert found.select("master_bill", "code").rows() == [
        ("B1", "goods.gross_below_net"),
        ("B2", "goods.zero_mass"),
        ("B3", "goods.value_missing"),
    ]


def test_world_undervaluation_judged_on_earlier_declarations_only() -> None:
    ships = list(build_world(WorldConfig(seed=9, shipments=12000)).shipments())
    rows, under, clean, when = [], set(), set(), {}
    for s in ships:
        if any(t.scenario.value == "undervaluation" for t in s.threats):
            under.add(s.master_bill)
        if not s.threats:
            clean.add(s.master_bill)
        for f in s.filings:
            if f.filing_type.value == "entry":
                when[s.master_bill] = f.filed_at
                seller = next(p.party for p in f.parties if p.role.value == "seller")
                key = seller.identifiers[0].value if seller.identifiers else seller.name
                rows += [
                    (s.master_bill, g.line_number, g.hs_code, g.origin_country, g.value,
                     g.currency, g.net_mass_kg, g.gross_mass_kg, key)
                    for g in f.goods
                ]  # fmt: skip
    lines = _lines(rows).with_columns(
        filed_at=pl.col("master_bill").replace_strict(when, return_dtype=pl.Datetime("us", "UTC"))
    )
    cut = lines["filed_at"].quantile(0.6)
    history = lines.filter(pl.col("filed_at") < cut).drop("filed_at")
    judged = lines.filter(pl.col("filed_at") >= cut).drop("filed_at")
    found = value_findings(judged, value_reference(history))
    flagged = set(found.filter(pl.col("code") == "goods.undervalued")["master_bill"].to_list())
    judged_bills = set(judged["master_bill"].to_list())
    labelled, honest = under & judged_bills, clean & judged_bills
    assert labelled and honest
    assert len(labelled & flagged) / len(labelled) >= 0.9
    assert len(honest & flagged) / len(honest) <= 0.01
