"""Green Lane benefits in selection: the tier's benefits for eligible shipments only.

``greenlane.risk.decide`` gives every shipment its importer's trusted-trader tier. The Green Lane
bargain is narrower: the benefits (a lower score for ranking, fewer random examinations,
self-assessment instead of a documents check, the front of the examination queue) go to a
shipment whose whole chain meets the five requirements. ``selection_input`` builds selection's
input with ``trusted_tier`` set to the eligible shipment's benefit tier and 0 for every other;
``decide_green_lane`` runs the same indicators, profile and score as ``decide``, mitigates the
minor discrepancies of certified importers, and selects. Selection itself guarantees that a
hard stop or a do-not-load is red whatever the tier; the tests check it again from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from greenlane.programs.eligibility import Eligibility, assess_eligibility
from greenlane.programs.frames import Programs
from greenlane.programs.mitigation import Mitigation, mitigate
from greenlane.programs.rules import EligibilityRules
from greenlane.risk.casefile import CaseFiles
from greenlane.risk.decide import Decisions
from greenlane.risk.indicators import compute_indicators
from greenlane.risk.profiles import Profile
from greenlane.risk.score import ScoreRules, score
from greenlane.selection import SelectionPolicy, select_lanes


def selection_input(
    scored: pl.DataFrame, indicators: pl.DataFrame, eligibility: Eligibility
) -> pl.DataFrame:
    """Selection's input (``greenlane.selection.SCORED_SHIPMENTS``) with the Green Lane tier:
    the benefit tier where the shipment is eligible, else 0."""
    return (
        scored.join(
            indicators.select(
                "master_bill", port="port_of_discharge", day="assessed_on", stratum="hs_chapter"
            ),
            on="master_bill",
        )
        .join(
            eligibility.shipments.select("master_bill", trusted_tier="benefit_tier"),
            on="master_bill",
            how="left",
        )
        .with_columns(
            pl.col("port").fill_null("unknown"),
            pl.col("stratum").fill_null("unknown"),
            pl.col("trusted_tier").fill_null(0).cast(pl.Int8),
        )
    )


@dataclass(frozen=True, slots=True)
class GreenLaneDecisions:
    decisions: Decisions
    """Indicators, evidence, the (mitigated) scores and the lanes."""
    eligibility: Eligibility

    def joined(self) -> pl.DataFrame:
        """Lanes with score, reasons, arrival, eligibility and benefit tier, one row per
        shipment."""
        return (
            self.decisions.joined()
            .join(
                self.decisions.scored.select("master_bill", "mitigated_points"),
                on="master_bill",
                how="left",
            )
            .join(
                self.eligibility.shipments.select(
                    "master_bill", "decided_at", "eligible", "importer_tier", "benefit_tier"
                ),
                on="master_bill",
                how="left",
            )
        )


def decide_green_lane(
    case: CaseFiles,
    profile: Profile,
    programs: Programs,
    policy: SelectionPolicy | None = None,
    *,
    eligibility: Eligibility | None = None,
    rules: EligibilityRules | None = None,
    mitigation: Mitigation | None = None,
    model: pl.DataFrame | None = None,
    score_rules: ScoreRules | None = None,
    before_loading: bool = False,
) -> GreenLaneDecisions:
    """Every shipment scored, mitigated and put in a lane with the Green Lane benefits."""
    eligibility = eligibility or assess_eligibility(case, programs, rules)
    values, evidence = compute_indicators(case)
    scored = score(profile, values, evidence, model=model, rules=score_rules)
    if before_loading:
        scored = scored.with_columns(pl.col("referral").fill_null("assessment_complete"))
    tiers = eligibility.shipments.select("master_bill", "importer_tier")
    scored = mitigate(case, profile, values, scored, tiers, mitigation, score_rules)
    lanes = select_lanes(selection_input(scored, values, eligibility), policy)
    return GreenLaneDecisions(Decisions(values, evidence, scored, lanes), eligibility)
