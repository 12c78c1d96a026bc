"""The frames every visibility stage reads: events, seal readings and declared routes.

Batch visibility works on Polars frames so that millions of events are handled column-wise. Events
and seal readings are frames of the contract (``greenlane.domain.frames``: EVENTS,
SEAL_READINGS), which the store and a Parquet frame source both give; ``events_from_records``
builds them from canonical records for tests and for one container at a time, and the declared
routes come from records (``declared_from_filings``) or from the filing frames
(``declared_from_frames``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

import polars as pl

from greenlane.domain.codes import FilingType
from greenlane.domain.frames import EVENTS, SEAL_READINGS, conform, conformed
from greenlane.domain.records import Event, Filing

TIME = pl.Datetime("us", "UTC")

READINGS = SEAL_READINGS
"""One row per seal read by an event, joined to it by (source, event_id)
(``greenlane.domain.frames``)."""

FLAT_SEALS = {
    "seal_number": "seal_number",
    "seal_condition": "condition",
    "seal_affixed_by": "affixed_by",
    "seal_class": "seal_class",
    "seal_electronic": "electronic",
    "seal_type_code": "type_code",
}
"""Event tables that carry at most one seal per event (the generated world's event rows) name
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


def declared_from_frames(
    filings: pl.DataFrame, goods_lines: pl.DataFrame, bills: Sequence[str] | None = None
) -> pl.DataFrame:
    """``declared_routes`` of the filings of a frame source (``greenlane.domain.frames``: FILINGS
    and GOODS_LINES, oldest first) on the bills, master or house (every filing when None)."""
    if bills is not None:
        wanted = list(set(bills))
        filings = filings.filter(
            pl.col("master_bill").is_in(wanted) | pl.col("house_bill").is_in(wanted)
        )
    f = filings.with_row_index("_order")
    by_bill = (
        pl.concat(
            [
                f.with_columns(bill_of_lading=pl.col("master_bill")),
                f.with_columns(bill_of_lading=pl.coalesce("house_bill", "master_bill")),
            ]
        )
        .unique(["bill_of_lading", "_order"], keep="first")
        .with_columns(cargo=pl.col("filing_type") == "cargo_declaration")
    )
    # The best rank wins; of two that rank alike, the older filing.
    latest = by_bill.sort(
        "cargo", "version", "filed_at", "_order", descending=[True, True, True, False]
    ).unique("bill_of_lading", keep="first")
    key = ["master_bill", "filing_type", "reference", "version"]
    declared_origins = (
        goods_lines.filter(
            pl.col("origin_country").is_not_null() & (pl.col("origin_country") != "")
        )
        .select(*key, "origin_country")
        .join(by_bill.select(*key, "bill_of_lading"), on=key)
        .group_by("bill_of_lading")
        .agg(origin_countries=pl.col("origin_country").unique().sort())
    )
    frame = latest.join(declared_origins, on="bill_of_lading", how="left").select(
        "bill_of_lading",
        declared_in="filing",
        place_of_receipt="place_of_receipt",
        port_of_loading="port_of_loading",
        transshipment_ports="transshipment_ports",
        port_of_discharge="port_of_discharge",
        place_of_delivery="place_of_delivery",
        origin_countries=pl.col("origin_countries").fill_null(pl.lit([], pl.List(pl.String()))),
    )
    return conformed(frame, DECLARED).sort("bill_of_lading")


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
