"""Sea distances: shipped pairs either way round, other pairs computed once."""

from __future__ import annotations

import greenlane.domain.sea as sea
from greenlane.domain.ports import build_port_table
from greenlane.domain.sea import SeaDistances, shipped_distances


def test_shipped_pairs_are_found_in_both_directions(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    computed: list[tuple[str, str]] = []
    monkeypatch.setattr(
        sea, "searoute_nm", lambda a, b: computed.append((a.unlocode, b.unlocode)) or 1.0
    )
    distances = SeaDistances(build_port_table())
    (a, b), nm = next(iter(shipped_distances().items()))
    assert distances.nm(a, b) == nm
    assert distances.nm(b, a) == nm
    assert distances.nm(a, a) == 0.0
    assert computed == []


def test_a_pair_not_shipped_is_computed_once() -> None:
    distances = SeaDistances(build_port_table())
    first = distances.nm("NLRTM", "GBFXT")
    assert first is not None and 100 < first < 400
    assert distances.nm("GBFXT", "NLRTM") == first
    assert distances.nm("NLRTM", "XXNOPE") is None
