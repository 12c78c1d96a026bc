"""What selection reads and what it writes, checked on entry so a bad frame fails with its reason.

Selection sits between scoring and the officers' queues, often in another process or a Spark
partition; a column renamed upstream must fail here with the column's name, not as a Polars error
three steps later or, worse, as a silently different selection.
"""

from __future__ import annotations

import polars as pl

from greenlane.errors import GreenlaneError
from greenlane.selection.referrals import REFERRALS

# One row per shipment due for a decision on ``day`` at ``port``.
SCORED_SHIPMENTS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "port": pl.String(),  # UN/LOCODE of discharge
    "day": pl.Date(),  # the day the shipment is due for a decision
    "score": pl.Float64(),  # risk score, 0..1
    "hard_stop": pl.Boolean(),  # watch-list hit, seal changed without authority, do not load
    "hard_stop_reasons": pl.List(pl.String()),
    "referral": pl.String(),  # ICS2 answer before loading, or null (referrals.REFERRALS)
    "documents_score": pl.Float64(),  # the part of ``score`` from paperwork indicators, 0..score
    "trusted_tier": pl.Int8(),  # 0 none, 1..3 C-TPAT tier or AEO
    "stratum": pl.String(),  # e.g. HS chapter or origin region, for the random sample
    "reasons": pl.List(pl.String()),  # top contributions from scoring
}

# Columns that must never be null: without them no decision can be made or explained.
NOT_NULL: tuple[str, ...] = ("master_bill", "port", "day", "score", "hard_stop")

LANES: tuple[str, ...] = ("red", "yellow", "blue", "green")
SELECTED_BY: tuple[str, ...] = ("hard_stop", "referral", "random", "risk", "none")

# One row per shipment, in the input's order.
LANE_DECISIONS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "port": pl.String(),
    "day": pl.Date(),
    "lane": pl.String(),  # LANES
    "selected_by": pl.String(),  # SELECTED_BY
    "queue_priority": pl.Int32(),  # 1 = first, per port, day and lane; null for blue and green
    "effective_score": pl.Float64(),  # score after trusted-trader benefits
    "explanation": pl.String(),
    "referral": pl.String(),
}


class SelectionInputError(GreenlaneError):
    """The scored-shipments frame cannot be selected from; the message names the column."""

    http_status = 422


def check_scored(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with exactly the SCORED_SHIPMENTS columns and types, or a SelectionInputError.

    Optional values are filled (no documents score is 0, no tier is 0, no stratum is
    ``unknown``, no reasons is an empty list); extra columns are dropped.
    """
    missing = [name for name in SCORED_SHIPMENTS if name not in frame.columns]
    if missing:
        raise SelectionInputError(
            f"scored shipments lack column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            expected="columns " + ", ".join(SCORED_SHIPMENTS),
        )
    columns = []
    for name, dtype in SCORED_SHIPMENTS.items():
        column = frame.get_column(name)
        if column.dtype != dtype:
            try:
                if column.dtype == pl.String and dtype == pl.Date:  # ISO dates from CSV or JSON
                    column = column.str.to_date("%Y-%m-%d", strict=True)
                else:
                    column = column.cast(dtype, strict=True)
            except Exception as error:  # Polars raises several kinds; all mean "wrong type"
                raise SelectionInputError(
                    f"column {name} is {column.dtype} and cannot be read as {dtype}",
                    where=name,
                    expected=str(dtype),
                ) from error
        columns.append(column)
    checked = pl.DataFrame(columns)
    for name in NOT_NULL:
        nulls = checked.get_column(name).null_count()
        if nulls:
            raise SelectionInputError(f"column {name} has {nulls} null values", where=name)
    _check_values(checked)
    return checked.with_columns(
        pl.col("documents_score").fill_null(0.0),
        pl.col("trusted_tier").fill_null(0),
        pl.col("stratum").fill_null("unknown"),
        pl.col("hard_stop_reasons").fill_null(pl.lit([], dtype=pl.List(pl.String()))),
        pl.col("reasons").fill_null(pl.lit([], dtype=pl.List(pl.String()))),
    )


def _check_values(checked: pl.DataFrame) -> None:
    """Scores in 0..1, known referrals, non-negative tiers, one row per shipment."""
    bad_score = checked.filter(
        pl.col("score").is_nan() | (pl.col("score") < 0) | (pl.col("score") > 1)
    )
    if bad_score.height:
        first = bad_score.row(0, named=True)
        raise SelectionInputError(
            f"{bad_score.height} scores outside 0..1, first {first['score']}"
            f" for {first['master_bill']}",
            where="score",
            expected="a risk score from 0 to 1",
        )
    bad_documents = checked.filter(pl.col("documents_score").is_nan())
    if bad_documents.height:
        raise SelectionInputError(
            f"{bad_documents.height} documents scores are NaN", where="documents_score"
        )
    referrals = checked.get_column("referral").drop_nulls().unique()
    unknown = referrals.filter(~referrals.is_in(list(REFERRALS)))
    if unknown.len():
        raise SelectionInputError(
            f"unknown referral {', '.join(sorted(unknown.to_list()))}",
            where="referral",
            expected="null or one of " + ", ".join(REFERRALS),
        )
    if checked.get_column("trusted_tier").lt(0).any():
        raise SelectionInputError("negative trusted_tier", where="trusted_tier", expected="0..3")
    if checked.get_column("master_bill").n_unique() != checked.height:
        duplicated = checked.filter(pl.col("master_bill").is_duplicated()).item(0, "master_bill")
        raise SelectionInputError(
            f"master bill {duplicated} appears more than once;"
            " selection takes one row per shipment",
            where="master_bill",
        )
