"""Party names, countries and addresses made comparable."""

from __future__ import annotations

import pytest

from greenlane.domain.watchlists import EntryKind
from greenlane.parties.names import (
    address_key,
    address_similarity,
    country_code,
    name_tokens,
    normalize_name,
    split_legal_forms,
    transliterate,
)

ORG = EntryKind.ORGANIZATION
PERSON = EntryKind.PERSON


@pytest.mark.parametrize(
    ("written", "tokens", "form", "generic"),
    [
        ("ACME Trading Co., Ltd.", ("acme", "trading"), "co ltd", "llc"),
        ("Acme Trading Limited", ("acme", "trading"), "ltd", "llc"),
        ("General Motors Company", ("general", "motors"), "co", None),
        ("Siemens Aktiengesellschaft", ("siemens",), "ag", "jsc"),
        ("Müller GmbH & Co. KG", ("muller",), "gmbh", "llc"),
        ("Volkswagen Bank G.m.b.H.", ("volkswagen", "bank"), "gmbh", "llc"),
        ("Banco Santander S.A.", ("banco", "santander"), "sa", "jsc"),
        ("Cemex S.A. de C.V.", ("cemex",), "sacv", "jsc"),
        ("Orlen Sp. z o.o.", ("orlen",), "spzoo", "llc"),
        ("OOO Gazprom Neft", ("gazprom", "neft"), "ooo", "llc"),
        ("ООО «Газпром нефть»", ("gazprom", "neft"), "ooo", "llc"),
        ("Бахус ЗАО", ("bahus",), "ao", "jsc"),
        (
            "北京中关村科技有限公司",
            ("bei", "jing", "zhong", "guan", "cun", "ke", "ji"),
            "ltd",
            "llc",
        ),
        (
            "中国石油天然气股份有限公司",
            ("zhong", "guo", "shi", "you", "tian", "ran", "qi"),
            "plc",
            "jsc",
        ),
        ("株式会社トヨタ", ("toyota",), "kk", None),
        ("Estrecho Trading S.L.", ("estrecho", "trading"), "sl", "llc"),
        ("Barde Apparels S.L.U.", ("barde", "apparels"), "slu", "llc"),
        ("Fujimoto Seiki Kabushiki Kaisha", ("fujimoto", "seiki"), "kk", None),
        ("Duc Mai Knitwear Joint Stock Co.", ("duc", "mai", "knitwear"), "ao", "jsc"),
        ("شركة النفط المحدودة", ("shrkt", "alnft"), "ltd", "llc"),
    ],
)
def test_legal_forms_are_set_apart_in_many_languages(
    written: str, tokens: tuple[str, ...], form: str, generic: str | None
) -> None:
    name = normalize_name(written, ORG)
    assert name.tokens == tokens
    assert [f.form for f in name.legal_forms] == [form]
    assert name.legal_forms[0].generic == generic


def test_a_legal_form_swap_leaves_the_same_name() -> None:
    a = normalize_name("ACME TRADING CO., LTD.", ORG)
    b = normalize_name("Acme Trading GmbH", ORG)
    assert a.key == b.key == "acme trading"
    assert {f.generic for f in a.legal_forms} == {f.generic for f in b.legal_forms} == {"llc"}


def test_legal_forms_count_only_at_the_ends_of_a_name() -> None:
    # "sa" and "as" are legal forms (Spain, Norway) but inside a name they are words.
    assert normalize_name("Casa Sa Fortuna Ltd", ORG).tokens == ("casa", "sa", "fortuna")
    assert normalize_name("Bank of China (Hong Kong) Limited", ORG).tokens == (
        "bank",
        "of",
        "china",
        "hong",
        "kong",
    )


def test_a_name_made_only_of_a_legal_form_keeps_it() -> None:
    assert normalize_name("AG", ORG).tokens == ("ag",)
    assert split_legal_forms(["gmbh"]) == (["gmbh"], [])


def test_a_series_number_is_not_a_legal_form() -> None:
    name = normalize_name("Citigroup Capital Trust II, Inc.", ORG)
    assert name.tokens == ("citigroup", "capital", "trust", "ii")
    assert [f.form for f in name.legal_forms] == ["inc"]


def test_person_names_keep_their_tokens_lose_honorifics_and_ignore_order() -> None:
    a = normalize_name("PUTIN, Vladimir Vladimirovich", PERSON)
    b = normalize_name("Mr. Vladimir Vladimirovich Putin", PERSON)
    assert a.legal_forms == b.legal_forms == ()
    assert a.tokens == ("putin", "vladimir", "vladimirovich")
    assert a.sorted_key == b.sorted_key
    # A person's "AS" is a name, not a Norwegian company.
    assert normalize_name("Ali As Sayed", PERSON).tokens == ("ali", "as", "sayed")


def test_vessel_prefixes_go() -> None:
    assert normalize_name("M/V Ocean Star", EntryKind.VESSEL).tokens == ("ocean", "star")


@pytest.mark.parametrize(
    ("written", "tokens"),
    [
        ("Владимир Путин", ("vladimir", "putin")),
        ("Сергей Викторович Лавров", ("sergei", "viktorovich", "lavrov")),
        ("Βλαντίμιρ Πούτιν", ("vlantimir", "poutin")),
        ("习近平", ("xi", "jin", "ping")),
        ("金正恩", ("jin", "zheng", "en")),
        ("محمد علي", ("mhmd", "ly")),
        ("नरेन्द्र मोदी", ("narendra", "modi")),
        ("Ángela MERKEL-Müller", ("angela", "merkel", "muller")),
        ("O'Neil", ("oneil",)),
    ],
)
def test_other_scripts_are_transliterated(written: str, tokens: tuple[str, ...]) -> None:
    name = normalize_name(written, PERSON)
    assert name.tokens == tokens
    assert all(token.isascii() for token in name.tokens)
    assert name.transliterated == (not written.isascii() and written[0] not in "ÁO")


def test_transliterate_and_tokens() -> None:
    assert transliterate("Шевченко") == "Shevchenko"
    assert name_tokens("  AL-QAIDA,  (Network) ") == ["al", "qaida", "network"]
    assert name_tokens("...") == []


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("DE", "DE"),
        ("deu", "DE"),
        ("Germany", "DE"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Korea, North", "KP"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Burma", "MM"),
        ("Russian Federation", "RU"),
        ("Syrian Arab Republic", "SY"),
        ("United States", "US"),
        ("UK", "GB"),
        ("Kosovo", "XK"),
        ("Crimea", "UA"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_countries_become_iso_codes(written: str, code: str | None) -> None:
    assert country_code(written) == code


def test_addresses_compare_after_reduction() -> None:
    assert address_key("Main Boulevard 5, Syrian Arab Republic") == address_key(
        "Main Blvd. 5, Syria"
    )
    assert address_key("ул. Тверская, д. 7, Москва") is not None
    assert address_key("   ") is None
    same = address_similarity("Bahnhofstr. 10, Augsburg", "Bahnhofstrasse 10, 86150 Augsburg")
    other = address_similarity("Bahnhofstr. 10, Augsburg", "Rue de Rivoli 3, Paris")
    assert same > other
