"""The feature matrix: quantities of the declaration itself, its codes, and its history.

A ``FeatureSpec`` says which features a model uses and how they are built; it is saved with the
model so that scoring builds exactly what training built. Codes (office, tax type, countries...)
become integers by a vocabulary learnt from the training rows, most frequent first; a code the
training period never saw is missing, never a made-up number.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
import polars as pl

from greenlane.learn.history import (
    DEFAULT_KEYS,
    HistoryKey,
    apply_snapshot,
    expanding,
    feature_names,
)
from greenlane.learn.schema import EXTRA

QUANTITIES = (
    "tax_rate",
    "origin_differs",
    "log_net_mass",
    "log_item_price",
    "log_unit_price",
    "log_duty",
    "hs6_number",
)
"""Numbers from the declaration alone. HS6 as a number keeps its chapter order (01 animals ...
97 art), which trees can cut into ranges of related goods."""

DEFAULT_CODES = (
    "office",
    "process_type",
    "import_type",
    "import_use",
    "payment_type",
    "transport_mode",
    "tax_type",
    "origin_indicator",
    "departure",
    "origin",
)
"""Codes with few enough values to be categories of their own; identifiers with thousands of
values (importer, seller) enter through their history only."""


GROUPS: dict[str, tuple[str, ...]] = {
    "goods": (
        "hs6",
        "hs4",
        "hs2",
        "goods_origin",
        "goods_route_tax",
        "goods_mass",
        "tax_type",
        "tax_rate",
        "net_mass",
    ),
    "route": ("origin", "departure", "route", "office"),
    "parties": ("importer", "declarant", "seller", "courier", "importer_goods"),
}
"""History keys by what they describe; training adds a group to the model only when it helps on
later declarations (``train.select_groups``). Keys outside every group are always used."""


@dataclass(frozen=True)
class FeatureSpec:
    """What is computed (``names``) and what the model reads (``used``)."""

    keys: tuple[HistoryKey, ...] = DEFAULT_KEYS
    codes: tuple[str, ...] = DEFAULT_CODES
    smoothing: float = 10.0
    lag_days: int = 0
    vocabulary: dict[str, list[str]] = field(default_factory=dict)
    groups: tuple[str, ...] = ("codes", *GROUPS)
    extras: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [
            *QUANTITIES,
            *(f"c_{c}" for c in self.codes),
            *self.extras,
            *feature_names(self.keys),
        ]

    @property
    def used(self) -> list[str]:
        """Quantities, the history of keys in no group, and the chosen groups' features."""
        grouped = {k for keys in GROUPS.values() for k in keys}
        chosen = {k for g in self.groups for k in GROUPS.get(g, ())}
        keys = tuple(k for k in self.keys if k.name not in grouped or k.name in chosen)
        codes = [f"c_{c}" for c in self.codes] if "codes" in self.groups else []
        return [*QUANTITIES, *codes, *self.extras, *feature_names(keys)]

    def with_groups(self, groups: tuple[str, ...]) -> FeatureSpec:
        return replace(self, groups=groups)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureSpec:
        return cls(
            keys=tuple(HistoryKey(k["name"], tuple(k["columns"])) for k in data["keys"]),
            codes=tuple(data["codes"]),
            smoothing=float(data["smoothing"]),
            lag_days=int(data["lag_days"]),
            vocabulary={k: list(v) for k, v in data["vocabulary"].items()},
            groups=tuple(data["groups"]),
            extras=tuple(data.get("extras", ())),
        )


def learn_vocabulary(spec: FeatureSpec, frame: pl.DataFrame) -> FeatureSpec:
    """``spec`` with each code's values in ``frame``, most frequent first (ties by value), and
    the frame's extra ``x_`` columns."""
    vocabulary = {
        c: frame[c]
        .drop_nulls()
        .value_counts()
        .sort(["count", c], descending=[True, False])[c]
        .to_list()
        for c in spec.codes
    }
    extras = tuple(c for c in frame.columns if c.startswith(EXTRA))
    return replace(spec, vocabulary=vocabulary, extras=extras)


def _log(expr: pl.Expr) -> pl.Expr:
    return pl.when(expr >= 0).then(expr.log1p()).otherwise(None)


def own_features(spec: FeatureSpec, frame: pl.DataFrame) -> pl.DataFrame:
    """The quantities and codes of each declaration, needing no history."""
    codes = [
        pl.col(c)
        .replace_strict(
            spec.vocabulary.get(c, []),
            list(range(len(spec.vocabulary.get(c, [])))),
            default=None,
            return_dtype=pl.Float64,
        )
        .alias(f"c_{c}")
        for c in spec.codes
    ]
    mass = pl.col("net_mass")
    return frame.select(
        pl.col("tax_rate"),
        _log(mass).alias("log_net_mass"),
        _log(pl.col("item_price")).alias("log_item_price"),
        pl.when(mass > 0)
        .then(_log(pl.col("item_price") / mass))
        .otherwise(None)
        .alias("log_unit_price"),
        _log(pl.col("duty")).alias("log_duty"),
        pl.col("hs6").cast(pl.Float64, strict=False).alias("hs6_number"),
        (pl.col("departure") != pl.col("origin")).cast(pl.Float64).alias("origin_differs"),
        *codes,
        *[
            (pl.col(c) if c in frame.columns else pl.lit(None, pl.Float64)).alias(c)
            for c in spec.extras
        ],
    )


def training_matrix(spec: FeatureSpec, frame: pl.DataFrame, prior: float) -> pl.DataFrame:
    """Features of training rows: history as it stood before each row (``expanding``)."""
    return pl.concat(
        [
            own_features(spec, frame),
            expanding(frame, spec.keys, prior, spec.smoothing, spec.lag_days),
        ],
        how="horizontal",
    ).select(spec.names)


def scoring_matrix(
    spec: FeatureSpec, frame: pl.DataFrame, table: pl.DataFrame, prior: float
) -> pl.DataFrame:
    """Features of new rows: history frozen in ``table`` (``history.snapshot``)."""
    return pl.concat(
        [
            own_features(spec, frame),
            apply_snapshot(frame, table, spec.keys, prior, spec.smoothing),
        ],
        how="horizontal",
    ).select(spec.names)


def to_numpy(matrix: pl.DataFrame) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Float matrix with NaN for missing, what LightGBM reads as missing."""
    return matrix.cast(pl.Float64).fill_null(float("nan")).to_numpy()
