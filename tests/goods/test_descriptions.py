"""Goods descriptions that say nothing, and those that do; HS codes checked at six digits."""

from __future__ import annotations

import pytest

from greenlane.domain.records import GoodsItem
from greenlane.goods.descriptions import check_description
from greenlane.goods.lines import check_goods_line
from greenlane.world import WorldConfig, build_world


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("", "goods.description_missing"),
        (None, "goods.description_missing"),
        ("8471.30", "goods.description_code_only"),
        ("STC", "goods.description_too_short"),
        ("Freight of all kinds", "goods.description_vague"),
        ("FAK", "goods.description_vague"),
        ("SAID TO CONTAIN: GENERAL CARGO", "goods.description_vague"),
        ("spare parts", "goods.description_vague"),
        ("Personal effects", "goods.description_vague"),
        ("Various goods as per invoice", "goods.description_vague"),
    ],
)
def test_descriptions_that_name_no_goods(description: str | None, code: str) -> None:
    found = check_description(description)
    assert found is not None and found.code == code and found.reason


@pytest.mark.parametrize(
    "description",
    [
        "Men's cotton T-shirts, knitted",
        "STC 400 cartons laptop computers",
        "Brake pads for passenger cars",
        "Frozen shrimp, peeled",
        "Spare parts for diesel engines",
    ],
)
def test_descriptions_that_say_what_the_goods_are(description: str) -> None:
    assert check_description(description) is None


def test_goods_line_national_extension_checked_at_six_digits() -> None:
    ok = GoodsItem(1, "Laptop computers", hs_code="8471.30.0100")
    assert check_goods_line(ok) == []
    unknown = GoodsItem(2, "Laptop computers", hs_code="847199")
    codes = {f.code for f in check_goods_line(unknown)}
    assert codes and all(c.startswith("hs.") for c in codes)
    missing = GoodsItem(3, "FAK")
    assert {f.code for f in check_goods_line(missing)} == {
        "goods.hs_missing",
        "goods.description_vague",
    }


def test_world_vague_descriptions_found_and_clean_lines_pass() -> None:
    ships = list(build_world(WorldConfig(seed=9, shipments=4000)).shipments())
    labelled = [s for s in ships if any(t.scenario.value == "vague_description" for t in s.threats)]
    clean = [s for s in ships if not s.threats]
    assert labelled
    for s in labelled:
        assert any(check_description(g.description) for f in s.filings for g in f.goods)
    flagged = sum(
        1 for s in clean for f in s.filings for g in f.goods if check_description(g.description)
    )
    lines = sum(len(f.goods) for s in clean for f in s.filings)
    assert flagged / lines < 0.001
