"""The screening index kept in the store: read back, it screens exactly as the index built from
the entries; it is built once per content of the lists, a new list version builds its own, and
what cannot be read is built again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.domain.watchlists import EntryKind, ListEntry, make_version
from greenlane.parties.lists import load_list
from greenlane.parties.screening import Hit, Party, Screener, ScreeningIndex
from greenlane.parties.screening import build as build_module
from greenlane.parties.screening.stored import current_index, parts_from_bytes, parts_to_bytes
from greenlane.store import Database
from greenlane.store import schema as t
from greenlane.store.screening import StoredIndex, keep_index, stored_index
from greenlane.store.watchlists import store_list_version

REPO = Path(__file__).resolve().parents[2]
PERSON, ORG = EntryKind.PERSON, EntryKind.ORGANIZATION
ENTRIES = [
    ListEntry(
        "test_list",
        "1",
        PERSON,
        ("PUTIN, Vladimir Vladimirovich", "Vladimir Vladimirovich PUTIN"),
        countries=("RU",),
        birth_dates=("1952-10-07",),
    ),
    ListEntry(
        "test_list",
        "2",
        ORG,
        ("ACME TRADING LIMITED", "ACME GENERAL TRADING CO."),
        countries=("AE",),
        identifiers=("registration:AE-12345",),
    ),
    ListEntry("test_list", "3", ORG, ("BANCO NACIONAL DE CUBA",), countries=("CU",)),
    ListEntry("test_list", "6", EntryKind.VESSEL, ("OCEAN VOYAGER",), identifiers=("imo:9123456",)),
    ListEntry("test_list", "7", PERSON, ("SMITH, Anna Maria",), countries=("GB",)),
    ListEntry("test_list", "8", ORG, ("GAZPROM NEFT PJSC", "ПАО «Газпром нефть»")),
    ListEntry("test_list", "9", PERSON, ("Khaled Mahmoud", "خالد محمود"), countries=("EG",)),
]

PARTIES = [
    Party("Vladimir Putin", EntryKind.PERSON, countries=("RU",), birth_date="1952"),
    Party("Acme Trading Ltd", EntryKind.ORGANIZATION, countries=("AE",)),
    Party("Banco Nacional de Kuba"),
    Party("Renamed Ship", EntryKind.VESSEL, identifiers=("imo:9123456",)),
    Party("Газпром нефть"),
    Party("خالد محمود", EntryKind.PERSON),
    Party("Anna Smith", EntryKind.PERSON, countries=("FR",)),
    Party("Nobody Listed At All"),
]


def screened(index: ScreeningIndex, parties: list[Party]) -> list[list[tuple[object, ...]]]:
    """Every hit with everything a user sees of it, the explanation line by line."""

    def seen(hit: Hit) -> tuple[object, ...]:
        lines = hit.explanation.lines() if hit.explanation else []
        return (hit.entry_key, hit.matched_name, hit.score, hit.name_score, *lines)

    screener = Screener(index, threshold=0.5, limit=5)
    return [[seen(h) for h in screener.screen(p)] for p in parties]


def test_an_index_read_back_screens_as_the_built_one() -> None:
    built = ScreeningIndex(ENTRIES)
    content = parts_to_bytes(built.parts)
    read = ScreeningIndex.from_parts(parts_from_bytes(content))
    assert len(read) == len(built) and len(read.names) == len(built.names)
    cold = screened(built, PARTIES)
    assert any(cold) and not cold[-1]
    assert screened(read, PARTIES) == cold
    assert [read.entries[i] for i in range(len(read))] == ENTRIES


@pytest.mark.parametrize(
    "content",
    [b"", b"not a zip", parts_to_bytes(ScreeningIndex(ENTRIES[:2]).parts)[:-40]],
    ids=["empty", "other bytes", "cut short"],
)
def test_what_is_not_an_index_is_refused(content: bytes) -> None:
    with pytest.raises(ValueError):
        parts_from_bytes(content)


def _store(db: Database, entries: list[ListEntry], source: str = "test") -> None:
    store_list_version(db, make_version("test_list", "ftm-jsonl", source, entries))


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the builds (the slow step) from here on."""
    calls: list[int] = []
    real = build_module.build_parts

    def counting(entries: list[ListEntry]) -> object:
        calls.append(1)
        return real(entries)

    monkeypatch.setattr("greenlane.parties.screening.index.build_parts", counting)
    return calls


def _kept(db: Database) -> list[str]:
    def query(conn: Connection) -> list[str]:
        return list(conn.execute(sa.select(t.screening_indexes.c.index_key)).scalars())

    return db._read(query)


def test_the_index_is_built_once_per_content_of_the_lists(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database.connect(database_url)
    db.upgrade()
    _store(db, ENTRIES)
    builds = _builds(monkeypatch)
    first = current_index(db)
    assert builds == [1] and len(_kept(db)) == 1
    second = current_index(db)
    assert builds == [1], "the kept index is read, not built again"
    assert screened(second, PARTIES) == screened(first, PARTIES)

    (old,) = _kept(db)
    _store(db, ENTRIES[:-1], "second")  # a new version of the list
    third = current_index(db)
    assert builds == [1, 1] and len(third) == len(ENTRIES) - 1
    (new,) = _kept(db)
    assert new != old, "the old version's index is dropped"


def test_an_unreadable_kept_index_is_built_again(database_url: str) -> None:
    db = Database.connect(database_url)
    db.upgrade()
    _store(db, ENTRIES)
    current_index(db)
    (key,) = _kept(db)
    kept = stored_index(db, key)
    assert kept is not None
    # Dropped and kept again with bytes that are not an index (the key is the same).
    keep_index(db, StoredIndex("0" * 64, kept.built_at, 0, 0, b"x"))
    keep_index(db, StoredIndex(key, kept.built_at, kept.entries, kept.names, b"garbage"))
    index = current_index(db)
    assert len(index) == len(ENTRIES)
    assert screened(index, PARTIES) == screened(ScreeningIndex(ENTRIES), PARTIES)


def test_the_sdn_list_screens_alike_warm_and_cold() -> None:
    shared = Path(os.environ.get("GREENLANE_SHARED_DIR", REPO.parent / "shared"))
    path = shared / "samples" / "sanctions" / "ofac_sdn_csv_2019_full"
    if not path.is_dir():
        pytest.skip(f"shared sanctions samples not found at {path} (set GREENLANE_SHARED_DIR)")
    entries = load_list(path).entries
    built = ScreeningIndex(entries)
    read = ScreeningIndex.from_parts(parts_from_bytes(parts_to_bytes(built.parts)))
    parties = [
        Party("Banco Nacional de Kuba S.A.", EntryKind.ORGANIZATION),
        Party("Ladin, Osama bin", EntryKind.PERSON),
        Party("Aerocaribean Airlines"),
        Party("Straits Merchandise Trading Pte Ltd", countries=("SG",)),
        Party("Harbor Home Textiles Inc.", countries=("US",)),
        Party("محمد علي", EntryKind.PERSON),
    ]
    assert screened(read, parties) == screened(built, parties)
