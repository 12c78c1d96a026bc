"""A generated world written as messages and read back by `greenlane ingest` is the world that
`load_world` stores directly: the same filings, events, inspections and memberships."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

from greenlane.domain.records import Filing
from greenlane.ingest.batch import ingest_paths
from greenlane.store import Database
from greenlane.world import WorldConfig, build_world
from greenlane.world.load import load_world
from greenlane.world.messages import EVENT_FORMATS, write_messages

WORLD = WorldConfig(seed=11, shipments=60)
# What EDIFACT carries of an event (no event id, times to the minute, seal readings apart).
EDIFACT_COLUMNS = [
    "event_type",
    "container_number",
    "unlocode",
    "vessel_imo",
    "vessel_name",
    "voyage",
    "full",
    "transshipment",
]


@pytest.fixture(scope="module")
def direct(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = Database.connect(f"sqlite:///{tmp_path_factory.mktemp('direct') / 'direct.db'}")
    db.upgrade()
    load_world(db, build_world(WORLD))
    return db


def _events(db: Database) -> pl.DataFrame:
    return db.events_frame().drop("source", "source_message")


@pytest.mark.parametrize("fmt", EVENT_FORMATS)
def test_world_through_messages_and_ingest_is_the_world(
    fmt: str, tmp_path: Path, direct: Database
) -> None:
    written = write_messages(build_world(WORLD), tmp_path / "inbox", events_as=fmt, batch_size=25)  # type: ignore[arg-type]
    db = Database.connect(f"sqlite:///{tmp_path / 'ingested.db'}")
    db.upgrade()
    report = ingest_paths(db, [str(tmp_path / "inbox")])
    assert report.quarantined == 0, report.problems[:1]
    assert report.received == report.stored == written.files
    ingested, expected = db.counts(), direct.counts()
    for table in (
        "shipments", "filings", "parties", "goods_items", "filing_containers", "seals",
        "events", "event_seals", "inspection_results", "trusted_trader_memberships",
    ):  # fmt: skip
        assert ingested[table] == expected[table], table
    got, want = _events(db), _events(direct)
    if fmt == "edifact":
        got, want = got.select(EDIFACT_COLUMNS), want.select(EDIFACT_COLUMNS)
    assert got.sort(got.columns, nulls_last=True).equals(want.sort(want.columns, nulls_last=True))
    bill = next(iter(build_world(WORLD).shipments())).filings[0].bill_of_lading
    assert _filings(db, bill) == _filings(direct, bill) != []


def _filings(db: Database, bill: str) -> list[Filing]:
    """The bill's filings, but for the message each came from."""
    return [replace(f, source_message=None) for f in db.filings_for_bill(bill)]


def test_writing_again_gives_the_same_files_so_ingest_stores_nothing_twice(tmp_path: Path) -> None:
    world = build_world(WorldConfig(seed=12, shipments=20))
    write_messages(world, tmp_path / "a", events_as="epcis", batch_size=10)
    write_messages(world, tmp_path / "b", events_as="epcis", batch_size=10)
    db = Database.connect(f"sqlite:///{tmp_path / 'twice.db'}")
    db.upgrade()
    first = ingest_paths(db, [str(tmp_path / "a")])
    second = ingest_paths(db, [str(tmp_path / "b")])
    assert first.stored == first.received and second.duplicates == second.received


def test_an_unknown_event_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="dcsa, epcis, edifact"):
        write_messages(build_world(WorldConfig(seed=1, shipments=1)), tmp_path, events_as="x12")  # type: ignore[arg-type]
