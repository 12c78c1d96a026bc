"""`greenlane model train | show | evaluate | score | drift | simulate` on a KCS-layout file."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from greenlane.cli import app
from greenlane.learn.kcs import COLUMNS

runner = CliRunner()


@pytest.fixture(scope="module")
def files(make_declarations, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """Four months of synthetic declarations in the KCS layout: three to train, one to score."""
    frame = make_declarations(2400, days=120, seed=9)
    back = {v: k for k, v in COLUMNS.items()}
    kcs = frame.select([pl.col(c).alias(back[c]) for c in back]).with_columns(
        pl.lit(0).alias("Critical Fraud")
    )
    cut = frame["date"].min() + pl.duration(days=90)  # type: ignore[operator]
    folder = tmp_path_factory.mktemp("kcs")
    old, new = folder / "old.csv", folder / "new.csv"
    kcs.filter(pl.col("Date") < cut).write_csv(old)
    kcs.filter(pl.col("Date") >= cut).write_csv(new)
    return old, new


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_train_show_evaluate_score(files: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = files
    model = tmp_path / "model"
    out = invoke("model", "train", str(old), "--out", str(model), "--threads", "1")
    assert "trained on" in out and (model / "model.json").exists()
    meta = json.loads(invoke("model", "show", str(model), "--json"))
    assert meta["data_version"].startswith("sha256:")
    assert "features" in invoke("model", "show", str(model))
    result = json.loads(invoke("model", "evaluate", "--model", str(model), str(new), "--json"))
    assert result["all"]["rows"] > 0 and 0 <= result["all"]["auc"] <= 1
    scores = tmp_path / "scores.csv"
    out = invoke("model", "score", "--model", str(model), str(new), "--out", str(scores))
    assert " p=" in out
    assert pl.read_csv(scores)["rank"].min() == 1


def test_drift_exit_code_says_retrain(files: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = files
    model = tmp_path / "model"
    invoke("model", "train", str(old), "--out", str(model), "--threads", "1")
    fresh = runner.invoke(app, ["model", "drift", "--model", str(model), str(new), "--json"])
    report = json.loads(fresh.output)
    assert fresh.exit_code == (1 if report["retrain"] else 0)
    stale = runner.invoke(
        app, ["model", "drift", "--model", str(model), str(new), "--today", "2030-01-01"]
    )
    assert stale.exit_code == 1 and "days old" in stale.output


def test_a_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["model", "show", str(tmp_path)])
    assert result.exit_code == 2 and "cannot read the model metadata" in result.output
