"""The one place where SQLite and PostgreSQL differ. Nothing outside this module names a dialect.

What differs: how an engine is made (SQLite pragmas, its file's folder, in-memory pooling), how a
write transaction begins (SQLite must take the write lock up front), how "insert, skipping rows
that already exist" and "insert or replace" are spelled, how timezone-aware times survive storage
(SQLite has no time zone type), integer keys that autoincrement, and how a missing table is
reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Dialect, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.dml import Insert

from greenlane.errors import StorageError

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

SUPPORTED = ("sqlite", "postgresql")

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
"""Surrogate keys: 64-bit on PostgreSQL; SQLite only autoincrements a column typed INTEGER."""

KEYS_PER_LOOKUP = 900
"""Keys per ``IN (...)`` lookup: well below SQLite's (32,766) and PostgreSQL's (65,535) limits on
bound parameters, and short enough for psycopg to parse quickly."""

_WRITE = "greenlane_write"
"""Execution option marking a connection whose transaction will write."""


def masked(url: str | URL) -> str:
    """The URL as it may be shown to a person: password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(
            f"not a database URL: {url!r}",
            expected="sqlite:///path/to/file.db or postgresql+psycopg://user@host:port/dbname",
        ) from exc
    if parsed.get_backend_name() not in SUPPORTED:
        raise StorageError(
            f"unsupported database {parsed.get_backend_name()!r} in {masked(parsed)}",
            expected=" or ".join(SUPPORTED),
        )
    return parsed


def create_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings each backend needs; does not connect yet."""
    parsed = _parse(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        # psycopg rewrites each statement's placeholders in Python and caches only short
        # statements, so one huge multi-row INSERT costs more than a few extra round trips:
        # 50 rows a statement loaded 2,000 shipments in 3.6 s against 5.6 s with the default 1,000.
        return sa.create_engine(parsed, pool_pre_ping=True, insertmanyvalues_page_size=50)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise StorageError(
            f"no database driver for {masked(parsed)}: {exc}",
            expected="the driver installed, e.g. pip install 'greenlane[postgres]'",
        ) from exc


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    if in_memory:
        # Every connection to ":memory:" is a new empty database; share one connection.
        engine = sa.create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that DDL is
        # transactional too and a write transaction can take the lock at BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 30000")
        if not in_memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # BEGIN IMMEDIATE takes the write lock now; a deferred BEGIN that later tries to write
        # fails at once with "database is locked" when another writer holds it.
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One connection in one transaction: committed when the block ends, rolled back on error."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


def _insert_for(dialect: Dialect, table: sa.Table) -> postgresql.Insert | sqlite.Insert:
    # Each dialect's insert is imported when used: PostgreSQL's alone costs a tenth of a
    # second to import, for every command on SQLite.
    if dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    if dialect.name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)
    raise StorageError(f"unsupported database {dialect.name!r}", expected=" or ".join(SUPPORTED))


def insert_ignoring_duplicates(
    dialect: Dialect, table: sa.Table, unique_columns: Sequence[str]
) -> Insert:
    """INSERT that skips rows clashing with the unique key ``unique_columns``; with RETURNING
    it returns only the rows it really inserted."""
    return _insert_for(dialect, table).on_conflict_do_nothing(index_elements=list(unique_columns))


def insert_or_replace(dialect: Dialect, table: sa.Table, unique_columns: Sequence[str]) -> Insert:
    """INSERT that overwrites the other columns of a row with the same unique key."""
    stmt = _insert_for(dialect, table)
    keep = set(unique_columns)
    updates = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keep}
    updates = {k: v for k, v in updates.items() if not table.c[k].primary_key}
    return stmt.on_conflict_do_update(index_elements=list(unique_columns), set_=updates)


def is_missing_table(exc: DBAPIError) -> bool:
    """Whether the database said a table does not exist (the schema was never migrated)."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate == "42P01" or "no such table" in str(exc.orig)


class UtcDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware time, stored in UTC and always read back as aware UTC.

    PostgreSQL keeps the instant (timestamptz); SQLite keeps text without an offset, so times are
    converted to UTC on the way in and given back their UTC zone on the way out.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: greenlane stores aware times")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
