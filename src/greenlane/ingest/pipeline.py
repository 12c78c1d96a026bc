"""Receive a message, keep it, read it, store what it says: whole or not at all.

Order matters, so that nothing received is ever lost:

0. a message over the size limit is not kept: its hash, size and the reason are (``refused``);
1. the raw bytes are archived and committed first (status ``received``);
2. the adapter reads them; a message it cannot read is quarantined with the error and the place;
3. every string of the records is checked once, the same for every adapter
   (``greenlane.ingest.text``);
4. the records, the findings and the status ``parsed`` are committed in one transaction; a message
   whose records cannot be stored is rolled back whole and quarantined.

Whatever one message does, it ends ``parsed``, ``quarantined`` or ``refused``, and the next
message is read. A message killed between 1 and 4 stays ``received`` and is read again on the next
run; the same bytes again are a duplicate and store nothing new. Failures no check foresaw are
quarantined by a last-resort catch-all, and counted as such (``MessageResult.unexpected``).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from greenlane.errors import GreenlaneError, NotFoundError, ParseError, StorageError
from greenlane.ingest.base import Adapter, ParsedMessage, shown
from greenlane.ingest.limits import Oversized, oversized
from greenlane.ingest.registry import adapter_named, detect, near_miss
from greenlane.ingest.text import bad_text
from greenlane.store import Database
from greenlane.store.archive import MessageStatus

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class Outcome(StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"
    REFUSED = "refused"
    """Over the size limit: not kept, only its hash, size and the reason."""


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
    unexpected: bool = False
    """Quarantined by the catch-all: a failure no check names (an adapter or store bug)."""


class _Unexpected(ParseError):
    """What the catch-all turns an unforeseen exception into."""


def _unexpected(step: str, exc: BaseException, where: str) -> _Unexpected:
    return _Unexpected(f"{step} ({type(exc).__name__}: {shown(str(exc), 200)})", where=where)


def _detect(content: bytes) -> Adapter | None:
    try:
        return detect(content)
    except Exception:  # a detector bug must not stop the run: the message is still archived
        log.debug("format detection failed", exc_info=True)
        return None


def _read(adapter: Adapter | None, content: bytes, digest: str) -> ParsedMessage:
    if adapter is None:
        raise near_miss(content) or ParseError(
            "format not recognised",
            where="start of message",
            expected="native, DCSA, EPCIS, EDIFACT or X12 (or name one with --format)",
        )
    try:
        parsed = adapter.parse(content, source_message=digest)
    except GreenlaneError as exc:
        if isinstance(exc, ParseError):
            raise
        raise ParseError(exc.message, where=exc.where or "whole message") from exc
    except Exception as exc:  # an adapter bug must not lose the message or crash the batch
        log.warning("adapter %s failed on message %s: %r", adapter.name, digest, exc)
        log.debug("adapter failure", exc_info=True)
        raise _unexpected(
            f"{adapter.name}: could not be read", exc, "whole message (no check names the place)"
        ) from exc
    problem = bad_text(parsed)
    if problem is not None:
        raise problem
    return parsed


def refuse(db: Database, too_big: Oversized, *, source: str) -> MessageResult:
    """Record a message over the size limit by its hash and size, without its bytes."""
    with db.transaction() as tx:
        archived = tx.refuse_message(
            too_big.content_hash, too_big.size, source=source, reason=too_big.reason
        )
    if archived.is_duplicate:  # refused before, or kept earlier under a higher limit
        return MessageResult(too_big.content_hash, Outcome.DUPLICATE, None)
    return MessageResult(
        too_big.content_hash,
        Outcome.REFUSED,
        None,
        error=too_big.reason,
        where="whole message",
    )


def ingest_message(
    db: Database,
    content: bytes,
    *,
    source: str,
    format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> MessageResult:
    """Archive, read and store one message; the result says what became of it."""
    too_big = oversized(content, max_bytes)
    if too_big is not None:
        return refuse(db, too_big, source=source)
    adapter = adapter_named(format) if format else _detect(content)
    fmt_name = adapter.name if adapter else "unknown"
    with db.transaction() as tx:
        archived = tx.archive_message(content, source=source, format=fmt_name)
    digest = archived.content_hash
    if archived.is_duplicate:
        status = db.message_status(digest)
        if status is MessageStatus.REFUSED:
            with db.transaction() as tx:
                tx.keep_refused(digest, content, fmt_name)
        elif status is not MessageStatus.RECEIVED:
            return MessageResult(digest, Outcome.DUPLICATE, fmt_name)
    return _process(db, adapter, content, digest)


def retry_message(
    db: Database,
    content_hash: str,
    *,
    format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> MessageResult:
    """Read an archived (usually quarantined) message again, e.g. after a fix or with --format."""
    message = db.raw_message(content_hash)
    if message is None:
        raise NotFoundError(f"no archived message {content_hash!r}")
    if message.status is MessageStatus.REFUSED:
        raise NotFoundError(
            f"message {content_hash[:12]} was refused for its size and its bytes were not kept",
            expected="the message sent again after raising GREENLANE_MAX_MESSAGE_BYTES",
        )
    adapter = adapter_named(format) if format else _detect(message.content)
    return _process(db, adapter, message.content, content_hash)


def _database_down(exc: Exception) -> bool:
    """Trouble with the database itself (gone, locked): every message would fail alike, so the
    run stops and the message stays ``received`` for the next one."""
    return isinstance(exc, StorageError)


def _quarantine(db: Database, digest: str, fmt_name: str, exc: ParseError) -> MessageResult:
    # "" is the JSON pointer of the document itself: said so, not left blank.
    where = "whole message" if exc.where == "" else exc.where
    with db.transaction() as tx:
        tx.mark_quarantined(digest, exc.message, where)
    return MessageResult(
        digest,
        Outcome.QUARANTINED,
        fmt_name,
        error=exc.message,
        where=where,
        unexpected=isinstance(exc, _Unexpected),
    )


def _process(db: Database, adapter: Adapter | None, content: bytes, digest: str) -> MessageResult:
    fmt_name = adapter.name if adapter else "unknown"
    try:
        parsed = _read(adapter, content, digest)
    except ParseError as exc:
        return _quarantine(db, digest, fmt_name, exc)
    try:
        records = _store(db, parsed, digest)
    except Exception as exc:
        if _database_down(exc):
            raise
        log.warning("message %s could not be stored: %r", digest, exc)
        log.debug("store failure", exc_info=True)
        where = "the records as a whole (no check names the place)"
        return _quarantine(db, digest, fmt_name, _unexpected("could not be stored", exc, where))
    findings = Counter(f.code for f in parsed.findings)
    return MessageResult(digest, Outcome.STORED, parsed.format, +records, findings)


def _store(db: Database, parsed: ParsedMessage, digest: str) -> Counter[str]:
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
    return records
