"""Shipments as declarations: one canonical declaration per master bill, from the frame contract.

Whichever source gives the frames (the database, a folder of Parquet frames such as the
generated world's), the same code makes the declarations, so a model scores a stored shipment
as it would have scored it in training. Shipments have no tax type, tax rate column or declarant
number as the KCS data has, so the frame fills what it can: the manifest's consignee as the
importer, the entry's declarant, the first seller, the carrier (in the courier column), the
first goods line's HS code and origin, the declared port of loading's country as the departure,
the port of discharge as the office, the mass and value of all lines, and the duty of the
illustrative rate table (``greenlane.goods.duty``).

Labels, two ways:

- ``inspections`` (what an administration has): 1 when the worst inspection of the shipment
  found a discrepancy or made a seizure, 0 when it found nothing, null when it was not examined.
- ``threats`` (the truth an administration never has): 1 when the shipment has a label (a
  generated world's planted threat). For measuring a model, and for simulations that reveal
  outcomes only where one inspects.

Case-file indicators (``greenlane.risk.indicators.compute_indicators``) may be joined as extra
features: their numeric and yes/no columns become ``x_<name>`` columns.
"""

from __future__ import annotations

from typing import Literal

import polars as pl

from greenlane.domain.frames import FrameSource
from greenlane.goods.duty import line_duty, load_rates
from greenlane.learn.features import FeatureSpec
from greenlane.learn.history import DEFAULT_KEYS, IDENTICAL, HistoryKey
from greenlane.learn.schema import conform

Labels = Literal["inspections", "threats"]
LABELS: tuple[Labels, ...] = ("inspections", "threats")

OUTCOMES = ("no_finding", "discrepancy", "seizure")
"""Inspection outcomes from the least to the most serious: a shipment counts its worst."""

_SHIPMENT_KEY_NAMES = (
    "importer", "declarant", "seller", "courier", "hs6", "hs4", "hs2", "origin", "departure",
    "route", "office",
)  # fmt: skip
SHIPMENT_KEYS: tuple[HistoryKey, ...] = (
    HistoryKey(IDENTICAL, ("importer", "hs6", "departure", "origin")),
    *(key for key in DEFAULT_KEYS if key.name in _SHIPMENT_KEY_NAMES),
)
"""The identical declaration of a shipment: the same importer bringing the same goods from the
same origin by the same port country (masses and values vary shipment to shipment)."""


def shipment_spec() -> FeatureSpec:
    """The features of declarations made from shipments."""
    return FeatureSpec(keys=SHIPMENT_KEYS, codes=("office", "departure", "origin"))


def declarations(
    frames: FrameSource, labels: Labels = "inspections", indicators: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Every shipment of ``frames`` as a canonical declaration, labelled by ``labels``."""
    filings = frames.filings()
    parties = frames.parties()
    goods = frames.goods_lines()
    shipments = _shipments(filings, parties, goods, frames.inspections(), frames.labels())
    filed = filings.group_by("master_bill").agg(date=pl.col("filed_at").min().dt.date())
    who = parties.with_columns(who=pl.coalesce("identifier", "name"))
    declarant = (
        who.filter(pl.col("role") == "declarant")
        .group_by("master_bill")
        .agg(declarant=pl.col("who").first())
    )
    seller = (
        who.filter(pl.col("role") == "seller")
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


def _shipments(
    filings: pl.DataFrame,
    parties: pl.DataFrame,
    lines: pl.DataFrame,
    inspections: pl.DataFrame,
    labels: pl.DataFrame,
) -> pl.DataFrame:
    """Per master bill with a cargo declaration: the latest manifest's carrier, ports, consignee
    and shipper country (a house-level one before a master-level one), the last entry's value,
    the worst inspection outcome and the labels."""
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
    threats = (
        labels.sort("master_bill", "scenario")
        .group_by("master_bill", maintain_order=True)
        .agg(threats=pl.col("scenario"))
    )
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
        .join(_worst_outcomes(inspections), on="master_bill", how="left")
        .join(threats, on="master_bill", how="left")
        .with_columns(pl.col("threats").fill_null([]))
    )


def _worst_outcomes(inspections: pl.DataFrame) -> pl.DataFrame:
    worst = pl.col("outcome").replace_strict(
        {o: n for n, o in enumerate(OUTCOMES)}, default=None, return_dtype=pl.Int32
    )
    return (
        inspections.select("bill_of_lading", "outcome")
        .with_columns(worst=worst)
        .sort("worst", nulls_last=False)
        .group_by("bill_of_lading")
        .agg(inspection_outcome=pl.col("outcome").last())
        .rename({"bill_of_lading": "master_bill"})
    )


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
