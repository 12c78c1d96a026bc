"""greenlane.world: a deterministic, seeded world of trade with labelled threats.

``build_world(WorldConfig(...))`` builds the catalog (ports, carriers, services, vessels,
companies, goods, trusted-trader memberships, a watch list); ``world.shipments()`` streams
shipments with their filings, events, inspections and threat labels, their events reported as
imperfectly as real feeds are (``ReportingNoise``; ``NO_NOISE`` for none); ``write_parquet``
streams them to Parquet files.
"""

from greenlane.world.draft import ThreatLabel
from greenlane.world.noise import NO_NOISE, ReportingNoise
from greenlane.world.parquet import write_parquet
from greenlane.world.scenarios import ThreatScenario
from greenlane.world.seed_case import SEED_BILL, SEED_CONTAINER
from greenlane.world.shipments import WorldShipment
from greenlane.world.world import World, WorldConfig, build_world

__all__ = [
    "NO_NOISE",
    "SEED_BILL",
    "SEED_CONTAINER",
    "ReportingNoise",
    "ThreatLabel",
    "ThreatScenario",
    "World",
    "WorldConfig",
    "WorldShipment",
    "build_world",
    "write_parquet",
]
