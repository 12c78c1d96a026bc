"""The ingest pipeline on SQLite and PostgreSQL: archived first, stored whole or quarantined."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from greenlane.errors import NotFoundError, StorageError
from greenlane.ingest.batch import ingest_paths
from greenlane.ingest.pipeline import Outcome, ingest_message, retry_message
from greenlane.store import Database, MessageStatus
from greenlane.store.writer import UnitOfWork


def native(events: int = 2, container: str = "CSQU3054383") -> bytes:
    doc = {
        "greenlane": "1",
        "events": [
            {
                "event_id": f"{container}-{i}",
                "event_type": "loaded" if i % 2 == 0 else "discharged",
                "occurred_at": f"2026-01-{10 + i:02d}T08:00:00Z",
                "container_number": container,
                "unlocode": "SGSIN",
            }
            for i in range(events)
        ],
    }
    return json.dumps(doc).encode()


@pytest.fixture
def db(database_url: str) -> Database:
    database = Database.connect(database_url)
    database.upgrade()
    return database


def test_message_is_stored_then_reported_as_duplicate(db: Database) -> None:
    first = ingest_message(db, native(), source="test")
    assert first.outcome is Outcome.STORED
    assert first.records["events"] == 2
    again = ingest_message(db, native(), source="test")
    assert again.outcome is Outcome.DUPLICATE
    assert db.counts()["events"] == 2
    assert db.counts()["raw_messages"] == 1


def test_unreadable_message_is_kept_and_quarantined(db: Database) -> None:
    bad = b'{"greenlane": "1", "events": [{"event_id": "x"}]}'
    result = ingest_message(db, bad, source="test")
    assert result.outcome is Outcome.QUARANTINED
    assert result.where == "/events/0/event_type"
    assert db.message_status(result.content_hash) is MessageStatus.QUARANTINED
    raw = db.raw_message(result.content_hash)
    assert raw is not None and raw.content == bad
    assert raw.error_location == "/events/0/event_type"
    assert db.counts()["events"] == 0


def test_unknown_format_is_quarantined(db: Database) -> None:
    result = ingest_message(db, b"\x00\x01 not a message", source="test")
    assert result.outcome is Outcome.QUARANTINED
    assert result.error == "format not recognised"


def test_database_gone_while_storing_leaves_nothing_and_a_rerun_completes(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: UnitOfWork, *args: Any) -> int:
        raise StorageError("database error: server closed the connection")

    monkeypatch.setattr(UnitOfWork, "add_inspections", explode)
    with pytest.raises(StorageError):
        ingest_message(db, native(), source="test")
    # The raw message survived, still to be read; none of its records did.
    assert db.counts()["raw_messages"] == 1
    assert db.counts()["events"] == 0
    monkeypatch.undo()
    result = ingest_message(db, native(), source="test")
    assert result.outcome is Outcome.STORED
    assert db.counts()["events"] == 2


def test_store_bug_quarantines_the_message_whole_and_retry_stores_it(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(self: UnitOfWork, *args: Any) -> int:
        raise RuntimeError("writer bug")

    monkeypatch.setattr(UnitOfWork, "add_inspections", explode)
    result = ingest_message(db, native(), source="test")
    assert result.outcome is Outcome.QUARANTINED and result.unexpected
    assert "RuntimeError: 'writer bug'" in (result.error or "")
    assert result.where and "unknown" not in result.where
    assert db.counts()["events"] == 0  # the events written before the failure were rolled back
    assert db.message_status(result.content_hash) is MessageStatus.QUARANTINED
    monkeypatch.undo()
    assert retry_message(db, result.content_hash).outcome is Outcome.STORED
    assert db.counts()["events"] == 2


def test_adapter_bug_quarantines_instead_of_crashing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from greenlane.ingest import native as native_module

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("surprise")

    monkeypatch.setattr(native_module.NativeAdapter, "parse", broken)
    result = ingest_message(db, native(), source="test")
    assert result.outcome is Outcome.QUARANTINED
    assert "KeyError" in (result.error or "")


def test_retry_reads_a_quarantined_message_again(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = ingest_message(db, native(), source="test", format="edifact")
    assert result.outcome is Outcome.QUARANTINED
    again = retry_message(db, result.content_hash)
    assert again.outcome is Outcome.STORED
    assert db.message_status(result.content_hash) is MessageStatus.PARSED


def test_message_over_the_limit_is_refused_by_hash_and_size(db: Database) -> None:
    result = ingest_message(db, native(), source="test", max_bytes=10)
    assert result.outcome is Outcome.REFUSED
    assert result.error and "over the limit of 10" in result.error
    raw = db.raw_message(result.content_hash)
    assert raw is not None and raw.status is MessageStatus.REFUSED and raw.content == b""
    assert db.refused() == [result.content_hash]
    with pytest.raises(NotFoundError, match="refused for its size"):
        retry_message(db, result.content_hash)
    # Sent again under a higher limit, the same bytes are kept and read.
    again = ingest_message(db, native(), source="test")
    assert again.outcome is Outcome.STORED and db.counts()["events"] == 2


def test_batch_over_a_folder(db: Database, tmp_path: Path) -> None:
    tmp_path = tmp_path / "inbox"
    tmp_path.mkdir()
    (tmp_path / "a.json").write_bytes(native(2, "CSQU3054383"))
    (tmp_path / "b.json").write_bytes(native(3, "APZU4812090"))
    (tmp_path / "copy.json").write_bytes(native(2, "CSQU3054383"))
    (tmp_path / "bad.json").write_bytes(b"{")
    report = ingest_paths(db, [str(tmp_path)])
    bad = report.problems[0][1]
    assert report.as_json() == {
        "received": 4,
        "stored": 2,
        "duplicates": 1,
        "quarantined": 1,
        "refused": 0,
        "catch_all": 0,
        "unreadable": 0,
        "records": {"events": 5},
        "findings": {},
        "problems": [
            {
                "file": str(tmp_path / "bad.json"),
                "id": bad.content_hash,
                "outcome": "quarantined",
                "error": "format not recognised",
                "where": "start of message",
            }
        ],
    }
