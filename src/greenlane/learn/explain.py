"""Each score's reasons in words: the features that pushed it up most (LightGBM's per-feature
contributions, SHAP values for trees) with the value an officer can check."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from greenlane.learn.history import IDENTICAL
from greenlane.learn.schema import EXTRA

Array = np.ndarray[Any, Any]

KEY_WORDS = {
    "goods_route_tax": "the same goods, route and tax treatment",
    "goods_origin": "the same goods from the same origin",
    "goods_mass": "the same goods and mass",
    "importer": "this importer",
    "declarant": "this declarant",
    "seller": "this seller",
    "courier": "this courier",
    "importer_goods": "this importer with these goods",
    "hs6": "this HS subheading",
    "hs4": "this HS heading",
    "hs2": "this HS chapter",
    "origin": "this origin",
    "departure": "this country of departure",
    "route": "this departure and origin",
    "office": "this customs office",
    "tax_type": "this tax type",
    "tax_rate": "this tax rate",
    "net_mass": "this exact mass",
}

QUANTITY_WORDS = {
    "tax_rate": ("tax rate", "{:g}%"),
    "origin_differs": ("goods shipped from a country other than their origin", ""),
    "log_net_mass": ("net mass", "{:,.0f} kg"),
    "log_item_price": ("declared value", "{:,.0f}"),
    "log_unit_price": ("value per kg", "{:,.2f}"),
    "log_duty": ("duty", "{:,.0f}"),
    "hs6_number": ("HS subheading", "{:06.0f}"),
}


@dataclass(frozen=True)
class Context:
    """What turns features back into words: the identical key's columns, and the smoothing
    that turns a smoothed rate back into a count of finds."""

    identical: tuple[str, ...] = ()
    smoothing: float = 0.0
    prior: float = 0.0


def describe(name: str, row: dict[str, float], context: Context | None = None) -> str:
    """One feature of one declaration in words, with its value."""
    context = context or Context()
    value = row.get(name, math.nan)
    if name.startswith("h_"):
        key = name[2:].rsplit("_", 1)[0]
        n, rate = row.get(f"h_{key}_n", 0.0), row.get(f"h_{key}_rate", math.nan)
        what = KEY_WORDS.get(key, key.replace("_", " "))
        if key == IDENTICAL:
            what = f"identical declarations (same {', '.join(context.identical)})"
        if not n or math.isnan(rate):
            return f"{what}: no earlier inspection"
        found = rate * (n + context.smoothing) - context.smoothing * context.prior
        return f"{what}: {found:.0f} of {n:.0f} earlier inspections found something"
    if name.startswith(EXTRA):
        what = f"case file: {name[len(EXTRA) :].replace('_', ' ')}"
        if math.isnan(value):
            return f"{what} unknown"
        return what if value == 1 else f"{what} {value:g}"
    if name.startswith("c_"):
        return f"{name[2:].replace('_', ' ')} code (rank {value:.0f} by frequency)"
    label, fmt = QUANTITY_WORDS.get(name, (name, "{:g}"))
    if math.isnan(value):
        return f"{label}: missing"
    if name.startswith("log_"):
        value = math.expm1(value)
    if name == "origin_differs":
        return label if value else "shipped from its country of origin"
    return f"{label} {fmt.format(value)}"


def reasons(
    contributions: Array,
    matrix: Array,
    names: list[str],
    context: Context | None = None,
    top: int = 3,
) -> list[list[str]]:
    """Per row, the ``top`` features that raised its score most, each with its share of the
    total raise, largest first; features that lowered the score are not reasons to inspect."""
    out = []
    for contrib, values in zip(contributions[:, :-1], matrix, strict=True):
        row = dict(zip(names, values.tolist(), strict=True))
        positive = [(c, i) for i, c in enumerate(contrib) if c > 0]
        total = sum(c for c, _ in positive) or 1.0
        seen: set[str] = set()
        words = []
        for c, i in sorted(positive, reverse=True):
            name = names[i]
            base = name.rsplit("_", 1)[0] if name.startswith("h_") else name
            if base in seen:
                continue
            seen.add(base)
            words.append(f"{describe(name, row, context)} ({c / total:.0%} of the raise)")
            if len(words) == top:
                break
        out.append(words)
    return out
