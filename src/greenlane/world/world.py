"""The world: a configuration, its catalog, and a stream of shipments.

Shipment ``i`` is a pure function of (seed, i): it draws from its own random stream seeded by a
hash of the two, and reads only the catalog, which is itself a function of the seed. So the
stream is the same however it is cut, and ranges of indices can go to different processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from greenlane.domain.records import Party, Port, TrustedTraderMembership
from greenlane.errors import ConfigurationError
from greenlane.world.catalog import Catalog, build_catalog
from greenlane.world.noise import ReportingNoise
from greenlane.world.seed_case import seed_shipment
from greenlane.world.shipments import WorldShipment, generate


@dataclass(frozen=True, slots=True)
class WorldConfig:
    seed: int = 2002
    shipments: int = 2000
    """Shipments in the world, the seed case included when it is."""
    threat_rate: float = 0.05
    """Share of generated shipments that carry a planted threat."""
    start: date = date(2026, 1, 5)
    """First day cargo can be ready; the seed case keeps its own dates in 2002."""
    days: int = 90
    """Days over which cargo becomes ready."""
    include_seed_case: bool = True
    """Shipment 0 is the seed case (container PLU775132)."""
    noise: ReportingNoise = field(default_factory=ReportingNoise)
    """Imperfect reporting on every generated shipment, clean or not: second reports of terminal
    moves, missing events, missing seal readings (see ``ReportingNoise`` for each share and its
    default). ``NO_NOISE`` reports every event once with its seal. The seed case has none."""

    def __post_init__(self) -> None:
        if self.shipments < 0:
            raise ConfigurationError("a world cannot have a negative number of shipments")
        if not 0.0 <= self.threat_rate <= 1.0:
            raise ConfigurationError(
                f"threat rate {self.threat_rate} is not a share", expected="0 to 1"
            )
        if self.days < 1:
            raise ConfigurationError("a world needs at least one day", expected="days >= 1")


class World:
    """A generated world. Building one is cheap; shipments are made only when iterated."""

    def __init__(self, config: WorldConfig, catalog: Catalog) -> None:
        self.config = config
        self.catalog = catalog

    @cached_property
    def ports(self) -> tuple[Port, ...]:
        return self.catalog.used_ports()

    @property
    def memberships(self) -> tuple[TrustedTraderMembership, ...]:
        return self.catalog.memberships

    @property
    def watchlist(self) -> tuple[Party, ...]:
        return self.catalog.watchlist

    def __len__(self) -> int:
        return self.config.shipments

    def shipment(self, index: int) -> WorldShipment:
        c = self.config
        if index == 0 and c.include_seed_case:
            return seed_shipment()
        return generate(self.catalog, c.seed, index, c.start, c.days, c.threat_rate, c.noise)

    def shipments(self, start: int = 0, stop: int | None = None) -> Iterator[WorldShipment]:
        """Shipments ``start`` to ``stop`` (default: all), one at a time, never all in memory."""
        end = self.config.shipments if stop is None else min(stop, self.config.shipments)
        for index in range(max(0, start), end):
            yield self.shipment(index)


def build_world(config: WorldConfig | None = None) -> World:
    """The catalog of ports, carriers, services, vessels, companies, memberships, watch list."""
    config = config or WorldConfig()
    return World(config, build_catalog(config.seed, config.start))
