"""Receiving messages: archive, read, check and store them; look after the unreadable ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from greenlane.errors import NotFoundError
from greenlane.ingest.batch import IngestReport, expand_paths, ingest_paths
from greenlane.ingest.pipeline import MessageResult, retry_message
from greenlane.settings import get_settings
from greenlane.store import Database
from greenlane.store.archive import RawMessage


def message_files(paths: Sequence[str]) -> list[Path]:
    """The files that ``paths`` name (files, folders read recursively, globs), each once.

    Naming nothing to read is an error, not an empty success: a folder with no files in it
    raises ``NotFoundError`` naming the folder."""
    files = expand_paths(paths)
    if not files:
        raise NotFoundError(
            f"no message files in {', '.join(paths)}", expected="files of messages to ingest"
        )
    return files


def ingest_files(
    db: Database,
    files: Sequence[Path],
    *,
    format: str | None = None,
    source: str | None = None,
    on_file: Callable[[Path, MessageResult | None], None] | None = None,
) -> IngestReport:
    """Every file as one message: archived first, then read, checked and stored once; a message
    that cannot be read is quarantined with the place named, one over the size limit is refused
    (its hash and size recorded), and the next file is read whatever one did. ``on_file`` is
    called after each file (with None for a file that could not be opened). ``format`` forces
    an adapter (native, dcsa, epcis, edifact, x12); otherwise each file's format is detected."""
    return ingest_paths(
        db,
        [str(f) for f in files],
        format=format,
        source=source,
        max_bytes=get_settings().max_message_bytes,
        on_file=on_file,
    )


@dataclass(frozen=True, slots=True)
class QuarantinedMessage:
    id: str
    """The content hash."""
    format: str
    source: str
    received_at: str
    error: str
    where: str
    content: bytes


def _quarantined(message: RawMessage) -> QuarantinedMessage:
    return QuarantinedMessage(
        id=message.content_hash,
        format=message.format,
        source=message.source,
        received_at=message.received_at.isoformat(timespec="seconds"),
        error=message.error or "no reason recorded",
        where=message.error_location or "place not recorded",
        content=message.content,
    )


def quarantined(db: Database) -> list[QuarantinedMessage]:
    """The quarantined messages, oldest first."""
    found = (db.raw_message(digest) for digest in db.quarantined())
    return [_quarantined(m) for m in found if m is not None]


def refused_messages(db: Database) -> list[QuarantinedMessage]:
    """The messages refused for their size, oldest first: hash, reason and place, no bytes."""
    found = (db.raw_message(digest) for digest in db.refused())
    return [_quarantined(m) for m in found if m is not None]


def quarantined_id(db: Database, prefix: str) -> str:
    """The one quarantined message whose id starts with ``prefix``."""
    matches = [d for d in db.quarantined() if d.startswith(prefix.strip())]
    if len(matches) != 1:
        raise NotFoundError(
            f"{len(matches)} quarantined messages match {prefix.strip()!r}",
            expected="the start of one quarantined message's id (greenlane quarantine list)",
        )
    return str(matches[0])


def quarantined_message(db: Database, prefix: str) -> QuarantinedMessage:
    message = db.raw_message(quarantined_id(db, prefix))
    if message is None:  # the id was just listed: only a concurrent purge gets here
        raise NotFoundError(f"quarantined message {prefix.strip()!r} is no longer archived")
    return _quarantined(message)


def retry(db: Database, prefix: str, *, format: str | None = None) -> MessageResult:
    """Read a quarantined message again (after an upgrade, or with another ``format``)."""
    return retry_message(
        db,
        quarantined_id(db, prefix),
        format=format,
        max_bytes=get_settings().max_message_bytes,
    )
