"""Routes from an origin port to a port of discharge over the services, direct or via a hub.

A normal route is direct or changes vessel once at a hub and is at most 30% longer than the
best alternative. An irrational route (a threat scenario) changes vessel at one or two hubs and is
at least 60% longer than needed: the kind of routing that makes no commercial sense.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from greenlane.domain.records import Port
from greenlane.world.distances import sea_nm
from greenlane.world.network import DESTINATIONS, HUBS
from greenlane.world.services import Service

NORMAL_STRETCH = 1.3
IRRATIONAL_STRETCH = 1.6


@dataclass(frozen=True, slots=True)
class Leg:
    service: int
    load: int
    """Position of the port of loading in the service's rotation."""
    discharge: int


@dataclass(frozen=True, slots=True)
class Route:
    legs: tuple[Leg, ...]
    ports: tuple[str, ...]
    """Origin, each hub, destination."""
    nm: float

    @property
    def hubs(self) -> tuple[str, ...]:
        return self.ports[1:-1]


@dataclass(frozen=True, slots=True)
class Lanes:
    normal: Mapping[tuple[str, str], tuple[Route, ...]]
    irrational: Mapping[tuple[str, str], tuple[Route, ...]]
    best_nm: Mapping[tuple[str, str], float]


def build_lanes(services: tuple[Service, ...], ports: Mapping[str, Port]) -> Lanes:
    # Every (load, discharge) pair a service offers, with its sailed distance.
    hop: dict[tuple[str, str], float] = {}
    edges: dict[str, list[tuple[str, Leg, float]]] = defaultdict(list)
    for s in services:
        rot = s.spec.rotation
        for i in range(len(rot)):
            nm = 0.0
            for j in range(i + 1, len(rot)):
                pair = (rot[j - 1], rot[j])
                if pair not in hop:
                    hop[pair] = sea_nm(*pair, ports)
                nm += hop[pair]
                edges[rot[i]].append((rot[j], Leg(s.index, i, j), nm))

    def calls(leg: Leg) -> tuple[str, ...]:
        return services[leg.service].spec.rotation[leg.load : leg.discharge + 1]

    def onward(leg: Leg) -> tuple[str, ...]:
        return services[leg.service].spec.rotation[leg.discharge + 1 :]

    normal: dict[tuple[str, str], list[Route]] = defaultdict(list)
    paths: dict[tuple[str, str], list[Route]] = defaultdict(list)
    for origin in list(edges):
        if origin in DESTINATIONS and origin not in HUBS:
            continue
        for a, leg1, nm1 in edges[origin]:
            if a in DESTINATIONS:
                paths[origin, a].append(Route((leg1,), (origin, a), nm1))
            if a not in HUBS:
                continue
            for b, leg2, nm2 in edges[a]:
                if leg2.service == leg1.service or origin in calls(leg2):
                    continue
                if b in DESTINATIONS:
                    paths[origin, b].append(Route((leg1, leg2), (origin, a, b), nm1 + nm2))
                if b not in HUBS:
                    continue
                for c, leg3, nm3 in edges[b]:
                    if (
                        c in DESTINATIONS
                        and leg3.service not in (leg1.service, leg2.service)
                        and not {origin, a} & set(calls(leg3))
                    ):
                        paths[origin, c].append(
                            Route((leg1, leg2, leg3), (origin, a, b, c), nm1 + nm2 + nm3)
                        )

    irrational: dict[tuple[str, str], list[Route]] = {}
    best: dict[tuple[str, str], float] = {}
    for key, routes in paths.items():
        origin, dest = key
        short = [r for r in routes if len(r.legs) <= 2]
        if not short:
            continue
        floor = min(min(r.nm for r in short), sea_nm(origin, dest, ports))
        best[key] = floor
        # A carrier does not tranship a box its own vessel would have carried on to the port.
        normal[key] = [
            r
            for r in short
            if r.nm <= NORMAL_STRETCH * floor
            and (len(r.legs) == 1 or dest not in onward(r.legs[0]))
        ]
        odd = sorted(
            (r for r in routes if len(r.legs) >= 2 and r.nm >= IRRATIONAL_STRETCH * floor),
            key=lambda r: (r.nm, r.ports),
        )
        if odd:
            irrational[key] = odd[:8]
    return Lanes(
        normal={k: tuple(v) for k, v in normal.items() if v},
        irrational={k: tuple(v) for k, v in irrational.items()},
        best_nm=best,
    )
