"""Events: stored once per source and id, read back in time order with their seal readings."""

from __future__ import annotations

import random
from datetime import UTC, timedelta

import polars as pl
from store_samples import STUFFING_SEALS, T0, event, journey

from greenlane.domain.codes import EventType
from greenlane.store import Database


def test_events_come_back_in_time_order_whatever_the_insert_order(db: Database) -> None:
    moves = journey()
    shuffled = moves[:]
    random.Random(7).shuffle(shuffled)
    with db.transaction() as tx:
        assert tx.add_events(shuffled) == len(moves)
    assert db.events_for_container("MSKU1234565") == moves
    assert db.events_for_bill("MAEU260100001") == moves
    first = db.events_for_container("MSKU1234565")[0]
    assert first.seals == STUFFING_SEALS
    assert first.occurred_at.tzinfo == UTC


def test_same_events_again_store_nothing(db: Database) -> None:
    moves = journey()
    with db.transaction() as tx:
        tx.add_events(moves)
    before = db.counts()
    with db.transaction() as tx:
        assert tx.add_events(moves + moves) == 0
    assert db.counts() == before
    assert before["event_seals"] == len(STUFFING_SEALS)


def test_same_id_from_another_source_is_another_event(db: Database) -> None:
    a = event("E1", EventType.GATE_IN, T0, source="dcsa")
    b = event("E1", EventType.GATE_IN, T0, source="edifact:CODECO")
    with db.transaction() as tx:
        assert tx.add_events([a, b, a]) == 2
    assert db.events_for_container("MSKU1234565") == [a, b]


def test_events_without_container_or_bill(db: Database) -> None:
    vessel_move = event("V1", EventType.DEPARTED, T0, container=None, bill=None)
    with db.transaction() as tx:
        tx.add_events([vessel_move])
    assert db.counts()["events"] == 1
    frame = db.events_frame()
    assert frame["container_number"].to_list() == [None]


def test_events_frame_columns_types_and_filters(db: Database) -> None:
    a = journey("MSKU1234565", "BILL-A")
    b = journey("TGHU7777777", "BILL-B")
    with db.transaction() as tx:
        tx.add_events(b + a)
    frame = db.events_frame()
    assert frame.columns == [
        "source",
        "event_id",
        "event_type",
        "occurred_at",
        "container_number",
        "unlocode",
        "facility",
        "vessel_imo",
        "vessel_name",
        "voyage",
        "bill_of_lading",
        "full",
        "transshipment",
        "source_message",
    ]
    assert frame.schema["occurred_at"] == pl.Datetime("us", "UTC")
    assert frame.schema["full"] == pl.Boolean
    assert frame.height == 10
    assert frame["event_id"].to_list() == [e.event_id for e in a + b]
    assert frame["occurred_at"].to_list() == [e.occurred_at for e in a + b]

    only_b = db.events_frame(container_numbers=["TGHU7777777"])
    assert only_b["bill_of_lading"].unique().to_list() == ["BILL-B"]
    window = db.events_frame(
        bills=["BILL-A"], occurred_from=T0 + timedelta(days=1), occurred_to=T0 + timedelta(days=3)
    )
    assert window["event_type"].to_list() == ["gate_in", "loaded"]


def test_empty_events_frame_keeps_its_schema(db: Database) -> None:
    frame = db.events_frame(container_numbers=["NONE"])
    assert frame.height == 0
    assert frame.schema["occurred_at"] == pl.Datetime("us", "UTC")
    assert len(frame.columns) == 14


def test_bills_for_container_include_event_bills_first_seen_first(db: Database) -> None:
    with db.transaction() as tx:
        tx.add_events(journey("MSKU1234565", "LATER-BILL")[3:] + journey("MSKU1234565", "B0")[:1])
    assert db.bills_for_container("MSKU1234565") == ["B0", "LATER-BILL"]
    assert db.containers_for_bill("LATER-BILL") == ["MSKU1234565"]


def test_seal_readings_frame_matches_the_events_seals(db: Database) -> None:
    moves = journey()
    other = journey("TGHU7777777", "BILL-B")
    with db.transaction() as tx:
        tx.add_events(moves + other)
    frame = db.seal_readings_frame(container_numbers=["MSKU1234565"])
    expected = [
        (e.source, e.event_id, s.number, s.condition.value, s.electronic)
        for e in moves
        for s in e.seals
    ]
    assert expected
    got = frame.select("source", "event_id", "seal_number", "condition", "electronic").rows()
    assert got == expected
    assert frame.schema["electronic"] == pl.Boolean
    assert db.seal_readings_frame(container_numbers=["NONE"]).height == 0
