"""Watch-list versions in the store, on SQLite and PostgreSQL: added, changed, removed, the same
content stored once, the current entries, what changed since a screening, nothing partial."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from greenlane.domain.watchlists import ListVersion, make_version
from greenlane.errors import StorageError
from greenlane.parties.lists import EntryKind, ListEntry
from greenlane.store import Database, watchlists
from greenlane.store import schema as t
from greenlane.store.watchlists import (
    current_list_entries,
    current_version_numbers,
    current_versions,
    list_versions,
    lists_changed_since,
    store_list_version,
)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database.connect(database_url)
    database.upgrade()
    yield database
    database.close()


def entry(entry_id: str, *names: str, list_name: str = "ofac_sdn", **more: object) -> ListEntry:
    return ListEntry(list_name, entry_id, EntryKind.ORGANIZATION, names, **more)  # type: ignore[arg-type]


def version(*entries: ListEntry, list_name: str = "ofac_sdn") -> ListVersion:
    return make_version(list_name, "ofac-sdn-csv", "/lists/sdn", entries)


FIRST = version(
    entry("1", "ACME LTD", countries=("IR",)),
    entry("2", "BETA CO"),
    entry("3", "GAMMA LLC"),
)
SECOND = version(
    entry("1", "ACME LTD", countries=("IR",)),  # unchanged
    entry("2", "BETA CO", "BETA COMPANY"),  # changed: a new alias
    entry("4", "DELTA SA"),  # added; 3 removed
)


def rows(db: Database, table: sa.Table) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_first_load_then_changes_then_the_same_content_again(db: Database) -> None:
    first = store_list_version(db, FIRST, loaded_at=datetime(2026, 5, 1, tzinfo=UTC))
    assert first.stored and first.previous is None
    assert first.version.number == 1 and first.version.entry_count == 3
    assert first.changes.added == ("1", "2", "3")

    second = store_list_version(db, SECOND)
    assert second.stored and second.version.number == 2
    assert second.previous is not None and second.previous.number == 1
    assert (second.changes.added, second.changes.changed, second.changes.removed) == (
        ("4",),
        ("2",),
        ("3",),
    )
    assert second.changes.counts == {"added": 1, "changed": 1, "removed": 1}

    again = store_list_version(db, SECOND)
    assert not again.stored and not again.changes
    assert again.version == second.version

    versions = list_versions(db)
    assert [(v.list_name, v.number, v.entry_count) for v in versions] == [
        ("ofac_sdn", 1, 3),
        ("ofac_sdn", 2, 3),
    ]
    assert versions[0].loaded_at == datetime(2026, 5, 1, tzinfo=UTC)
    assert versions[1].content_hash == SECOND.content_hash
    # Entry contents are stored once: ACME's is shared by both versions.
    assert rows(db, t.watch_list_entries) == 5
    assert rows(db, t.watch_list_version_entries) == 6


def test_a_list_going_back_to_earlier_content_is_a_new_version(db: Database) -> None:
    store_list_version(db, FIRST)
    store_list_version(db, SECOND)
    back = store_list_version(db, FIRST)
    assert back.stored and back.version.number == 3
    assert back.changes.counts == {"added": 1, "changed": 1, "removed": 1}
    assert rows(db, t.watch_list_entries) == 5  # nothing new to store


def test_current_entries_of_every_list(db: Database) -> None:
    un = version(
        entry("QDi.1", "ALI", list_name="un_sc", weak_names=("A.",), birth_dates=("1960",)),
        list_name="un_sc",
    )
    store_list_version(db, FIRST)
    store_list_version(db, SECOND)
    store_list_version(db, un)
    current = current_list_entries(db)
    assert [e.key for e in current] == ["ofac_sdn:1", "ofac_sdn:2", "ofac_sdn:4", "un_sc:QDi.1"]
    assert current[1] == SECOND.entries[1]
    assert current[3] == un.entries[0]
    assert [e.key for e in current_list_entries(db, ["un_sc"])] == ["un_sc:QDi.1"]
    assert set(current_versions(db)) == {"ofac_sdn", "un_sc"}
    assert current_list_entries(db, ["bis_dpl"]) == []


def test_lists_changed_since_what_a_screening_used(db: Database) -> None:
    assert lists_changed_since(db, {}) == []
    store_list_version(db, FIRST)
    seen = current_version_numbers(db)
    assert seen == {"ofac_sdn": 1}
    assert lists_changed_since(db, seen) == []

    store_list_version(db, SECOND)
    store_list_version(db, version(entry("QDi.1", "ALI", list_name="un_sc"), list_name="un_sc"))
    updates = {u.current.list_name: u for u in lists_changed_since(db, seen)}
    sdn = updates["ofac_sdn"]
    assert sdn.since is not None and sdn.since.number == 1 and sdn.current.number == 2
    assert sdn.changes.touched == ("2", "4") and sdn.changes.removed == ("3",)
    un = updates["un_sc"]  # never screened against: every entry is new
    assert un.since is None and un.changes.added == ("QDi.1",)
    assert lists_changed_since(db, current_version_numbers(db)) == []


def test_a_failed_load_stores_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    store_list_version(db, FIRST)
    real_insert = sa.insert

    def insert(table: sa.Table) -> sa.Insert:
        # Fails after the version row and the new contents were written.
        if table is t.watch_list_version_entries:
            raise RuntimeError("disk full")
        return real_insert(table)

    monkeypatch.setattr(watchlists.sa, "insert", insert)
    with pytest.raises(RuntimeError, match="disk full"):
        store_list_version(db, SECOND)
    monkeypatch.undo()
    assert [v.number for v in list_versions(db)] == [1]
    assert rows(db, t.watch_list_entries) == 3
    assert [e.entry_id for e in current_list_entries(db)] == ["1", "2", "3"]


def test_two_loads_of_one_list_at_once_cannot_both_be_stored(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_list_version(db, FIRST)
    # Another load took number 2 after this one looked for the latest version.
    monkeypatch.setattr(watchlists, "_latest", lambda _conn, _name: None)
    with pytest.raises(StorageError, match="another load of ofac_sdn"):
        store_list_version(db, SECOND)
    monkeypatch.undo()
    assert [v.number for v in list_versions(db)] == [1]
    assert rows(db, t.watch_list_version_entries) == 3


def test_an_empty_list_is_a_version_too(db: Database) -> None:
    store_list_version(db, FIRST)
    emptied = store_list_version(db, version())
    assert emptied.stored and emptied.changes.removed == ("1", "2", "3")
    assert current_list_entries(db) == []
