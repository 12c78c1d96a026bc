"""Lanes within capacity: hard stops, the random sample, risk, documents, release.

Per port and day, in this order (ASYCUDA's order: criteria, random quotas, top-up to capacity):

1. hard stops (and ICS2 ``do_not_load``) are red, always, even beyond capacity; they use the
   examination capacity first;
2. the random share of the examination capacity is drawn, stratified, from every other shipment
   whatever its score (``sample``);
3. the rest of the examination capacity goes to the highest benefit-adjusted scores at or above
   the red threshold;
4. ICS2 requests for information or screening are yellow at least, whatever the capacity, and use
   the documents capacity first; the rest of it goes to the highest paperwork scores among
   shipments at or above the yellow threshold, except certified importers (self-assessment);
5. what is left at or above the yellow threshold is blue: certified importers by right, others
   because no documents capacity was left; the risk is not forgotten but audited after release;
6. everything else is green.

Everything is computed with Polars window expressions over (port, day); no loop over rows.
"""

from __future__ import annotations

import polars as pl

from greenlane.selection.draws import uniform_draws
from greenlane.selection.explain import with_explanations
from greenlane.selection.policy import Limit, SelectionPolicy
from greenlane.selection.referrals import AT_LEAST_YELLOW, DO_NOT_LOAD
from greenlane.selection.sample import DAY, draw_random_sample
from greenlane.selection.schema import LANE_DECISIONS, check_scored


def select_lanes(scored: pl.DataFrame, policy: SelectionPolicy | None = None) -> pl.DataFrame:
    """One lane decision per scored shipment (schema LANE_DECISIONS), in the input's order.

    ``scored`` follows SCORED_SHIPMENTS; a missing column or a bad value raises
    SelectionInputError naming it. The same frame and policy (seed included) always give the
    same decisions, and a port-day's decisions do not depend on the other port-days in the frame.
    """
    policy = policy or SelectionPolicy()
    frame = check_scored(scored).with_row_index("_row")
    frame = _with_benefits(frame, policy)
    frame = _with_capacities(frame, policy)
    frame = frame.with_columns(
        uniform_draws(frame.get_column("master_bill"), policy.seed, "tie").alias("_tie")
    )
    frame = _choose_red(frame, policy)
    frame = _choose_yellow_and_blue(frame, policy)
    frame = _with_queues(frame)
    frame = with_explanations(frame, policy)
    return frame.sort("_row").select(
        [pl.col(name).cast(dtype) for name, dtype in LANE_DECISIONS.items()]
    )


def _with_benefits(frame: pl.DataFrame, policy: SelectionPolicy) -> pl.DataFrame:
    """Effective scores, draw weights and self-assessment from the tier; none for hard stops."""
    tiers = sorted(policy.tiers)
    table = pl.DataFrame(
        {
            "trusted_tier": tiers,
            "_multiplier": [policy.tiers[t].score_multiplier for t in tiers],
            "_max_reduction": [policy.tiers[t].max_reduction for t in tiers],
            "_random_multiplier": [policy.tiers[t].random_multiplier for t in tiers],
            "_self_assessment": [policy.tiers[t].self_assessment for t in tiers],
            "_front_of_line": [policy.tiers[t].front_of_line for t in tiers],
        },
        schema_overrides={
            "trusted_tier": pl.Int8,
            "_multiplier": pl.Float64,
            "_max_reduction": pl.Float64,
            "_random_multiplier": pl.Float64,
        },
    )
    frame = frame.join(table, on="trusted_tier", how="left", maintain_order="left")
    hard = pl.col("hard_stop") | (pl.col("referral") == DO_NOT_LOAD).fill_null(False)
    multiplied = pl.col("score") * pl.col("_multiplier").fill_null(1.0)
    floor = pl.col("score") - pl.col("_max_reduction") * policy.red_threshold
    adjusted = pl.max_horizontal(multiplied, floor.fill_null(multiplied))
    return frame.with_columns(
        hard.alias("_hard"),
        pl.when(hard).then(pl.col("score")).otherwise(adjusted).alias("effective_score"),
        pl.col("_random_multiplier").fill_null(1.0).alias("_weight"),
        (pl.col("_self_assessment").fill_null(False) & ~hard).alias("_self_assessment"),
        pl.when(pl.col("_front_of_line").fill_null(False) & ~hard)
        .then(pl.col("trusted_tier"))
        .otherwise(0)
        .alias("_queue_tier"),
        pl.col("referral").is_in(list(AT_LEAST_YELLOW)).fill_null(False).alias("_referred"),
    ).with_columns(
        # the paperwork part scales with the score it is part of
        pl.when(pl.col("score") > 0)
        .then(pl.col("documents_score") * pl.col("effective_score") / pl.col("score"))
        .otherwise(pl.col("documents_score"))
        .alias("_effective_documents"),
    )


def _with_capacities(frame: pl.DataFrame, policy: SelectionPolicy) -> pl.DataFrame:
    """Shipments due, examination and documents capacity for each row's port and day."""
    ports = sorted(set(policy.examination.ports) | set(policy.documents.ports))
    limits = pl.DataFrame(
        {
            "port": ports,
            "_red_share": [policy.examination.limit_for(p).share for p in ports],
            "_red_count": [policy.examination.limit_for(p).count for p in ports],
            "_doc_share": [policy.documents.limit_for(p).share for p in ports],
            "_doc_count": [policy.documents.limit_for(p).count for p in ports],
        },
        schema={
            "port": pl.String,
            "_red_share": pl.Float64,
            "_red_count": pl.Int64,
            "_doc_share": pl.Float64,
            "_doc_count": pl.Int64,
        },
    )
    frame = frame.join(limits, on="port", how="left", maintain_order="left").with_columns(
        pl.len().over(DAY).cast(pl.Int64).alias("_shipments")
    )
    # One seeded draw per port-day rounds shares of a day's shipments up or down, so that
    # capacity and the random share are met on average however few shipments a day brings.
    days = frame.select(DAY).unique()
    keys = days.select(pl.concat_str(pl.col("port"), pl.col("day").cast(pl.String), separator="|"))
    days = days.with_columns(
        uniform_draws(keys.to_series(), policy.seed, "capacity").alias("_round"),
        uniform_draws(keys.to_series(), policy.seed, "random slots").alias("_round_random"),
    )
    frame = frame.join(days, on=DAY, how="left", maintain_order="left")
    return frame.with_columns(
        _capacity("_red", policy.examination.default).alias("_red_capacity"),
        _capacity("_doc", policy.documents.default).alias("_doc_capacity"),
    )


def _capacity(prefix: str, default: Limit) -> pl.Expr:
    """The port's own limit where it has one (share or count), else the default limit."""
    share, count = pl.col(f"{prefix}_share"), pl.col(f"{prefix}_count")
    own = pl.when(count.is_not_null()).then(count).otherwise(_from_share(share))
    fallback = (
        pl.lit(default.count, dtype=pl.Int64)
        if default.count is not None
        else _from_share(pl.lit(default.share, dtype=pl.Float64))
    )
    return (
        pl.when(share.is_not_null() | count.is_not_null())
        .then(own)
        .otherwise(fallback)
        .cast(pl.Int64)
    )


def _from_share(share: pl.Expr) -> pl.Expr:
    """A share of the day's shipments, rounded up with the probability of its fraction."""
    return (pl.col("_shipments") * share + pl.col("_round")).floor().cast(pl.Int64)


def _choose_red(frame: pl.DataFrame, policy: SelectionPolicy) -> pl.DataFrame:
    """Hard stops, then the random sample, then risk, within the examination capacity."""
    frame = frame.with_columns(
        pl.col("_hard").sum().over(DAY).cast(pl.Int64).alias("_hard_count"),
        (~pl.col("_hard") & (pl.col("_weight") > 0)).alias("_pool"),
    ).with_columns(
        (pl.col("_red_capacity") - pl.col("_hard_count")).clip(0).alias("_red_left"),
    )
    wanted = (
        (pl.col("_red_capacity") * policy.random_share + pl.col("_round_random"))
        .floor()
        .cast(pl.Int64)
    )
    frame = frame.with_columns(
        pl.min_horizontal(wanted, pl.col("_red_left"), pl.col("_pool").sum().over(DAY))
        .clip(0)
        .alias("_random_slots")
    )
    frame = frame.with_columns(draw_random_sample(frame, policy.seed))
    frame = frame.with_columns(
        (pl.col("_red_left") - pl.col("_random").sum().over(DAY)).alias("_risk_slots"),
        (
            ~pl.col("_hard")
            & ~pl.col("_random")
            & (pl.col("effective_score") >= policy.red_threshold)
        ).alias("_red_candidate"),
    )
    frame = frame.with_columns(
        _rank("_red_candidate", ["effective_score", "_tie"]).alias("_red_rank")
    )
    by_risk = pl.col("_red_candidate") & (pl.col("_red_rank") <= pl.col("_risk_slots"))
    return frame.with_columns(by_risk.alias("_red_risk"))


def _choose_yellow_and_blue(frame: pl.DataFrame, policy: SelectionPolicy) -> pl.DataFrame:
    """Referrals, then paperwork risk, within the documents capacity; blue for what is left."""
    red = pl.col("_hard") | pl.col("_random") | pl.col("_red_risk")
    at_or_above_yellow = pl.col("effective_score") >= policy.yellow_threshold
    frame = frame.with_columns(
        red.alias("_red"),
        (~red & pl.col("_referred")).alias("_yellow_referral"),
    ).with_columns(
        (pl.col("_doc_capacity") - pl.col("_yellow_referral").sum().over(DAY))
        .clip(0)
        .alias("_doc_left"),
        (
            ~pl.col("_red")
            & ~pl.col("_yellow_referral")
            & ~pl.col("_self_assessment")
            & at_or_above_yellow
        ).alias("_yellow_candidate"),
    )
    frame = frame.with_columns(
        _rank("_yellow_candidate", ["_effective_documents", "effective_score", "_tie"]).alias(
            "_yellow_rank"
        )
    )
    yellow_risk = pl.col("_yellow_candidate") & (pl.col("_yellow_rank") <= pl.col("_doc_left"))
    frame = frame.with_columns(yellow_risk.alias("_yellow_risk"))
    yellow = pl.col("_yellow_referral") | pl.col("_yellow_risk")
    blue = ~pl.col("_red") & ~yellow & at_or_above_yellow
    return frame.with_columns(
        pl.when(pl.col("_red"))
        .then(pl.lit("red"))
        .when(yellow)
        .then(pl.lit("yellow"))
        .when(blue)
        .then(pl.lit("blue"))
        .otherwise(pl.lit("green"))
        .alias("lane"),
        pl.when(pl.col("_hard"))
        .then(pl.lit("hard_stop"))
        .when(pl.col("_random"))
        .then(pl.lit("random"))
        .when(pl.col("_yellow_referral"))
        .then(pl.lit("referral"))
        .when(pl.col("_red_risk") | pl.col("_yellow_risk") | blue)
        .then(pl.lit("risk"))
        .otherwise(pl.lit("none"))
        .alias("selected_by"),
    )


def _with_queues(frame: pl.DataFrame) -> pl.DataFrame:
    """Queue order per port, day and lane for red and yellow: front-of-line tiers first.

    Issue 9: a Green Lane shipment selected for examination goes first, highest tier first; then
    hard stops and referrals (they hold the goods), then by score. A hard stop earns no benefit.
    """
    frame = frame.with_columns(
        (pl.col("_hard") | pl.col("_yellow_referral")).alias("_held"),
        pl.col("lane").is_in(["red", "yellow"]).alias("_queued"),
    )
    return frame.with_columns(
        _rank("_queued", ["_queue_tier", "_held", "effective_score", "_tie"], [*DAY, "lane"]).alias(
            "queue_priority"
        )
    )


def _rank(candidate: str, keys: list[str], over: list[str] = DAY) -> pl.Expr:
    """Each candidate's rank (1 = first) in its group by ``keys``, highest first; else null."""
    return (
        pl.when(pl.col(candidate)).then(pl.struct(keys)).rank("ordinal", descending=True).over(over)
    )
