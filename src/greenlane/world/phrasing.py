"""How shippers write goods on a manifest: the same goods in many words.

A clerk types what the invoice or the product sheet says: "1,200 CTNS OF NOTEBOOK COMPUTERS
15.6IN", "STC laptop PC core i5", "Portable computers". The names and details per goods are in
``data/phrasing.psv``; quantities, "said to contain", abbreviations, case and the odd typo are
added here. Every phrasing still names the goods (none is vague): hiding what the goods are is
the vague-description threat's job, not the clerk's.

A line's phrasing comes from its own random stream, hashed from the bill, the shipment and the
line, so the world's main stream, and every value drawn from it, is unchanged.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from greenlane.world.goods import GOODS, Goods
from greenlane.world.ids import rng_for

_SALT = 0x70_4852_4153_45  # "pHRASE": keeps these streams apart from every other use of rng_for

PACKAGE_WORDS: dict[str, tuple[str, ...]] = {
    "CT": ("CTNS", "CARTONS", "CTN", "CARTON"),
    "PX": ("PALLETS", "PLTS", "PLT"),
    "BG": ("BAGS", "BAG"),
    "BL": ("BALES", "BLS"),
    "DR": ("DRUMS", "DRS"),
    "CS": ("CASES", "CRATES", "CS"),
    "PK": ("PKGS", "PACKAGES", "PKG"),
    "UN": ("UNITS", "UNIT"),
    "CO": ("COILS",),
    "BE": ("BUNDLES", "BDLS"),
}
"""How a clerk writes the UN/ECE Recommendation 21 package codes the goods travel in."""

ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (" and ", " & "),
    (" with ", " w/ "),
    (" inch", "in"),
    (" pieces", " pcs"),
    ("stainless steel", "s/s"),
    ("aluminium", "alu"),
    ("polyester", "poly"),
    ("frozen", "frz"),
    ("computers", "comp"),
    ("machines", "mach"),
    ("cotton", "cttn"),
    ("assorted", "asstd"),
    ("electric ", "elec "),
    ("leather", "lthr"),
)
"""Trade shorthand: each pair applied, where it occurs, with even chance."""

_STC = ("STC", "SAID TO CONTAIN", "SLAC", "S.T.C.")
_REFERENCES = ("PO", "PO NO.", "ORDER NO.", "ITEM NO.", "MODEL", "ART.", "REF")


@dataclass(frozen=True, slots=True)
class Wording:
    """The names shippers give one goods, and the details they add to them."""

    names: tuple[str, ...]
    details: tuple[str, ...]


@lru_cache(maxsize=1)
def wordings() -> dict[str, Wording]:
    """Wording per HS subheading of the goods, from ``data/phrasing.psv``."""
    text = resources.files("greenlane.world").joinpath("data", "phrasing.psv").read_text("utf-8")
    out: dict[str, Wording] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        hs, names, details = line.split("|")
        out[hs] = Wording(tuple(names.split(";")), tuple(details.split(";")))
    return out


def line_rng(master_bill: str, index: int, line: int) -> random.Random:
    """The phrasing stream of one goods line: a function of the bill (itself a function of the
    world's seed and the shipment), the shipment index and the line's place."""
    return rng_for(_SALT, index, zlib.crc32(master_bill.encode()), line)


def phrase(
    goods: Goods, rng: random.Random, packages: int | None = None, upper: bool = True
) -> str:
    """One manifest description of ``goods`` as a shipper might write it."""
    wording = wordings().get(goods.hs_code)
    if wording is None or rng.random() < 0.1:
        text = goods.description  # copied from the invoice as the catalog writes it
    else:
        text = rng.choice(wording.names)
        roll = rng.random()
        if roll < 0.4:
            text += rng.choice((" ", ", ", " - ")) + rng.choice(wording.details)
        elif roll < 0.5:
            text += f" ({rng.choice(wording.details)})"
        if rng.random() < 0.25:
            text = _abbreviate(text, rng)
    if rng.random() < 0.1:
        text += f" {rng.choice(_REFERENCES)} {rng.randrange(1000, 10 ** rng.randrange(5, 11))}"
    if rng.random() < 0.07:
        text = _typo(text, rng)
    if rng.random() < 0.12:
        text = f"{rng.choice(_STC)} {text}"
    if rng.random() < 0.3:
        n = packages if packages is not None else rng.randrange(1, 2000)
        count = f"{n:,}" if rng.random() < 0.5 else str(n)
        unit = rng.choice(PACKAGE_WORDS.get(goods.package_type, ("PKGS",)))
        text = f"{count} {unit}{rng.choice((' OF', '', ' X'))} {text}"
    if upper:
        return text.upper()
    roll = rng.random()
    if roll < 0.6:
        return text[:1].upper() + text[1:]
    return text.title() if roll < 0.85 else text.lower()


def training_phrases(seed: int, per_goods: int) -> tuple[list[str], list[str]]:
    """``per_goods`` phrasings of every goods with the goods' HS subheading: labelled text for
    a classifier. Drawn from ``seed``; a world built with another seed phrases its lines apart
    from these (the same names and details, other combinations, quantities and typos)."""
    texts: list[str] = []
    codes: list[str] = []
    for g_index, g in enumerate(GOODS):
        for k in range(per_goods):
            rng = rng_for(_SALT, seed, g_index, k, 1)
            texts.append(phrase(g, rng, None, rng.random() < 0.5))
            codes.append(g.hs_code)
    return texts, codes


def _abbreviate(text: str, rng: random.Random) -> str:
    for long, short in ABBREVIATIONS:
        if long in text and rng.random() < 0.5:
            text = text.replace(long, short)
    return text


def _typo(text: str, rng: random.Random) -> str:
    """One slip of the keyboard in one longer word: a letter dropped, doubled or swapped."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    p = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        w = w[:p] + w[p + 1 :]
    elif kind == 1:
        w = w[:p] + w[p] + w[p:]
    else:
        w = w[: p - 1] + w[p] + w[p - 1] + w[p + 1 :]
    words[i] = w
    return " ".join(words)
