"""Training with time-aware validation, the saved artefact, scoring with reasons."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from greenlane.errors import ConfigurationError
from greenlane.learn import TrainConfig, load_artefact, save_artefact, score, train
from greenlane.learn.metrics import auc
from greenlane.learn.train import split_by_time

FAST = TrainConfig(max_rounds=150, early_stopping=30, threads=1)


@pytest.fixture(scope="module")
def model(declarations: pl.DataFrame):  # type: ignore[no-untyped-def]
    early = declarations.filter(pl.col("date") < declarations["date"].min() + pl.duration(days=90))
    return train(early, FAST, data_version="test")


def test_validation_comes_after_fitting(declarations: pl.DataFrame) -> None:
    fit, valid = split_by_time(declarations, 0.25)
    assert fit["date"].max() < valid["date"].min()
    assert 0.15 < valid.height / declarations.height < 0.35


def test_the_model_learns_the_planted_signal(model, declarations: pl.DataFrame) -> None:  # type: ignore[no-untyped-def]
    later = declarations.filter(pl.col("date") >= declarations["date"].min() + pl.duration(days=90))
    scored = score(model, later)
    assert auc(scored["probability"].to_numpy(), later["label"].to_numpy()) > 0.75
    # the importers that find more are found by their history: the parties group is kept
    assert "parties" in model.meta["groups"]
    assert model.meta["metrics"]["validation"]["all"]["auc"] > 0.7
    assert model.meta["selection"][0]["groups"] == []


def test_probabilities_are_calibrated_on_later_months(model, declarations: pl.DataFrame) -> None:  # type: ignore[no-untyped-def]
    later = declarations.filter(pl.col("date") >= declarations["date"].min() + pl.duration(days=90))
    p = score(model, later, explain=False)["probability"].to_numpy()
    assert abs(p.mean() - later["label"].mean()) < 0.05


def test_scores_explain_themselves_and_rank_by_duty(model, declarations: pl.DataFrame) -> None:  # type: ignore[no-untyped-def]
    rows = declarations.tail(50)
    by_p = score(model, rows)
    assert by_p["rank"].sort().to_list() == list(range(1, 51))
    top = by_p.sort("rank").row(0, named=True)
    assert top["reasons"] and all("of the raise" in r for r in top["reasons"])
    by_duty = score(model, rows, rank_by="duty_at_risk")
    first = by_duty.sort("rank").row(0, named=True)
    assert first["duty_at_risk"] == by_duty["duty_at_risk"].max()


def test_artefact_round_trip_without_pickle(model, make_declarations, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    save_artefact(model, tmp_path / "m")
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == [
        "history.parquet",
        "model.json",
        "model.txt",
    ]
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["data_version"] == "test" and meta["features"] == model.features
    assert {"params", "metrics", "calibration", "spec", "reference"} <= meta.keys()
    again = load_artefact(tmp_path / "m")
    rows = make_declarations(200, seed=5)
    assert np.allclose(
        score(model, rows, explain=False)["probability"].to_numpy(),
        score(again, rows, explain=False)["probability"].to_numpy(),
    )


def test_a_changed_model_file_is_refused(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    save_artefact(model, tmp_path / "m")
    with (tmp_path / "m" / "model.txt").open("a") as f:
        f.write("\n")
    with pytest.raises(ConfigurationError, match="changed"):
        load_artefact(tmp_path / "m")


def test_training_needs_both_outcomes(declarations: pl.DataFrame) -> None:
    with pytest.raises(ConfigurationError, match="with and without"):
        train(declarations.with_columns(label=pl.lit(0, pl.Int8)), FAST)
