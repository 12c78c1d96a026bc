"""A unit of work is committed whole or not at all."""

from __future__ import annotations

from datetime import datetime
from threading import Barrier, Thread

import pytest
from store_samples import filing, journey

from greenlane.store import Database


class Boom(Exception):
    pass


def test_failure_in_the_middle_leaves_nothing(db: Database) -> None:
    with pytest.raises(Boom), db.transaction() as tx:
        tx.archive_message(b"a manifest", source="api", format="native")
        assert tx.add_filings([filing()]) == 1
        assert tx.add_events(journey()) == 5
        raise Boom
    assert set(db.counts().values()) == {0}


def test_database_error_in_the_middle_leaves_nothing(db: Database) -> None:
    naive = journey()[0]
    object.__setattr__(naive, "occurred_at", datetime(2026, 1, 5, 8, 30))  # no time zone
    with pytest.raises(Exception, match="naive datetime"), db.transaction() as tx:
        tx.archive_message(b"a manifest", source="api", format="native")
        tx.add_filings([filing()])
        tx.add_events([naive])
    assert set(db.counts().values()) == {0}


def test_committed_when_the_block_ends(db: Database) -> None:
    with db.transaction() as tx:
        tx.archive_message(b"a manifest", source="api", format="native")
        tx.add_filings([filing()])
        tx.add_events(journey())
    counts = db.counts()
    assert (counts["raw_messages"], counts["filings"], counts["events"]) == (1, 1, 5)


def test_earlier_transactions_survive_a_later_failure(db: Database) -> None:
    with db.transaction() as tx:
        tx.add_filings([filing("KEEP")])
    with pytest.raises(Boom), db.transaction() as tx:
        tx.add_filings([filing("DROP", master_bill="OTHER")])
        raise Boom
    assert [f.reference for f in db.filings_for_bill("MAEU260100001")] == ["KEEP"]
    assert db.filings_for_bill("OTHER") == []


def test_concurrent_writers_store_each_thing_once(db: Database) -> None:
    """Two loaders racing on the same filings and events: both succeed, nothing is doubled."""
    barrier = Barrier(2)
    stored: list[tuple[int, int]] = []
    errors: list[BaseException] = []

    def load() -> None:
        try:
            barrier.wait()
            with db.transaction() as tx:
                stored.append((tx.add_filings([filing()]), tx.add_events(journey())))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(stored) == [(0, 0), (1, 5)]
    counts = db.counts()
    assert (counts["filings"], counts["events"], counts["parties"]) == (1, 5, 3)
