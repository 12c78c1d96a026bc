"""The frame contract from two sources: a world loaded into the store and the same world written
as Parquet give the same frames, row for row, and either builds the same case files."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from greenlane.domain.frames import CONTRACT
from greenlane.errors import ConfigurationError
from greenlane.risk.build import case_files
from greenlane.store import Database
from greenlane.store.frames import StoreFrames
from greenlane.store.parquet import ParquetFrames, write_frames
from greenlane.world import WorldConfig, build_world, write_parquet
from greenlane.world.load import load_world

WORLD = WorldConfig(seed=31, shipments=160)


@pytest.fixture
def both(database_url: str, tmp_path: Path) -> tuple[StoreFrames, ParquetFrames]:
    db = Database.connect(database_url)
    db.upgrade()
    world = build_world(WORLD)
    load_world(db, world)
    write_parquet(world, tmp_path / "world", batch_size=50, workers=2)
    parquet = ParquetFrames(tmp_path / "world", memberships=db.memberships(), ports=db.ports())
    return StoreFrames(db), parquet


def test_the_store_and_parquet_give_the_same_frames(
    both: tuple[StoreFrames, ParquetFrames],
) -> None:
    store, parquet = both
    for name, schema in CONTRACT.items():
        stored, written = getattr(store, name)(), getattr(parquet, name)()
        assert dict(stored.schema) == schema, name
        if name == "events":  # two sources may report one move at the same time
            stored, written = stored.sort("source", "event_id"), written.sort("source", "event_id")
        assert stored.equals(written), name
    assert store.filings().height > store.shipments().height == 160
    assert store.parties()["identifiers"].list.len().max() == 1  # the world's parties have one
    assert store.seal_readings().height > 0 and store.labels().height > 0


def test_case_files_are_the_same_from_either(both: tuple[StoreFrames, ParquetFrames]) -> None:
    store, parquet = both
    for before_loading in (False, True):
        a = case_files(store, before_loading=before_loading)
        b = case_files(parquet, before_loading=before_loading)
        # Sums of masses and values may differ in the last digit: a group's sum is not ordered.
        assert_frame_equal(a.shipments, b.shipments)
        assert_frame_equal(a.findings.sort(pl.all()), b.findings.sort(pl.all()))
        assert_frame_equal(a.containers, b.containers)
        assert_frame_equal(a.outcomes, b.outcomes)
    assert a.shipments.height == 160 and a.findings.height > 0


def test_a_frame_folder_must_hold_the_frames(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="not a folder of frames"):
        ParquetFrames(tmp_path)
    frames = {n: pl.DataFrame(schema=CONTRACT[n]) for n in CONTRACT}
    write_frames({**frames, "filings": pl.DataFrame({"master_bill": ["B1"]})}, tmp_path)
    source = ParquetFrames(tmp_path)
    assert source.filings()["master_bill"].to_list() == ["B1"]  # written in the contract
    assert source.filings().schema == pl.Schema(CONTRACT["filings"])
    pl.DataFrame({"master_bill": ["B1"]}).write_parquet(tmp_path / "parties.parquet")
    with pytest.raises(ConfigurationError, match="parties lacks filing_type"):
        ParquetFrames(tmp_path).parties()
