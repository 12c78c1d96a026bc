"""Alembic, run from code: the migration scripts ship inside the package, no alembic.ini needed.

Every command that opens the database upgrades it first; importing Alembic and reading its
scripts costs a quarter of a second, so a database already at the head revision of the scripts
is seen to be so with one query (``is_at_head``) and Alembic is not loaded at all. Any other
database (never migrated, at an older revision, at one these scripts do not know) goes through
Alembic as before: upgraded, or refused.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from greenlane.store.dialect import create_engine, write_transaction

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).parent / "migrations"
_REVISION = re.compile(r'^revision\s*=\s*"([^"]+)"', re.MULTILINE)
_DOWN = re.compile(r'^down_revision[^=]*=\s*"([^"]+)"', re.MULTILINE)


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    # env.py runs on this connection, inside the caller's transaction.
    config.attributes["connection"] = connection
    return config


def upgrade(target: Engine | str, revision: str = "head") -> None:
    """Migrate the database to ``revision``; the whole upgrade is one transaction."""
    engine = create_engine(target) if isinstance(target, str) else target
    try:
        if revision == "head" and is_at_head(engine):
            return
        from alembic import command

        with write_transaction(engine) as conn:
            command.upgrade(_config(conn), revision)
    finally:
        if engine is not target:
            engine.dispose()


def is_at_head(engine: Engine) -> bool:
    """Whether the database is at the head revision of the scripts, asked with one query
    (False for a database never migrated, or when the scripts' head cannot be read plainly)."""
    head = script_head()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()
            return list(found) == [head]
    except DBAPIError:
        return False


@lru_cache(maxsize=1)
def script_head() -> str | None:
    """The one revision of the scripts no other revises, read from their text; None when
    there is not exactly one."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (SCRIPT_LOCATION / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revisions.update(_REVISION.findall(text))
        revised.update(_DOWN.findall(text))
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at; None when it was never migrated."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()
