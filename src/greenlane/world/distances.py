"""Sea distances between the world's ports, in nautical miles.

Computing sea routes takes ~20 ms a pair with ``searoute``, too slow for building a world on every
run, so the pairs the network needs are computed once and shipped in ``data/sea_distances.csv``.
Regenerate after changing the network: ``python -m greenlane.world.distances``.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

from greenlane.model.records import Port
from greenlane.world.network import DESTINATIONS, SERVICES

_FILE = "sea_distances.csv"
_DETOUR = 1.25
"""Great-circle distance times this stands in for a pair missing from the file."""


def needed_pairs() -> list[tuple[str, str]]:
    """Consecutive calls of every rotation, and every port to every destination."""
    pairs: set[tuple[str, str]] = set()
    ports: set[str] = set()
    for service in SERVICES:
        ports.update(service.rotation)
        pairs.update(zip(service.rotation, service.rotation[1:], strict=False))
    pairs.update((p, d) for p in ports for d in DESTINATIONS if p != d)
    return sorted(pairs)


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], float]:
    text = resources.files("greenlane.world").joinpath("data", _FILE).read_text("utf-8")
    return {(r["from"], r["to"]): float(r["nm"]) for r in csv.DictReader(text.splitlines())}


def great_circle_nm(a: Port, b: Port) -> float:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return 3000.0
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 3440.065 * math.asin(math.sqrt(h))


def sea_nm(a: str, b: str, ports: Mapping[str, Port]) -> float:
    """Shipped sea distance, or the great circle with a detour factor where none is shipped."""
    table = _table()
    found = table.get((a, b)) or table.get((b, a))
    if found is not None:
        return found
    return great_circle_nm(ports[a], ports[b]) * _DETOUR


def write_table(path: Path, pairs: Iterable[tuple[str, str]], ports: Mapping[str, Port]) -> int:
    import searoute

    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["from", "to", "nm"])
        for a, b in pairs:
            pa, pb = ports[a], ports[b]
            route = searoute.searoute(
                [pa.longitude, pa.latitude], [pb.longitude, pb.latitude], units="naut"
            )
            writer.writerow([a, b, round(float(route["properties"]["length"]), 1)])
            rows += 1
    return rows


if __name__ == "__main__":
    from greenlane.model.ports import port_table

    target = Path(__file__).parent / "data" / _FILE
    print(f"{write_table(target, needed_pairs(), port_table())} pairs written to {target}")
