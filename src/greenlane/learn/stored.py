"""Adapter for the database: the stored shipments as canonical declarations, for scoring.

The model is trained on the world's Parquet (``greenlane.learn.world``); the shipments an
analyst assesses are in the database. This builds the same tables from the stored filings,
parties, goods lines and inspection results, in the shapes of the world's Parquet, and turns
them into declarations with the same ``declarations``: a test checks that a world loaded into
the store and the same world written as Parquet give the same frame, so a model scores a stored
shipment as it would have scored it in training.
"""

from __future__ import annotations

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.learn.world import Labels, declarations
from greenlane.store import schema as t
from greenlane.store.goods import goods_lines
from greenlane.store.repository import Database
from greenlane.store.screening import shipment_parties

TIME = pl.Datetime("us", "UTC")
_OUTCOMES = ("no_finding", "discrepancy", "seizure")
"""Inspection outcomes from the least to the most serious: a shipment counts its worst."""

_FILINGS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "house_bill": pl.String(),
    "filing_type": pl.String(),
    "reference": pl.String(),
    "version": pl.Int32(),
    "filed_at": TIME,
    "carrier_scac": pl.String(),
    "port_of_loading": pl.String(),
    "port_of_discharge": pl.String(),
}


def from_store(
    db: Database, labels: Labels = "inspections", indicators: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Every stored shipment as a canonical declaration, labelled by ``labels``."""
    filings = db._read(_filings)
    parties = shipment_parties(db).select(
        "master_bill",
        "filing",
        "role",
        "name",
        "country",
        identifier=pl.col("identifiers").list.first().str.splitn(":", 2).struct.field("field_1"),
    )
    lines = goods_lines(db)
    goods = lines.join(_versions(filings), on="filing", how="left")
    return declarations(
        _shipments(db, filings, parties, lines),
        filings.select("master_bill", "filed_at"),
        parties.select("master_bill", "role", "name", "identifier"),
        goods,
        labels,
        indicators,
    )


def _filings(conn: Connection) -> pl.DataFrame:
    f, s = t.filings, t.shipments
    stmt = (
        sa.select(
            s.c.master_bill,
            s.c.house_bill,
            f.c.filing_type,
            f.c.reference,
            f.c.version,
            f.c.filed_at,
            f.c.carrier_scac,
            f.c.port_of_loading,
            f.c.port_of_discharge,
        )
        .select_from(f.join(s))
        .order_by(s.c.master_bill, f.c.filed_at, f.c.id)
    )
    frame = pl.read_database(stmt, conn, schema_overrides=_FILINGS)
    assert isinstance(frame, pl.DataFrame)
    return frame.with_columns(
        house_bill=pl.col("house_bill").replace("", None),
        filing=pl.format("{} {} v{}", "filing_type", "reference", "version"),
    )


def _versions(filings: pl.DataFrame) -> pl.DataFrame:
    """The version of each filing, by the label goods lines carry."""
    return filings.select("filing", "version").unique("filing")


def _shipments(
    db: Database, filings: pl.DataFrame, parties: pl.DataFrame, lines: pl.DataFrame
) -> pl.DataFrame:
    """Per master bill what the world's shipments table says: the manifest's carrier, ports,
    consignee and shipper country, the last entry's value, the worst inspection outcome and
    the planted threats (a generated world's ground truth, where the store holds one)."""
    manifests = (
        filings.filter(pl.col("filing_type") == "cargo_declaration")
        .sort(pl.col("house_bill").is_not_null(), "version", descending=True, maintain_order=True)
        .unique("master_bill", keep="first", maintain_order=True)
    )
    on_manifest = parties.join(manifests.select("filing"), on="filing")
    consignee = (
        on_manifest.filter(pl.col("role") == "consignee")
        .unique("master_bill", keep="first", maintain_order=True)
        .select("master_bill", importer="name")
    )
    shipper = (
        on_manifest.filter(pl.col("role") == "shipper")
        .unique("master_bill", keep="first", maintain_order=True)
        .select("master_bill", shipper_country="country")
    )
    last_entry = (
        filings.filter(pl.col("filing_type") == "entry")
        .unique("master_bill", keep="last", maintain_order=True)
        .select("filing")
    )
    value = (
        lines.join(last_entry, on="filing")
        .group_by("master_bill")
        .agg(declared_value=pl.col("value").fill_null(0.0).sum())
    )
    outcomes, threats = db._read(_inspections), db._read(_labels)
    return (
        manifests.select(
            "master_bill",
            "carrier_scac",
            declared_port_of_loading="port_of_loading",
            port_of_discharge="port_of_discharge",
        )
        .join(consignee, on="master_bill", how="left")
        .join(shipper, on="master_bill", how="left")
        .join(value, on="master_bill", how="left")
        .join(outcomes, on="master_bill", how="left")
        .join(threats, on="master_bill", how="left")
        .with_columns(pl.col("threats").fill_null([]))
    )


def _inspections(conn: Connection) -> pl.DataFrame:
    i = t.inspection_results
    stmt = sa.select(i.c.bill_of_lading, i.c.outcome)
    frame = pl.read_database(
        stmt, conn, schema_overrides={"bill_of_lading": pl.String(), "outcome": pl.String()}
    )
    assert isinstance(frame, pl.DataFrame)
    worst = pl.col("outcome").replace_strict(
        {o: n for n, o in enumerate(_OUTCOMES)}, default=None, return_dtype=pl.Int32
    )
    return (
        frame.with_columns(worst=worst)
        .sort("worst", nulls_last=False)
        .group_by("bill_of_lading")
        .agg(inspection_outcome=pl.col("outcome").last())
        .rename({"bill_of_lading": "master_bill"})
    )


def _labels(conn: Connection) -> pl.DataFrame:
    w = t.shipment_labels
    stmt = sa.select(w.c.master_bill, w.c.label.label("scenario")).order_by(
        w.c.master_bill, w.c.label
    )
    frame = pl.read_database(
        stmt, conn, schema_overrides={"master_bill": pl.String(), "scenario": pl.String()}
    )
    assert isinstance(frame, pl.DataFrame)
    return frame.group_by("master_bill", maintain_order=True).agg(threats=pl.col("scenario"))
