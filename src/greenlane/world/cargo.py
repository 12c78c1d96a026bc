"""What is in the boxes: containers, their seals, and the goods lines with masses and values."""

from __future__ import annotations

import random

from greenlane.domain.codes import SealAffixer, SealClass
from greenlane.world.draft import ContainerDraft, LineDraft, SealDraft, ShipmentDraft
from greenlane.world.goods import Goods
from greenlane.world.ids import container_number, mix64
from greenlane.world.phrasing import line_rng, phrase

_SEAL_VENDORS = ("SL", "HS", "TY", "EU", "BS", "CX", "ML", "GS")
_LESSORS = ("GLLU", "WTXU", "TRIU", "SEAU")
"""Invented leasing-company prefixes: a share of boxes belongs to lessors, not carriers."""
_CONTAINER_COUNTS = (1, 2, 3, 4)
_CONTAINER_WEIGHTS = (66, 22, 8, 4)
_LINE_COUNTS = (1, 2, 3)
_LINE_WEIGHTS = (62, 25, 13)


def new_seal(
    rng: random.Random, affixed_by: SealAffixer, scac: str, electronic: bool = False
) -> SealDraft:
    """An ISO 17712 seal: high security (bolt or cable) almost always, as C-TPAT requires."""
    roll = rng.random()
    if roll < 0.93:
        seal_class, type_code = SealClass.HIGH_SECURITY, "BLT" if rng.random() < 0.85 else "WIR"
    elif roll < 0.98:
        seal_class, type_code = SealClass.SECURITY, "WIR"
    else:
        seal_class, type_code = SealClass.INDICATIVE, "KLP"
    if affixed_by is SealAffixer.CARRIER:
        number = f"{scac}{rng.randrange(100_000, 1_000_000)}"
    else:
        number = f"{rng.choice(_SEAL_VENDORS)}{rng.randrange(1_000_000, 10_000_000)}"
    return SealDraft(number, affixed_by, seal_class, type_code, electronic)


def similar_seal_number(number: str, rng: random.Random) -> str:
    """A counterfeit-looking number: the same prefix with one digit changed."""
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    pos = rng.choice(digits)
    new = str((int(number[pos]) + rng.randrange(1, 10)) % 10)
    return number[:pos] + new + number[pos + 1 :]


def load_cargo(d: ShipmentDraft, electronic: bool, consolidated: bool) -> None:
    """Fill ``d.containers`` and ``d.lines``; every box gets at least one goods line."""
    rng = d.rng
    supplier_goods = d.supplier.goods
    n_boxes = rng.choices(_CONTAINER_COUNTS, cum_weights=_cum(_CONTAINER_WEIGHTS))[0]
    n_lines = min(
        len(supplier_goods), rng.choices(_LINE_COUNTS, cum_weights=_cum(_LINE_WEIGHTS))[0]
    )
    chosen: list[Goods] = rng.sample(supplier_goods, n_lines)
    scac = d.legs[-1].service.carrier.scac
    owner = scac if rng.random() < 0.7 else rng.choice(_LESSORS)
    affixer = (
        SealAffixer.CONSOLIDATOR
        if consolidated
        else (SealAffixer.SHIPPER if rng.random() < 0.95 else SealAffixer.CARRIER)
    )
    country = d.supplier.party.country or ""
    upper = rng.random() < 0.5
    for c in range(n_boxes):
        goods_here = [g for j, g in enumerate(chosen) if j % n_boxes == c] or [chosen[c % n_lines]]
        number = container_number(owner, rng)
        seal = new_seal(rng, affixer, scac, electronic)
        d.containers.append(ContainerDraft(number, goods_here[0].size_type, seal))
        lo, hi = goods_here[0].kg_per_container
        box_kg = rng.uniform(lo, hi)
        shares = [rng.uniform(0.5, 1.5) for _ in goods_here]
        total = sum(shares)
        for g, share in zip(goods_here, shares, strict=True):
            net = round(box_kg * share / total, 1)
            gross = round(net * rng.uniform(1.04, 1.12), 1)
            value = round(net * _price(d.supplier.key, g) * rng.uniform(0.9, 1.1), 2)
            packages = max(1, round(gross / g.kg_per_package))
            # Worded by the shipper from the line's own stream: the main stream is untouched.
            said = phrase(g, line_rng(d.master_bill, d.index, len(d.lines)), packages, upper)
            d.lines.append(
                LineDraft(
                    goods=g,
                    container=c,
                    packages=packages,
                    gross_kg=gross,
                    net_kg=net,
                    value_usd=value,
                    description=said,
                    hs_code=g.hs_code,
                    origin=country,
                )
            )


def _price(supplier: int, g: Goods) -> float:
    """The supplier's list price for the goods, USD per kg: a fixed point of the goods' range,
    since a manufacturer prices its own goods consistently and the range spans the market."""
    lo, hi = g.usd_per_kg
    where = mix64(supplier, int(g.hs_code)) / 2**64
    return float(lo * (hi / lo) ** where)


def _cum(weights: tuple[int, ...]) -> list[int]:
    out, total = [], 0
    for w in weights:
        total += w
        out.append(total)
    return out
