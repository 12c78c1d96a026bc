"""Alembic, run from code: the migration scripts ship inside the package, no alembic.ini needed."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from greenlane.store.dialect import create_engine, write_transaction

SCRIPT_LOCATION = Path(__file__).parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    # env.py runs on this connection, inside the caller's transaction.
    config.attributes["connection"] = connection
    return config


def upgrade(target: Engine | str, revision: str = "head") -> None:
    """Migrate the database to ``revision``; the whole upgrade is one transaction."""
    engine = create_engine(target) if isinstance(target, str) else target
    try:
        with write_transaction(engine) as conn:
            command.upgrade(_config(conn), revision)
    finally:
        if engine is not target:
            engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at; None when it was never migrated."""
    return MigrationContext.configure(conn).get_current_revision()
