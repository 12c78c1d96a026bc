"""Receive a message, keep it, read it, store what it says: whole or not at all.

Order matters, so that nothing received is ever lost:

1. the raw bytes are archived and committed first (status ``received``);
2. the adapter reads them; a message it cannot read is quarantined with the error and the place;
3. the records, the findings and the status ``parsed`` are committed in one transaction.

A message killed between 1 and 3 stays ``received`` and is read again on the next run; the same
bytes again are a duplicate and store nothing new.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from greenlane.errors import GreenlaneError, NotFoundError, ParseError
from greenlane.ingest.base import Adapter, ParsedMessage
from greenlane.ingest.registry import adapter_named, detect
from greenlane.store import Database
from greenlane.store.archive import MessageStatus

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"


@dataclass(frozen=True, slots=True)
class MessageResult:
    content_hash: str
    outcome: Outcome
    format: str | None
    records: Counter[str] = field(default_factory=Counter)
    """Newly stored records by kind."""
    findings: Counter[str] = field(default_factory=Counter)
    """Data-quality findings by code."""
    error: str | None = None
    where: str | None = None


def _read(adapter: Adapter | None, content: bytes, digest: str, max_bytes: int) -> ParsedMessage:
    if len(content) > max_bytes:
        raise ParseError(
            f"message of {len(content):,} bytes is over the limit of {max_bytes:,}",
            where="whole message",
            expected="GREENLANE_MAX_MESSAGE_BYTES or fewer bytes",
        )
    if adapter is None:
        raise ParseError(
            "format not recognised",
            where="start of message",
            expected="native, DCSA, EPCIS, EDIFACT or X12 (or name one with --format)",
        )
    try:
        return adapter.parse(content, source_message=digest)
    except GreenlaneError:
        raise
    except Exception as exc:  # an adapter bug must not lose the message or crash the batch
        log.exception("adapter %s failed on message %s", adapter.name, digest)
        raise ParseError(
            f"{adapter.name}: could not be read ({type(exc).__name__}: {exc})",
            where="unknown",
        ) from exc


def ingest_message(
    db: Database,
    content: bytes,
    *,
    source: str,
    format: str | None = None,
    max_bytes: int = 64 * 1024 * 1024,
) -> MessageResult:
    """Archive, read and store one message; the result says what became of it."""
    adapter = adapter_named(format) if format else detect(content)
    fmt_name = adapter.name if adapter else "unknown"
    with db.transaction() as tx:
        archived = tx.archive_message(content, source=source, format=fmt_name)
    digest = archived.content_hash
    if archived.is_duplicate:
        status = db.message_status(digest)
        if status is not MessageStatus.RECEIVED:
            return MessageResult(digest, Outcome.DUPLICATE, fmt_name)
    return _process(db, adapter, content, digest, max_bytes)


def retry_message(
    db: Database, content_hash: str, *, format: str | None = None, max_bytes: int = 64 * 1024 * 1024
) -> MessageResult:
    """Read an archived (usually quarantined) message again, e.g. after a fix or with --format."""
    message = db.raw_message(content_hash)
    if message is None:
        raise NotFoundError(f"no archived message {content_hash!r}")
    adapter = adapter_named(format) if format else detect(message.content)
    return _process(db, adapter, message.content, content_hash, max_bytes)


def _process(
    db: Database, adapter: Adapter | None, content: bytes, digest: str, max_bytes: int
) -> MessageResult:
    fmt_name = adapter.name if adapter else "unknown"
    try:
        parsed = _read(adapter, content, digest, max_bytes)
    except ParseError as exc:
        with db.transaction() as tx:
            tx.mark_quarantined(digest, exc.message, exc.where)
        return MessageResult(
            digest, Outcome.QUARANTINED, fmt_name, error=exc.message, where=exc.where
        )
    with db.transaction() as tx:
        records = Counter(
            {
                "filings": tx.add_filings(parsed.filings),
                "events": tx.add_events(parsed.events),
                "inspections": tx.add_inspections(parsed.inspections),
                "memberships": tx.add_memberships(parsed.memberships),
            }
        )
        tx.add_findings("raw_message", digest, parsed.findings)
        tx.mark_parsed(digest)
    findings = Counter(f.code for f in parsed.findings)
    return MessageResult(digest, Outcome.STORED, parsed.format, +records, findings)
