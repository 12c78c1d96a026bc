"""Adapter for the Korea Customs Service synthetic import declarations (CSV, English columns).

"Fraud" becomes the label. "Critical Fraud" is nonzero exactly when Fraud is 1, so it is part of
the label and is never read. Item Price is derived from Net Mass in this dataset; it is kept
because real declarations carry a value, but it holds no undervaluation signal here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from greenlane.errors import ConfigurationError
from greenlane.learn.schema import conform

COLUMNS: dict[str, str] = {
    "Declaration ID": "declaration_id",
    "Date": "date",
    "Office ID": "office",
    "Process Type": "process_type",
    "Import Type": "import_type",
    "Import Use": "import_use",
    "Payment Type": "payment_type",
    "Mode of Transport": "transport_mode",
    "Declarant ID": "declarant",
    "Importer ID": "importer",
    "Seller ID": "seller",
    "Courier ID": "courier",
    "HS6 Code": "hs6",
    "Country of Departure": "departure",
    "Country of Origin": "origin",
    "Tax Rate": "tax_rate",
    "Tax Type": "tax_type",
    "Country of Origin Indicator": "origin_indicator",
    "Net Mass": "net_mass",
    "Item Price": "item_price",
    "Fraud": "label",
}
"""KCS column -> canonical column. 'Critical Fraud' is deliberately absent."""


def from_kcs(raw: pl.DataFrame) -> pl.DataFrame:
    """KCS rows (as read from the CSV) in the canonical DECLARATIONS frame; duty is
    Item Price x Tax Rate / 100, the rate the declaration was assessed at."""
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise ConfigurationError(
            f"not the KCS declarations layout: {', '.join(missing)} missing",
            expected=", ".join(COLUMNS),
        )
    frame = raw.select([pl.col(k).alias(v) for k, v in COLUMNS.items()])
    return conform(
        frame.with_columns(
            pl.col("declaration_id").cast(pl.String),
            pl.col("date").cast(pl.String).str.to_date(),
            pl.col("hs6").cast(pl.String).str.zfill(6),
            *[
                pl.col(c).cast(pl.String)
                for c in ("office", "import_type", "import_use", "payment_type", "transport_mode")
            ],
            duty=pl.col("item_price").cast(pl.Float64) * pl.col("tax_rate").cast(pl.Float64) / 100,
        )
    )


def read_kcs(paths: Sequence[str | Path]) -> pl.DataFrame:
    """The KCS CSV files at ``paths`` as one canonical frame, in date order."""
    frames = []
    for path in paths:
        try:
            raw = pl.read_csv(path, infer_schema_length=None)
        except (OSError, pl.exceptions.PolarsError) as exc:
            raise ConfigurationError(f"cannot read {path}: {exc}", where=str(path)) from exc
        frames.append(from_kcs(raw))
    if not frames:
        raise ConfigurationError("no declaration files given")
    return pl.concat(frames).sort("date", "declaration_id", maintain_order=True)


def data_version(paths: Sequence[str | Path]) -> str:
    """A short hash of the files' contents (not their names or order), so that a model names
    exactly the data it learnt from."""
    files = sorted(hashlib.sha256(Path(p).read_bytes()).digest() for p in paths)
    return "sha256:" + hashlib.sha256(b"".join(files)).hexdigest()[:16]
