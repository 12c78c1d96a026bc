"""Opening the database every verb works on, and looking after its schema."""

from __future__ import annotations

from greenlane.settings import get_settings
from greenlane.store import Database


def connect(url: str | None = None, *, migrate: bool = False) -> Database:
    """The database at ``url`` (default ``GREENLANE_DATABASE_URL``, else ``greenlane.db``),
    its schema brought to the latest version first where ``migrate``."""
    db = Database.connect(url or get_settings().database_url)
    if migrate:
        db.upgrade()
    return db


def table_counts(db: Database) -> dict[str, int]:
    """Rows in each main table."""
    return db.counts()
