"""Sea distances between the world's ports, in nautical miles.

Computing sea routes takes ~20 ms a pair with ``searoute``, too slow for building a world on every
run, so the pairs the network needs are computed once and shipped in
``greenlane/domain/data/sea_distances.csv``.
Regenerate after changing the network: ``python -m greenlane.world.distances``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from greenlane.domain.records import Port
from greenlane.domain.sea import SHIPPED_FILE, great_circle_nm, shipped_distances
from greenlane.world.network import DESTINATIONS, SERVICES

_DETOUR = 1.25
"""Great-circle distance times this stands in for a pair missing from the file."""
_NO_COORDINATES_NM = 3000.0


def needed_pairs() -> list[tuple[str, str]]:
    """Every two calls of a rotation (a box may be loaded at one and discharged at any later
    one), and every port to every destination."""
    pairs: set[tuple[str, str]] = set()
    ports: set[str] = set()
    for service in SERVICES:
        rot = service.rotation
        ports.update(rot)
        pairs.update((a, b) for i, a in enumerate(rot) for b in rot[i + 1 :] if a != b)
    pairs.update((p, d) for p in ports for d in DESTINATIONS if p != d)
    return sorted(pairs)


def _table() -> dict[tuple[str, str], float]:
    return shipped_distances()


def sea_nm(a: str, b: str, ports: Mapping[str, Port]) -> float:
    """Shipped sea distance, or the great circle with a detour factor where none is shipped."""
    table = _table()
    found = table.get((a, b)) or table.get((b, a))
    if found is not None:
        return found
    return (great_circle_nm(ports[a], ports[b]) or _NO_COORDINATES_NM) * _DETOUR


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
    from greenlane.domain.ports import port_table

    target = Path(__file__).parents[1] / "model" / "data" / SHIPPED_FILE
    print(f"{write_table(target, needed_pairs(), port_table())} pairs written to {target}")
