"""Adapter for the generated world (``greenlane world parquet``): one declaration per shipment.

The world has no tax type, tax rate column or declarant number as the KCS data has, so the
frame fills what it can: the importer, the entry's declarant, the first seller, the carrier (in
the courier column), the first goods line's HS code and origin, the declared port of loading's
country as the departure, the port of discharge as the office, the mass and value of all lines,
and the duty of the illustrative rate table (``greenlane.goods.duty``).

Labels, two ways:

- ``inspections`` (what an administration has): 1 when the world's examination found a
  discrepancy or made a seizure, 0 when it found nothing, null when the shipment was not
  examined. Training on these is training on past inspection outcomes.
- ``threats`` (the truth an administration never has): 1 when a threat was injected. For
  measuring a model, and for simulations that reveal outcomes only where one inspects.

Case-file indicators (``greenlane.risk.indicators.compute_indicators``) may be joined as extra
features: their numeric and yes/no columns become ``x_<name>`` columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import polars as pl

from greenlane.errors import ConfigurationError
from greenlane.goods.duty import line_duty, load_rates
from greenlane.learn.features import FeatureSpec
from greenlane.learn.history import IDENTICAL, HistoryKey
from greenlane.learn.schema import conform

Labels = Literal["inspections", "threats"]

WORLD_KEYS: tuple[HistoryKey, ...] = (
    HistoryKey(IDENTICAL, ("importer", "hs6", "departure", "origin")),
    HistoryKey("importer", ("importer",)),
    HistoryKey("declarant", ("declarant",)),
    HistoryKey("seller", ("seller",)),
    HistoryKey("courier", ("courier",)),
    HistoryKey("hs6", ("hs6",)),
    HistoryKey("hs4", ("hs4",)),
    HistoryKey("hs2", ("hs2",)),
    HistoryKey("origin", ("origin",)),
    HistoryKey("departure", ("departure",)),
    HistoryKey("route", ("departure", "origin")),
    HistoryKey("office", ("office",)),
)
"""The identical declaration in the world: the same importer bringing the same goods from the
same origin by the same port country (masses and values vary shipment to shipment)."""


def world_spec() -> FeatureSpec:
    return FeatureSpec(keys=WORLD_KEYS, codes=("office", "departure", "origin"))


def _lines(goods: pl.DataFrame) -> pl.DataFrame:
    """The goods lines each shipment is declared with: the entry's latest version, else the
    cargo declaration's, with duty from the illustrative rate table."""
    rank = pl.when(pl.col("filing_type") == "entry").then(0).otherwise(1)
    chosen = (
        goods.with_columns(_rank=rank)
        .filter(pl.col("_rank") == pl.col("_rank").min().over("master_bill"))
        .filter(pl.col("version") == pl.col("version").max().over("master_bill", "filing_type"))
    )
    return line_duty(chosen, load_rates()).sort("master_bill", "line_number")


def from_world(
    folder: str | Path, labels: Labels = "inspections", indicators: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The world in ``folder`` as canonical declarations, labelled by ``labels``."""
    root = Path(folder)
    if not list(root.glob("shipments*.parquet")):
        raise ConfigurationError(
            "no generated world here",
            where=str(root),
            expected="the output of greenlane world parquet",
        )
    return declarations(
        pl.read_parquet(root / "shipments*.parquet"),
        pl.read_parquet(root / "filings*.parquet", columns=["master_bill", "filed_at"]),
        pl.read_parquet(
            root / "parties*.parquet", columns=["master_bill", "role", "name", "identifier"]
        ),
        pl.read_parquet(root / "goods*.parquet"),
        labels,
        indicators,
    )


def declarations(
    shipments: pl.DataFrame,
    filed: pl.DataFrame,
    parties: pl.DataFrame,
    goods: pl.DataFrame,
    labels: Labels = "inspections",
    indicators: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Canonical declarations from tables in the shapes of the world's Parquet (``shipments``,
    ``filings``' times, ``parties``, ``goods``), whoever made them: the world's writer, or
    ``greenlane.learn.stored`` from the database."""
    filed = filed.group_by("master_bill").agg(date=pl.col("filed_at").min().dt.date())
    parties = parties.with_columns(who=pl.coalesce("identifier", "name"))
    declarant = (
        parties.filter(pl.col("role") == "declarant")
        .group_by("master_bill")
        .agg(declarant=pl.col("who").first())
    )
    seller = (
        parties.filter(pl.col("role") == "seller")
        .group_by("master_bill")
        .agg(seller=pl.col("who").first())
    )
    lines = (
        _lines(goods)
        .group_by("master_bill", maintain_order=True)
        .agg(
            hs6=pl.col("hs_code").first().str.replace_all(r"\D", "").str.slice(0, 6),
            origin=pl.col("origin_country").drop_nulls().first(),
            tax_rate=pl.col("rate").first() * 100,
            net_mass=pl.coalesce("net_mass_kg", "gross_mass_kg").sum(),
            line_value=pl.col("value").sum(),
            duty=pl.col("duty").sum(),
        )
    )
    outcome = pl.col("inspection_outcome")
    label = (
        pl.when(outcome.is_in(["discrepancy", "seizure"])).then(1)
        .when(outcome == "no_finding").then(0)
        .otherwise(None)
        if labels == "inspections"
        else (pl.col("threats").list.len() > 0).cast(pl.Int8)
    )  # fmt: skip
    frame = (
        shipments.join(filed, on="master_bill", how="left")
        .join(declarant, on="master_bill", how="left")
        .join(seller, on="master_bill", how="left")
        .join(lines, on="master_bill", how="left")
        .select(
            declaration_id="master_bill",
            date="date",
            office="port_of_discharge",
            importer="importer",
            declarant="declarant",
            seller="seller",
            courier="carrier_scac",
            hs6="hs6",
            departure=pl.col("declared_port_of_loading").str.slice(0, 2),
            origin=pl.coalesce("origin", "shipper_country"),
            tax_rate="tax_rate",
            net_mass="net_mass",
            item_price=pl.coalesce("line_value", "declared_value"),
            duty="duty",
            label=label,
        )
    )
    if indicators is not None:
        frame = frame.join(
            extra_features(indicators), left_on="declaration_id", right_on="master_bill", how="left"
        )
    return conform(frame)


def extra_features(indicators: pl.DataFrame) -> pl.DataFrame:
    """The numeric and yes/no indicator columns as ``x_<name>`` (Float64), per master bill."""
    usable = [
        c
        for c, t in indicators.schema.items()
        if c != "master_bill" and (t.is_numeric() or t == pl.Boolean)
    ]
    return indicators.select(
        "master_bill", *[pl.col(c).cast(pl.Float64).alias(f"x_{c}") for c in usable]
    ).unique("master_bill", keep="first")
