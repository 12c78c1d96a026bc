"""The path to the Green Lane for a trader: over its recent shipments, which requirement failed
most often, why, and what would fix it.

Traders complain that trusted-trader benefits do not show in practice; this says, from their own
shipments and in their words, what stands between them and the benefits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from greenlane.programs.eligibility import Eligibility
from greenlane.programs.rules import REQUIREMENTS

CAUSES_SHOWN = 4


@dataclass(frozen=True, slots=True)
class Cause:
    code: str
    shipments: int
    example: str
    fix: str | None


@dataclass(frozen=True, slots=True)
class RequirementRecord:
    requirement: str
    title: str
    met: int
    not_met: int
    unknown: int
    causes: list[Cause] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GreenLanePath:
    importer: str
    shipments: int
    eligible: int
    first_day: str | None
    last_day: str | None
    requirements: list[RequirementRecord]
    most_failed: str | None
    advice: list[str]


def path_to_green_lane(eligibility: Eligibility, importer: str, last: int = 50) -> GreenLanePath:
    """The importer's last ``last`` shipments (by decision time) judged requirement by
    requirement; ``most_failed`` is the requirement not met most often (unknown counts after)."""
    mine = (
        eligibility.shipments.filter(pl.col("importer") == importer)
        .sort("decided_at", "master_bill")
        .tail(last)
    )
    bills = mine.select("master_bill")
    facts = eligibility.evidence.join(bills, on="master_bill", how="semi").filter(
        pl.col("status") != "met"
    )
    records = []
    for name, title in REQUIREMENTS.items():
        counts = mine.get_column(name).value_counts()
        count = dict(zip(counts[name].to_list(), counts["count"].to_list(), strict=True))
        causes = (
            facts.filter(pl.col("requirement") == name)
            # A chain's causes are per role: the importer, the manufacturer, the broker.
            .with_columns(_who=pl.col("subject") if name == "chain" else pl.lit(""))
            .group_by("code", "_who")
            .agg(
                shipments=pl.col("master_bill").n_unique(),
                example=pl.col("evidence").first(),
                fix=pl.col("fix").first(),
                _not_met=(pl.col("status") == "not_met").any(),
            )
            .sort(["_not_met", "shipments", "code", "_who"], descending=[True, True, False, False])
            .head(CAUSES_SHOWN)
        )
        records.append(
            RequirementRecord(
                name,
                title,
                count.get("met", 0),
                count.get("not_met", 0),
                count.get("unknown", 0),
                [
                    Cause(r["code"], r["shipments"], r["example"], r["fix"])
                    for r in causes.iter_rows(named=True)
                ],
            )
        )
    failing = [r for r in records if r.not_met or r.unknown]
    worst = max(failing, key=lambda r: (r.not_met, r.unknown), default=None)
    eligible = int(mine.get_column("eligible").sum())
    days = mine.get_column("decided_at")
    return GreenLanePath(
        importer=importer,
        shipments=mine.height,
        eligible=eligible,
        first_day=None if mine.height == 0 else str(days.min())[:10],
        last_day=None if mine.height == 0 else str(days.max())[:10],
        requirements=records,
        most_failed=worst.requirement if worst else None,
        advice=_advice(mine.height, eligible, failing, worst),
    )


def _advice(
    shipments: int,
    eligible: int,
    failing: list[RequirementRecord],
    worst: RequirementRecord | None,
) -> list[str]:
    if shipments == 0:
        return ["No shipments of this importer in the case files."]
    lines = [f"{eligible} of the last {shipments} shipments met every Green Lane requirement."]
    if worst is None:
        return [*lines, "Every requirement was met on every shipment: keep it that way."]
    ordered = sorted(failing, key=lambda r: (r.not_met, r.unknown), reverse=True)
    for r in ordered:
        short = r.not_met + r.unknown
        lines.append(f"{r.title}: not met on {r.not_met}, unknown on {r.unknown} of {shipments}.")
        for cause in r.causes:
            lines.append(
                f"  - {cause.shipments} shipment{'s' if cause.shipments > 1 else ''}: "
                f"{cause.example}" + (f". Fix: {cause.fix}" if cause.fix else "")
            )
        if r is worst and short:
            lines.insert(1, f"Most often failed: {r.title.lower()} ({short} of {shipments}).")
    return lines
