"""Prepared names kept as data screen exactly as names prepared afresh: the same shortlists,
scores and explanations, with no name analysed again (so no rigour tagger), for people,
spelling variants of one given name, other scripts, organisations and vessels."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from greenlane.domain.watchlists import EntryKind, ListEntry
from greenlane.parties.lists import load_list
from greenlane.parties.names import NormalName
from greenlane.parties.screening import Hit, Party, PreparedName, Screener, ScreeningIndex
from greenlane.parties.screening import index as index_module
from greenlane.parties.screening import queries as queries_module
from greenlane.parties.screening.kept import (
    normal_from_json,
    normal_to_json,
    prepared_from_json,
    prepared_to_json,
    same,
)
from greenlane.parties.screening.prepared import prepare
from greenlane.parties.screening.queries import QueryNames
from greenlane.parties.screening.stored import parts_from_bytes, parts_to_bytes

REPO = Path(__file__).resolve().parents[2]
PERSON, ORG, VESSEL = EntryKind.PERSON, EntryKind.ORGANIZATION, EntryKind.VESSEL
ENTRIES = [
    ListEntry("t", "1", PERSON, ("Mohammed bin Salman AL SAUD", "محمد بن سلمان آل سعود")),
    ListEntry("t", "2", PERSON, ("Muhammad Yusuf", "Mohamed Youssef")),
    ListEntry("t", "3", PERSON, ("PUTIN, Vladimir Vladimirovich", "Путин Владимир Владимирович")),
    ListEntry("t", "4", PERSON, ("KIM Jong Un", "김정은")),
    ListEntry("t", "5", PERSON, ("SALMAN BIN MUHAMMAD, Abdullah",)),
    ListEntry("t", "6", ORG, ("GAZPROM NEFT PJSC", "ПАО «Газпром нефть»")),
    ListEntry("t", "7", ORG, ("中关村科技有限公司", "ZHONGGUANCUN TECHNOLOGY CO LTD")),
    ListEntry("t", "8", ORG, ("ACME INTERNATIONAL TRADING COMPANY LIMITED",)),
    ListEntry("t", "9", VESSEL, ("M/V OCEAN VOYAGER",), identifiers=("imo:9123456",)),
    ListEntry("t", "10", EntryKind.UNKNOWN, ("Hassan Nasrallah", "حسن نصر الله")),
]
PARTIES = [
    Party("Muhammad bin Salman Al Saud"),
    Party("Mohammad Bin Salman", PERSON),
    Party("محمد بن سلمان"),
    Party("Mohamed Yousef"),
    Party("Vladimir Putin", PERSON, birth_date="1952"),
    Party("Владимир Путин"),
    Party("Kim Jong-un"),
    Party("김정은", PERSON),
    Party("Abdullah Salman bin Muhammad"),
    Party("Gazprom Neft"),
    Party("ООО Газпром нефть"),
    Party("中关村科技有限公司"),
    Party("Acme Intl Trading Co., Ltd.", ORG),
    Party("Ocean Voyager", VESSEL, identifiers=("imo:9123456",)),
    Party("Hasan Nasrallah"),
    Party("J. Smith"),
]


def seen(hits: list[Hit]) -> list[tuple[object, ...]]:
    return [
        (h.entry_key, h.matched_name, h.score, h.name_score, *h.explanation.lines())
        for h in hits
        if h.explanation is not None
    ]


def round_trip(names: QueryNames) -> QueryNames:
    """What a screening kept of its names, read back (``remembered`` does this through the
    store)."""
    prepared: dict[tuple[str, EntryKind], PreparedName] = {}
    for key, name in names.fresh_prepared.items():
        text = prepared_to_json(name)
        assert text is not None, key
        prepared[key] = prepared_from_json(text)
    normal: dict[tuple[str, EntryKind], NormalName] = {
        key: normal_from_json(normal_to_json(n)) for key, n in names.fresh_normal.items()
    }
    return QueryNames(prepared, normal)


def no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a kept name was prepared again")

    monkeypatch.setattr(index_module, "prepare", refuse)
    monkeypatch.setattr(queries_module, "prepare", refuse)
    monkeypatch.setattr(queries_module, "normalize_name", refuse)


def differential(
    entries: list[ListEntry], parties: list[Party], monkeypatch: pytest.MonkeyPatch
) -> list[list[tuple[object, ...]]]:
    built = ScreeningIndex(entries)
    fresh = Screener(built, threshold=0.0, limit=50)
    expected = [seen(fresh.ranked(p, explain=True)) for p in parties]
    read = ScreeningIndex.from_parts(parts_from_bytes(parts_to_bytes(built.kept_parts())))
    kept = Screener(read, threshold=0.0, limit=50, names=round_trip(fresh.names))
    no_analysis(monkeypatch)
    assert [seen(kept.ranked(p, explain=True)) for p in parties] == expected
    return expected


def test_kept_names_screen_as_fresh_ones_without_analysis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = differential(ENTRIES, PARTIES, monkeypatch)
    best = {p.name: hits[0][0] for p, hits in zip(PARTIES, expected, strict=True) if hits}
    assert best["Muhammad bin Salman Al Saud"] == "t:1"
    assert best["محمد بن سلمان"] == "t:1"
    assert best["Mohamed Yousef"] == "t:2"
    assert best["Владимир Путин"] == "t:3"
    assert best["김정은"] == "t:4"


def test_a_kept_name_reads_back_as_it_was_prepared() -> None:
    for text, kind in [
        ("Mohammed bin Salman AL SAUD", PERSON),
        ("J R R Tolkien", PERSON),
        ("محمد بن سلمان", EntryKind.UNKNOWN),
        ("ACME INTERNATIONAL TRADING COMPANY LIMITED 3", ORG),
        ("中关村科技有限公司", ORG),
    ]:
        for query in (False, True):
            name = prepare(text, kind, query=query)
            text_json = prepared_to_json(name)
            assert text_json is not None
            back = prepared_from_json(text_json)
            assert same(back, name) and back.latin_symbols == name.latin_symbols
            assert back.script_symbols == name.script_symbols


@pytest.mark.parametrize(
    "text", ["", "[]", "[1, 2, 3]", '[["a", "nope", [], [], false], null, null]']
)
def test_anything_else_is_no_kept_name(text: str) -> None:
    with pytest.raises(ValueError):
        prepared_from_json(text)


def test_sdn_names_screen_alike_kept_or_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slice of the real SDN list, screened with some of its own names, misspelt and
    reordered: the same ranked candidates and scores, kept or prepared afresh."""
    shared = Path(os.environ.get("GREENLANE_SHARED_DIR", REPO.parent / "shared"))
    path = shared / "samples" / "sanctions" / "ofac_sdn_csv_2019_full"
    if not path.is_dir():
        pytest.skip(f"shared sanctions samples not found at {path} (set GREENLANE_SHARED_DIR)")
    entries = list(load_list(path).entries)[::8]
    parties: list[Party] = []
    for entry in entries[::12]:
        name = entry.names[-1]
        parties.append(Party(name))
        parties.append(Party(" ".join(reversed(name.split())).replace("a", "e", 1)))
    expected = differential(entries, parties, monkeypatch)
    assert sum(1 for hits in expected if hits and hits[0][2] >= 0.8) > len(parties) // 3
