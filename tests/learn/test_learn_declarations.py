"""Shipments as declarations from a folder of Parquet frames (a generated world's): one
declaration per shipment, labels from inspections or from threats."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from greenlane.domain.frames import FrameSource
from greenlane.errors import ConfigurationError
from greenlane.learn import TrainConfig, score, train
from greenlane.learn.declarations import declarations, extra_features, shipment_spec
from greenlane.store.parquet import ParquetFrames
from greenlane.world import WorldConfig, build_world, write_parquet


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    write_parquet(build_world(WorldConfig(seed=5, shipments=2500)), out)
    return out


def from_world(
    folder: Path, labels: str = "inspections", extra: pl.DataFrame | None = None
) -> pl.DataFrame:
    frames: FrameSource = ParquetFrames(folder)
    return declarations(frames, labels, extra)  # type: ignore[arg-type]


def test_one_declaration_per_shipment(world: Path) -> None:
    frame = from_world(world)
    shipments = pl.read_parquet(world / "shipments*.parquet")
    assert frame.height == shipments.height
    assert frame["declaration_id"].n_unique() == frame.height
    assert frame["hs6"].str.len_chars().max() == 6
    assert frame["date"].null_count() == 0 and frame["importer"].null_count() == 0


def test_inspection_labels_are_known_only_where_examined(world: Path) -> None:
    inspected = pl.read_parquet(world / "inspections*.parquet")
    frame = from_world(world, "inspections").join(
        inspected.group_by(declaration_id="bill_of_lading").agg(outcomes=pl.col("outcome")),
        on="declaration_id",
        how="left",
    )
    assert (frame["label"].is_null() == frame["outcomes"].is_null()).all()
    seized = frame.filter(pl.col("outcomes").list.contains("seizure"))
    assert seized.height > 0 and seized["label"].eq(1).all()
    cleared = frame.filter(pl.col("outcomes").list.eval(pl.element() == "no_finding").list.all())
    assert cleared["label"].eq(0).all()
    truth = from_world(world, "threats")
    assert truth["label"].null_count() == 0
    labelled = pl.read_parquet(world / "labels*.parquet")["master_bill"].n_unique()
    assert truth["label"].sum() == labelled > 0


def test_case_file_indicators_become_features(world: Path) -> None:
    indicators = pl.DataFrame(
        {"master_bill": ["A", "B"], "seal_broken": [True, False], "port": ["X", "Y"]}
    )
    extras = extra_features(indicators)
    assert extras.columns == ["master_bill", "x_seal_broken"]
    frame = from_world(world, "threats", indicators)
    assert "x_seal_broken" in frame.columns


def test_the_same_pipeline_trains_on_the_world(world: Path) -> None:
    truth = from_world(world, "threats")
    cut = truth["date"].sort()[int(truth.height * 0.7)]
    model = train(
        truth.filter(pl.col("date") < cut),
        TrainConfig(spec=shipment_spec(), max_rounds=100, early_stopping=20, threads=1),
    )
    scored = score(model, truth.filter(pl.col("date") >= cut))
    assert scored["probability"].is_between(0, 1).all()
    assert model.meta["groups"] is not None


def test_not_a_folder_of_frames(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="not a folder of frames"):
        from_world(tmp_path)
