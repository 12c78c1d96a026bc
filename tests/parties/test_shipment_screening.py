"""Shipments' parties screened against a loaded list: planted parties found, clean ones not, and
a changed list screens the open shipments again."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from greenlane.parties.lists import load_list
from greenlane.parties.shipment_screening import rescreen_if_lists_changed, screen_open_shipments
from greenlane.store import Database
from greenlane.store.screening import hits_for_bill, last_run_versions
from greenlane.store.watchlists import current_version_numbers, store_list_version
from greenlane.world import WorldConfig, build_world
from greenlane.world.load import load_world
from greenlane.world.watchlist import watchlist_ftm_lines

START = date(2026, 1, 5)


@pytest.fixture
def world_db(database_url: str) -> Database:
    db = Database.connect(database_url)
    db.upgrade()
    load_world(db, build_world(WorldConfig(seed=5, shipments=600, start=START)))
    return db


def _load(db: Database, path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store_list_version(db, load_list(path, "ftm-jsonl"))


def test_planted_parties_are_hits_and_clean_shipments_are_not(
    world_db: Database, tmp_path: Path
) -> None:
    _load(world_db, tmp_path / "list.jsonl", watchlist_ftm_lines())
    report = screen_open_shipments(world_db, everything=True)
    labels = world_db.labels()
    planted = {b for b, found in labels.items() if any(s == "watchlisted_party" for s, _ in found)}
    assert planted, "the world plants listed parties"
    with_hits = {b for b in planted if hits_for_bill(world_db, b)}
    assert with_hits == planted
    assert report.shipments_with_hits == len(planted)
    assert report.list_versions == current_version_numbers(world_db)
    hit = hits_for_bill(world_db, sorted(planted)[0])[0]
    assert hit.entry_key.startswith("opensanctions:greenlane-world-")
    assert hit.score >= 0.8 and hit.explanation
    assert report.shipments == 600  # every shipment was screened, labelled or not


def test_a_changed_list_screens_open_shipments_again(world_db: Database, tmp_path: Path) -> None:
    lines = watchlist_ftm_lines()
    _load(world_db, tmp_path / "v1.jsonl", lines)
    now = datetime.combine(START, datetime.min.time(), UTC) + timedelta(days=40)
    first = rescreen_if_lists_changed(world_db, now=now)
    assert first is not None and first.shipments > 0
    assert rescreen_if_lists_changed(world_db, now=now) is None  # nothing changed since
    removed = "greenlane-world-005"
    kept = [line for line in lines if json.loads(line)["id"] != removed]
    _load(world_db, tmp_path / "v2.jsonl", kept)
    second = rescreen_if_lists_changed(world_db, now=now)
    assert second is not None
    assert second.shipments == first.shipments
    assert second.list_versions["opensanctions"] == 2
    assert last_run_versions(world_db) == {"opensanctions": 2}
    assert second.hits_by_list.get("opensanctions", 0) <= first.hits_by_list.get("opensanctions", 0)
