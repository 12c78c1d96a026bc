"""Batch entity resolution over every party stored in the filings (the filings and parties
frames, read once), and its result stored."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from greenlane.parties.resolution import resolve
from greenlane.parties.roles import party_records, roles_frame
from greenlane.store.entities import replace_entities
from greenlane.store.frames import StoreFrames
from greenlane.store.repository import Database


@dataclass(frozen=True, slots=True)
class ResolveReport:
    shipments: int
    records: int
    entities: int
    merged_links: int
    seconds: float


def resolve_stored_parties(db: Database) -> ResolveReport:
    """Resolve the parties of every filing in the store; their entities replace the stored ones."""
    started = time.perf_counter()
    frames = StoreFrames(db)
    bills = frames.shipments().height
    records = party_records(roles_frame(frames.filings(), frames.parties().drop("filed_at")))
    if records.is_empty():
        return ResolveReport(bills, 0, 0, 0, round(time.perf_counter() - started, 2))
    found = resolve(records)
    assigned = records.select("record_key", "master_bill", "role", "name").join(
        found.records.select("record_key", "entity_id"), on="record_key"
    )
    replace_entities(db, assigned, datetime.now(UTC))
    merged = found.links.filter(found.links["outcome"] == "merged").height
    return ResolveReport(
        shipments=bills,
        records=assigned.height,
        entities=assigned["entity_id"].n_unique(),
        merged_links=merged,
        seconds=round(time.perf_counter() - started, 2),
    )
