"""Stored shipments become the declarations the model was trained on, whichever frame source it
was trained from, and `greenlane assess --model` joins the model's probability to the rules'
score."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from greenlane.cli import app
from greenlane.learn import TrainConfig, save_artefact, train
from greenlane.learn.declarations import declarations, shipment_spec
from greenlane.learn.kcs import data_version
from greenlane.store import Database
from greenlane.store.frames import StoreFrames
from greenlane.store.parquet import ParquetFrames
from greenlane.world import WorldConfig, build_world, write_parquet
from greenlane.world.load import load_world

WORLD = WorldConfig(seed=21, shipments=600)
runner = CliRunner()


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The same world as Parquet and in a database."""
    root = tmp_path_factory.mktemp("stored")
    write_parquet(build_world(WORLD), root / "parquet")
    url = f"sqlite:///{root / 'store.db'}"
    db = Database.connect(url)
    db.upgrade()
    load_world(db, build_world(WORLD))
    return root / "parquet", url


@pytest.mark.parametrize("labels", ["inspections", "threats"])
def test_stored_world_gives_the_declarations_of_its_parquet(
    both: tuple[Path, str], labels: str
) -> None:
    folder, url = both
    parquet = declarations(ParquetFrames(folder), labels).sort("declaration_id")  # type: ignore[arg-type]
    stored = declarations(StoreFrames(Database.connect(url)), labels)  # type: ignore[arg-type]
    stored = stored.sort("declaration_id")
    assert stored.height == 600 and stored["hs6"].null_count() < 10
    assert stored["label"].null_count() < stored.height  # some shipments have a known label
    assert stored.equals(parquet)


def test_assess_with_a_model_scores_with_it(both: tuple[Path, str], tmp_path: Path) -> None:
    folder, url = both
    config = TrainConfig(spec=shipment_spec(), max_rounds=60, early_stopping=20, threads=1, seed=1)
    artefact = train(declarations(ParquetFrames(folder), "threats"), config)
    save_artefact(artefact, tmp_path / "model")
    without = runner.invoke(app, ["assess", "--json", "--database", url])
    assert without.exit_code == 0, without.output
    result = runner.invoke(
        app, ["assess", "--model", str(tmp_path / "model"), "--json", "--database", url]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.splitlines()[-1])
    assert report["model"] == str(tmp_path / "model") and report["shipments"] == 600
    stored = declarations(StoreFrames(Database.connect(url)))
    bill = stored.sort("declaration_id")["declaration_id"][0]
    shown = runner.invoke(app, ["decision", bill, "--json", "--database", url])
    assert shown.exit_code == 0, shown.output
    assert "model (" in shown.output  # the model's part is among the reasons


def test_assess_with_no_model_there_says_so(both: tuple[Path, str], tmp_path: Path) -> None:
    _, url = both
    result = runner.invoke(app, ["assess", "--model", str(tmp_path / "none"), "--database", url])
    assert result.exit_code != 0
    assert "Traceback" not in result.output and str(tmp_path / "none") in result.output


def test_declarations_frame_keeps_its_columns_on_an_empty_store(tmp_path: Path) -> None:
    db = Database.connect(f"sqlite:///{tmp_path / 'empty.db'}")
    db.upgrade()
    frame = declarations(StoreFrames(db))
    assert frame.height == 0 and "declaration_id" in frame.columns
    assert frame.schema["date"] == pl.Date


def test_a_model_trains_and_scores_on_the_database(both: tuple[Path, str], tmp_path: Path) -> None:
    """An administration trains on its own stored inspection results (here the world's planted
    threats, which an administration never has) and scores what is stored."""
    _, url = both
    out = tmp_path / "from-store"
    db = ["--source", "store", "--database", url]
    trained = runner.invoke(
        app, ["model", "train", "--out", str(out), "--labels", "threats", "--threads", "1", *db]
    )
    assert trained.exit_code == 0, trained.output
    shown = runner.invoke(app, ["model", "show", str(out), "--json"])
    assert json.loads(shown.output)["data_version"].startswith("sha256:")
    scored = runner.invoke(app, ["model", "score", "--model", str(out), "--top", "3", *db])
    assert scored.exit_code == 0, scored.output
    assert len([line for line in scored.output.splitlines() if " p=" in line]) == 3
    with_files = runner.invoke(app, ["model", "score", "--model", str(out), "x.csv", *db])
    assert with_files.exit_code != 0 and "give no files" in with_files.output


def test_a_model_trained_on_parquet_frames_scores_the_store(
    both: tuple[Path, str], tmp_path: Path
) -> None:
    folder, url = both
    out = tmp_path / "from-parquet"
    trained = runner.invoke(
        app,
        ["model", "train", str(folder), "--source", "parquet", "--out", str(out),
         "--labels", "threats", "--threads", "1"],
    )  # fmt: skip
    assert trained.exit_code == 0, trained.output
    shown = runner.invoke(app, ["model", "show", str(out), "--json"])
    files = ParquetFrames(folder).files()
    assert json.loads(shown.output)["data_version"] == data_version(files)  # the frames learnt
    scored = runner.invoke(
        app, ["model", "score", "--model", str(out), "--source", "store", "--database", url]
    )
    assert scored.exit_code == 0, scored.output
    not_frames = runner.invoke(
        app, ["model", "score", "--model", str(out), str(tmp_path), "--source", "parquet"]
    )
    assert not_frames.exit_code != 0 and "not a folder of frames" in not_frames.output
    assert "Traceback" not in not_frames.output
