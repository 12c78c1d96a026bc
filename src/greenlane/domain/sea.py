"""Sea-route distances between ports, in nautical miles.

A route through the ``searoute`` maritime network costs about 20 ms, so the pairs greenlane's
world uses are shipped precomputed (``data/sea_distances.csv``) and every other pair is computed
once per process and kept. A pair whose ports have no coordinates gets None: no distance is
better than a made-up one when judging a route.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from greenlane.domain.records import Port

SHIPPED_FILE = "sea_distances.csv"
EARTH_RADIUS_NM = 3440.065


@lru_cache(maxsize=1)
def shipped_distances() -> dict[tuple[str, str], float]:
    text = resources.files("greenlane.domain").joinpath("data", SHIPPED_FILE).read_text("utf-8")
    return {(r["from"], r["to"]): float(r["nm"]) for r in csv.DictReader(text.splitlines())}


def great_circle_nm(a: Port, b: Port) -> float | None:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_NM * math.asin(math.sqrt(h))


def searoute_nm(a: Port, b: Port) -> float | None:
    """Length of the shortest route through the searoute network; None without coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    import searoute

    route = searoute.searoute([a.longitude, a.latitude], [b.longitude, b.latitude], units="naut")
    return round(float(route["properties"]["length"]), 1)


class SeaDistances:
    """Distances between UN/LOCODEs: shipped, else computed with searoute and remembered."""

    def __init__(self, ports: Mapping[str, Port]) -> None:
        self._ports = ports
        self._known: dict[tuple[str, str], float | None] = dict(shipped_distances())

    def nm(self, a: str, b: str) -> float | None:
        if a == b:
            return 0.0
        for key in ((a, b), (b, a)):
            if key in self._known:
                return self._known[key]
        pa, pb = self._ports.get(a), self._ports.get(b)
        found = searoute_nm(pa, pb) if pa is not None and pb is not None else None
        self._known[a, b] = found
        return found
