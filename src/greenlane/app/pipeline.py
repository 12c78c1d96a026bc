"""The one decision pipeline: indicators, profile score (and model probability), penalty
mitigation, Green Lane benefits, selection.

Every caller decides shipments through ``decide``: ``greenlane assess`` over the store, the
backtest over history, the resumption order after a disruption, the benchmarks. So a backtest
measures the pipeline production runs. Programs are optional: without them (and without an
eligibility already judged) there is no mitigation and no benefit, every shipment at tier 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from greenlane.programs.benefits import selection_input
from greenlane.programs.eligibility import Eligibility, assess_eligibility
from greenlane.programs.frames import Programs
from greenlane.programs.mitigation import Mitigation, mitigate
from greenlane.programs.rules import EligibilityRules
from greenlane.risk.casefile import CaseFiles
from greenlane.risk.profiles import Profile
from greenlane.risk.score import ScoreRules, score_case
from greenlane.selection import SelectionPolicy, select_lanes


@dataclass(frozen=True, slots=True)
class Decisions:
    indicators: pl.DataFrame
    """One row per shipment: every indicator and the context columns."""
    evidence: pl.DataFrame
    scored: pl.DataFrame
    """Points, rule score, model probability, score, hard stops, referral, reasons, rules in
    scope and the points mitigation took off."""
    lanes: pl.DataFrame
    """``greenlane.selection.LANE_DECISIONS``."""
    eligibility: Eligibility | None
    """The Green Lane judgement the benefits came from; None: no programs, no benefits."""

    def joined(self) -> pl.DataFrame:
        """Lanes with score, reasons, arrival, eligibility and benefit tier, one row per
        shipment (eligible is null and the tiers 0 where no programs were judged)."""
        lanes = self.lanes.join(
            self.scored.select(
                "master_bill",
                "score",
                "points",
                "model_probability",
                "hard_stop",
                "reasons",
                "rules_in_scope",
                "mitigated_points",
            ),
            on="master_bill",
            how="left",
        )
        if self.eligibility is not None:
            judged = self.eligibility.shipments.select(
                "master_bill", "decided_at", "eligible", "importer_tier", "benefit_tier"
            )
        else:
            judged = self.indicators.select(
                "master_bill",
                "decided_at",
                eligible=pl.lit(None, pl.Boolean),
                importer_tier=pl.lit(0, pl.Int32),
                benefit_tier=pl.lit(0, pl.Int8),
            )
        return lanes.join(judged, on="master_bill", how="left")


def decide(
    case: CaseFiles,
    profile: Profile,
    policy: SelectionPolicy | None = None,
    *,
    programs: Programs | None = None,
    eligibility: Eligibility | None = None,
    eligibility_rules: EligibilityRules | None = None,
    mitigation: Mitigation | None = None,
    model: pl.DataFrame | None = None,
    score_rules: ScoreRules | None = None,
    before_loading: bool = False,
) -> Decisions:
    """Every shipment of the case files scored by the profile (and the model's probabilities,
    ``master_bill`` and ``probability``, where given), its certified importer's minor
    discrepancies mitigated, and put in a lane within capacity with the Green Lane benefits of
    its eligibility. ``eligibility`` already judged is used as it is; else it is judged from
    ``programs`` when given.

    ``before_loading``: the case files hold what was known before loading, and every shipment
    gets one of the ICS2 answers: the strongest referral its rules ask for, else assessment
    complete."""
    risk = score_case(case, profile, model=model, rules=score_rules, before_loading=before_loading)
    if eligibility is None and programs is not None:
        eligibility = assess_eligibility(case, programs, eligibility_rules)
    scored = risk.scored
    if eligibility is None:
        scored = scored.with_columns(mitigated_points=pl.lit(0.0))
    else:
        tiers = eligibility.shipments.select("master_bill", "importer_tier")
        scored = mitigate(case, profile, risk.indicators, scored, tiers, mitigation, score_rules)
    lanes = select_lanes(selection_input(scored, risk.indicators, eligibility), policy)
    return Decisions(risk.indicators, risk.evidence, scored, lanes, eligibility)
