"""Party names as screening prepared them, kept by a key their preparer computes.

The store does not read the content (JSON written by ``greenlane.parties.screening.kept``); it
keeps rows of one code version only, since a new way of preparing names makes the others
useless.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.store import schema as t
from greenlane.store.dialect import insert_ignoring_duplicates
from greenlane.store.repository import Database

_CHUNK = 500


@dataclass(frozen=True, slots=True)
class PreparedNameRow:
    name_key: str
    how: str
    """How the name was prepared: ``query`` (analysed, as a party's name) or ``normal``
    (reduced only)."""
    kind: str
    name: str
    content: str


def kept_names(db: Database, keys: Sequence[str]) -> dict[str, str]:
    """The content kept under each of ``keys`` that has some."""

    def query(conn: Connection) -> dict[str, str]:
        x, found = t.prepared_names, {}
        for start in range(0, len(keys), _CHUNK):
            chunk = list(keys[start : start + _CHUNK])
            rows = conn.execute(sa.select(x.c.name_key, x.c.content).where(x.c.name_key.in_(chunk)))
            found.update({key: content for key, content in rows})
        return found

    return db._read(query) if keys else {}


def keep_names(db: Database, code_version: str, rows: Sequence[PreparedNameRow]) -> None:
    """Keep the rows under ``code_version`` and drop those of any other. A row kept at the same
    time by another process is no error."""
    x = t.prepared_names
    with db.transaction() as tx:
        conn = tx.connection
        conn.execute(sa.delete(x).where(x.c.code_version != code_version))
        for start in range(0, len(rows), _CHUNK):
            conn.execute(
                insert_ignoring_duplicates(conn.dialect, x, ["name_key"]),
                [
                    {
                        "name_key": row.name_key,
                        "code_version": code_version,
                        "how": row.how,
                        "kind": row.kind,
                        "name": row.name,
                        "content": row.content,
                    }
                    for row in rows[start : start + _CHUNK]
                ],
            )


def forget_names(db: Database) -> int:
    """Drop every kept prepared name (the next screening prepares them again); how many."""
    with db.transaction() as tx:
        dropped = tx.connection.execute(sa.delete(t.prepared_names))
    return int(dropped.rowcount or 0)
