"""Assess, decide one shipment, backtest: the targeting verbs over a ``Database``.

``assess`` decides every stored shipment through the one decision pipeline
(``greenlane.app.pipeline``) and stores each decision with its reasons; ``decision`` reads one
shipment's stored decisions; ``backtest`` runs the same pipeline over the stored history and
measures it, so what a backtest reports is what ``assess`` would do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import polars as pl

from greenlane.app.pipeline import decide
from greenlane.app.profiles import ProfileChoice, choose_profile
from greenlane.errors import NotFoundError
from greenlane.programs.eligibility import assess_eligibility
from greenlane.programs.frames import programs_from_frames
from greenlane.risk.backtest import Period, measure
from greenlane.risk.build import case_files
from greenlane.risk.casefile import CaseFiles
from greenlane.risk.profiles import Profile
from greenlane.selection import LANES, REFERRALS, Capacity, Limit, SelectionPolicy
from greenlane.store import Database
from greenlane.store.decisions import StoredDecision, decisions_for_bill, replace_decisions
from greenlane.store.frames import StoreFrames

__all__ = [
    "AssessReport",
    "ModelProbabilities",
    "Period",
    "ProfileChoice",
    "assess",
    "backtest",
    "choose_profile",
    "decision",
    "selection_policy",
]

ModelProbabilities = pl.DataFrame | Callable[[CaseFiles], pl.DataFrame]
"""A model's probabilities (master_bill, probability), or how to get them from the case files
the assessment reads."""
TOP_RISKS = 5
REFERRAL_ORDER = (*REFERRALS, "none")


def selection_policy(
    capacity: float = 0.02, random_share: float = 0.1, seed: int = 0
) -> SelectionPolicy:
    """The policy of an examination capacity (a share of each port-day), the random share of it
    and the seed of the draws; every other setting as ``SelectionPolicy`` has it."""
    return SelectionPolicy(
        examination=Capacity(Limit(share=capacity)), random_share=random_share, seed=seed
    )


@dataclass(frozen=True)
class AssessReport:
    """What one assessment decided and stored."""

    profile: Profile
    stage: str
    """arrival or before_loading"""
    decided_at: datetime
    decisions: pl.DataFrame
    """The stored decisions, one row per shipment (``Decisions.joined()``)."""

    @property
    def shipments(self) -> int:
        return self.decisions.height

    @property
    def in_force(self) -> bool:
        """Whether the profile version is the one in force on the day of the assessment."""
        return self.profile.in_force(self.decided_at.date())

    def lanes(self) -> dict[str, int]:
        """Shipments per lane, red first (lanes no shipment took are left out)."""
        return _counts(self.decisions["lane"], LANES)

    def referrals(self) -> dict[str, int]:
        """Shipments per ICS2 answer, the strongest first."""
        return _counts(self.decisions["referral"].fill_null("none"), REFERRAL_ORDER)

    def eligible(self) -> int:
        return int(self.decisions["eligible"].fill_null(False).sum())

    def top_risks(self, n: int = TOP_RISKS) -> list[dict[str, Any]]:
        """The riskiest shipments (hard stops first, then by score), each with its lane and its
        first reasons; shipments with no risk are never listed."""
        top = (
            self.decisions.filter(pl.col("hard_stop") | (pl.col("score") > 0))
            .sort(["hard_stop", "score", "master_bill"], descending=[True, True, False])
            .head(n)
        )
        return [
            {
                "master_bill": r["master_bill"],
                "lane": r["lane"],
                "score": round(r["score"], 3),
                "port": r["port"],
                "day": r["day"].isoformat(),
                "reasons": list(r["reasons"][:3]),
            }
            for r in top.iter_rows(named=True)
        ]

    def summary(self) -> dict[str, Any]:
        """The report as plain values (the ``assess --json`` shape, docs/risk.md)."""
        out: dict[str, Any] = {
            "shipments": self.shipments,
            "stage": self.stage,
            "profile": self.profile.key,
            "composed_of": list(self.profile.composed_of),
            "profile_effective": self.profile.effective(),
            "profile_in_force": self.in_force,
            "lanes": self.lanes(),
            "green_lane_eligible": self.eligible(),
            "top_risks": self.top_risks(),
        }
        if self.stage == "before_loading":
            out["referrals"] = self.referrals()
        return out


def _counts(values: pl.Series, order: Sequence[str]) -> dict[str, int]:
    counted = dict(values.value_counts().iter_rows())
    known = [k for k in order if k in counted]
    return {str(k): int(counted[k]) for k in [*known, *sorted(set(counted) - set(known))]}


def _case(db: Database, *, before_loading: bool = False) -> CaseFiles:
    case = case_files(StoreFrames(db), before_loading=before_loading)
    if case.shipments.is_empty():
        raise NotFoundError(
            "no shipments in the store to decide; ingest messages (greenlane ingest) or run "
            "greenlane demo first"
        )
    return case


def assess(
    db: Database,
    profile: ProfileChoice = None,
    local: ProfileChoice = None,
    policy: SelectionPolicy | None = None,
    *,
    before_loading: bool = False,
    model_probabilities: ModelProbabilities | None = None,
    at: datetime | None = None,
) -> AssessReport:
    """Decide every stored shipment with the profile (the national one by default, a port's
    ``local`` profile on top), the model's probabilities where given, the stored programs'
    mitigation and Green Lane benefits, and the policy's capacities; store each decision with
    its reasons, replacing the stage's earlier ones. ``before_loading``: judge each shipment on
    what was known when its manifest came in, with an ICS2 answer."""
    chosen = choose_profile(profile, local)
    case = _case(db, before_loading=before_loading)
    model = model_probabilities(case) if callable(model_probabilities) else model_probabilities
    decided = decide(
        case,
        chosen,
        policy,
        programs=programs_from_frames(StoreFrames(db)),
        model=model,
        before_loading=before_loading,
    )
    joined = decided.joined()
    stage = "before_loading" if before_loading else "arrival"
    at = at or datetime.now(UTC)
    replace_decisions(db, joined, "+".join(chosen.composed_of) or chosen.key, at, stage)
    return AssessReport(chosen, stage, at, joined)


def decision(db: Database, bill: str) -> list[StoredDecision]:
    """The shipment's stored decisions, before loading first; NotFoundError naming the bill
    when it is not in the store or was never assessed."""
    bill = bill.strip()
    found = decisions_for_bill(db, bill)
    if found:
        return found
    if not db.filings_for_bill(bill):
        raise NotFoundError(f"no shipment {bill!r} in the store")
    raise NotFoundError(f"shipment {bill!r} has not been assessed yet; run greenlane assess")


def backtest(
    db: Database,
    profiles: Sequence[ProfileChoice] = (None,),
    period: Period | None = None,
    policy: SelectionPolicy | None = None,
) -> list[dict[str, Any]]:
    """Each profile run through the decision pipeline over the stored shipments (with the
    stored programs, as ``assess`` runs it) and measured over the period's shipments, side by
    side (``greenlane.risk.backtest.measure``; the world's labels where the store has them)."""
    period = period or Period()
    case = _case(db)
    eligibility = assess_eligibility(case, programs_from_frames(StoreFrames(db)))
    labels = db.labels() or None
    results = []
    for choice in profiles:
        chosen = choose_profile(choice)
        decided = decide(case, chosen, policy, eligibility=eligibility)
        result = measure(case, chosen, decided.indicators, decided.lanes, period, labels)
        if result["shipments"] == 0:
            days = decided.indicators["assessed_on"].drop_nulls().sort()
            held = f"{days[0]} to {days[-1]}" if days.len() else "no decision days"
            raise NotFoundError(
                f"no shipment was decided {period.describe()}; the store holds {held}"
            )
        results.append(result)
    return results
