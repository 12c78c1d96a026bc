"""Everyone in a shipment's chain: the parties by role, missing ones, entities and list hits."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from greenlane.errors import NotFoundError
from greenlane.parties.regimes import role_findings
from greenlane.parties.roles import shipment_parties, shipment_roles
from greenlane.store import Database
from greenlane.store.entities import entities_for_bill, records_of_entity
from greenlane.store.screening import StoredHit, hits_for_bill


@dataclass(frozen=True, slots=True)
class ShipmentParties:
    bill: str
    by_role: pl.DataFrame
    """One row per role: role, the names as written, the filings naming them."""
    findings: pl.DataFrame
    """Missing or placeholder parties by filing and regime."""
    hits: list[StoredHit]
    """Watch-list hits of the last screening."""
    entities: list[tuple[str, str, str]]
    """(role, name as written, entity id) from the last entity resolution."""


def parties_of(db: Database, bill: str) -> ShipmentParties:
    """The parties of every filing of a shipment (master or house bill)."""
    key = bill.strip()
    filings = db.filings_for_bill(key)
    if not filings:
        raise NotFoundError(f"no filing for bill {key!r}")
    masters = sorted({f.master_bill for f in filings})
    return ShipmentParties(
        bill=key,
        by_role=shipment_parties(shipment_roles(filings)),
        findings=role_findings(filings),
        hits=[h for master in masters for h in hits_for_bill(db, master)],
        entities=[e for master in masters for e in entities_for_bill(db, master)],
    )


def entity_records(db: Database, entity_id: str) -> list[tuple[str, str, str]]:
    """Every party record of an entity: (shipment, role, name as written)."""
    found = records_of_entity(db, entity_id.strip())
    if not found:
        raise NotFoundError(
            f"no entity {entity_id.strip()!r}",
            expected="an entity id that greenlane entities resolve listed",
        )
    return found
