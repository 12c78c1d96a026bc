"""Vague, missing or code-only goods descriptions, each with the reason it is not enough.

The US 24-hour rule and the EU's ICS2 refuse descriptions that do not say what the goods are:
"freight of all kinds", "general cargo", "said to contain", "parts", "samples", ... A description
is vague here when every word of it, once "said to contain" and "as per invoice" are set aside,
is a word that on its own names no goods. Extra terms come from ``GREENLANE_VAGUE_TERMS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

VAGUE_WORDS = frozenset(
    [
        "fak",
        "freight",
        "all",
        "kinds",
        "kind",
        "general",
        "cargo",
        "cargoes",
        "consolidated",
        "consolidation",
        "goods",
        "various",
        "parts",
        "part",
        "spare",
        "spares",
        "accessories",
        "accessory",
        "apparel",
        "appliances",
        "chemicals",
        "electronics",
        "equipment",
        "foodstuffs",
        "food",
        "gifts",
        "household",
        "industrial",
        "machinery",
        "merchandise",
        "samples",
        "sample",
        "personal",
        "effects",
        "tools",
        "items",
        "item",
        "products",
        "product",
        "materials",
        "material",
        "misc",
        "miscellaneous",
        "supplies",
        "stuff",
        "nos",
        "commodities",
        "commodity",
        "articles",
        "assorted",
        "mixed",
    ]
)
"""Words that on their own name no goods (CBP and EU guidance on acceptable descriptions)."""

FILLER_WORDS = frozenset(
    ["of", "and", "the", "for", "with", "in", "a", "an", "other", "others", "&"]
)
CONTAINER_PHRASES = re.compile(
    r"\b(said to contain|s\.?t\.?c\.?|shipper'?s load,? stow and count|slac|as per (?:attached )?"
    r"(?:invoice|packing list)|per invoice|see attached|see invoice)\b",
    re.IGNORECASE,
)
ONLY_A_CODE = re.compile(r"^[\d\s.\-/]+$")
MIN_LETTERS = 3


@dataclass(frozen=True, slots=True)
class DescriptionFinding:
    code: str
    """``goods.description_missing``, ``goods.description_code_only``,
    ``goods.description_too_short`` or ``goods.description_vague``."""
    reason: str


@lru_cache(maxsize=1)
def vague_words() -> frozenset[str]:
    from greenlane.settings import get_settings

    extra = {w.strip().lower() for w in get_settings().vague_terms.split(",") if w.strip()}
    return VAGUE_WORDS | extra


def check_description(description: str | None) -> DescriptionFinding | None:
    """What is wrong with a goods description, or None when it says what the goods are."""
    text = (description or "").strip()
    if not text:
        return DescriptionFinding("goods.description_missing", "no description of the goods")
    if ONLY_A_CODE.match(text):
        return DescriptionFinding(
            "goods.description_code_only",
            f"{text!r} is only a number or code; it does not describe the goods",
        )
    stripped = CONTAINER_PHRASES.sub(" ", text)
    words = [w for w in re.findall(r"[^\W\d_]+", stripped.lower()) if w not in FILLER_WORDS]
    if sum(len(w) for w in words) < MIN_LETTERS:
        said = " (after 'said to contain' and the like)" if stripped.strip() != text else ""
        return DescriptionFinding(
            "goods.description_too_short", f"{text!r} has too little text to name goods{said}"
        )
    vague = vague_words()
    if all(w in vague for w in words):
        return DescriptionFinding(
            "goods.description_vague",
            f"{text!r} names no goods: {', '.join(sorted(set(words)))} "
            "would be refused as a description under the 24-hour rule and ICS2",
        )
    return None
