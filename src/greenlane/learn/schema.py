"""The canonical declarations frame every learning step reads, whatever the source.

One row per declaration (or per shipment, for declarations made from shipments). ``label`` is
the inspection outcome: 1 something was found, 0 nothing was found, null not inspected
(unknown). Columns a source does not have are left null: the features built on them are missing,
which LightGBM handles, so one pipeline serves every source.
"""

from __future__ import annotations

import polars as pl

from greenlane.errors import ConfigurationError

CATEGORICAL: tuple[str, ...] = (
    "office",
    "process_type",
    "import_type",
    "import_use",
    "payment_type",
    "transport_mode",
    "declarant",
    "importer",
    "seller",
    "courier",
    "hs6",
    "departure",
    "origin",
    "tax_type",
    "origin_indicator",
)
"""Codes and identifiers, all as strings (an office number is a name, not a quantity)."""

NUMERIC: tuple[str, ...] = ("tax_rate", "net_mass", "item_price", "duty")
"""Quantities: tax rate in percent, net mass in kg, value and duty in the source's unit."""

DECLARATIONS: dict[str, pl.DataType] = {
    "declaration_id": pl.String(),
    "date": pl.Date(),
    **{c: pl.String() for c in CATEGORICAL},
    **{c: pl.Float64() for c in NUMERIC},
    "label": pl.Int8(),
}

REQUIRED = ("declaration_id", "date")
EXTRA = "x_"
"""Prefix of extra numeric columns a source may add (case-file indicators): kept as Float64
and read by the model as they are."""


def conform(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` in the DECLARATIONS columns and types (then any ``x_`` extra columns), in date
    order; absent columns are added as nulls so that every source gives the model the same
    columns."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ConfigurationError(
            f"declarations lack {', '.join(missing)}", expected=", ".join(DECLARATIONS)
        )
    labels = frame["label"] if "label" in frame.columns else None
    if labels is not None and labels.drop_nulls().is_in([0, 1]).not_().any():
        raise ConfigurationError("label must be 0, 1 or null", where="column label")
    extras = [pl.col(c).cast(pl.Float64) for c in frame.columns if c.startswith(EXTRA)]
    return frame.select(
        [
            pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c)
            for c, t in DECLARATIONS.items()
        ]
        + extras
    ).sort("date", "declaration_id", maintain_order=True)
