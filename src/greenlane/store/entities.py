"""Resolved party entities in the store: replaced whole by each batch resolution."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.store import schema as t
from greenlane.store.repository import Database

ENTITY_COLUMNS = ("record_key", "master_bill", "role", "name", "entity_id")


def replace_entities(db: Database, assigned: pl.DataFrame, resolved_at: datetime) -> int:
    """Store ``assigned`` (ENTITY_COLUMNS) as the current entities, in one transaction."""
    rows = [
        {**row, "resolved_at": resolved_at}
        for row in assigned.select(ENTITY_COLUMNS).iter_rows(named=True)
    ]
    with db.transaction() as tx:
        tx.connection.execute(sa.delete(t.party_entities))
        for start in range(0, len(rows), 5000):
            tx.connection.execute(sa.insert(t.party_entities), rows[start : start + 5000])
    return len(rows)


def entities_for_bill(db: Database, bill: str) -> list[tuple[str, str, str]]:
    """(role, name as written, entity id) of the parties of one master bill, each once."""

    def query(conn: Connection) -> list[tuple[str, str, str]]:
        e = t.party_entities
        found = conn.execute(
            sa.select(e.c.role, e.c.name, e.c.entity_id)
            .where(e.c.master_bill == bill)
            .distinct()
            .order_by(e.c.role, e.c.name)
        )
        return [(r, n, i) for r, n, i in found]

    return db._read(query)


def records_of_entity(db: Database, entity_id: str) -> list[tuple[str, str, str]]:
    """(master bill, role, name as written) of every party record of an entity."""

    def query(conn: Connection) -> list[tuple[str, str, str]]:
        e = t.party_entities
        found = conn.execute(
            sa.select(e.c.master_bill, e.c.role, e.c.name)
            .where(e.c.entity_id == entity_id)
            .order_by(e.c.master_bill, e.c.role)
        )
        return [(b, r, n) for b, r, n in found]

    return db._read(query)


def widest_entities(db: Database, limit: int = 5) -> list[tuple[str, int, int, str]]:
    """The entities that span the most shipments: (entity id, shipments, distinct names as
    written, one of those names), widest first."""

    def query(conn: Connection) -> list[tuple[str, int, int, str]]:
        e = t.party_entities
        found = conn.execute(
            sa.select(
                e.c.entity_id,
                sa.func.count(sa.distinct(e.c.master_bill)).label("shipments"),
                sa.func.count(sa.distinct(e.c.name)).label("names"),
                sa.func.min(e.c.name),
            )
            .group_by(e.c.entity_id)
            .order_by(sa.desc("shipments"), sa.desc("names"), e.c.entity_id)
            .limit(limit)
        )
        return [(i, int(s), int(n), name) for i, s, n, name in found]

    return db._read(query)
