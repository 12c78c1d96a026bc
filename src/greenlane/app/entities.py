"""Entity resolution: the same company across filings becomes one entity."""

from __future__ import annotations

from dataclasses import dataclass

from greenlane.errors import NotFoundError
from greenlane.parties.resolve_stored import ResolveReport, resolve_stored_parties
from greenlane.store import Database
from greenlane.store.entities import widest_entities


@dataclass(frozen=True, slots=True)
class WideEntity:
    entity_id: str
    shipments: int
    names: int
    """Distinct names as written."""
    example_name: str


@dataclass(frozen=True, slots=True)
class Resolution:
    report: ResolveReport
    widest: list[WideEntity]
    """The entities spanning the most shipments, to look at with ``entity_records``."""


def resolve_entities(db: Database, *, show: int = 5) -> Resolution:
    """Resolve every party of every stored filing into entities and store which entity each
    party record belongs to. NotFoundError when no filing is stored."""
    report = resolve_stored_parties(db)
    if report.shipments == 0:
        raise NotFoundError(
            "no filings are stored to resolve", expected="filings ingested first (greenlane ingest)"
        )
    return Resolution(report, [WideEntity(*row) for row in widest_entities(db, show)])
