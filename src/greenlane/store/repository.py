"""``Database``: the narrow interface the rest of greenlane uses to store and read records."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from greenlane.domain.records import (
    DataQualityFinding,
    Event,
    Filing,
    InspectionResult,
    Port,
    TrustedTraderMembership,
)
from greenlane.errors import StorageError
from greenlane.settings import get_settings
from greenlane.store import archive, dialect, migrate, readers
from greenlane.store.archive import MessageStatus, RawMessage
from greenlane.store.writer import UnitOfWork

if TYPE_CHECKING:
    import polars as pl

T = TypeVar("T")


class Database:
    """A SQLite file or a PostgreSQL database, chosen by URL.

    Writes happen in ``transaction()``; reads open their own short connection each.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = dialect.masked(engine.url)
        """The URL with its password hidden, fit for messages and logs."""

    @classmethod
    def connect(cls, url: str | None = None) -> Database:
        """Open the database at ``url`` (default: ``GREENLANE_DATABASE_URL``), checking that it
        answers, so that a wrong URL fails here and clearly."""
        db = cls(dialect.create_engine(url or get_settings().database_url))
        try:
            with db.engine.connect():
                pass
        except DBAPIError as exc:
            db.close()
            raise StorageError(f"cannot connect to the database at {db.url}: {exc.orig}") from exc
        return db

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # Schema.

    def upgrade(self) -> None:
        """Create or migrate the schema to the latest revision."""
        with self._errors():
            migrate.upgrade(self.engine)

    def schema_revision(self) -> str | None:
        """The revision the database is at; None when it was never migrated."""
        return self._read(migrate.current_revision)

    def is_current(self) -> bool:
        return self.schema_revision() == migrate.head_revision()

    # Writes.

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """One unit of work: committed whole when the block ends, rolled back whole if anything
        in it raises."""
        with self._errors(), dialect.write_transaction(self.engine) as conn:
            yield UnitOfWork(conn)

    # Reads.

    def filings_for_bill(self, bill: str) -> list[Filing]:
        return self._read(lambda c: readers.filings_for_bill(c, bill))

    def events_for_container(self, number: str) -> list[Event]:
        return self._read(lambda c: readers.events_for_container(c, number))

    def events_for_bill(self, bill: str) -> list[Event]:
        return self._read(lambda c: readers.events_for_bill(c, bill))

    def containers_for_bill(self, bill: str) -> list[str]:
        return self._read(lambda c: readers.containers_for_bill(c, bill))

    def bills_for_container(self, number: str) -> list[str]:
        return self._read(lambda c: readers.bills_for_container(c, number))

    def events_frame(
        self,
        *,
        container_numbers: Sequence[str] | None = None,
        bills: Sequence[str] | None = None,
        occurred_from: datetime | None = None,
        occurred_to: datetime | None = None,
    ) -> pl.DataFrame:
        return self._read(
            lambda c: readers.events_frame(
                c,
                container_numbers=container_numbers,
                bills=bills,
                occurred_from=occurred_from,
                occurred_to=occurred_to,
            )
        )

    def seal_readings_frame(
        self, *, container_numbers: Sequence[str] | None = None
    ) -> pl.DataFrame:
        return self._read(
            lambda c: readers.seal_readings_frame(c, container_numbers=container_numbers)
        )

    def inspections_for_bill(self, bill: str) -> list[InspectionResult]:
        return self._read(lambda c: readers.inspections_for_bill(c, bill))

    def memberships(self) -> list[TrustedTraderMembership]:
        return self._read(readers.memberships)

    def ports(self) -> list[Port]:
        return self._read(readers.ports)

    def findings_for(self, subject_kind: str, subject_id: str) -> list[DataQualityFinding]:
        return self._read(lambda c: readers.findings_for(c, subject_kind, subject_id))

    def labels(self, source: str | None = None) -> dict[str, list[tuple[str, str]]]:
        """Master bill to its (label, detail) pairs; ``source`` keeps one source's only."""
        return self._read(lambda c: readers.labels(c, source))

    def raw_message(self, content_hash: str) -> RawMessage | None:
        return self._read(lambda c: archive.read_message(c, content_hash))

    def message_status(self, content_hash: str) -> MessageStatus | None:
        """What became of an archived message; None when it is not in the archive."""
        return self._read(lambda c: archive.message_status(c, content_hash))

    def quarantined(self) -> list[str]:
        """Content hashes of the messages that could not be parsed, oldest first."""
        return self._read(lambda c: archive.messages_with_status(c, MessageStatus.QUARANTINED))

    def refused(self) -> list[str]:
        """Content hashes of the messages refused for their size, oldest first."""
        return self._read(lambda c: archive.messages_with_status(c, MessageStatus.REFUSED))

    def counts(self) -> dict[str, int]:
        """Rows per main table."""
        return self._read(readers.counts)

    # Plumbing.

    def _read(self, query: Callable[[Connection], T]) -> T:
        with self._errors(), self.engine.connect() as conn:
            return query(conn)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Database trouble (server gone, file locked, schema missing) as a StorageError that
        names the database; mistakes in greenlane itself stay what they are."""
        try:
            yield
        except DBAPIError as exc:
            if dialect.is_missing_table(exc):
                raise StorageError(
                    f"the database at {self.url} has no greenlane schema (or an old one)",
                    expected="a migrated database: run `greenlane db upgrade`",
                ) from exc
            if exc.connection_invalidated or isinstance(exc, OperationalError):
                raise StorageError(f"database error at {self.url}: {exc.orig}") from exc
            raise
