"""Each lane decision in plain words, for the officer who acts on it and the trader who asks why.

A selection that cannot be contested is a common complaint about customs targeting; so every
explanation names the step that decided (hard stop, random sample, rank within capacity,
threshold, referral, trusted-trader benefit) with its numbers: the score before and after a
benefit, the rank at the port that day, the capacity, and the scoring's own reasons.
"""

from __future__ import annotations

import polars as pl

from greenlane.selection.policy import SelectionPolicy
from greenlane.selection.referrals import AT_LEAST_YELLOW, DO_NOT_LOAD, REFERRAL_WORDS
from greenlane.selection.sample import DAY

# How many of the scoring's reasons an explanation repeats.
REASONS_SHOWN = 3

_NO_TEXT = pl.lit("")
_NO_WORDS = pl.lit([], dtype=pl.List(pl.String()))


def _number(expr: pl.Expr) -> pl.Expr:
    """Three decimals, rounded down, so a score shown "below" a threshold never reads as equal."""
    return ((expr * 1000 + 1e-6).floor() / 1000).round(3).cast(pl.String)


def _when(condition: pl.Expr, then: pl.Expr) -> pl.Expr:
    return pl.when(condition).then(then).otherwise(_NO_TEXT)


def with_explanations(frame: pl.DataFrame, policy: SelectionPolicy) -> pl.DataFrame:
    """Adds ``explanation`` from the lane and the working columns of ``lanes``."""
    score, effective = pl.col("score"), pl.col("effective_score")
    tier = pl.col("trusted_tier").cast(pl.String)
    day = pl.col("day").cast(pl.String)
    shipments = pl.col("_shipments")
    red_threshold, yellow_threshold = policy.red_threshold, policy.yellow_threshold

    risk = pl.format(
        "risk {}{}",
        _number(effective),
        _when(
            _number(effective) != _number(score),
            pl.format(" ({} before tier {} benefit)", _number(score), tier),
        ),
    )
    where = pl.format(" at {} on {}", pl.col("port"), day)
    red_capacity = pl.format("capacity {} of {}", pl.col("_red_capacity"), shipments)
    doc_capacity = pl.format("documents capacity {} of {}", pl.col("_doc_capacity"), shipments)
    reasons = _when(
        pl.col("reasons").list.len() > 0,
        pl.format(" — {}", pl.col("reasons").list.head(REASONS_SHOWN).list.join("; ")),
    )
    percent = (pl.col("_day_rank") * 100 / shipments).ceil().cast(pl.Int64)
    referral_words = pl.col("referral").replace_strict(REFERRAL_WORDS, default="")
    # why a shipment that is not red still carries its risk
    threshold_passed = (
        pl.when(effective >= red_threshold)
        .then(
            pl.format(
                "at or above red threshold {} with the examination {} full",
                pl.lit(red_threshold),
                red_capacity,
            )
        )
        .otherwise(pl.lit(f"at or above yellow threshold {yellow_threshold}"))
    )

    stop_reasons = pl.concat_list(
        pl.col("hard_stop_reasons"),
        pl.when(pl.col("referral") == DO_NOT_LOAD)
        .then(pl.lit([REFERRAL_WORDS[DO_NOT_LOAD]], dtype=pl.List(pl.String())))
        .otherwise(_NO_WORDS),
    )
    hard = pl.format(
        "red: hard stop — {}{}{}",
        pl.when(stop_reasons.list.len() > 0)
        .then(stop_reasons.list.join("; "))
        .otherwise(pl.lit("hard stop rule")),
        _when(
            pl.col("_hard_count") > pl.col("_red_capacity"),
            pl.format(
                " ({} hard stops{}, examination {}: examined beyond capacity)",
                pl.col("_hard_count"),
                where,
                red_capacity,
            ),
        ),
        _when(
            pl.col("trusted_tier") > 0,
            pl.format("; tier {} benefits never apply to a hard stop", tier),
        ),
    )
    random = pl.format(
        "red: random compliance sample, stratum {} ({}, seed {})",
        pl.col("stratum"),
        risk,
        pl.lit(policy.seed),
    )
    red_risk = pl.format(
        "red: {}, among the {}% highest{} ({}){}", risk, percent, where, red_capacity, reasons
    )
    yellow_referral = pl.format(
        "yellow: {}: documents check whatever the capacity; {}", referral_words, risk
    )
    yellow_risk = pl.format(
        "yellow: documents check, paperwork risk {} of {} {}{} ({}){}",
        _number(pl.col("_effective_documents")),
        risk,
        threshold_passed,
        where,
        doc_capacity,
        reasons,
    )
    blue_certified = pl.format(
        "blue: certified importer (tier {}), {}{}: release, post-clearance audit",
        tier,
        risk,
        _when(effective >= red_threshold, pl.format(" {}", threshold_passed)),
    )
    blue_overflow = pl.format(
        "blue: {} {}{}, {} full: release, post-clearance audit{}",
        risk,
        threshold_passed,
        where,
        doc_capacity,
        reasons,
    )
    green = pl.format("green: {} below yellow threshold {}", risk, pl.lit(yellow_threshold))
    also_referred = _when(
        pl.col("referral").is_in(list(AT_LEAST_YELLOW)).fill_null(False),
        pl.format("; also {}", referral_words),
    )
    # Each wording is computed on its own rows only: most shipments are green, and evaluating
    # every wording on every row would cost more than the whole selection.
    branches: list[tuple[pl.Expr, pl.Expr]] = [
        (pl.col("_hard"), pl.concat_str(hard, also_referred)),
        (pl.col("_random"), pl.concat_str(random, also_referred)),
        (pl.col("_red_risk"), pl.concat_str(red_risk, also_referred)),
        (pl.col("_yellow_referral"), yellow_referral),
        (pl.col("_yellow_risk"), yellow_risk),
        ((pl.col("lane") == "blue") & pl.col("_self_assessment"), blue_certified),
        ((pl.col("lane") == "blue") & ~pl.col("_self_assessment"), blue_overflow),
        (pl.col("lane") == "green", green),
    ]
    frame = frame.with_columns(
        effective.rank("min", descending=True).over(DAY).alias("_day_rank"),
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("_position"),
    )
    explanation = pl.Series("explanation", [None] * frame.height, dtype=pl.String)
    for mask, wording in branches:
        rows = frame.filter(mask)
        if rows.height:
            texts = rows.select("_position", wording.alias("text"))
            explanation = explanation.scatter(texts["_position"], texts["text"])
    return frame.drop("_day_rank", "_position").with_columns(explanation)
