"""The frames every visibility stage reads: events, seal readings and declared routes.

Batch visibility works on Polars frames so that millions of events are handled column-wise. The
store (``Database.events_frame`` / ``seal_readings_frame``) and the world's Parquet files both
give these columns; ``events_from_records`` builds them from canonical records for tests and for
one container at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple, Protocol

import polars as pl

from greenlane.frames import conform
from greenlane.model.codes import FilingType
from greenlane.model.records import Event, Filing

TIME = pl.Datetime("us", "UTC")

EVENTS: dict[str, pl.DataType] = {
    "source": pl.String(),
    "event_id": pl.String(),
    "event_type": pl.String(),
    "occurred_at": TIME,
    "container_number": pl.String(),
    "unlocode": pl.String(),
    "facility": pl.String(),
    "vessel_imo": pl.String(),
    "vessel_name": pl.String(),
    "voyage": pl.String(),
    "bill_of_lading": pl.String(),
    "full": pl.Boolean(),
    "transshipment": pl.Boolean(),
}
"""One row per event as a source reported it; (source, event_id) is unique."""

READINGS: dict[str, pl.DataType] = {
    "source": pl.String(),
    "event_id": pl.String(),
    "seal_number": pl.String(),
    "condition": pl.String(),
    "affixed_by": pl.String(),
    "seal_class": pl.String(),
    "electronic": pl.Boolean(),
    "type_code": pl.String(),
}
"""One row per seal read by an event, joined to it by (source, event_id)."""

FLAT_SEALS = {
    "seal_number": "seal_number",
    "seal_condition": "condition",
    "seal_affixed_by": "affixed_by",
    "seal_class": "seal_class",
    "seal_electronic": "electronic",
    "seal_type_code": "type_code",
}
"""Event tables that carry at most one seal per event (the world's Parquet ``events`` table) name
its fields with these columns; ``readings_from_flat`` turns them into READINGS."""


def readings_from_flat(events: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """The seal readings of an events table with one seal per row in FLAT_SEALS columns."""
    return conform(
        events.lazy()
        .filter(pl.col("seal_number").is_not_null())
        .select("source", "event_id", *(pl.col(c).alias(n) for c, n in FLAT_SEALS.items())),
        READINGS,
    )


DECLARED: dict[str, pl.DataType] = {
    "bill_of_lading": pl.String(),
    "declared_in": pl.String(),
    "place_of_receipt": pl.String(),
    "port_of_loading": pl.String(),
    "transshipment_ports": pl.List(pl.String()),
    "port_of_discharge": pl.String(),
    "place_of_delivery": pl.String(),
    "origin_countries": pl.List(pl.String()),
}
"""The route a bill's latest cargo declaration states, and the goods' declared origins."""

FINDINGS: dict[str, pl.DataType] = {
    "trip_id": pl.String(),
    "container_number": pl.String(),
    "bill_of_lading": pl.String(),
    "kind": pl.String(),
    "severity": pl.String(),
    "occurred_at": TIME,
    "unlocode": pl.String(),
    "message": pl.String(),
    "evidence": pl.List(pl.String()),
}
"""Every visibility finding: what, where, when, a sentence for officers, and the events that
prove it (as ``source:event_id``)."""


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def events_from_records(events: Iterable[Event]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The events and seal readings frames of canonical records."""
    rows: list[tuple[object, ...]] = []
    readings: list[tuple[object, ...]] = []
    for e in events:
        rows.append(
            (
                e.source,
                e.event_id,
                e.event_type.value,
                e.occurred_at,
                e.container_number,
                e.unlocode,
                e.facility,
                e.vessel_imo,
                e.vessel_name,
                e.voyage,
                e.bill_of_lading,
                e.full,
                e.transshipment,
            )
        )
        readings.extend(
            (
                e.source,
                e.event_id,
                s.number,
                s.condition.value,
                s.affixed_by.value if s.affixed_by else None,
                s.seal_class.value if s.seal_class else None,
                s.electronic,
                s.type_code,
            )
            for s in e.seals
        )
    return (
        pl.DataFrame(rows, schema=EVENTS, orient="row"),
        pl.DataFrame(readings, schema=READINGS, orient="row"),
    )


class DeclaredRow(NamedTuple):
    """What a filing declares of its bill's route, as ``declared_routes`` reads it."""

    master_bill: str
    bill_of_lading: str
    cargo_declaration: bool
    version: int
    filed_at: datetime
    declared_in: str
    place_of_receipt: str | None
    port_of_loading: str | None
    transshipment_ports: Sequence[str]
    port_of_discharge: str | None
    place_of_delivery: str | None
    origins: Iterable[str]


def declared_from_filings(filings: Sequence[Filing]) -> pl.DataFrame:
    """``declared_routes`` of filings as records."""
    return declared_routes(
        DeclaredRow(
            f.master_bill,
            f.bill_of_lading,
            f.filing_type is FilingType.CARGO_DECLARATION,
            f.version,
            f.filed_at,
            f"{f.filing_type.value} {f.reference} v{f.version}",
            f.route.place_of_receipt,
            f.route.port_of_loading,
            f.route.transshipment_ports,
            f.route.port_of_discharge,
            f.route.place_of_delivery,
            [g.origin_country for g in f.goods if g.origin_country],
        )
        for f in filings
    )


def declared_from_store(db: DeclaredSource, bills: Sequence[str] | None = None) -> pl.DataFrame:
    """``declared_routes`` of the stored filings on the bills (every filing when None)."""
    return declared_routes(map(DeclaredRow._make, db.declared_rows(bills)))


class DeclaredSource(Protocol):
    def declared_rows(self, bills: Sequence[str] | None = None) -> list[tuple[Any, ...]]: ...


def declared_routes(filings: Iterable[DeclaredRow]) -> pl.DataFrame:
    """One row per bill: the route of its latest cargo declaration (else its latest filing), and
    the origins its goods are declared with in any filing (the entry names them, manifests
    rarely do). Filings oldest first; of two that rank alike the first counts."""
    latest: dict[str, DeclaredRow] = {}
    origins: dict[str, set[str]] = {}
    for f in filings:
        for bill in {f.master_bill, f.bill_of_lading}:
            have = latest.get(bill)
            if have is None or _rank(f) > _rank(have):
                latest[bill] = f
            origins.setdefault(bill, set()).update(f.origins)
    rows = [
        (
            bill,
            f.declared_in,
            f.place_of_receipt,
            f.port_of_loading,
            list(f.transshipment_ports),
            f.port_of_discharge,
            f.place_of_delivery,
            sorted(origins[bill]),
        )
        for bill, f in sorted(latest.items())
    ]
    return pl.DataFrame(rows, schema=DECLARED, orient="row")


def _rank(f: DeclaredRow) -> tuple[bool, int, datetime]:
    return (f.cargo_declaration, f.version, f.filed_at)
