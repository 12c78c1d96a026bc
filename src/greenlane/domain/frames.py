"""The frame contract: the Polars frames every stage reads, whichever source gives them.

A source is the database (``greenlane.store.frames.StoreFrames``, one query per frame) or a
folder of Parquet files named after the frames (``greenlane.store.parquet.ParquetFrames``; the
generated world's ``world parquet`` command writes one). Both give each frame in exactly the
columns and types below, so that the case files, the learned-targeting declarations, the
programs, the goods checks and entity resolution come out the same from either.

Filings are named by ``filing``, ``"<filing_type> <reference> v<version>"``, the label goods
findings and screening hits carry. Identifiers are ``scheme:value`` strings; ``identifier`` is
the value of a party's first one, the key the case files and the goods checks name it by.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import polars as pl

from greenlane.domain.records import Port, TrustedTraderMembership

TIME = pl.Datetime("us", "UTC")


def conform(
    frame: pl.DataFrame | pl.LazyFrame, schema: Mapping[str, pl.DataType], *, keep: bool = False
) -> pl.LazyFrame:
    """The schema's columns in its order and types, missing ones as nulls; with ``keep``, the
    frame's other columns after them."""
    lazy = frame.lazy()
    have = lazy.collect_schema().names()
    columns = [
        (pl.col(name) if name in have else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in schema.items()
    ]
    rest = [pl.col(name) for name in have if name not in schema] if keep else []
    return lazy.select(*columns, *rest)


def conformed(
    frame: pl.DataFrame | pl.LazyFrame, schema: Mapping[str, pl.DataType], *, keep: bool = False
) -> pl.DataFrame:
    """``conform``, collected."""
    return conform(frame, schema, keep=keep).collect()


def filing_label(
    filing_type: str = "filing_type", reference: str = "reference", version: str = "version"
) -> pl.Expr:
    """``"<filing_type> <reference> v<version>"``: how findings and hits name a filing."""
    return pl.format("{} {} v{}", pl.col(filing_type), pl.col(reference), pl.col(version))


FILING_KEY = ("master_bill", "filing_type", "reference", "version")
"""What joins a party or a goods line to its filing."""

SHIPMENTS: dict[str, pl.DataType] = {"master_bill": pl.String()}
"""One row per master bill the source holds."""

FILINGS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "house_bill": pl.String(),
    "filing_type": pl.String(),
    "reference": pl.String(),
    "version": pl.Int32(),
    "filing": pl.String(),
    "filed_at": TIME,
    "filer": pl.String(),
    "carrier_scac": pl.String(),
    "vessel_imo": pl.String(),
    "vessel_name": pl.String(),
    "voyage": pl.String(),
    "place_of_receipt": pl.String(),
    "port_of_loading": pl.String(),
    "transshipment_ports": pl.List(pl.String()),
    "port_of_discharge": pl.String(),
    "place_of_delivery": pl.String(),
    "estimated_departure": TIME,
    "estimated_arrival": TIME,
}
"""Every version of every filing; ``house_bill`` is null when there is none."""

PARTIES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "filing_type": pl.String(),
    "reference": pl.String(),
    "version": pl.Int32(),
    "filing": pl.String(),
    "filed_at": TIME,
    # Where the party stands among its filing's parties, from 0.
    "position": pl.Int32(),
    "role": pl.String(),
    "name": pl.String(),
    "address": pl.String(),
    "country": pl.String(),
    "identifiers": pl.List(pl.String()),
    "identifier": pl.String(),
}
"""One row per party a filing names, in its filing's order."""

GOODS_LINES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "filing": pl.String(),
    "filing_type": pl.String(),
    "reference": pl.String(),
    "version": pl.Int32(),
    "filed_at": TIME,
    "line_number": pl.Int32(),
    "description": pl.String(),
    "hs_code": pl.String(),
    "packages": pl.Int32(),
    "package_type": pl.String(),
    "gross_mass_kg": pl.Float64(),
    "net_mass_kg": pl.Float64(),
    "value": pl.Float64(),
    "currency": pl.String(),
    "origin_country": pl.String(),
    "container_number": pl.String(),
    "seller": pl.String(),
    "seller_country": pl.String(),
    "manufacturer_country": pl.String(),
}
"""A goods line of a filing with what the goods checks need beside it: when it was filed, and the
filing's seller (its first identifier, else its name) and the seller's and manufacturer's
countries (``with_sellers``)."""

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

SEAL_READINGS: dict[str, pl.DataType] = {
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

INSPECTIONS: dict[str, pl.DataType] = {
    "inspection_id": pl.String(),
    "bill_of_lading": pl.String(),
    "inspected_at": TIME,
    "kind": pl.String(),
    "outcome": pl.String(),
    "container_number": pl.String(),
    "unlocode": pl.String(),
    "finding": pl.String(),
}
"""Every inspection result: the outcomes the indicators and the model learn from."""

LABELS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "scenario": pl.String(),
    "detail": pl.String(),
}
"""Known truths about shipments (a generated world's planted threats), one row per label."""

GOODS_FINDINGS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "filing": pl.String(),
    "line_number": pl.Int32(),
    "code": pl.String(),
    "message": pl.String(),
    "duty_at_risk": pl.Float64(),
    "currency": pl.String(),
}
"""The goods findings of the last assessment of each shipment."""

SCREENING_HITS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "role": pl.String(),
    "party_name": pl.String(),
    "entry_key": pl.String(),
    "matched_name": pl.String(),
    "score": pl.Float64(),
}
"""The watch-list hits of the last screening of each shipment."""

ENTITIES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "role": pl.String(),
    "name": pl.String(),
    "entity_id": pl.String(),
}
"""Which resolved entity each party of each shipment belongs to."""

RECOGNITIONS: dict[str, pl.DataType] = {
    "program": pl.String(),
    "jurisdiction": pl.String(),
    "partner_program": pl.String(),
    "partner_jurisdiction": pl.String(),
    "signed_on": pl.Date(),
    "in_force_from": pl.Date(),
    "in_force_until": pl.Date(),
    "note": pl.String(),
}
"""Mutual recognition arrangements between trusted-trader programs, as loaded."""

CONTRACT: dict[str, dict[str, pl.DataType]] = {
    "shipments": SHIPMENTS,
    "filings": FILINGS,
    "parties": PARTIES,
    "goods_lines": GOODS_LINES,
    "events": EVENTS,
    "seal_readings": SEAL_READINGS,
    "inspections": INSPECTIONS,
    "labels": LABELS,
    "goods_findings": GOODS_FINDINGS,
    "screening_hits": SCREENING_HITS,
    "entities": ENTITIES,
    "recognitions": RECOGNITIONS,
}
"""Every frame of the contract by name: a Parquet source holds ``<name>*.parquet`` files."""

REQUIRED = ("shipments", "filings", "parties", "goods_lines", "events", "inspections")
"""The frames a Parquet source must have; the others are empty where absent."""


class FrameSource(Protocol):
    """Where the stages read from: each frame in its contract schema, every row of it."""

    def shipments(self) -> pl.DataFrame: ...
    def filings(self) -> pl.DataFrame: ...
    def parties(self) -> pl.DataFrame: ...
    def goods_lines(self) -> pl.DataFrame: ...
    def events(self) -> pl.DataFrame: ...
    def seal_readings(self) -> pl.DataFrame: ...
    def inspections(self) -> pl.DataFrame: ...
    def labels(self) -> pl.DataFrame: ...
    def goods_findings(self) -> pl.DataFrame: ...
    def screening_hits(self) -> pl.DataFrame: ...
    def entities(self) -> pl.DataFrame: ...
    def recognitions(self) -> pl.DataFrame: ...
    def memberships(self) -> Sequence[TrustedTraderMembership]: ...
    def ports(self) -> Sequence[Port]: ...


def first_identifier(identifiers: str = "identifiers") -> pl.Expr:
    """The value of the first ``scheme:value`` identifier of a list column."""
    return pl.col(identifiers).list.first().str.splitn(":", 2).struct.field("field_1")


def with_sellers(lines: pl.DataFrame, parties: pl.DataFrame) -> pl.DataFrame:
    """Goods lines (GOODS_LINES but the seller columns) with their filing's first seller (its
    first identifier, else its name) and the countries of that seller and of the first
    manufacturer."""
    key = list(FILING_KEY)
    ordered = parties.sort([*key, "position"])
    seller = (
        ordered.filter(pl.col("role") == "seller")
        .group_by(key, maintain_order=True)
        .agg(
            seller=pl.coalesce("identifier", "name").first(),
            seller_country=pl.col("country").first(),
        )
    )
    maker = (
        ordered.filter(pl.col("role") == "manufacturer")
        .group_by(key, maintain_order=True)
        .agg(manufacturer_country=pl.col("country").first())
    )
    bare = lines.drop("seller", "seller_country", "manufacturer_country", strict=False)
    joined = bare.join(seller, on=key, how="left").join(maker, on=key, how="left")
    return conformed(joined, GOODS_LINES)
