"""Links to entities: strongest links first, never joining two holders of different identifiers.

Connected components alone let one doubtful link chain two companies together. Here links are
taken from the strongest down (ties by the variant ids, so the order never depends on the input),
and a link is refused when the two groups it would join each hold a different value of the same
identifier scheme: one company has one EORI, one tax id, one importer number (a value one
keystroke from the other's is taken as a typing slip, not as another company). The refused links
stay in the evidence, marked as such.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

MERGED = "merged"
"""The link joined two groups."""
SAME_GROUP = "same_group"
"""The two were already together through stronger links."""
REFUSED = "refused_identifier_conflict"
"""Joining would have put two values of one identifier scheme into one entity."""
ATTACHED = "attached"
"""A weaker link, taken because it was the only group the record linked to."""
AMBIGUOUS = "ambiguous"
"""A weaker link of a name-only record not taken: it linked to several groups (or joining was
refused)."""
BELOW = "below_threshold"


def schemes(ids: Iterable[str] | None) -> dict[str, set[str]]:
    """``scheme:value`` strings as {scheme: {values}}."""
    out: dict[str, set[str]] = {}
    for item in ids or ():
        scheme, _, value = item.partition(":")
        out.setdefault(scheme, set()).add(value)
    return out


def near(a: str, b: str) -> bool:
    """Equal, or one character wrong, or two neighbours swapped: one value mistyped."""
    if a == b:
        return True
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    i = diff[0]
    return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]


@dataclass(slots=True)
class Groups:
    """Union-find over variants, each group remembering its identifiers by scheme."""

    parent: dict[str, str] = field(default_factory=dict)
    ids: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def add(self, variant: str, ids: Iterable[str] | None) -> None:
        if variant not in self.parent:
            self.parent[variant] = variant
            self.ids[variant] = schemes(ids)

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def conflict(self, a: str, b: str) -> bool:
        """Both hold a value of one scheme and no value of one is (nearly) a value of the
        other's: two companies."""
        ia, ib = self.ids[self.find(a)], self.ids[self.find(b)]
        return any(
            scheme in ib and not any(near(x, y) for x in values for y in ib[scheme])
            for scheme, values in ia.items()
        )

    def union(self, a: str, b: str) -> str:
        """Join the groups of ``a`` and ``b``; say what happened."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return SAME_GROUP
        if self.conflict(ra, rb):
            return REFUSED
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        self.parent[gone] = keep
        merged = self.ids[keep]
        for scheme, values in self.ids.pop(gone).items():
            merged.setdefault(scheme, set()).update(values)
        return MERGED


def cluster(
    variants: Sequence[str],
    ids: Mapping[str, Sequence[str] | None],
    links: pl.DataFrame,
    threshold: float,
    attach: float | None = None,
    thin: frozenset[str] = frozenset(),
) -> tuple[dict[str, str], pl.DataFrame]:
    """Each variant's group (a variant id of the group) and the links with their ``outcome``.

    ``links`` has ``unique_id_l``, ``unique_id_r``, ``match_weight`` and ``match_probability``.
    Links at or above ``threshold`` join groups, strongest first. Then links from ``attach`` up
    join a group of ``thin`` variants (a name without address or identifier) to another group
    when that is the only group it links to: it joins the company it names, unless two
    companies share the name."""
    groups = Groups()
    for v in sorted(variants):
        groups.add(v, ids.get(v))
    ordered = links.sort(
        ["match_weight", "unique_id_l", "unique_id_r"], descending=[True, False, False]
    )
    p = pl.col("match_probability")
    strong = ordered.filter(p >= threshold)
    outcome = [
        groups.union(a, b)
        for a, b in zip(
            strong["unique_id_l"].to_list(), strong["unique_id_r"].to_list(), strict=True
        )
    ]
    parts = [strong.with_columns(outcome=pl.Series(outcome, dtype=pl.String))]
    floor = threshold if attach is None else attach
    band = ordered.filter((p < threshold) & (p >= floor))
    if band.height:
        parts.append(_attach(groups, band, thin))
    parts.append(ordered.filter(p < floor).with_columns(outcome=pl.lit(BELOW)))
    return {v: groups.find(v) for v in groups.parent}, pl.concat(parts)


def _attach(groups: Groups, band: pl.DataFrame, thin: frozenset[str]) -> pl.DataFrame:
    """Join each group of thin variants whose links in ``band`` all lead to one other group to
    that group."""
    pairs = list(zip(band["unique_id_l"].to_list(), band["unique_id_r"].to_list(), strict=True))
    reach: dict[str, set[str]] = {}
    for a, b in pairs:
        ra, rb = groups.find(a), groups.find(b)
        if ra != rb:
            reach.setdefault(ra, set()).add(rb)
            reach.setdefault(rb, set()).add(ra)
    members: dict[str, list[str]] = {}
    for v in groups.parent:
        members.setdefault(groups.find(v), []).append(v)
    for g in sorted(reach):
        if len(reach[g]) == 1 and all(v in thin for v in members[g]):
            (h,) = reach[g]
            groups.union(g, h)
    outcome = []
    for a, b in pairs:
        # Outcomes are read after all joins: a link inside one group now is either the one
        # that attached it or redundant with it.
        if groups.find(a) == groups.find(b):
            outcome.append(ATTACHED)
        else:
            outcome.append(AMBIGUOUS if a in thin or b in thin else BELOW)
    return band.with_columns(outcome=pl.Series(outcome, dtype=pl.String))
