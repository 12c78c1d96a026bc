"""Batch entity resolution over every party stored in the filings, and its result stored."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from greenlane.parties.resolution import resolve
from greenlane.parties.roles import party_records, shipment_roles
from greenlane.store.entities import replace_entities
from greenlane.store.repository import Database
from greenlane.store.screening import all_bills


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
    bills = all_bills(db)
    filings = {
        (f.filing_type, f.reference, f.version): f for b in bills for f in db.filings_for_bill(b)
    }
    records = party_records(shipment_roles(filings.values()))
    if records.is_empty():
        return ResolveReport(len(bills), 0, 0, 0, round(time.perf_counter() - started, 2))
    found = resolve(records)
    assigned = records.select("record_key", "master_bill", "role", "name").join(
        found.records.select("record_key", "entity_id"), on="record_key"
    )
    replace_entities(db, assigned, datetime.now(UTC))
    merged = found.links.filter(found.links["outcome"] == "merged").height
    return ResolveReport(
        shipments=len(bills),
        records=assigned.height,
        entities=assigned["entity_id"].n_unique(),
        merged_links=merged,
        seconds=round(time.perf_counter() - started, 2),
    )
