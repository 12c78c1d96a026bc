"""Incremental resolution: new filings' parties against the known entities agree with a batch
rerun over everything."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

import bench_modules  # noqa: F401  (bench/ on the path)
from er_bench import er_bench
from greenlane.parties.resolution import MATCHES, PARTY_RECORDS, EntityIndex, entity_id, resolve


@pytest.fixture(scope="module")
def bench() -> pl.DataFrame:
    return er_bench(seed=21, records=2500).sort("seen_at", "record_key")


@pytest.fixture(scope="module")
def split(bench: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    cut = bench["seen_at"].quantile(0.95)
    return bench.filter(pl.col("seen_at") < cut), bench.filter(pl.col("seen_at") >= cut)


def test_incremental_agrees_with_batch(
    bench: pl.DataFrame, split: tuple[pl.DataFrame, pl.DataFrame]
) -> None:
    known, new = split
    full = resolve(bench).records.select("record_key", batch="entity_id")
    index = EntityIndex(resolve(known))
    # A filing's parties at a time, in the order they were filed.
    got = pl.concat([index.match(new.slice(i, 8)) for i in range(0, new.height, 8)])
    assert list(got.schema) == list(MATCHES)
    assert got.height == new.height
    both = got.join(full, on="record_key")
    assert set(both["how"]) >= {"known_variant", "linked", "new"}
    differ = both.filter(pl.col("entity_id") != pl.col("batch"))
    # Where they differ, the new record showed two known entities to be one (the batch merges
    # them; incremental mode joins the older and names the other).
    assert differ.height <= both.height // 50
    assert differ.filter(pl.col("also_links").is_null()).height <= 1
    new_ones = both.filter(pl.col("how") == "new")
    assert new_ones["new_entity"].all()


def test_known_variant_new_company_and_evidence(split: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    known, _new = split
    res = resolve(known)
    index = EntityIndex(res)
    seen = known.row(0, named=True)
    name = seen["name"]
    when = datetime(2026, 2, 1, tzinfo=UTC)
    probe = pl.DataFrame(
        [
            ("x-same", seen["name"], seen["address"], seen["country"], seen["identifiers"], when),
            # a letter doubled in the name itself (not glued to its legal form: "CORP.e")
            ("x-typo", name[:3] + name[2:], seen["address"], seen["country"], [], when),
            ("x-new", "Qoravex Dynamics Ltd.", "9 Nowhere Lane, Reykjavik", "IS", [], when),
            ("x-new2", "QORAVEX DYNAMICS LIMITED", "9 NOWHERE LANE, REYKJAVIK", "IS", [], when),
        ],
        schema=PARTY_RECORDS,
        orient="row",
    )
    got = {r["record_key"]: r for r in index.match(probe, add=False).iter_rows(named=True)}
    entity = res.records.filter(pl.col("record_key") == seen["record_key"])["entity_id"].item()
    assert got["x-same"]["how"] == "known_variant"
    assert got["x-same"]["entity_id"] == entity
    assert got["x-typo"]["entity_id"] == entity
    assert got["x-typo"]["how"] == "linked"
    assert got["x-typo"]["name_level"] in ("one edit apart", "same name")
    assert got["x-new"]["new_entity"] and got["x-new"]["entity_id"] == entity_id("x-new")
    # Written twice in one call, a new company is one new entity.
    assert got["x-new2"]["entity_id"] == entity_id("x-new")
    # Without add, the index is as it was: asked again, the new company is new again.
    again = index.match(probe.filter(pl.col("record_key") == "x-new2"), add=False)
    assert again["entity_id"].item() == entity_id("x-new2")
    index.match(probe)
    after = index.match(probe.filter(pl.col("record_key") == "x-new2"))
    assert after["how"].item() == "known_variant"
    assert after["entity_id"].item() == entity_id("x-new")
