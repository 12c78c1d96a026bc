"""Green Lane eligibility of every shipment: five requirements, each met, not met or unknown,
with the evidence and, where not met, what would fix it.

``assess_eligibility(case, programs)`` gives one row per shipment (each requirement's status,
``eligible`` when all five are met, the importer's tier and the tier whose benefits the shipment
earns) and a long evidence frame (one row per checked fact: a container's stuffing and seal
chain, a party's certification, the port of loading, the compliance record). The frames sit
beside the case files (``write_eligibility`` / ``read_eligibility``) so selection, release,
the CLI and the trader's path to the Green Lane all read the same verdicts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from greenlane.programs.box import csi_items, seal_items, stuffing_items
from greenlane.programs.compliance import compliance_items
from greenlane.programs.frames import Programs
from greenlane.programs.parties import certified_chain, chain_items, stuffer_items
from greenlane.programs.rules import FIXES, REQUIREMENTS, EligibilityRules
from greenlane.risk.casefile import TIME, CaseFiles

RANK = {"met": 0, "unknown": 1, "not_met": 2}
STATUS_OF = {k: status for status, k in RANK.items()}

ELIGIBILITY: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "importer": pl.String(),
    "port": pl.String(),
    "decided_at": TIME,
    **{name: pl.String() for name in REQUIREMENTS},
    "eligible": pl.Boolean(),
    # The importer's best tier that counts at this port on this day (0: none).
    "importer_tier": pl.Int32(),
    # The tier whose benefits the shipment earns: the importer's (at least 1) when eligible, else 0.
    "benefit_tier": pl.Int8(),
    "not_met": pl.List(pl.String()),
    "unknown": pl.List(pl.String()),
}

EVIDENCE: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "requirement": pl.String(),
    "title": pl.String(),
    "subject": pl.String(),
    "status": pl.String(),
    "code": pl.String(),
    "evidence": pl.String(),
    # What would fix it, in a trader's words; null when met.
    "fix": pl.String(),
}


@dataclass(frozen=True, slots=True)
class Eligibility:
    shipments: pl.DataFrame
    """ELIGIBILITY: one row per shipment."""
    evidence: pl.DataFrame
    """EVIDENCE: one row per checked fact."""

    def for_bill(self, bill: str) -> tuple[dict[str, Any] | None, pl.DataFrame]:
        row = self.shipments.filter(pl.col("master_bill") == bill)
        facts = self.evidence.filter(pl.col("master_bill") == bill)
        return (row.row(0, named=True) if row.height else None), facts


def assess_eligibility(
    case: CaseFiles, programs: Programs, rules: EligibilityRules | None = None
) -> Eligibility:
    """Every shipment of the case files judged against the five requirements."""
    rules = rules or EligibilityRules()
    certified = certified_chain(case, programs)
    facts = pl.concat(
        [
            stuffing_items(case, rules),
            stuffer_items(case, certified),
            seal_items(case, rules),
            chain_items(case, certified, rules),
            csi_items(case, programs),
            compliance_items(case, programs, rules),
        ]
    )
    ranked = facts.with_columns(_rank=pl.col("status").replace_strict(RANK, return_dtype=pl.Int8))
    wide = (
        ranked.group_by("master_bill", "requirement")
        .agg(pl.col("_rank").max())
        .pivot(on="requirement", index="master_bill", values="_rank")
    )
    wide = wide.with_columns(
        (
            pl.col(name).replace_strict(STATUS_OF, default=None, return_dtype=pl.String)
            if name in wide.columns
            else pl.lit(None, pl.String)
        ).alias(name)
        for name in REQUIREMENTS
    )
    tier = (
        certified.filter((pl.col("role") == "importer") & (pl.col("status") == "met"))
        .group_by("master_bill")
        .agg(importer_tier=pl.col("tier").max())
    )
    statuses = [pl.col(n).fill_null("unknown") for n in REQUIREMENTS]
    shipments = (
        case.shipments.select("master_bill", "importer", "port", "decided_at")
        .join(wide, on="master_bill", how="left")
        .join(tier, on="master_bill", how="left")
        .with_columns(*statuses, pl.col("importer_tier").fill_null(0))
        .with_columns(
            eligible=pl.all_horizontal([pl.col(n) == "met" for n in REQUIREMENTS]),
            not_met=_named(lambda n: pl.col(n) == "not_met"),
            unknown=_named(lambda n: pl.col(n) == "unknown"),
        )
        .with_columns(
            benefit_tier=pl.when(pl.col("eligible"))
            .then(pl.max_horizontal(pl.col("importer_tier"), pl.lit(1)))
            .otherwise(0)
        )
        .select([pl.col(c).cast(t) for c, t in ELIGIBILITY.items()])
    )
    order = {name: k for k, name in enumerate(REQUIREMENTS)}
    evidence = (
        facts.with_columns(
            title=pl.col("requirement").replace_strict(REQUIREMENTS, return_dtype=pl.String),
            fix=pl.when(pl.col("status") != "met").then(
                pl.when((pl.col("subject") == "importer") & (pl.col("code") == "no_membership"))
                .then(pl.lit("importer_not_certified"))
                .otherwise(pl.col("code"))
                .replace_strict(FIXES, default=None, return_dtype=pl.String)
            ),
            _order=pl.col("requirement").replace_strict(order, return_dtype=pl.Int32),
        )
        .sort("master_bill", "_order", maintain_order=True)
        .select([pl.col(c).cast(t) for c, t in EVIDENCE.items()])
    )
    return Eligibility(shipments, evidence)


def _named(test: Callable[[str], pl.Expr]) -> pl.Expr:
    """The names of the requirements whose status passes ``test``, as a list column."""
    parts = [pl.when(test(n)).then(pl.lit(n)) for n in REQUIREMENTS]
    return pl.concat_list(parts).list.drop_nulls()


def write_eligibility(result: Eligibility, folder: Path) -> None:
    """Beside the case files: eligibility.parquet and eligibility_evidence.parquet."""
    folder.mkdir(parents=True, exist_ok=True)
    result.shipments.write_parquet(folder / "eligibility.parquet")
    result.evidence.write_parquet(folder / "eligibility_evidence.parquet")


def read_eligibility(folder: Path) -> Eligibility:
    return Eligibility(
        pl.read_parquet(folder / "eligibility.parquet"),
        pl.read_parquet(folder / "eligibility_evidence.parquet"),
    )
