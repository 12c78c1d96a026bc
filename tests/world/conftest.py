"""One small world per test session: generating it once keeps the world tests to seconds."""

from __future__ import annotations

from datetime import date

import pytest

from greenlane.world import World, WorldConfig, WorldShipment, build_world

SMALL = WorldConfig(seed=2002, shipments=4000, threat_rate=0.05, start=date(2026, 1, 5), days=90)


@pytest.fixture(scope="session")
def small() -> WorldConfig:
    return SMALL


@pytest.fixture(scope="session")
def world() -> World:
    return build_world(SMALL)


@pytest.fixture(scope="session")
def shipments(world: World) -> list[WorldShipment]:
    return list(world.shipments())
