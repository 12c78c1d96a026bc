"""From case files to explained lane decisions: indicators, profile, score, selection.

One function for every caller (the CLI over the store, the batch benchmark, a backtest), so a
shipment is decided the same way wherever it is decided.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from greenlane.risk.casefile import CaseFiles
from greenlane.risk.indicators import compute_indicators
from greenlane.risk.profiles import Profile
from greenlane.risk.score import ScoreRules, score
from greenlane.selection import SelectionPolicy, select_lanes


@dataclass(frozen=True, slots=True)
class Decisions:
    indicators: pl.DataFrame
    """One row per shipment: every indicator and the context columns."""
    evidence: pl.DataFrame
    scored: pl.DataFrame
    """Points, rule score, model probability, score, hard stops, referral, reasons."""
    lanes: pl.DataFrame
    """``greenlane.selection.LANE_DECISIONS``."""

    def joined(self) -> pl.DataFrame:
        """Lanes with the score and reasons beside them, one row per shipment."""
        return self.lanes.join(
            self.scored.select(
                "master_bill", "score", "points", "model_probability", "hard_stop", "reasons"
            ),
            on="master_bill",
            how="left",
        )


def decide(
    case: CaseFiles,
    profile: Profile,
    policy: SelectionPolicy | None = None,
    *,
    model: pl.DataFrame | None = None,
    rules: ScoreRules | None = None,
    before_loading: bool = False,
) -> Decisions:
    """Every shipment of the case files scored by the profile (and the model's probabilities,
    ``master_bill`` and ``probability``, where given) and put in a lane within capacity.

    ``before_loading``: the case files hold what was known before loading, and every shipment
    gets one of the ICS2 answers: the strongest referral its rules ask for, else assessment
    complete."""
    values, evidence = compute_indicators(case)
    scored = score(profile, values, evidence, model=model, rules=rules)
    if before_loading:
        scored = scored.with_columns(pl.col("referral").fill_null("assessment_complete"))
    frame = scored.join(
        values.select(
            "master_bill",
            port="port_of_discharge",
            day="assessed_on",
            trusted_tier="trusted_trader_tier",
            stratum="hs_chapter",
        ),
        on="master_bill",
    ).with_columns(pl.col("port").fill_null("unknown"), pl.col("stratum").fill_null("unknown"))
    return Decisions(values, evidence, scored, select_lanes(frame, policy))
