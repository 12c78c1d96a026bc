"""Party names, addresses and countries made comparable.

A name is reduced to lower-case ASCII tokens: punctuation and case go, other scripts are
transliterated (rigour's ``ascii_text``: its own spellings for Cyrillic, Greek, Armenian,
Georgian and Hangul, ICU through normality for Arabic, Han, Devanagari and the rest), honorifics
such as "Mr" or "Dr" are dropped from person names, and legal forms (Co., Ltd., GmbH, LLC,
S.A., 有限公司, OOO, ...) are recognised and set apart, so "ACME Trading Co., Ltd." and "Acme
Trading Limited" share their tokens and differ only in their legal forms.

The legal forms are fingerprints' company-type table (about 1,100 forms in many languages and
scripts, each with its short form, and the few common ones it lacks: ``_MORE_FORMS``); rigour
adds the generic class of a form (``llc``, ``jsc``, ``lp``), so a swap from GmbH to Ltd can be
told from one from GmbH to AG. Only forms at the start
or the end of an organisation's name count: in the middle, "as", "sa" or "co" are as likely to
be part of the name.

Screening and entity resolution both read names through ``normalize_name``: resolution's
comparison form (resolution/normalise.py) is made from its tokens and legal forms.

Person names are compared order-insensitively ("PUTIN, Vladimir" and "Vladimir Putin" have the
same ``sorted_key``). Countries are ISO 3166-1 alpha-2 codes found with pycountry (codes and
English names) and rigour's territory names (other languages and usual spellings such as "Korea,
North" or "Burma"). Addresses are reduced with rigour's address fingerprint: transliterated,
lower case, usual words shortened ("Boulevard" to "blvd") and the country written as its code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from fingerprints.types.data import TYPES
from rigour.names import (
    extract_org_types,
    remove_obj_prefixes,
    remove_org_types,
    remove_person_prefixes,
    tokenize_name,
)
from rigour.territories import lookup_territory
from rigour.text.translit import ascii_text

from greenlane.domain.watchlists import EntryKind

__all__ = [
    "LegalForm",
    "NormalName",
    "address_key",
    "address_similarity",
    "country_code",
    "is_cjk",
    "legal_form_table",
    "name_tokens",
    "normalize_name",
    "split_legal_forms",
    "transliterate",
]

_MAX_FORM_TOKENS = 6
_ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")


@dataclass(frozen=True, slots=True)
class LegalForm:
    """A legal form found in a name: as written (normalised), its short form and its class."""

    text: str
    """The tokens of the name that make the form, e.g. ``"co ltd"`` or ``"you xian gong si"``."""
    form: str
    """fingerprints' short form, e.g. ``"ltd"``, ``"gmbh"``, ``"ooo"``."""
    generic: str | None
    """rigour's generic class (``"llc"``, ``"jsc"``, ``"lp"``, ...) where it has one."""


@dataclass(frozen=True, slots=True)
class NormalName:
    """A name reduced for comparison."""

    original: str
    kind: EntryKind
    tokens: tuple[str, ...]
    """ASCII, lower-case tokens of the name without its legal forms, in written order."""
    legal_forms: tuple[LegalForm, ...] = ()
    transliterated: bool = False
    """True when the name was written (at least partly) in a script other than Latin."""

    @property
    def key(self) -> str:
        return " ".join(self.tokens)

    @property
    def sorted_key(self) -> str:
        """The tokens in alphabetical order: the same for any order of a person's names."""
        return " ".join(sorted(self.tokens))


def transliterate(text: str) -> str:
    """ASCII for text in any script; characters with no ASCII equivalent are dropped."""
    return ascii_text(unicodedata.normalize("NFC", text)).replace("?", " ")


def name_tokens(text: str) -> list[str]:
    """The lower-case ASCII tokens of a name, in order; punctuation separates or disappears
    ("O'Neil" gives "oneil", "Al-Rawi" gives "al", "rawi")."""
    return [t for t in tokenize_name(transliterate(text).casefold()) if t.isalnum()]


def is_cjk(char: str) -> bool:
    """A Han, kana or Hangul character: scripts written without spaces between words."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


@lru_cache(maxsize=1)
def legal_form_table() -> dict[tuple[str, ...], LegalForm]:
    """fingerprints' company types, keyed by their tokens as ``name_tokens`` writes them."""
    table: dict[tuple[str, ...], LegalForm] = {}
    for spec in TYPES["types"]:
        main = " ".join(name_tokens(spec["main"]))
        if not main:
            continue
        found = extract_org_types(main, generic=True)
        generic = found[0][1] if found and found[0][0] == main else None
        for written in [spec["main"], *spec["forms"]]:
            tokens = tuple(name_tokens(written))
            if tokens and len(tokens) <= _MAX_FORM_TOKENS:
                table.setdefault(tokens, LegalForm(" ".join(tokens), main, generic))
    for written, (form, generic) in _MORE_FORMS.items():
        tokens = tuple(name_tokens(written))
        table.setdefault(tokens, LegalForm(" ".join(tokens), form, generic))
    return table


_MORE_FORMS: dict[str, tuple[str, str | None]] = {
    "S.L.": ("sl", "llc"),
    "S.L.U.": ("slu", "llc"),
    "Kabushiki Kaisha": ("kk", None),
    "Joint Stock Co.": ("ao", "jsc"),
}
"""Legal forms common in trade filings that neither fingerprints nor rigour lists: the Spanish
sociedad limitada (unipersonal), Japan's kabushiki kaisha written out, a joint stock company
abbreviated."""


@lru_cache(maxsize=1)
def _cjk_forms() -> frozenset[str]:
    """The legal forms of fingerprints' table written in Han, kana or Hangul."""
    return frozenset(
        form
        for spec in TYPES["types"]
        for form in [spec["main"], *spec["forms"]]
        if form and all(is_cjk(c) for c in form)
    )


def _is_cjk_form(text: str) -> bool:
    if text in _cjk_forms():
        return True
    found = extract_org_types(text)
    return bool(found) and found[0][0] == text


def _cjk_spaced(text: str) -> str:
    """A CJK legal form written against the name ("中关村科技有限公司", "株式会社トヨタ") set
    apart by a space, so that its transliteration becomes tokens of its own."""
    text = text.strip()
    for start in range(max(1, len(text) - 8), len(text) - 1):
        tail = text[start:]
        if is_cjk(text[start - 1]) and all(is_cjk(c) for c in tail) and _is_cjk_form(tail):
            return f"{text[:start]} {tail}"
    for end in range(min(len(text) - 1, 8), 1, -1):
        lead = text[:end]
        if is_cjk(text[end]) and all(is_cjk(c) for c in lead) and _is_cjk_form(lead):
            return f"{lead} {text[end:]}"
    return text


def _rigour_form(tokens: list[str]) -> LegalForm | None:
    """The tokens as one legal form that rigour's org-type table knows and fingerprints' does
    not ("sa de cv")."""
    text = " ".join(tokens)
    found = extract_org_types(text)
    if not found or found[0][0] != text:
        return None
    generic = extract_org_types(text, generic=True)
    return LegalForm(text, found[0][1], generic[0][1] if generic else None)


def _form(table: dict[tuple[str, ...], LegalForm], tokens: list[str]) -> LegalForm | None:
    if len(tokens) == 1 and _ROMAN.fullmatch(tokens[0]):
        return None  # "II" is a series number far more often than a Latvian sole trader
    return table.get(tuple(tokens)) or _rigour_form(tokens)


def split_legal_forms(tokens: Iterable[str]) -> tuple[list[str], list[LegalForm]]:
    """The tokens without the legal forms at their end and start, and those forms in written
    order. A name that would be left empty keeps its tokens (a company called "AG")."""
    table = legal_form_table()
    core = list(tokens)
    tail: list[LegalForm] = []
    head: list[LegalForm] = []
    changed = True
    while changed and core:
        changed = False
        for size in range(min(_MAX_FORM_TOKENS, len(core) - 1), 0, -1):
            if (form := _form(table, core[-size:])) is not None:
                tail.insert(0, form)
                del core[-size:]
                changed = True
                break
        for size in range(min(_MAX_FORM_TOKENS, len(core) - 1), 0, -1):
            if (form := _form(table, core[:size])) is not None:
                head.append(form)
                del core[:size]
                changed = True
                break
    return core, head + tail


def normalize_name(text: str, kind: EntryKind = EntryKind.UNKNOWN) -> NormalName:
    """The name reduced for comparison. Person names lose honorifics ("Mr", "Dr"), vessels
    their prefixes ("M/V"); other names lose their legal forms, set apart in ``legal_forms``."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    transliterated = any(ch.isalpha() and not _is_latin(ch) for ch in text)
    if kind is EntryKind.PERSON:
        tokens = name_tokens(remove_person_prefixes(text)) or name_tokens(text)
        return NormalName(text, kind, tuple(tokens), (), transliterated)
    if kind in (EntryKind.VESSEL, EntryKind.AIRCRAFT):
        text = remove_obj_prefixes(text) or text
    written: list[LegalForm] = []
    rest = text
    if transliterated:
        # Legal forms in their own script ("ООО", "المحدودة") before transliteration blurs them.
        folded = rest.casefold()
        for found, form in extract_org_types(folded):
            written.append(LegalForm(" ".join(name_tokens(found)), form, _generic(form)))
        if written:
            rest = remove_org_types(folded, replacement=" ") or rest
        if any(is_cjk(c) for c in rest):
            rest = _cjk_spaced(rest)
    core, forms = split_legal_forms(name_tokens(rest))
    return NormalName(text, kind, tuple(core), tuple(written + forms), transliterated)


def _generic(form: str) -> str | None:
    found = extract_org_types(form, generic=True)
    return found[0][1] if found else None


@lru_cache(maxsize=256)
def _latin_letter(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


def _is_latin(char: str) -> bool:
    return char.isascii() or _latin_letter(char)


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-2 for a country written as a code or a name in most languages
    ("DE", "DEU", "Germany", "Deutschland", "Korea, North", "Iran (Islamic Republic of)");
    None when it cannot be placed. A region (Crimea) gives its country."""
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) in (2, 3) and text.isalpha():
        code = text.upper()
        found = pycountry.countries.get(alpha_2=code) or pycountry.countries.get(alpha_3=code)
        if found is not None:
            return str(found.alpha_2)
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        pass
    territory = lookup_territory(text)
    if territory is None:
        return None
    code = territory.code.split("-")[0].upper()
    if code == "XK" or pycountry.countries.get(alpha_2=code) is not None:
        return code
    return None


def address_key(text: str) -> str | None:
    """An address reduced for comparison: transliterated, lower case, usual words shortened,
    the country as its code ("Main Boulevard 5, Syria" and "Main Blvd. 5, Syrian Arab
    Republic" both give "main blvd 5 sy"). None when nothing is left."""
    from rigour.addresses import address_fingerprint  # jinja2 and yaml: not for every command

    text = " ".join(text.split())
    return address_fingerprint(text) if text else None


def address_similarity(left: str, right: str) -> float:
    """How alike two addresses are, 0..1, token by token (rigour's address comparison)."""
    from rigour.addresses import compare_address

    return float(compare_address(left, right))
