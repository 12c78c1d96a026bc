"""Running the model on Splink: DuckDB here, any Splink backend by passing its DatabaseAPI.

Each call gets its own in-memory DuckDB database (``duckdb_api``); ``linker`` takes any Splink
``DatabaseAPI``, so a ``SparkAPI`` runs the same settings at scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import polars as pl

from greenlane.parties.resolution.features import address_frequencies
from greenlane.parties.resolution.model import COMPARISONS, Model, model_from_splink, settings

if TYPE_CHECKING:
    from splink import Linker
    from splink.internals.database_api import DatabaseAPI
    from splink.internals.splink_dataframe import SplinkDataFrame


def duckdb_api(threads: int | None = None) -> DatabaseAPI[Any]:
    import duckdb
    from splink import DuckDBAPI

    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return DuckDBAPI(con)


def spark_api(session: Any) -> DatabaseAPI[Any]:
    """Splink on a Spark session; the session needs Splink's similarity functions on its class
    path (``spark.jars`` = ``splink.backends.spark.similarity_jar_location()``) and a checkpoint
    directory. Spark and pandas are not greenlane dependencies: install them to use this."""
    from splink import SparkAPI

    api: Any = SparkAPI  # Splink's constructor is not annotated
    made: DatabaseAPI[Any] = api(spark_session=session)
    return made


def register(db: DatabaseAPI[Any], frame: pl.DataFrame, name: str | None = None) -> SplinkDataFrame:
    session = getattr(db, "spark", None)
    if session is not None:  # Spark takes pandas, not Arrow tables
        return db.register(session.createDataFrame(frame.to_pandas()), dataset_display_name=name)
    return db.register(frame.to_arrow(), dataset_display_name=name)


def linker(
    db: DatabaseAPI[Any], variants: pl.DataFrame, model: Model | None, tf: pl.DataFrame | None
) -> tuple[Linker, SplinkDataFrame]:
    """A linker over ``variants`` with ``model``'s parameters and the address frequencies."""
    from splink import Linker

    table = register(db, variants)
    link = Linker(table, settings(model, variants=variants.height), log_level=None)
    if model is not None:
        freq = address_frequencies(variants) if tf is None else tf
        link.table_management.register_term_frequency_lookup(register(db, freq), "address_norm")
    return link, table


def to_polars(frame: SplinkDataFrame) -> pl.DataFrame:
    table: Any = frame  # Splink's own method is not annotated
    out = pl.from_arrow(table.as_pyarrow_table())
    assert isinstance(out, pl.DataFrame)
    return out


def evidence(predictions: pl.DataFrame) -> pl.DataFrame:
    """Splink's predictions with, per comparison, the level reached (in words) and its match
    weight (log2 of the Bayes factor, term-frequency adjustment included)."""
    labels = level_labels()
    cols: list[pl.Expr] = []
    for c in COMPARISONS:
        gamma = pl.col(f"gamma_{c}")
        n = len(labels[c])
        # Splink numbers the non-null levels from the top: the first is n-1, the else level 0.
        mapping = {n - 1 - i: label for i, label in enumerate(labels[c])}
        mapping[-1] = "missing on one side"
        cols.append(gamma.replace_strict(mapping, return_dtype=pl.String).alias(f"{c}_level"))
        weight = pl.col(f"mw_{c}")
        if f"mw_tf_adj_{c}" in predictions.columns:
            weight = weight + pl.col(f"mw_tf_adj_{c}")
        cols.append(weight.alias(f"{c}_weight"))
    out = predictions.select(
        "unique_id_l", "unique_id_r", "match_weight", "match_probability", *cols
    )
    return out.select(pl.col(k).cast(t) for k, t in evidence_schema().items())


def explain(link: Mapping[str, Any]) -> str:
    """A link (a row of ``evidence``) in words: the probability, then each comparison's level
    and match weight, strongest evidence first."""
    parts = sorted(
        ((c, link[f"{c}_level"], link[f"{c}_weight"] or 0.0) for c in COMPARISONS),
        key=lambda p: -abs(p[2]),
    )
    said = "; ".join(f"{c.replace('_', ' ')}: {level} ({w:+.1f})" for c, level, w in parts)
    p, w = link["match_probability"], link["match_weight"]
    return f"match probability {p:.4f} (weight {w:+.1f}): {said}"


def evidence_schema() -> dict[str, pl.DataType]:
    """The columns of ``evidence``."""
    out: dict[str, pl.DataType] = {
        "unique_id_l": pl.String(),
        "unique_id_r": pl.String(),
        "match_weight": pl.Float64(),
        "match_probability": pl.Float64(),
    }
    for c in COMPARISONS:
        out[f"{c}_level"] = pl.String()
        out[f"{c}_weight"] = pl.Float64()
    return out


@lru_cache(maxsize=1)
def level_labels() -> dict[str, list[str]]:
    """The non-null levels of each comparison, in order, by their chart labels."""
    from greenlane.parties.resolution.model import comparisons

    out: dict[str, list[str]] = {}
    for name, comp in zip(COMPARISONS, comparisons(), strict=True):
        levels = comp.get_comparison("duckdb").comparison_levels
        out[name] = [lv.label_for_charts for lv in levels if not lv.is_null_level]
    return out


def predict(
    variants: pl.DataFrame,
    model: Model,
    *,
    min_probability: float = 0.5,
    threads: int | None = None,
    database: DatabaseAPI[Any] | None = None,
) -> pl.DataFrame:
    """Scored candidate pairs of ``variants`` at or above ``min_probability``, with evidence, on
    ``database`` (an in-memory DuckDB when None)."""
    db = database if database is not None else duckdb_api(threads)
    link, _table = linker(db, variants, model, None)
    scored = link.inference.predict(
        threshold_match_probability=min_probability, warning_mode="never"
    )
    if getattr(db, "spark", None) is not None:
        table: Any = scored  # Splink's own method is not annotated
        return evidence(pl.from_pandas(table.as_pandas_dataframe()))
    return evidence(to_polars(scored))


def train(
    variants: pl.DataFrame,
    label: str,
    *,
    threshold: float,
    attach: float,
    trained_on: str,
    u_pairs: float = 2e6,
    seed: int = 1,
) -> Model:
    """Parameters from labelled variants with Splink's estimators: u from random pairs, m from
    the pairs each label groups; the matches per variant counted from the labels."""
    db = duckdb_api()
    link, _table = linker(db, variants, None, None)
    link.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    link.training.estimate_m_from_label_column(label)
    saved = link.misc.save_model_to_json()
    sizes = variants.group_by(label).len()["len"]
    per_variant = float((sizes * (sizes - 1)).sum()) / max(1, variants.height)
    metrics = {"variants": variants.height, "labels": variants[label].n_unique()}
    return model_from_splink(saved, per_variant, threshold, attach, trained_on, metrics)


__all__: Sequence[str] = ("evidence", "explain", "level_labels", "predict", "train")
