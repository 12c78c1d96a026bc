"""Penalty mitigation: a certified importer's minor data discrepancies weigh less.

A typo in an HS code, an amended filing, a mass that differs by a few percent between the
manifest and the entry: for a trader whose processes customs has validated these are clerical,
not signs of smuggling. Whatever the profile, a fired rule whose condition names only such
indicators has its points multiplied by ``factor`` when the importer holds a certification that
counts at the port; the score is recomputed as ``greenlane.risk.score`` computes it, and the
change is written into the shipment's reasons. A shipment with a hard stop is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from greenlane.errors import ConfigurationError
from greenlane.risk.casefile import CaseFiles
from greenlane.risk.profiles import Profile
from greenlane.risk.score import ScoreRules, fired_rules


@dataclass(frozen=True, slots=True)
class Mitigation:
    """``minor`` indicators are data-quality ones; ``manifest_entry_disagree`` counts as minor
    only when the masses differ by at most ``small_mass_share`` and the headings agree."""

    factor: float = 0.5
    minor: tuple[str, ...] = (
        "amended",
        "manifest_entry_disagree",
        "packages_implausible",
        "mass_implausible",
        "hs_code_invalid",
    )
    small_mass_share: float = 0.10

    def __post_init__(self) -> None:
        if not 0.0 <= self.factor <= 1.0:
            raise ConfigurationError(f"mitigation factor {self.factor}", expected="0..1")


def _small_disagreement(case: CaseFiles, share: float) -> pl.DataFrame:
    s = case.shipments
    return s.select(
        "master_bill",
        _small=(
            (pl.col("entry_gross_kg") - pl.col("manifest_gross_kg")).abs()
            <= share * pl.col("manifest_gross_kg")
        ).fill_null(True)
        & (pl.col("entry_hs4") == pl.col("manifest_hs4")).fill_null(True),
    )


def mitigate(
    case: CaseFiles,
    profile: Profile,
    indicators: pl.DataFrame,
    scored: pl.DataFrame,
    certified_tier: pl.DataFrame,
    mitigation: Mitigation | None = None,
    rules: ScoreRules | None = None,
) -> pl.DataFrame:
    """``scored`` (from ``greenlane.risk.score.score``) with the minor rules of certified
    importers weighed by the factor, ``mitigated_points`` (points taken off) and the change in
    ``reasons``. ``certified_tier`` has master_bill and importer_tier (0: not certified)."""
    mitigation = mitigation or Mitigation()
    rules = rules or ScoreRules()
    minor = set(mitigation.minor)
    fired = fired_rules(profile, indicators).join(
        _small_disagreement(case, mitigation.small_mass_share), on="master_bill", how="left"
    )
    named_minor = pl.col("indicators").list.eval(pl.element().is_in(list(minor))).list.all()
    needs_small = pl.col("indicators").list.contains("manifest_entry_disagree")
    eligible_rule = (
        ~pl.col("hard_stop") & named_minor & (~needs_small | pl.col("_small").fill_null(False))
    )
    cut = 1.0 - mitigation.factor
    per_bill = (
        fired.filter(eligible_rule)
        .group_by("master_bill")
        .agg(
            _off=(pl.col("weight") * cut).sum(),
            _doc_off=(pl.col("weight") * cut).filter(pl.col("documents")).sum(),
            _rules=pl.col("rule").sort(),
        )
    )
    docs = fired.group_by("master_bill").agg(
        _doc_points=pl.col("weight").filter(pl.col("documents")).sum()
    )
    target = (
        scored.join(certified_tier, on="master_bill", how="left")
        .join(per_bill, on="master_bill", how="left")
        .join(docs, on="master_bill", how="left")
    )
    applies = (
        (pl.col("importer_tier").fill_null(0) > 0)
        & ~pl.col("hard_stop")
        & (pl.col("_off").fill_null(0) > 0)
    )
    points = pl.col("points") - pl.col("_off")
    rule_score = 1 - (-points / rules.scale).exp()
    model = pl.col("model_probability").fill_null(0.0)
    docs_points = pl.col("_doc_points").fill_null(0) - pl.col("_doc_off").fill_null(0)
    note = pl.concat_str(
        pl.lit("penalty mitigation (certified importer, tier "),
        pl.col("importer_tier").cast(pl.String),
        pl.lit("): "),
        pl.col("_rules").list.join(", "),
        pl.lit(f" weigh {mitigation.factor:g} of their points as minor data discrepancies, "),
        pl.col("points").round(1).cast(pl.String),
        pl.lit(" -> "),
        points.round(1).cast(pl.String),
        pl.lit(" points"),
    )
    out = target.with_columns(_applies=applies).with_columns(
        mitigated_points=pl.when("_applies").then(pl.col("_off")).otherwise(0.0),
        points=pl.when("_applies").then(points).otherwise(pl.col("points")),
        rule_score=pl.when("_applies").then(rule_score).otherwise(pl.col("rule_score")),
        score=pl.when("_applies")
        .then(1 - (1 - rule_score) * (1 - model))
        .otherwise(pl.col("score")),
        documents_score=pl.when("_applies")
        .then(pl.when(points > 0).then(rule_score * docs_points / points).otherwise(0.0))
        .otherwise(pl.col("documents_score")),
        reasons=pl.when("_applies")
        .then(pl.concat_list(pl.col("reasons"), note))
        .otherwise(pl.col("reasons")),
    )
    return out.select(*scored.columns, "mitigated_points")
