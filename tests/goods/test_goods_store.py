"""Goods lines read back from the store with their filing's seller, and goods findings that
replace a shipment's earlier ones whole."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl
import pytest

from greenlane.domain.frames import GOODS_LINES
from greenlane.goods.assess import FINDINGS
from greenlane.store import Database
from greenlane.store.frames import StoreFrames
from greenlane.store.goods import goods_findings_for_bill, replace_goods_findings
from greenlane.world import WorldConfig, build_world
from greenlane.world.load import load_world


@pytest.fixture
def world_db(database_url: str) -> Database:
    db = Database.connect(database_url)
    db.upgrade()
    load_world(db, build_world(WorldConfig(seed=5, shipments=120, start=date(2026, 1, 5))))
    return db


def test_goods_lines_carry_every_filing_line_with_its_seller(world_db: Database) -> None:
    world = build_world(WorldConfig(seed=5, shipments=120, start=date(2026, 1, 5)))
    one = world.shipment(7)
    every = StoreFrames(world_db).goods_lines()
    assert dict(every.schema) == GOODS_LINES
    lines = every.filter(pl.col("master_bill") == one.master_bill)
    expected = sum(len(f.goods) for f in one.filings)
    assert lines.height == expected
    entry = next(f for f in one.filings if f.filing_type.value == "entry")
    seller = next(p.party for p in entry.parties if p.role.value == "seller")
    stored = lines.filter(pl.col("filing_type") == "entry")
    assert stored["value"].to_list() == [g.value for g in entry.goods]
    assert set(stored["seller"].to_list()) == {seller.identifiers[0].value}
    assert set(stored["seller_country"].to_list()) == {seller.country}


def test_findings_of_a_bill_are_replaced_whole(world_db: Database) -> None:
    at = datetime(2026, 3, 1, tzinfo=UTC)

    def finding(bill: str, code: str) -> dict[str, object]:
        return {
            "master_bill": bill,
            "filing": "entry E-1 v1",
            "line_number": 1,
            "code": code,
            "message": "declared at 2.0 USD per kg",
            "duty_at_risk": 120.5,
            "currency": "USD",
        }

    first = pl.DataFrame(
        [finding("B1", "goods.undervalued"), finding("B2", "goods.description_vague")],
        schema=FINDINGS,
    )
    assert replace_goods_findings(world_db, ["B1", "B2"], first, at) == 2
    again = pl.DataFrame([finding("B1", "goods.overvalued")], schema=FINDINGS)
    replace_goods_findings(world_db, ["B1"], again, at)
    assert [f.code for f in goods_findings_for_bill(world_db, "B1")] == ["goods.overvalued"]
    kept = goods_findings_for_bill(world_db, "B2")
    assert [(f.code, f.duty_at_risk, f.line_number) for f in kept] == [
        ("goods.description_vague", 120.5, 1)
    ]
