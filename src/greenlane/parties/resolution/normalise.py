"""Comparison forms of trade-party names, addresses and identifiers.

Names: read by the normaliser screening uses (``greenlane.parties.names.normalize_name``:
transliterated to ASCII, legal forms found and set apart), then the words that say which company
of a group it is put back (``International``, ``Import``: fingerprints counts them as company
types), what is left of a misspelt legal form dropped, business words abbreviated one way.
``Shenzhen Huali Electronics Co., Ltd.`` and ``SHENZHEN HUALI ELECTRONICS COMPANY LIMITED`` both
become ``shenzhen huali elec``; the legal form is the normaliser's last one, in one spelling per
family. Addresses: rigour's address fingerprint (``Road`` and ``Rd`` alike) and the locality, the
last part of the address.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process
from rigour.text import ascii_text

from greenlane.parties.names import LegalForm, NormalName, address_key, country_code, normalize_name

_NON_WORD = re.compile(r"[^a-z0-9]+")

LEGAL_FORM_WORDS: frozenset[str] = frozenset(
    str.split(
        "co coltd company corp corporation inc incorporated ltd limited llc plc pvt private pte "
        "kk kabushiki kaisha gmbh ag sa sas sarl srl spa bv nv ab as oy jsc pt tbk fze fzco fzc "
        "llp lp sdn bhd berhad sendirian sti san tic ve anonim sirketi sirket ticaret sanayi ltda "
        "cv de sacv sp zoo z oo ooo oao zao pao gesellschaft mit beschrankter haftung"
    )
)
"""Legal-form words: stripped from the end (and ``pt``/``ooo`` from the start) of a name once
its legal forms are set apart, for what is left of one misspelt (``Limited Liabilitty``). A word
is only stripped while something else is left of the name."""

_LEADING_FORMS: frozenset[str] = frozenset({"pt", "cv", "ooo", "oao", "zao", "pao", "ud"})

ABBREVIATIONS: dict[str, str] = {
    "international": "intl",
    "internacional": "intl",
    "trading": "trdg",
    "traders": "trdg",
    "technology": "tech",
    "technologies": "tech",
    "electronics": "elec",
    "electronic": "elec",
    "manufacturing": "mfg",
    "manufacturers": "mfg",
    "industrial": "ind",
    "industries": "ind",
    "industry": "ind",
    "enterprises": "ent",
    "enterprise": "ent",
    "products": "prod",
    "garments": "gmt",
    "garment": "gmt",
    "logistics": "log",
    "services": "svc",
    "service": "svc",
    "brothers": "bros",
    "group": "grp",
    "holding": "hldg",
    "holdings": "hldg",
    "import": "imp",
    "imports": "imp",
    "export": "exp",
    "exports": "exp",
    "distribution": "dist",
    "development": "dev",
    "machinery": "mach",
    "engineering": "eng",
    "materials": "mat",
    "textiles": "tex",
    "textile": "tex",
    "tekstil": "tex",
    "global": "glob",
    "supplies": "supply",
    "corporation": "corp",
    "company": "co",
    "and": "",
    "the": "",
}
"""Business words and their abbreviations, written one way (short) on both sides of a
comparison. ``Int'l``, ``Intl.`` and ``International`` all become ``intl``."""


QUALIFIERS: dict[str, tuple[str, ...]] = {
    "hldg": ("holding", "holdings"),
    "grp": ("group",),
    "intl": ("international",),
    "glob": ("global", "glbl"),
    "trdg": ("trading", "trade"),
    "ind": ("industrial", "industries", "indl"),
    "ent": ("enterprise", "enterprises"),
    "invest": ("investment", "investments"),
    "dev": ("development",),
    "venture": ("ventures",),
    "worldwide": (),
    "overseas": (),
    "imp": ("import", "imports"),
    "exp": ("export", "exports"),
}
"""Words of a name that say which company of a group it is (``Holding``, ``Group``,
``International``, ``Trading``, ``Industrial``, ...), by their normalised spelling, with the
long forms a typing slip is measured against: ``Huali Electronics Holding`` and ``Huali
Electronics`` are two companies of one group."""
_QUALIFIER_OF = {w: q for q, forms in QUALIFIERS.items() for w in (q, *forms)}
_LONG_FORMS = [w for w in _QUALIFIER_OF if len(w) >= 6]


@lru_cache(maxsize=65_536)
def qualifier(word: str) -> str | None:
    """The group qualifier ``word`` is (in its normalised spelling), allowing one typing slip in
    a long form (``holdnig``), or None."""
    if word in _QUALIFIER_OF:
        return _QUALIFIER_OF[word]
    if len(word) >= 6:
        found = process.extractOne(word, _LONG_FORMS, scorer=fuzz.ratio, score_cutoff=85)
        if found is not None:
            return _QUALIFIER_OF[found[0]]
    return None


def _ascii(text: str) -> str:
    return ascii_text(text).lower()


@lru_cache(maxsize=262_144)
def _normal(name: str) -> NormalName:
    return normalize_name(name.strip())


def _qualifying(form: LegalForm) -> bool:
    """A company type by fingerprints' table that says which company of a group it is
    (``International``, ``Import``, ``Export``): part of the name here, not its legal form."""
    return form.form in _QUALIFIER_OF or all(w in _QUALIFIER_OF for w in form.text.split())


@lru_cache(maxsize=262_144)
def normalise_name(name: str | None) -> str | None:
    """The comparison form of a party name, or None when nothing is left of it."""
    if name is None:
        return None
    normal = _normal(name)
    words = [
        *normal.tokens,
        *(w for f in normal.legal_forms if _qualifying(f) for w in f.text.split()),
    ]
    # Legal-form words at the end, and the single letters a form leaves when its dots became
    # spaces (``S A de C V``, ``(P) Ltd``).
    while len(words) > 1 and (words[-1] in LEGAL_FORM_WORDS or len(words[-1]) == 1):
        words.pop()
    while len(words) > 1 and words[0] in _LEADING_FORMS:
        words.pop(0)
    words = [ABBREVIATIONS.get(w, w) for w in (_singular(w) for w in words)]
    out = " ".join(w for w in words if w)
    return out or None


def _singular(word: str) -> str:
    """``foods`` and ``food``, ``apparels`` and ``apparel`` alike: a plain trailing s goes."""
    if word in ABBREVIATIONS or len(word) <= 4 or word.endswith(("ss", "us", "is")):
        return word
    return word[:-1] if word.endswith("s") else word


LEGAL_FORM_FAMILY: dict[str, str] = {
    "co ltd": "ltd",
    "ltd sti": "ltd",
    "tic ltd sti": "ltd",
    "dis tic ltd": "ltd",
    "sti": "ltd",
    "kk": "ltd",
    "tic as": "as",
    "sacv": "sa",
    "slu": "sl",
}
"""Legal forms (``names.LegalForm.form``) one company is written under interchangeably:
``Co., Ltd.``, ``Limited`` and ``Kabushiki Kaisha`` in English; ``Ltd. Sti.``; ``Tic. A.S.`` and
``A.S.``; ``S.A. de C.V.`` and ``S.A.``; ``S.L.U.`` and ``S.L.``."""


@lru_cache(maxsize=262_144)
def legal_form(name: str | None) -> str | None:
    """The last legal form of a name (as screening's normaliser finds it), in one spelling per
    family (``ltd``, ``inc``, ``llc``, ``gmbh``, ``corp``, ...), or None when it has none."""
    if name is None:
        return None
    forms = [f.form for f in _normal(name).legal_forms if not _qualifying(f)]
    if not forms:
        return None
    return LEGAL_FORM_FAMILY.get(forms[-1], forms[-1])


def compact(name: str | None) -> str | None:
    """The comparison form without spaces: ``hua li`` and ``huali`` meet."""
    return name.replace(" ", "") if name else None


@lru_cache(maxsize=262_144)
def normalise_address(address: str | None) -> str | None:
    """The address as ``greenlane.parties.names.address_key`` reduces it (rigour's address
    fingerprint: ``Road`` and ``Rd`` alike), shared with screening."""
    if address is None or not address.strip():
        return None
    return address_key(address)


@lru_cache(maxsize=4096)
def normalise_country(country: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for a code or a country name (``names.country_code``), else the value
    in capitals."""
    text = (country or "").strip()
    if not text:
        return None
    return country_code(text) or text.upper()


@lru_cache(maxsize=262_144)
def locality(address: str | None) -> str | None:
    """The place an address is in: its last comma-separated part (with the one before it when
    the last is a short state or region code, ``Los Angeles, CA``)."""
    if address is None:
        return None
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if not parts:
        return None
    place = parts[-1]
    if len(parts) > 1 and len(_NON_WORD.sub("", place.lower())) <= 3:
        place = f"{parts[-2]} {place}"
    words = [w for w in _NON_WORD.split(_ascii(place)) if w and not w.isdigit()]
    return " ".join(words) or None


def normalise_identifier(scheme: str, value: str) -> str | None:
    """``scheme:VALUE`` with the value in capitals and without separators."""
    clean = re.sub(r"[^0-9A-Z]", "", value.upper())
    return f"{scheme.lower()}:{clean}" if clean else None
