"""Every goods check over a batch of lines, each finding placed by bill, filing and line."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from greenlane.domain.frames import GOODS_LINES as LINE_COLUMNS
from greenlane.goods.assess import FINDINGS, assess_goods

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _line(bill: str, filing: str, n: int, description: str, hs: str | None, **kw: object) -> dict:
    row: dict[str, object] = dict.fromkeys(LINE_COLUMNS)
    row.update(
        master_bill=bill,
        filing=filing,
        filing_type=filing.split()[0],
        filed_at=T0,
        line_number=n,
        description=description,
        hs_code=hs,
        **kw,
    )
    return row


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=LINE_COLUMNS)


def _history() -> pl.DataFrame:
    return _frame(
        [
            _line("H", "entry H v1", i, "Cotton T-shirts", "610910", value=1000.0 * (40 + i % 21),
                  currency="USD", net_mass_kg=1000.0, gross_mass_kg=1100.0, origin_country="CN",
                  seller="ACME")
            for i in range(40)
        ]
    )  # fmt: skip


def test_each_check_reports_on_the_line_and_filing_it_found() -> None:
    entry = dict(
        currency="USD", net_mass_kg=1000.0, gross_mass_kg=1100.0, origin_country="CN",
        packages=100, package_type="CT",
    )  # fmt: skip
    lines = _frame(
        [
            _line("B1", "cargo_declaration M1 v1", 1, "FREIGHT OF ALL KINDS", "610910"),
            _line("B1", "cargo_declaration M1 v1", 2, "Cotton T-shirts", "6109100"),
            _line("B1", "entry E1 v1", 1, "Cotton T-shirts", "610910", value=5000.0, **entry),
            _line("B1", "entry E1 v1", 2, "Cotton T-shirts", None, value=50000.0, **entry),
            _line("B2", "entry E2 v1", 1, "Cotton T-shirts", "610910", value=50000.0, **entry),
            _line(
                "B3",
                "entry E3 v1",
                1,
                "Cotton T-shirts",
                "610910",
                value=50000.0,
                **{**entry, "packages": 0},
            ),
        ]
    )
    found = assess_goods(lines, _history())
    assert dict(found.schema) == FINDINGS
    assert found.select("master_bill", "filing", "line_number", "code").rows() == [
        ("B1", "cargo_declaration M1 v1", 1, "goods.description_vague"),
        ("B1", "cargo_declaration M1 v1", 2, "hs.shape"),
        ("B1", "entry E1 v1", 1, "goods.undervalued"),
        ("B1", "entry E1 v1", 2, "goods.hs_missing"),
        ("B3", "entry E3 v1", 1, "goods.packages_missing"),
    ]
    vague = found["message"][0]
    assert "FREIGHT OF ALL KINDS" in vague
    undervalued = found.filter(pl.col("code") == "goods.undervalued")
    assert undervalued["currency"].to_list() == ["USD"]
    # Duty on the undeclared value at the laptop rate of the shipped table, the sum in words.
    assert undervalued["duty_at_risk"][0] > 0
    assert "of duty at risk" in undervalued["message"][0]
