"""Screening parties against a small index of hand-made list entries: typos, reordered names,
legal-form swaps and other scripts are found and explained; unrelated names are not flagged."""

from __future__ import annotations

import pytest

from greenlane.domain.watchlists import EntryKind, ListEntry
from greenlane.parties.screening import (
    Hit,
    Party,
    Screener,
    ScreeningIndex,
    match_names,
    prepare,
    score_names,
)

ORG = EntryKind.ORGANIZATION
PERSON = EntryKind.PERSON

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
    ListEntry(
        "test_list",
        "4",
        PERSON,
        ("AYMAN SABAWI IBRAHIM HASAN AL-TIKRITI",),
        countries=("IQ",),
        birth_dates=("1971",),
    ),
    ListEntry("test_list", "5", PERSON, ("BIN LADEN, Usama", "Usama BIN LADEN")),
    ListEntry(
        "test_list",
        "6",
        EntryKind.VESSEL,
        ("OCEAN VOYAGER",),
        identifiers=("imo:9123456",),
    ),
    ListEntry("test_list", "7", PERSON, ("SMITH, Anna Maria",), countries=("GB",)),
    ListEntry("test_list", "8", ORG, ("GAZPROM NEFT PJSC", "ПАО «Газпром нефть»")),
    ListEntry("test_list", "9", PERSON, ("Khaled Mahmoud",), countries=("EG",)),
]


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(ScreeningIndex(ENTRIES), threshold=0.8, limit=5)


def top(screener: Screener, party: Party) -> Hit:
    hits = screener.screen(party)
    assert hits, f"{party.name!r} was not found"
    return hits[0]


def hows(hit: Hit) -> list[str]:
    assert hit.explanation is not None
    return [token.how for token in hit.explanation.name.tokens]


def test_an_exact_name_is_a_full_hit(screener: Screener) -> None:
    hit = top(screener, Party("Banco Nacional de Cuba", ORG))
    assert hit.entry_key == "test_list:3"
    assert hit.score == 1.0
    assert hit.matched_name == "BANCO NACIONAL DE CUBA"


def test_typos_are_found_and_explained(screener: Screener) -> None:
    hit = top(screener, Party("Vladimir Vladimirovitch Puttin", PERSON))
    assert hit.entry_key == "test_list:1"
    assert 0.8 <= hit.score < 1.0
    assert {"spelling", "same name"} <= set(hows(hit))
    assert hit.explanation is not None
    lines = hit.explanation.lines()
    assert any("'puttin' ~ 'putin': spelling" in line for line in lines)
    assert top(screener, Party("Banco Nacional de Cuva", ORG)).entry_key == "test_list:3"
    assert top(screener, Party("AEYMAN SABAWI IBRAHIM HASAN AL-TIKRITY")).score >= 0.9


def test_reordered_tokens_are_found(screener: Screener) -> None:
    hit = top(screener, Party("Putin Vladimir Vladimirovich", PERSON))
    assert hit.entry_key == "test_list:1"
    assert hit.score >= 0.95
    # A query's first and last names swapped against "Usama BIN LADEN" too.
    assert top(screener, Party("Laden, Usama bin", PERSON)).entry_key == "test_list:5"


def test_a_legal_form_swap_is_found_and_the_legal_form_ignored(screener: Screener) -> None:
    hit = top(screener, Party("Acme Trading GmbH", ORG))
    assert hit.entry_key == "test_list:2"
    assert hit.matched_name == "ACME TRADING LIMITED"
    assert hit.score >= 0.9
    assert hit.explanation is not None
    assert "legal forms of one kind" in (hit.explanation.name.legal_forms or "")
    no_form = top(screener, Party("ACME TRADING", ORG))
    assert no_form.score == 1.0
    assert no_form.explanation is not None
    assert "legal form ignored" in (no_form.explanation.name.legal_forms or "")


def test_other_scripts_are_found_across_transliteration(screener: Screener) -> None:
    hit = top(screener, Party("Владимир Путин", PERSON))
    assert hit.entry_key == "test_list:1"
    assert hit.explanation is not None
    assert hit.explanation.name.transliterated
    assert top(screener, Party("Газпром нефть", ORG)).entry_key == "test_list:8"


def test_arabic_script_is_found_by_the_given_names_rigour_knows(screener: Screener) -> None:
    # "خالد محمود" romanises to "khld mhmwd", which no token of the index has: the index
    # finds the entry by the given-name symbols both spellings carry.
    hit = top(screener, Party("خالد محمود", PERSON))
    assert hit.entry_key == "test_list:9"
    assert hit.explanation is not None
    assert set(hows(hit)) == {"same name"}


def test_unrelated_names_are_not_flagged(screener: Screener) -> None:
    for name, kind in [
        ("John Smith", PERSON),
        ("Maria Garcia Lopez", PERSON),
        ("Global Logistics GmbH", ORG),
        ("Banco Santander S.A.", ORG),
        ("Pacific Trading Corporation", ORG),
        ("Hans Friedrich Müller", EntryKind.UNKNOWN),
    ]:
        assert screener.screen(Party(name, kind)) == [], name


def test_a_relative_with_another_family_name_is_not_a_hit(screener: Screener) -> None:
    # One token different in a long Arabic name is a different person (a brother, a cousin).
    assert screener.screen(Party("AYMAN SABAWI IBRAHIM HASAN AL-DULAIMI", PERSON)) == []


def test_kinds_do_not_cross(screener: Screener) -> None:
    assert screener.screen(Party("Ocean Voyager", PERSON)) == []
    assert top(screener, Party("Ocean Voyager")).entry_key == "test_list:6"


def test_countries_move_the_score_and_are_explained(screener: Screener) -> None:
    name = "Vladimir Putin"
    plain = top(screener, Party(name, PERSON))
    agree = top(screener, Party(name, PERSON, countries=("Russia",)))
    differ = screener.ranked(Party(name, PERSON, countries=("DE",)), explain=True)[0]
    assert differ.score < plain.score < agree.score
    assert agree.explanation is not None and differ.explanation is not None
    assert agree.explanation.country == "country in common: RU"
    assert differ.explanation.country == "countries differ: party DE, list RU"


def test_birth_dates_move_the_score(screener: Screener) -> None:
    name = "Vladimir Putin"
    plain = top(screener, Party(name, PERSON)).score
    assert top(screener, Party(name, PERSON, birth_date="1952")).score > plain
    near = top(screener, Party(name, PERSON, birth_date="1953-01-01"))
    assert near.score == plain
    assert screener.ranked(Party(name, PERSON, birth_date="1980"))[0].score < plain


def test_an_identifier_in_common_makes_a_hit_under_another_name(screener: Screener) -> None:
    hit = top(screener, Party("Blue Horizon", EntryKind.VESSEL, identifiers=("imo:9123456",)))
    assert hit.entry_key == "test_list:6"
    assert hit.name_score < 0.5 and hit.score >= 0.9
    assert hit.explanation is not None
    assert hit.explanation.identifiers == ("imo:9123456",)
    # Written with other punctuation, the registration number still agrees.
    hit = top(screener, Party("Acme Trdg", ORG, identifiers=("registration:ae 12345",)))
    assert hit.entry_key == "test_list:2"


def test_ranked_gives_every_shortlisted_entry_without_explanations(screener: Screener) -> None:
    ranked = screener.ranked(Party("Anna Smith", PERSON))
    assert ranked and ranked[0].entry_key == "test_list:7"
    assert all(hit.explanation is None for hit in ranked)
    assert [h.score for h in ranked] == sorted((h.score for h in ranked), reverse=True)


@pytest.mark.parametrize(
    ("a", "b", "kind", "low", "high"),
    [
        ("Olaf Scholz", "Olaf Scholz", PERSON, 1.0, 1.0),
        ("Siemens Aktiengesellschaft", "Siemens AG", ORG, 0.95, 1.0),
        ("Boris Jonson", "Boris Johnson", PERSON, 0.85, 0.99),
        ("HAN JANG SU", "HA NJANG SU", PERSON, 0.8, 0.99),
        ("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI", PERSON, 0.0, 0.75),
        ("Usama bin Laden", "Shaikh Isa Bin Tarif Al Bin Ali", PERSON, 0.0, 0.5),
        ("Volkswagen Aktiengesellschaft", "Siemens Aktiengesellschaft", ORG, 0.0, 0.6),
    ],
)
def test_pair_scores(a: str, b: str, kind: EntryKind, low: float, high: float) -> None:
    assert low <= score_names(a, b, kind) <= high


def test_same_script_names_are_compared_as_written() -> None:
    # Read alike, written differently: two names, not one.
    assert score_names("高石早苗", "高市早苗", PERSON) < 0.8
    assert score_names("高市早苗", "高市早苗", PERSON) == 1.0


def test_match_names_explains_every_token() -> None:
    match = match_names(
        prepare("Vladimir V. Putin", PERSON, query=True),
        prepare("PUTIN, Vladimir Vladimirovich", PERSON),
    )
    assert match.score > 0.8
    pairs = {(t.query, t.listed): t.how for t in match.tokens}
    assert pairs[("putin", "putin")] == "same"
    assert pairs[("v", "vladimirovich")] == "initial"
    assert "'putin' same" in match.lines()
