"""Resolved entities are replaced whole by each run, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from greenlane.store import Database
from greenlane.store.entities import entities_for_bill, records_of_entity, replace_entities


def _assigned(entity: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "record_key": ["cargo_declaration:M1:1:shipper:0", "entry:E1:1:seller:0"],
            "master_bill": ["B1", "B1"],
            "role": ["shipper", "seller"],
            "name": ["Acme Trading Co., Ltd.", "ACME TRADING COMPANY LIMITED"],
            "entity_id": [entity, entity],
        }
    )


def test_a_new_run_replaces_the_entities(db: Database) -> None:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    assert replace_entities(db, _assigned("pty-1"), now) == 2
    assert [e for _, _, e in entities_for_bill(db, "B1")] == ["pty-1", "pty-1"]
    replace_entities(db, _assigned("pty-2"), now)
    assert records_of_entity(db, "pty-1") == []
    assert [name for _, _, name in records_of_entity(db, "pty-2")] == [
        "ACME TRADING COMPANY LIMITED",
        "Acme Trading Co., Ltd.",
    ]
