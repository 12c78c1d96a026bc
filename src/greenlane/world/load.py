"""Load a generated world into the store, in batches, each batch one transaction."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from greenlane.store import Database
    from greenlane.world import World, WorldShipment


LABEL_SOURCE = "world"
"""The source of the labels a generated world stores: its planted threats."""


def threat_labels(ws: WorldShipment) -> list[tuple[str, str]]:
    """The shipment's planted threats as (label, detail): the scenario names the label."""
    return [(t.scenario.value, t.detail) for t in ws.threats]


@dataclass
class LoadSummary:
    shipments: int = 0
    filings: int = 0
    events: int = 0
    inspections: int = 0
    new_filings: int = 0
    new_events: int = 0
    threats: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def batches(items: Iterable[WorldShipment], size: int) -> Iterator[list[WorldShipment]]:
    """The shipments ``size`` at a time."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def load_world(
    db: Database,
    world: World,
    *,
    batch_size: int = 250,
    on_progress: Callable[[int], None] | None = None,
) -> LoadSummary:
    """Store the world's reference data, then its shipments; loading twice stores nothing new."""
    started = time.perf_counter()
    summary = LoadSummary()
    with db.transaction() as tx:
        tx.add_ports(world.ports)
        tx.add_memberships(world.memberships)
    for batch in batches(world.shipments(), batch_size):
        filings = [f for ws in batch for f in ws.filings]
        events = [e for ws in batch for e in ws.events]
        inspections = [i for ws in batch for i in ws.inspections]
        with db.transaction() as tx:
            summary.new_filings += tx.add_filings(filings)
            summary.new_events += tx.add_events(events)
            tx.add_inspections(inspections)
            for ws in batch:
                if ws.threats:
                    tx.add_labels(ws.master_bill, threat_labels(ws), source=LABEL_SOURCE)
        summary.shipments += len(batch)
        summary.filings += len(filings)
        summary.events += len(events)
        summary.inspections += len(inspections)
        summary.threats.update(t.scenario.value for ws in batch for t in ws.threats)
        if on_progress:
            on_progress(len(batch))
    summary.seconds = time.perf_counter() - started
    return summary


def load_reference(db: Database, world: World) -> Counter[str]:
    """Store what does not arrive as messages: the world's ports, and its planted threats (the
    ground truth later stages are measured against). The shipments threatened, by scenario."""
    threats: Counter[str] = Counter()
    with db.transaction() as tx:
        tx.add_ports(world.ports)
        for ws in world.shipments():
            if ws.threats:
                tx.add_labels(ws.master_bill, threat_labels(ws), source=LABEL_SOURCE)
                threats.update(t.scenario.value for t in ws.threats)
    return threats
