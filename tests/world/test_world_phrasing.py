"""The world's manifest wording: varied, never vague, and the shipper's own per line."""

from __future__ import annotations

from collections import defaultdict

from greenlane.goods.descriptions import check_description
from greenlane.world import WorldConfig, build_world
from greenlane.world.phrasing import training_phrases


def test_generated_wording_is_varied_and_never_vague() -> None:
    texts, codes = training_phrases(5, 60)
    assert all(check_description(t) is None for t in texts)
    per_goods: dict[str, set[str]] = defaultdict(set)
    for t, c in zip(texts, codes, strict=True):
        per_goods[c].add(t.upper())
    assert min(len(v) for v in per_goods.values()) >= 25


def test_world_lines_are_worded_by_the_shipper() -> None:
    world = build_world(WorldConfig(seed=31, shipments=300))
    said: dict[str, set[str]] = defaultdict(set)
    for ws in world.shipments(1):
        assert ws.draft is not None
        for line in ws.draft.lines:
            said[line.goods.hs_code].add(line.description)
    assert sum(len(v) for v in said.values()) > 3 * len(said)
