"""The model commands' data sources, named and checked in the application layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from greenlane.app.models import DataSource, load_declarations
from greenlane.errors import ConfigurationError
from greenlane.store import Database
from greenlane.world import WorldConfig, build_world, write_parquet


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (DataSource("csv", (Path("a.csv"),)), "unknown source 'csv'"),
        (DataSource("store", (Path("a.csv"),)), "give no files"),
        (DataSource("kcs"), "--source kcs needs files"),
        (DataSource("parquet", (Path("a"), Path("b"))), "takes one folder"),
    ],
)
def test_a_source_says_what_it_needs(source: DataSource, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        load_declarations(source)


def test_unknown_labels_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="unknown labels 'truth'"):
        load_declarations(DataSource("kcs", (tmp_path / "a.csv",)), "truth")


def test_the_world_folder_and_the_store_are_sources_of_shipments(tmp_path: Path) -> None:
    write_parquet(build_world(WorldConfig(seed=3, shipments=60)), tmp_path / "frames")
    parquet = load_declarations(DataSource("world", (tmp_path / "frames",)), "threats")
    assert parquet.shipments and parquet.frame.height == 60
    assert parquet.version.startswith("sha256:")
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    Database.connect(url).upgrade()
    stored = load_declarations(DataSource("store", database=url))
    assert stored.shipments and stored.frame.is_empty()
    assert stored.frame.columns == parquet.frame.columns
