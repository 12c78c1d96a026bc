"""greenlane.store: the raw-message archive and the canonical tables, on SQLite or PostgreSQL.

``Database.connect(url)`` opens one; ``db.transaction()`` writes a unit of work whole or not at
all; the read methods give back canonical records and Polars frames.
"""

from greenlane.store.archive import ArchivedMessage, MessageStatus, RawMessage
from greenlane.store.repository import Database
from greenlane.store.writer import UnitOfWork

__all__ = ["ArchivedMessage", "Database", "MessageStatus", "RawMessage", "UnitOfWork"]
