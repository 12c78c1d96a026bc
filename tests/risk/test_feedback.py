"""Feedback: an inspection result, once stored, becomes the importer's compliance history in the
next assessment and counts in the rules' performance."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest

from greenlane.app.assessment import backtest
from greenlane.domain.codes import InspectionKind, InspectionOutcome
from greenlane.domain.records import InspectionResult
from greenlane.risk.build import case_files
from greenlane.risk.indicators import compute_indicators
from greenlane.store import Database
from greenlane.store.frames import StoreFrames
from greenlane.world import WorldConfig, build_world
from greenlane.world.load import load_world


@pytest.fixture
def world_db(database_url: str) -> Database:
    db = Database.connect(database_url)
    db.upgrade()
    load_world(db, build_world(WorldConfig(seed=5, shipments=300, start=date(2026, 1, 5))))
    return db


def test_a_stored_seizure_is_history_for_the_importers_later_shipments(world_db: Database) -> None:
    before, _ = compute_indicators(case_files(StoreFrames(world_db)))
    # An importer with at least two shipments: seize the first, look at the last.
    ordered = before.drop_nulls("importer").sort("decided_at")
    importer = (
        ordered.group_by("importer")
        .len()
        .filter(pl.col("len") >= 2)
        .sort("importer")["importer"][0]
    )
    mine = ordered.filter(pl.col("importer") == importer)
    first, last = mine.row(0, named=True), mine.row(-1, named=True)
    seized = InspectionResult(
        "feedback-1",
        first["decided_at"] + timedelta(hours=2),
        InspectionKind.PHYSICAL,
        InspectionOutcome.SEIZURE,
        first["master_bill"],
        finding="undeclared goods",
    )
    with world_db.transaction() as tx:
        tx.add_inspections([seized])

    after, evidence = compute_indicators(case_files(StoreFrames(world_db)))
    was = before.filter(pl.col("master_bill") == last["master_bill"])["prior_seizures"].item()
    now = after.filter(pl.col("master_bill") == last["master_bill"])["prior_seizures"].item()
    assert now == was + 1
    # Not for the seized shipment itself: its own outcome came after its decision.
    first_now = after.filter(pl.col("master_bill") == first["master_bill"])
    assert first_now["prior_seizures"].item() == first["prior_seizures"]
    assert (
        evidence.filter(
            (pl.col("master_bill") == last["master_bill"])
            & (pl.col("indicator") == "prior_seizures")
        ).height
        == 1
    )

    # The rule's counters see the outcome: the seized shipment is an inspected positive.
    (result,) = backtest(world_db)
    assert result["inspected_positives"] >= 1
