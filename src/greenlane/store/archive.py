"""The raw-message archive: every message is kept, byte for byte, before anything parses it.

A message is known by the SHA-256 of its bytes, so the same message received twice is stored once
and the second arrival is reported as a duplicate. Its status then records what parsing made of
it: ``parsed``, or ``quarantined`` with the error and the place in the message. A message over
the size limit is ``refused``: its hash, size and the reason are kept, its bytes are not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.errors import NotFoundError
from greenlane.store.dialect import insert_ignoring_duplicates
from greenlane.store.schema import raw_messages


class MessageStatus(StrEnum):
    RECEIVED = "received"
    PARSED = "parsed"
    QUARANTINED = "quarantined"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class ArchivedMessage:
    content_hash: str
    is_duplicate: bool
    """True when these exact bytes were already in the archive; nothing new was stored."""
    id: int


@dataclass(frozen=True, slots=True)
class RawMessage:
    id: int
    content_hash: str
    source: str
    format: str
    received_at: datetime
    content: bytes
    status: MessageStatus
    processed_at: datetime | None = None
    error: str | None = None
    error_location: str | None = None


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def archive_message(
    conn: Connection,
    content: bytes,
    *,
    source: str,
    format: str,
    received_at: datetime | None = None,
) -> ArchivedMessage:
    """Keep ``content`` unless the archive already holds the same bytes."""
    digest = content_hash(content)
    stmt = insert_ignoring_duplicates(conn.dialect, raw_messages, ["content_hash"]).values(
        content_hash=digest,
        source=source,
        format=format,
        received_at=received_at or datetime.now(UTC),
        size=len(content),
        content=content,
        status=MessageStatus.RECEIVED.value,
    )
    new_id = conn.execute(stmt.returning(raw_messages.c.id)).scalar_one_or_none()
    if new_id is not None:
        return ArchivedMessage(content_hash=digest, is_duplicate=False, id=new_id)
    old_id = conn.execute(
        sa.select(raw_messages.c.id).where(raw_messages.c.content_hash == digest)
    ).scalar_one()
    return ArchivedMessage(content_hash=digest, is_duplicate=True, id=old_id)


def refuse_message(
    conn: Connection, digest: str, size: int, *, source: str, reason: str
) -> ArchivedMessage:
    """Record a message that is not kept (over the size limit): its hash, its size, the reason."""
    now = datetime.now(UTC)
    stmt = insert_ignoring_duplicates(conn.dialect, raw_messages, ["content_hash"]).values(
        content_hash=digest,
        source=source,
        format="unknown",
        received_at=now,
        size=size,
        content=b"",
        status=MessageStatus.REFUSED.value,
        processed_at=now,
        error=reason,
        error_location="whole message",
    )
    new_id = conn.execute(stmt.returning(raw_messages.c.id)).scalar_one_or_none()
    if new_id is not None:
        return ArchivedMessage(content_hash=digest, is_duplicate=False, id=new_id)
    old_id = conn.execute(
        sa.select(raw_messages.c.id).where(raw_messages.c.content_hash == digest)
    ).scalar_one()
    return ArchivedMessage(content_hash=digest, is_duplicate=True, id=old_id)


def keep_refused(conn: Connection, digest: str, content: bytes, format: str) -> None:
    """A refused message received again within the (raised) limit: keep its bytes now."""
    conn.execute(
        sa.update(raw_messages)
        .where(raw_messages.c.content_hash == digest)
        .where(raw_messages.c.status == MessageStatus.REFUSED.value)
        .values(content=content, format=format, status=MessageStatus.RECEIVED.value)
    )


def _set_status(conn: Connection, digest: str, values: dict[str, object]) -> None:
    result = conn.execute(
        sa.update(raw_messages)
        .where(raw_messages.c.content_hash == digest)
        .values(processed_at=datetime.now(UTC), **values)
    )
    if result.rowcount == 0:
        raise NotFoundError(f"no archived message with content hash {digest}")


def mark_parsed(conn: Connection, digest: str) -> None:
    _set_status(
        conn, digest, {"status": MessageStatus.PARSED.value, "error": None, "error_location": None}
    )


def mark_quarantined(conn: Connection, digest: str, error: str, where: str | None = None) -> None:
    """Keep the message, out of the way, with the reason and the place it could not be read."""
    _set_status(
        conn,
        digest,
        {"status": MessageStatus.QUARANTINED.value, "error": error, "error_location": where},
    )


def read_message(conn: Connection, digest: str) -> RawMessage | None:
    row = (
        conn.execute(sa.select(raw_messages).where(raw_messages.c.content_hash == digest))
        .mappings()
        .one_or_none()
    )
    if row is None:
        return None
    return RawMessage(
        id=row["id"],
        content_hash=row["content_hash"],
        source=row["source"],
        format=row["format"],
        received_at=row["received_at"],
        content=bytes(row["content"]),
        status=MessageStatus(row["status"]),
        processed_at=row["processed_at"],
        error=row["error"],
        error_location=row["error_location"],
    )


def message_status(conn: Connection, digest: str) -> MessageStatus | None:
    status = conn.execute(
        sa.select(raw_messages.c.status).where(raw_messages.c.content_hash == digest)
    ).scalar_one_or_none()
    return MessageStatus(status) if status is not None else None


def messages_with_status(conn: Connection, status: MessageStatus) -> list[str]:
    """Content hashes of the messages in ``status``, oldest first (e.g. the quarantine)."""
    return list(
        conn.execute(
            sa.select(raw_messages.c.content_hash)
            .where(raw_messages.c.status == status.value)
            .order_by(raw_messages.c.received_at, raw_messages.c.id)
        ).scalars()
    )
