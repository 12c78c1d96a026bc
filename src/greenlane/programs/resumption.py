"""Priority recovery after an incident: a port's backlog cleared by program tier, then risk.

When a port reopens after a disruption (a closure, a system outage, an incident), the shipments
that arrived meanwhile are worked in one order: Green Lane shipments first, highest benefit tier
first; within a tier, highest risk first, as selection orders its queues. The order decides who
is worked first, never what is done: each shipment keeps its lane, and a hard stop keeps its
examination and earns no tier.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl

RESUMPTION: dict[str, pl.DataType] = {
    "resume_order": pl.Int32(),
    "master_bill": pl.String(),
    "port": pl.String(),
    "arrived_at": pl.Datetime("us", "UTC"),
    "benefit_tier": pl.Int8(),
    "score": pl.Float64(),
    "lane": pl.String(),
    "action": pl.String(),
    "why": pl.String(),
}

_ACTIONS = {
    "green": "release",
    "blue": "release (post-clearance audit)",
    "yellow": "documents check",
    "red": "examination",
}


def resumption_order(
    decided: pl.DataFrame, port: str, start: datetime, end: datetime
) -> pl.DataFrame:
    """RESUMPTION for the shipments of ``decided`` (``greenlane.app.pipeline.Decisions.joined()``)
    that arrived at ``port`` from ``start`` up to ``end``, in the order to work them."""
    hard = pl.col("hard_stop").fill_null(False)
    tier = pl.when(hard).then(0).otherwise(pl.col("benefit_tier").fill_null(0)).cast(pl.Int8)
    backlog = decided.filter(
        (pl.col("port") == port) & (pl.col("decided_at") >= start) & (pl.col("decided_at") < end)
    ).with_columns(benefit_tier=tier)
    action = (
        pl.when(hard)
        .then(pl.lit("examination (hard stop)"))
        .otherwise(pl.col("lane").replace_strict(_ACTIONS, default="review"))
    )
    why = pl.concat_str(
        pl.when(pl.col("benefit_tier") > 0)
        .then(pl.format("Green Lane tier {}", pl.col("benefit_tier")))
        .when(hard)
        .then(pl.lit("hard stop, no program benefit"))
        .otherwise(pl.lit("no Green Lane benefit")),
        pl.lit(", risk "),
        pl.col("score").round(3).cast(pl.String),
    )
    return (
        backlog.sort(["benefit_tier", "score", "master_bill"], descending=[True, True, False])
        .with_row_index("resume_order", offset=1)
        .select(
            "resume_order",
            "master_bill",
            "port",
            arrived_at="decided_at",
            benefit_tier="benefit_tier",
            score="score",
            lane="lane",
            action=action,
            why=why,
        )
        .select([pl.col(c).cast(t) for c, t in RESUMPTION.items()])
    )
