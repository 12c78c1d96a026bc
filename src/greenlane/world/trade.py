"""Who trades with whom on which route: the first choices made for a shipment."""

from __future__ import annotations

import random
from collections.abc import Sequence

from greenlane.world.catalog import Catalog
from greenlane.world.companies import Company
from greenlane.world.routes import Route

US_SHARE = 0.58
"""Share of shipments bound for the US; the rest go to the EU."""


def _routes(cat: Catalog, supplier: Company, importer: Company, needs: str | None) -> list[Route]:
    out: list[Route] = []
    for o in supplier.ports:
        for d in importer.ports:
            if needs == "irrational":
                out.extend(cat.lanes.irrational.get((o, d), ()))
                continue
            for r in cat.lanes.normal.get((o, d), ()):
                if needs != "hub" or len(r.legs) > 1:
                    out.append(r)
    return out


def _pick_route(routes: Sequence[Route], rng: random.Random) -> Route:
    # Direct calls are preferred where a service offers one; feeder origins always tranship.
    weights = [3.0 if len(r.legs) == 1 else 1.0 for r in routes]
    return rng.choices(routes, weights=weights)[0]


def choose_trade(
    cat: Catalog, rng: random.Random, needs: str | None, certified: bool
) -> tuple[Company, Company, Route]:
    """An importer, one of its regular suppliers, and a route between their ports.

    ``needs`` asks for a route via a hub (``"hub"``) or a senseless one (``"irrational"``);
    ``certified`` for an importer with a valid tier 2+ C-TPAT or AEO membership.
    """
    companies = cat.companies
    for _ in range(60):
        region = "US" if rng.random() < US_SHARE else "EU"
        if certified:
            importer = rng.choice(cat.certified_importers[region])
        else:
            importer = rng.choices(
                companies.importers[region], cum_weights=cat.importer_cum[region]
            )[0]
        suppliers = list(importer.suppliers)
        rng.shuffle(suppliers)
        for key in suppliers:
            supplier = companies.by_key[key]
            routes = _routes(cat, supplier, importer, needs)
            if routes:
                return importer, supplier, _pick_route(routes, rng)
        if needs is None:
            break
    # Rare: no regular pair of this kind was drawn; search every importer in a fixed order.
    importers = [c for group in companies.importers.values() for c in group]
    start = rng.randrange(len(importers))
    for importer in importers[start:] + importers[:start]:
        if (
            certified
            and importer not in cat.certified_importers["US"] + cat.certified_importers["EU"]
        ):
            continue
        for key in importer.suppliers:
            supplier = companies.by_key[key]
            routes = _routes(cat, supplier, importer, needs)
            if routes:
                return importer, supplier, _pick_route(routes, rng)
    raise LookupError(f"no trade in this world offers a route of kind {needs!r}")
