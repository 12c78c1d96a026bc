"""Country names as the lists write them, to ISO 3166-1 alpha-2.

pycountry knows the ISO names and codes; the lists also write "Korea, North", "Burma",
"Bahamas, The", "Iran (Islamic Republic of)", "Region: Crimea" and the like. Those met in the
official files are below. A name that cannot be placed gives None (the text stays in the
entry's addresses); pycountry's fuzzy search is not used, because it places Kosovo in Serbia.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

SPELLINGS: dict[str, str] = {
    # OFAC
    "bahamas, the": "BS",
    "the gambia": "GM",
    "gambia, the": "GM",
    "burma": "MM",
    "congo, democratic republic of the": "CD",
    "congo, republic of the": "CG",
    "cote d ivoire": "CI",
    "korea, north": "KP",
    "korea, south": "KR",
    "kosovo": "XK",
    "man, isle of": "IM",
    "netherlands antilles": "AN",
    "palestinian": "PS",
    "west bank": "PS",
    "region: gaza": "PS",
    "region: crimea": "UA",
    "region: northern mali": "ML",
    "russia": "RU",
    "turkey": "TR",
    "macau": "MO",
    "macedonia, the former yugoslav republic of": "MK",
    "micronesia, federated states of": "FM",
    "st. kitts and nevis": "KN",
    "st. lucia": "LC",
    "st. vincent and the grenadines": "VC",
    # UN and others
    "democratic republic of the congo": "CD",
    "congo": "CG",
    "state of palestine": "PS",
    "china, hong kong special administrative region": "HK",
    "china, macao special administrative region": "MO",
    "british virgin islands": "VG",
    "united states virgin islands": "VI",
    "north korea": "KP",
    "south korea": "KR",
    "republic of korea": "KR",
    "ivory coast": "CI",
    "vietnam": "VN",
    "laos": "LA",
    "syria": "SY",
    "iran": "IR",
    "prc": "CN",
    "uk": "GB",
    "usa": "US",
    "uae": "AE",
}

NOWHERE = frozenset(
    {
        "",
        "-0-",
        "na",
        "n/a",
        "none identified",
        "undetermined",
        "unknown",
        "region: kafia kingi",
        "former soviet union",
    }
)
"""Written where a country would be, but not one (Kafia Kingi is disputed)."""

_EXTRA_CODES = frozenset({"XK", "AN"})
"""Codes the lists use that ISO 3166-1 does not (any longer) assign."""

_PARENTHESIS = re.compile(r"^(.*?)\s*\((.+)\)$")


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 for a country name or code as a list writes it; None when unknown."""
    text = " ".join(name.split())
    folded = text.casefold()
    if folded in NOWHERE:
        return None
    if len(text) == 2 and text.isalpha():
        code = text.upper()
        return code if code in _EXTRA_CODES or pycountry.countries.get(alpha_2=code) else None
    if folded in SPELLINGS:
        return SPELLINGS[folded]
    for candidate in _variants(text):
        try:
            return str(pycountry.countries.lookup(candidate).alpha_2)
        except LookupError:
            continue
    return None


def _variants(text: str) -> list[str]:
    variants = [text]
    if (found := _PARENTHESIS.match(text)) is not None:
        # "Iran (Islamic Republic of)" is pycountry's "Iran, Islamic Republic of".
        variants += [f"{found.group(1)}, {found.group(2)}", found.group(1)]
    if text.casefold().endswith(", the"):
        variants.append(text[: -len(", the")])
    if text.casefold().startswith("the "):
        variants.append(text[4:])
    return variants


def country_codes(names: list[str | None]) -> list[str]:
    """The codes of those names that can be placed, in order."""
    return [code for name in names if name and (code := country_code(name))]
