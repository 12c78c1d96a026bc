"""Migration 0008 moves a generated world's labels into ``shipment_labels`` with source 'world'."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from greenlane.store import Database
from greenlane.store.migrate import SCRIPT_LOCATION, upgrade

WORLD_ROWS = [
    ("MAEU1", "seal_swapped", "seal changed at SGSIN"),
    ("MAEU1", "undervaluation", "value / 4"),
    ("MSCU9", "vague_description", "GENERAL CARGO"),
]


def _at_0007_with_world_labels(url: str) -> None:
    upgrade(url, "0007")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO world_labels (master_bill, scenario, detail) VALUES (:b, :s, :d)"),
            [{"b": b, "s": s, "d": d} for b, s, d in WORLD_ROWS],
        )
    engine.dispose()


def test_upgrade_moves_world_labels_with_source_world(database_url: str) -> None:
    _at_0007_with_world_labels(database_url)
    with Database.connect(database_url) as db:
        db.upgrade()
        assert db.schema_revision() == "0010"
        assert "world_labels" not in sa.inspect(db.engine).get_table_names()
        moved = {"MAEU1": [(s, d) for b, s, d in WORLD_ROWS[:2]], "MSCU9": [WORLD_ROWS[2][1:]]}
        assert db.labels(source="world") == moved
        assert db.labels() == moved
        # The moved rows keep their key: storing them again stores nothing.
        with db.transaction() as tx:
            assert tx.add_labels("MAEU1", [WORLD_ROWS[0][1:]], source="world") == 0


def test_downgrade_keeps_the_world_labels(database_url: str) -> None:
    _at_0007_with_world_labels(database_url)
    with Database.connect(database_url) as db:
        db.upgrade()
        with db.transaction() as tx:
            tx.add_labels("MAEU1", [("seal_swapped", "seizure 2026/114")], source="nl")
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(SCRIPT_LOCATION))
        config.attributes["connection"] = conn
        command.downgrade(config, "0007")
        back = conn.execute(
            sa.text("SELECT master_bill, scenario, detail FROM world_labels ORDER BY id")
        ).all()
    engine.dispose()
    assert [tuple(r) for r in back] == WORLD_ROWS
