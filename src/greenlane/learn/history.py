"""History features: how often inspections of declarations sharing a key found something,
computed only from outcomes known before each declaration.

For each key (importer, HS code, route, the identical declaration...) two columns:
``h_<key>_n``, the labelled declarations seen before, and ``h_<key>_rate``, their hit rate
smoothed towards the overall rate, ``(hits + a * prior) / (n + a)``, left missing where nothing
was seen (a new importer is not an average importer: the model learns what new means).

Every key but the identical declaration itself leaves out the declarations identical to the one
scored: an HS code's rate then says what *other* goods of that code did. Without this, a rate
learnt on repeated declarations mostly repeats their own past label, and the model would trust
it on new declarations where it means much less.

Two ways, for two moments:

- ``expanding`` for training rows: each row sees the outcomes of declarations dated at least
  ``lag_days`` + 1 days before it, never its own or its own day's; the model learns from rows
  whose features were built as they would have been at the time.
- ``snapshot`` + ``apply_snapshot`` for scoring: the counts of a frozen history (the training
  period) joined to new declarations, which is what an officer would know when they arrive.

Unlabelled rows (not inspected) count for nothing: only known outcomes are history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import polars as pl

SEP = "\x1f"


@dataclass(frozen=True)
class HistoryKey:
    """A named set of declaration columns whose past hit rate is a feature."""

    name: str
    columns: tuple[str, ...]


IDENTICAL = "identical"
KCS_IDENTICAL = ("hs6", "departure", "origin", "tax_rate", "tax_type", "net_mass")
"""The identical declaration in the KCS data: the same goods, route, tax treatment and mass."""

DEFAULT_KEYS: tuple[HistoryKey, ...] = (
    HistoryKey(IDENTICAL, KCS_IDENTICAL),
    HistoryKey("goods_route_tax", ("hs6", "departure", "origin", "tax_rate", "tax_type")),
    HistoryKey("goods_origin", ("hs6", "origin")),
    HistoryKey("goods_mass", ("hs6", "net_mass")),
    HistoryKey("importer", ("importer",)),
    HistoryKey("declarant", ("declarant",)),
    HistoryKey("seller", ("seller",)),
    HistoryKey("courier", ("courier",)),
    HistoryKey("importer_goods", ("importer", "hs6")),
    HistoryKey("hs6", ("hs6",)),
    HistoryKey("hs4", ("hs4",)),
    HistoryKey("hs2", ("hs2",)),
    HistoryKey("origin", ("origin",)),
    HistoryKey("departure", ("departure",)),
    HistoryKey("route", ("departure", "origin")),
    HistoryKey("office", ("office",)),
    HistoryKey("tax_type", ("tax_type",)),
    HistoryKey("tax_rate", ("tax_rate",)),
    HistoryKey("net_mass", ("net_mass",)),
)


def with_derived(frame: pl.DataFrame) -> pl.DataFrame:
    """Columns keys may use that the canonical frame does not hold: HS heading and chapter."""
    return frame.with_columns(hs4=pl.col("hs6").str.slice(0, 4), hs2=pl.col("hs6").str.slice(0, 2))


def _key(columns: tuple[str, ...]) -> pl.Expr:
    """One string per key value; null when any part is null (no history for a missing part)."""
    return pl.concat_str([pl.col(c).cast(pl.String) for c in columns], separator=SEP)


def _counted(keys: tuple[HistoryKey, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Every column set whose counts the features need: each key, and each key together with
    the identical declaration's columns (what is subtracted), once each."""
    identical = next((k.columns for k in keys if k.name == IDENTICAL), None)
    out: dict[str, tuple[str, ...]] = {k.name: k.columns for k in keys}
    if identical is not None:
        for k in keys:
            union = tuple(dict.fromkeys((*k.columns, *identical)))
            if k.name != IDENTICAL and set(union) != set(identical):
                out[f"{k.name}+{IDENTICAL}"] = union
    return list(out.items())


def _features(
    keys: tuple[HistoryKey, ...], counts: pl.DataFrame, prior: float, smoothing: float
) -> pl.DataFrame:
    """From per-row counts ``<name>_n``/``<name>_s`` to the features, leaving out identical
    declarations from every key but the identical one."""
    exprs = []
    names = set(counts.columns)
    for k in keys:
        n, s = pl.col(f"{k.name}_n").fill_null(0.0), pl.col(f"{k.name}_s").fill_null(0.0)
        if k.name != IDENTICAL and f"{IDENTICAL}_n" in names:
            same = f"{k.name}+{IDENTICAL}" if f"{k.name}+{IDENTICAL}_n" in names else IDENTICAL
            n = n - pl.col(f"{same}_n").fill_null(0.0)
            s = s - pl.col(f"{same}_s").fill_null(0.0)
        exprs += [
            n.alias(f"h_{k.name}_n"),
            pl.when(n > 0)
            .then((s + smoothing * prior) / (n + smoothing))
            .alias(f"h_{k.name}_rate"),
        ]
    return counts.select(exprs)


def feature_names(keys: tuple[HistoryKey, ...]) -> list[str]:
    return [f"h_{k.name}_{part}" for k in keys for part in ("n", "rate")]


def expanding(
    frame: pl.DataFrame,
    keys: tuple[HistoryKey, ...],
    prior: float,
    smoothing: float,
    lag_days: int = 0,
) -> pl.DataFrame:
    """Per row of ``frame`` (same order), each key's count and smoothed rate over the labelled
    rows dated more than ``lag_days`` days before it."""
    base = with_derived(frame).with_row_index("_row")
    out = base.select("_row")
    for name, columns in _counted(keys):
        rows = (
            base.select("_row", "date", k=_key(columns))
            .with_columns(asof=pl.col("date") - timedelta(days=lag_days))
            .filter(pl.col("k").is_not_null())
            .sort("asof")
        )
        daily = (
            base.filter(pl.col("label").is_not_null())
            .select("date", "label", k=_key(columns))
            .drop_nulls("k")
            .group_by("k", "date")
            .agg(n=pl.len().cast(pl.Float64), s=pl.col("label").cast(pl.Float64).sum())
            .sort("date")
            .with_columns(n=pl.col("n").cum_sum().over("k"), s=pl.col("s").cum_sum().over("k"))
        )
        seen = rows.join_asof(
            daily,
            left_on="asof",
            right_on="date",
            by="k",
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        ).select("_row", pl.col("n").alias(f"{name}_n"), pl.col("s").alias(f"{name}_s"))
        out = out.join(seen, on="_row", how="left")
    return _features(keys, out.sort("_row"), prior, smoothing)


def snapshot(history: pl.DataFrame, keys: tuple[HistoryKey, ...]) -> pl.DataFrame:
    """The counts of ``history``'s labelled rows per key value, one long table
    (``key``, ``value``, ``n``, ``s``) that can be saved and joined to any later declaration."""
    base = with_derived(history.filter(pl.col("label").is_not_null()))
    parts = [
        base.select(v=_key(columns), label=pl.col("label").cast(pl.Float64))
        .drop_nulls("v")
        .group_by("v")
        .agg(n=pl.len().cast(pl.Float64), s=pl.col("label").sum())
        .select(key=pl.lit(name), value="v", n="n", s="s")
        for name, columns in _counted(keys)
    ]
    return pl.concat(parts).sort("key", "value")


def apply_snapshot(
    frame: pl.DataFrame,
    table: pl.DataFrame,
    keys: tuple[HistoryKey, ...],
    prior: float,
    smoothing: float,
) -> pl.DataFrame:
    """Per row of ``frame`` (same order), each key's count and smoothed rate in ``table``."""
    base = with_derived(frame).with_row_index("_row")
    out = base.select("_row")
    for name, columns in _counted(keys):
        counts = table.filter(pl.col("key") == name).select(
            k="value", **{f"{name}_n": "n", f"{name}_s": "s"}
        )
        seen = base.select("_row", k=_key(columns)).join(counts, on="k", how="left")
        out = out.join(seen.drop("k"), on="_row", how="left")
    return _features(keys, out.sort("_row"), prior, smoothing)
