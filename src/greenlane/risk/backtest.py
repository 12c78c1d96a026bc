"""Backtest a rule profile on past shipments: how often each rule fires, how often it was right,
how much work it makes, and what the whole profile catches within capacity.

``measure`` judges decisions already made by the one decision pipeline
(``greenlane.app.pipeline``, which ``greenlane.app.assessment.backtest`` runs over the store), so a
backtest measures the lanes production would give, Green Lane benefits and mitigation included.

Known outcomes are the inspection results in the case files: a seizure or a discrepancy is a
positive, an inspection with no finding a negative, no inspection unknown. Precision is taken
over the inspected shipments only, since nobody knows what the others held. Where the truth is
known for every shipment (the generated world's labels), precision and recall against it are
given as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from greenlane.errors import ConfigurationError
from greenlane.risk.casefile import CaseFiles
from greenlane.risk.profiles import Profile
from greenlane.risk.score import fired_rules
from greenlane.selection import LANES

POSITIVE = ("seizure", "discrepancy")


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None = None
    end: date | None = None
    """Inclusive; None: open."""

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ConfigurationError(
                f"the period from {self.start} to {self.end} is reversed: its first day is "
                "after its last",
                expected="a first day on or before the last",
            )

    def describe(self) -> str:
        """The period in words: 'from 2026-01-01 to 2026-03-31', 'every day'."""
        if self.start is None and self.end is None:
            return "every day"
        start = f"from {self.start}" if self.start else ""
        end = f"to {self.end}" if self.end else ""
        return " ".join(p for p in (start, end) if p)

    def bills(self, indicators: pl.DataFrame) -> pl.DataFrame:
        day = pl.col("assessed_on")
        keep = pl.lit(True)
        if self.start is not None:
            keep = keep & (day >= self.start)
        if self.end is not None:
            keep = keep & (day <= self.end)
        return indicators.filter(keep).select("master_bill", "port_of_discharge", "assessed_on")


def _known(case: CaseFiles) -> pl.DataFrame:
    """Per inspected shipment: whether any inspection found something."""
    return case.outcomes.group_by("master_bill").agg(
        positive=pl.col("outcome").is_in(POSITIVE).any()
    )


def _per_lane(lanes: pl.DataFrame) -> dict[str, int]:
    """Shipments per lane, red first; lanes nobody took are left out."""
    counted = dict(lanes.group_by("lane").len().iter_rows())
    return {lane: counted[lane] for lane in LANES if lane in counted}


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def measure(
    case: CaseFiles,
    profile: Profile,
    indicators: pl.DataFrame,
    lanes: pl.DataFrame,
    period: Period,
    labels: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Per rule and for the profile at capacity, over the shipments decided in the period:
    ``indicators`` and ``lanes`` are the decision pipeline's for ``case`` and ``profile``."""
    in_period = period.bills(indicators)
    n = in_period.height
    known = _known(case).join(in_period, on="master_bill", how="semi")
    positives = set(known.filter(pl.col("positive"))["master_bill"].to_list())
    inspected = set(known["master_bill"].to_list())
    truth = set(labels or {}) & set(in_period["master_bill"].to_list())
    fired = fired_rules(profile, indicators).join(in_period, on="master_bill", how="semi")
    rules = []
    for rule in profile.rules:
        hit = set(fired.filter(pl.col("rule") == rule.id)["master_bill"].to_list())
        row: dict[str, Any] = {
            "rule": rule.id,
            "weight": rule.weight,
            "hits": len(hit),
            "hit_rate": _share(len(hit), n),
            "inspected": len(hit & inspected),
            "positives": len(hit & positives),
            "precision": _share(len(hit & positives), len(hit & inspected)),
        }
        if labels is not None:
            row["label_precision"] = _share(len(hit & truth), len(hit))
        rules.append(row)
    lanes = lanes.join(in_period.select("master_bill"), on="master_bill", how="semi")
    red = set(lanes.filter(pl.col("lane") == "red")["master_bill"].to_list())
    workload = (
        lanes.filter(pl.col("lane").is_in(["red", "yellow"]))
        .group_by("port", "day", "lane")
        .len()
        .group_by("port", "lane")
        .agg(days=pl.len(), mean=pl.col("len").mean().round(2), max=pl.col("len").max())
        .sort("port", "lane")
    )
    result: dict[str, Any] = {
        "profile": profile.key,
        "shipments": n,
        "lanes": _per_lane(lanes),
        "red": len(red),
        "inspected_positives": len(positives),
        "precision_at_capacity": _share(len(red & positives), len(red & inspected)),
        "recall_at_capacity": _share(len(red & positives), len(positives)),
        "rules": rules,
        "workload": workload.to_dicts(),
    }
    if labels is not None:
        result["label_precision_at_capacity"] = _share(len(red & truth), len(red))
        result["label_recall_at_capacity"] = _share(len(red & truth), len(truth))
    return result
