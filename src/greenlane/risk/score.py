"""One risk score per shipment, with every reason that made it.

The rule score turns the points of the rules that fired (their weights summed) into a number
between 0 and 1: ``1 - exp(-points / scale)``. With the default scale of 50, one 20-point rule
gives 0.33, 50 points 0.63, a 90-point rule 0.83, and points never push it past 1. Where a
trained model gives a probability of an examination finding something, the two are combined as
independent signals, ``1 - (1 - rule score) * (1 - model probability)``: either one alone can
raise the risk, and neither can lower what the other found. So the score reads as "how strongly
the profile and the model together point at this shipment", on one scale for every port.

Each rule's share of the score is its weight over the points (times the rule part of the score);
the model's share is what it added. The explanation lists every contribution, largest first,
with the evidence of the indicators the rule named.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from greenlane.risk.casefile import CaseFiles
from greenlane.risk.indicators import compute_indicators
from greenlane.risk.profiles import Profile, Rule, evaluate, rules_in_scope

REFERRAL_ORDER = ("do_not_load", "request_for_screening", "request_for_information")
"""Strongest first: a shipment gets the strongest referral any of its rules asks for."""


@dataclass(frozen=True, slots=True)
class ScoreRules:
    scale: float = 50.0
    """Points at which the rule score reaches 1 - 1/e (0.63)."""


def _rule_table(profile: Profile) -> pl.DataFrame:
    """One row per rule: its weight, what it is, and the indicators its condition names."""

    def named(rule: Rule) -> list[str]:
        return list(dict.fromkeys(rule.expr.meta.root_names()))

    return pl.DataFrame(
        {
            "rule": [r.id for r in profile.rules],
            "weight": [float(r.weight) for r in profile.rules],
            "title": [r.title for r in profile.rules],
            "hard_stop": [bool(r.hard_stop) for r in profile.rules],
            "documents": [r.lane == "yellow" for r in profile.rules],
            "referral": [r.referral for r in profile.rules],
            "indicators": [named(r) for r in profile.rules],
        },
        schema={
            "rule": pl.String,
            "weight": pl.Float64,
            "title": pl.String,
            "hard_stop": pl.Boolean,
            "documents": pl.Boolean,
            "referral": pl.String,
            "indicators": pl.List(pl.String),
        },
    )


def fired_rules(profile: Profile, indicators: pl.DataFrame) -> pl.DataFrame:
    """(master_bill, rule) for every rule that fired on every shipment, with the rule's row."""
    hits = evaluate(profile, indicators)
    rule_columns = [c for c in hits.columns if c != "master_bill"]
    long = (
        hits.unpivot(index="master_bill", on=rule_columns, variable_name="rule", value_name="hit")
        .filter(pl.col("hit"))
        .drop("hit")
    )
    return long.join(_rule_table(profile), on="rule", how="inner")


def score(
    profile: Profile,
    indicators: pl.DataFrame,
    evidence: pl.DataFrame,
    *,
    model: pl.DataFrame | None = None,
    rules: ScoreRules | None = None,
) -> pl.DataFrame:
    """Per shipment: ``points``, ``rule_score``, ``model_probability``, ``score``,
    ``documents_score`` (the part of the score from rules whose floor is a documents check),
    ``hard_stop`` with its reasons, ``referral``, and ``reasons``: every contribution in words,
    largest first. ``model`` has master_bill and probability, when there is a model."""
    rules = rules or ScoreRules()
    fired = fired_rules(profile, indicators)
    why = (
        fired.select("master_bill", "rule", "indicators")
        .explode("indicators")
        .join(
            evidence.rename({"indicator": "indicators"}),
            on=["master_bill", "indicators"],
            how="inner",
        )
        .group_by("master_bill", "rule")
        .agg(pl.col("evidence").unique(maintain_order=True).str.join("; "))
    )
    fired = fired.join(why, on=["master_bill", "rule"], how="left")
    per_bill = fired.group_by("master_bill").agg(
        points=pl.col("weight").sum(),
        documents_points=pl.col("weight").filter(pl.col("documents")).sum(),
        hard_stop=pl.col("hard_stop").any(),
        hard_stop_reasons=pl.concat_str(
            pl.col("title"), pl.lit(" ("), pl.col("evidence").fill_null(pl.col("rule")), pl.lit(")")
        ).filter(pl.col("hard_stop")),
        referral=pl.col("referral")
        .drop_nulls()
        .replace_strict({r: k for k, r in enumerate(REFERRAL_ORDER)}, default=len(REFERRAL_ORDER))
        .min(),
    )
    base = indicators.select("master_bill")
    if model is not None:
        base = base.join(
            model.select("master_bill", model_probability="probability"),
            on="master_bill",
            how="left",
        )
    else:
        base = base.with_columns(model_probability=pl.lit(None, pl.Float64))
    out = (
        base.join(per_bill, on="master_bill", how="left")
        .with_columns(
            points=pl.col("points").fill_null(0.0),
            hard_stop=pl.col("hard_stop").fill_null(False),
            hard_stop_reasons=pl.col("hard_stop_reasons").fill_null([]),
            referral=pl.col("referral").replace_strict(
                dict(enumerate(REFERRAL_ORDER)), default=None, return_dtype=pl.String
            ),
        )
        .with_columns(rule_score=1 - (-pl.col("points") / rules.scale).exp())
        .with_columns(
            score=1 - (1 - pl.col("rule_score")) * (1 - pl.col("model_probability").fill_null(0.0)),
            documents_score=pl.when(pl.col("points") > 0)
            .then(pl.col("rule_score") * pl.col("documents_points").fill_null(0) / pl.col("points"))
            .otherwise(0.0),
        )
        .drop("documents_points")
    )
    out = out.join(rules_in_scope(profile, indicators), on="master_bill", how="left")
    out = out.join(_reasons(fired, out), on="master_bill", how="left").with_columns(
        pl.col("reasons").fill_null([])
    )
    unscoped = out.join(_out_of_scope(profile, indicators), on="master_bill", how="left")
    return unscoped.with_columns(
        reasons=pl.when(pl.col("rules_in_scope") == 0)
        .then(pl.concat_list(pl.col("_unscoped"), pl.col("reasons")))
        .otherwise(pl.col("reasons")),
    ).drop("_unscoped")


@dataclass(frozen=True, slots=True)
class RiskScores:
    """The risk steps of a decision: indicators, their evidence, and the scores."""

    indicators: pl.DataFrame
    evidence: pl.DataFrame
    scored: pl.DataFrame
    """``score``'s frame."""


def score_case(
    case: CaseFiles,
    profile: Profile,
    *,
    model: pl.DataFrame | None = None,
    rules: ScoreRules | None = None,
    before_loading: bool = False,
) -> RiskScores:
    """Indicators of every shipment of the case files, scored by the profile (and the model).

    ``before_loading``: the case files hold what was known before loading, and every shipment
    gets one of the ICS2 answers: the strongest referral its rules ask for, else assessment
    complete."""
    values, evidence = compute_indicators(case)
    scored = score(profile, values, evidence, model=model, rules=rules)
    if before_loading:
        scored = scored.with_columns(pl.col("referral").fill_null("assessment_complete"))
    return RiskScores(values, evidence, scored)


def _out_of_scope(profile: Profile, indicators: pl.DataFrame) -> pl.DataFrame:
    """Per shipment, the words for when no rule of the profile applies to it, so that a score
    of 0 is never left unexplained."""
    named = (("port_of_discharge", "port"), ("mode", "mode"), ("assessed_on", "day"))
    shown = [
        pl.concat_str(pl.lit(f"{what} "), pl.col(column).cast(pl.String))
        for column, what in named
        if column in indicators.columns
    ]
    where = pl.concat_str(pl.lit(" ("), pl.concat_str(shown, separator=", "), pl.lit(")"))
    text = pl.concat_str(
        pl.lit(f"no rule of {profile.key} applies to this shipment"),
        where if shown else pl.lit(""),
        pl.lit(
            f": it is outside the scope (ports, modes, dates) of all {len(profile.rules)} "
            "rules, so the profile gave it no points; its score says nothing about its risk"
        ),
    )
    return indicators.select("master_bill", _unscoped=text.fill_null(pl.lit("no rule applies")))


def _percent(share: pl.Expr) -> pl.Expr:
    return (share * 100).round(0).cast(pl.Int64).cast(pl.String)


def _reasons(fired: pl.DataFrame, scored: pl.DataFrame) -> pl.DataFrame:
    """Every contribution in words, largest first: 'RULE (w points, s of 100): title: evidence',
    and the model's part where there is one."""
    parts = scored.select("master_bill", "points", "rule_score")
    rows = fired.join(parts, on="master_bill").select(
        "master_bill",
        share=pl.col("weight") / pl.col("points") * pl.col("rule_score"),
        text=pl.concat_str(
            pl.col("rule"),
            pl.lit(" ("),
            pl.col("weight").round(0).cast(pl.Int64).cast(pl.String),
            pl.lit(" points, "),
            _percent(pl.col("weight") / pl.col("points") * pl.col("rule_score")),
            pl.lit(" of 100): "),
            pl.col("title"),
            pl.when(pl.col("evidence").is_not_null())
            .then(pl.concat_str(pl.lit(": "), pl.col("evidence")))
            .otherwise(pl.lit("")),
        ),
    )
    added = pl.col("score") - pl.col("rule_score")
    model = scored.filter(pl.col("model_probability") > 0).select(
        "master_bill",
        share=added,
        text=pl.concat_str(
            pl.lit("model ("),
            _percent(added),
            pl.lit(" of 100): probability "),
            pl.col("model_probability").round(3).cast(pl.String),
            pl.lit(" that an examination finds something"),
        ),
    )
    return (
        pl.concat([rows, model])
        .sort("master_bill", "share", descending=[False, True])
        .group_by("master_bill", maintain_order=True)
        .agg(reasons=pl.col("text"))
    )
