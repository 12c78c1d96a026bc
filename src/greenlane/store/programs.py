"""Program lists in the store: the loads recorded, and the mutual recognitions replaced whole.

Memberships and ports are written by ``UnitOfWork.add_memberships`` / ``add_ports``; the stored
recognitions are read as a frame (``greenlane.store.frames.recognitions``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.domain.frames import RECOGNITIONS
from greenlane.store import schema as t
from greenlane.store.repository import Database
from greenlane.store.writer import UnitOfWork

RECOGNITION_KEY = ("program", "jurisdiction", "partner_program", "partner_jurisdiction")


def record_program_load(
    tx: UnitOfWork, kind: str, source: str, content_hash: str, rows: int, at: datetime
) -> None:
    """Note in ``program_loads`` that a list of ``kind`` was loaded, inside its transaction."""
    tx.connection.execute(
        sa.insert(t.program_loads).values(
            kind=kind, source=source, content_hash=content_hash, rows=rows, loaded_at=at
        )
    )


def replace_recognitions(tx: UnitOfWork, arrangements: Sequence[Mapping[str, object]]) -> int:
    """Make ``arrangements`` (RECOGNITIONS fields) the stored mutual recognitions; how many of
    them were not stored before."""
    m = t.mutual_recognitions
    conn = tx.connection
    before = {tuple(r) for r in conn.execute(sa.select(*(m.c[c] for c in RECOGNITION_KEY)))}
    conn.execute(sa.delete(m))
    rows = {
        tuple(a[c] for c in RECOGNITION_KEY): {c: a[c] for c in RECOGNITIONS} for a in arrangements
    }
    if rows:
        conn.execute(sa.insert(m), list(rows.values()))
    return len(rows.keys() - before)


def program_loads(db: Database) -> list[dict[str, object]]:
    """Every list loaded, newest first."""

    def query(conn: Connection) -> list[dict[str, object]]:
        p = t.program_loads
        return [dict(r) for r in conn.execute(sa.select(p).order_by(p.c.id.desc())).mappings()]

    return db._read(query)
