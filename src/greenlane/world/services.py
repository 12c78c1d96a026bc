"""Liner services with vessels and a weekly timetable, so every shipment on a voyage agrees.

A service leaves its first port once a week. The time of every call is a pure function of the
service and the week (plus a delay drawn from a hash of the two), so two shipments on the same
voyage see the same vessel, voyage number and times without sharing any state.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from greenlane.domain.records import Port
from greenlane.world.distances import sea_nm
from greenlane.world.ids import imo_number, mix64, rng_for
from greenlane.world.network import CARRIERS, HUBS, SERVICES, Carrier, ServiceSpec

HOUR = 3600
DAY = 24 * HOUR
WEEK = 7 * DAY
EPOCH = int(datetime(2000, 1, 3, tzinfo=UTC).timestamp())
"""A Monday; week numbers count from here."""

_VESSEL_WORDS = (
    "AURORA",
    "BEACON",
    "CASCADE",
    "DAWN",
    "EMERALD",
    "FALCON",
    "GALAXY",
    "HARMONY",
    "INFINITY",
    "JADE",
    "KESTREL",
    "LIBERTY",
    "MERIDIAN",
    "NEPTUNE",
    "ORION",
    "PEARL",
    "QUEST",
    "RADIANCE",
    "SAPPHIRE",
    "TRIDENT",
    "UNITY",
    "VALOR",
    "WISDOM",
    "ZENITH",
    "ATLAS",
    "BOREAS",
    "COMET",
    "DELPHI",
    "ECLIPSE",
    "FORTUNE",
    "GLORY",
    "HORIZON",
    "ISLAND",
    "JUPITER",
    "KINGFISHER",
    "LYRA",
    "MONSOON",
    "NOVA",
    "OCEANUS",
    "PHOENIX",
    "RAINBOW",
    "SIRIUS",
    "TEMPEST",
    "VEGA",
    "WAYFARER",
)
_TERMINAL_KINDS = ("Container Terminal", "International Terminal", "Gateway Terminal")


@dataclass(frozen=True, slots=True)
class Vessel:
    name: str
    imo: str
    operator: str


@dataclass(frozen=True, slots=True)
class Service:
    index: int
    spec: ServiceSpec
    carrier: Carrier
    vessels: tuple[Vessel, ...]
    arrive_h: tuple[float, ...]
    """Hours from the departure at the first port to the arrival at each call."""
    depart_h: tuple[float, ...]
    phase: int
    """Seconds into the week of the departure from the first port."""
    terminals: tuple[str, ...]
    """The terminal the service uses at each call."""

    def week_departing(self, pos: int, not_before: int) -> int:
        """The first week whose scheduled departure from call ``pos`` is at or after a time."""
        offset = EPOCH + self.phase + int(self.depart_h[pos] * HOUR)
        return max(0, -(-(not_before - offset) // WEEK))

    def delay(self, week: int, pos: int) -> int:
        """Seconds this voyage runs late at call ``pos``: weather, congestion, slow steaming."""
        h = mix64(self.index, week, 7)
        if pos < h % len(self.spec.rotation):
            return 0
        roll = (h >> 8) % 100
        if roll < 65:
            return int((h >> 16) % 6) * HOUR
        if roll < 93:
            return (6 + int((h >> 16) % 30)) * HOUR
        return (36 + int((h >> 16) % 60)) * HOUR

    def call(self, week: int, pos: int) -> tuple[int, int]:
        """Arrival and departure times (UTC seconds) of the voyage of ``week`` at call ``pos``."""
        start = EPOCH + week * WEEK + self.phase + self.delay(week, pos)
        arrive = start + int(self.arrive_h[pos] * HOUR)
        depart = start + int(self.depart_h[pos] * HOUR)
        return arrive - arrive % 60, depart - depart % 60

    def vessel(self, week: int) -> Vessel:
        return self.vessels[week % len(self.vessels)]

    def voyage(self, week: int) -> str:
        """Voyage number: the vessel's own voyage count and the direction, e.g. ``31E``."""
        n = len(self.vessels)
        return f"{(week // n + 7 * (week % n) + self.index) % 97 + 1}{self.spec.direction}"


def _terminal(port: Port, service_index: int) -> str:
    kind = _TERMINAL_KINDS[mix64(service_index, int.from_bytes(port.unlocode.encode())) % 3]
    return f"{port.name} {kind}"


def build_services(ports: Mapping[str, Port], seed: int) -> tuple[Service, ...]:
    """Timetables from sea distances and speeds; fleets sized so that one vessel sails a week."""
    carriers = {c.scac: c for c in CARRIERS}
    used_imos: set[str] = set()
    used_names: set[str] = set()
    services = []
    for index, spec in enumerate(SERVICES):
        rng = rng_for(seed, 101, index)
        arrive, depart = [], []
        t = 0.0
        for pos, code in enumerate(spec.rotation):
            stay = 26.0 if code in HUBS else 18.0
            if pos == 0:
                arrive.append(-stay)
            else:
                t += sea_nm(spec.rotation[pos - 1], code, ports) / spec.knots
                arrive.append(t)
                t += stay
            depart.append(0.0 if pos == 0 else t)
        round_trip_days = 2 * depart[-1] / 24 + 4
        carrier = carriers[spec.scac]
        vessels = []
        for _ in range(max(1, math.ceil(round_trip_days / 7))):
            while True:
                name = f"{carrier.vessel_prefix} {rng.choice(_VESSEL_WORDS)}"
                imo = imo_number(rng)
                if name not in used_names and imo not in used_imos:
                    break
            used_names.add(name)
            used_imos.add(imo)
            vessels.append(Vessel(name, imo, carrier.scac))
        services.append(
            Service(
                index=index,
                spec=spec,
                carrier=carrier,
                vessels=tuple(vessels),
                arrive_h=tuple(arrive),
                depart_h=tuple(depart),
                phase=rng.randrange(7 * 24) * HOUR,
                terminals=tuple(_terminal(ports[c], index) for c in spec.rotation),
            )
        )
    return tuple(services)
