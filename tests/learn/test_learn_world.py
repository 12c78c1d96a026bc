"""The world adapter: one declaration per shipment, labels from inspections or from threats."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from greenlane.errors import ConfigurationError
from greenlane.learn import TrainConfig, score, train
from greenlane.learn.world import extra_features, from_world, world_spec
from greenlane.world import WorldConfig, build_world, write_parquet


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    write_parquet(build_world(WorldConfig(seed=5, shipments=2500)), out)
    return out


def test_one_declaration_per_shipment(world: Path) -> None:
    frame = from_world(world)
    shipments = pl.read_parquet(world / "shipments*.parquet")
    assert frame.height == shipments.height
    assert frame["declaration_id"].n_unique() == frame.height
    assert frame["hs6"].str.len_chars().max() == 6
    assert frame["date"].null_count() == 0 and frame["importer"].null_count() == 0


def test_inspection_labels_are_known_only_where_examined(world: Path) -> None:
    frame = from_world(world, "inspections").join(
        pl.read_parquet(world / "shipments*.parquet").select(
            declaration_id="master_bill", outcome="inspection_outcome", threats="threats"
        ),
        on="declaration_id",
    )
    assert (frame["label"].is_null() == frame["outcome"].is_null()).all()
    assert frame.filter(pl.col("outcome") == "seizure")["label"].eq(1).all()
    truth = from_world(world, "threats")
    assert truth["label"].null_count() == 0
    assert truth["label"].sum() == frame.filter(pl.col("threats").list.len() > 0).height


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
        TrainConfig(spec=world_spec(), max_rounds=100, early_stopping=20, threads=1),
    )
    scored = score(model, truth.filter(pl.col("date") >= cut))
    assert scored["probability"].is_between(0, 1).all()
    assert model.meta["groups"] is not None


def test_not_a_world_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="no generated world"):
        from_world(tmp_path)
