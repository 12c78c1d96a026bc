"""Goods the world trades: HS 2022 subheadings with plausible values, masses and origins.

Unit values are rough customs unit values in USD per kilogram of net mass, and masses per
container respect both weight limits (steel, tiles, rice fill a 20-foot box by weight) and volume
(apparel, furniture fill a high-cube 40-foot box long before its weight limit).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Goods:
    hs_code: str
    description: str
    category: str
    package_type: str
    """UN/ECE Recommendation 21 package code: CT carton, PX pallet, BG bag, BL bale, DR drum..."""
    kg_per_package: float
    usd_per_kg: tuple[float, float]
    kg_per_container: tuple[float, float]
    size_type: str
    """ISO 6346 size-type of the container it usually travels in."""
    origins: tuple[str, ...]


def _range(text: str) -> tuple[float, float]:
    low, high = text.split("-")
    return float(low), float(high)


def _load() -> tuple[Goods, ...]:
    text = resources.files("greenlane.world").joinpath("data", "goods.psv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        hs, desc, cat, pkg, kg_pkg, usd, kg, size, origins = line.split("|")
        out.append(
            Goods(
                hs,
                desc,
                cat,
                pkg,
                float(kg_pkg),
                _range(usd),
                _range(kg),
                size,
                tuple(origins.split()),
            )
        )
    return tuple(out)


GOODS: tuple[Goods, ...] = _load()
"""The goods, from ``data/goods.psv`` (one line each, fields separated by ``|``)."""

VAGUE_DESCRIPTIONS: tuple[str, ...] = (
    "FREIGHT OF ALL KINDS",
    "FAK",
    "GENERAL CARGO",
    "CONSOLIDATED CARGO",
    "PARTS",
    "MACHINERY",
    "ACCESSORIES",
    "AS PER ATTACHED INVOICE",
    "VARIOUS GOODS",
    "SAMPLES",
    "ELECTRONICS",
    "SAID TO CONTAIN: GOODS",
)
"""Descriptions the US 24-hour rule and the EU stop-word list refuse."""

CATEGORIES: tuple[str, ...] = tuple(sorted({g.category for g in GOODS}))
