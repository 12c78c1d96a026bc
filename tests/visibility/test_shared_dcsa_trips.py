"""The shared DCSA examples: a real box whose events are years apart (issue 17).

APZU4812090 is arrived at Paris in the 2.2 example (2021, under a bill) and, in the 3.0
examples, loaded at a depot in Rotterdam and reported with its doors opened at a storage area in
Amsterdam (2026, no bill, no vessel). Those are two trips, and the doors were not opened at sea.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from greenlane.app import connect, ingest_files, journey, message_files, seals

SAMPLES = (
    Path(os.environ.get("GREENLANE_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
    / "samples"
    / "dcsa"
)
BOX = "APZU4812090"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    if not SAMPLES.is_dir():
        pytest.skip(f"shared DCSA samples not found at {SAMPLES} (set GREENLANE_SHARED_DIR)")
    database = connect(f"sqlite:///{tmp_path_factory.mktemp('dcsa')}/g.db", migrate=True)
    ingest_files(database, message_files([str(p) for p in sorted(SAMPLES.glob("*.json"))]))
    return database


def test_events_years_apart_are_two_trips(db) -> None:  # type: ignore[no-untyped-def]
    kind, trips = journey(db, BOX)
    assert kind == "container" and len(trips) == 2
    assert [t.bill_of_lading for t in trips] == ["reserved-HHL123", None]
    for trip in trips:
        assert "time_gap" not in [f["kind"] for f in trip.findings]


def test_doors_opened_at_a_storage_area_after_a_depot_load_are_not_at_sea(db) -> None:  # type: ignore[no-untyped-def]
    latest = seals(db, BOX)
    assert [e["event_type"] for e in latest.seal_timeline][-1] == "door_opened"
    kinds = [f["kind"] for f in latest.findings]
    assert "door_opened_at_sea" not in kinds
    assert latest.seal_state is not None and latest.seal_state["state"] != "door_opened"
