"""The raw archive keeps every message once, byte for byte, and what became of it."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from greenlane.errors import NotFoundError
from greenlane.store import Database, MessageStatus

MESSAGE = b"UNB+UNOA:2+SENDER+RECEIVER+260105:0830+1'\x00\xff binary-safe"


def test_same_bytes_are_stored_once_and_reported_as_duplicate(db: Database) -> None:
    with db.transaction() as tx:
        first = tx.archive_message(MESSAGE, source="sftp:carrier", format="edifact")
    with db.transaction() as tx:
        again = tx.archive_message(MESSAGE, source="api", format="edifact")
    assert not first.is_duplicate
    assert again.is_duplicate
    assert again.id == first.id
    assert first.content_hash == again.content_hash == hashlib.sha256(MESSAGE).hexdigest()
    assert db.counts()["raw_messages"] == 1


def test_duplicate_within_one_transaction(db: Database) -> None:
    with db.transaction() as tx:
        first = tx.archive_message(MESSAGE, source="a", format="edifact")
        again = tx.archive_message(MESSAGE, source="a", format="edifact")
        other = tx.archive_message(MESSAGE + b"!", source="a", format="edifact")
    assert (first.is_duplicate, again.is_duplicate, other.is_duplicate) == (False, True, False)
    assert db.counts()["raw_messages"] == 2


def test_archived_message_comes_back_whole(db: Database) -> None:
    received = datetime(2026, 1, 5, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
    with db.transaction() as tx:
        archived = tx.archive_message(
            MESSAGE, source="sftp:carrier", format="edifact", received_at=received
        )
    stored = db.raw_message(archived.content_hash)
    assert stored is not None
    assert stored.content == MESSAGE
    assert (stored.source, stored.format) == ("sftp:carrier", "edifact")
    assert stored.received_at == received
    assert stored.received_at.tzinfo == UTC
    assert stored.status is MessageStatus.RECEIVED
    assert db.message_status(archived.content_hash) is MessageStatus.RECEIVED
    assert db.raw_message("0" * 64) is None
    assert db.message_status("0" * 64) is None


def test_received_time_defaults_to_now(db: Database) -> None:
    before = datetime.now(UTC)
    with db.transaction() as tx:
        archived = tx.archive_message(b"{}", source="api", format="native")
    stored = db.raw_message(archived.content_hash)
    assert stored is not None
    assert before - timedelta(seconds=1) <= stored.received_at <= datetime.now(UTC)


def test_quarantine_keeps_error_and_place_then_parsed_clears_them(db: Database) -> None:
    with db.transaction() as tx:
        archived = tx.archive_message(MESSAGE, source="api", format="edifact")
        tx.mark_quarantined(archived.content_hash, "unknown segment XYZ", "segment 4")
    stored = db.raw_message(archived.content_hash)
    assert stored is not None
    assert stored.status is MessageStatus.QUARANTINED
    assert (stored.error, stored.error_location) == ("unknown segment XYZ", "segment 4")
    assert stored.processed_at is not None and stored.processed_at.tzinfo == UTC
    assert db.quarantined() == [archived.content_hash]

    with db.transaction() as tx:
        tx.mark_parsed(archived.content_hash)
    stored = db.raw_message(archived.content_hash)
    assert stored is not None
    assert (stored.status, stored.error, stored.error_location) == (
        MessageStatus.PARSED,
        None,
        None,
    )
    assert db.quarantined() == []


def test_marking_an_unknown_message_fails_and_rolls_back(db: Database) -> None:
    with pytest.raises(NotFoundError), db.transaction() as tx:
        tx.archive_message(MESSAGE, source="api", format="edifact")
        tx.mark_parsed("f" * 64)
    assert db.counts()["raw_messages"] == 0
