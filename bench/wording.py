"""Manifest wording of a generated world, labelled with the heading of the goods really in the
box: held-out text for the HS heading classifier (bench/goods.py and tests/goods)."""

from __future__ import annotations

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.goods.descriptions import check_description
from greenlane.world import WorldConfig, build_world


def world_examples(seed: int, shipments: int) -> tuple[list[str], list[str]]:
    """Each manifest line of a generated world as the shipper worded it, with the heading of the
    goods really in the box (not the declared one, which a threat may have bent). Lines whose
    description is vague are left out: they name no goods."""
    texts, headings = [], []
    for ws in build_world(WorldConfig(seed=seed, shipments=shipments)).shipments():
        if ws.draft is None:
            continue  # the seed case: hand-written, not generated wording
        for line in ws.draft.lines:
            if check_description(line.description) is None:
                texts.append(line.description)
                headings.append(line.goods.hs_code[:4])
    return texts, headings
