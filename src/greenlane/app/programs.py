"""Trusted-trader programs over a ``Database``: load a list, show what is loaded, a shipment's
Green Lane eligibility, a trader's path to the Green Lane, and the order to clear a port's
backlog after a disruption (decided through the one decision pipeline)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from greenlane.app.pipeline import decide
from greenlane.errors import ConfigurationError, NotFoundError
from greenlane.programs.eligibility import Eligibility, assess_eligibility
from greenlane.programs.frames import programs_from_frames
from greenlane.programs.path import GreenLanePath
from greenlane.programs.path import path_to_green_lane as path_for
from greenlane.programs.report import eligibility_document, programs_summary, resolve_importer
from greenlane.programs.resumption import resumption_order
from greenlane.programs.rules import EligibilityRules
from greenlane.programs.store import LoadReport
from greenlane.programs.store import load_programs as store_programs
from greenlane.risk.build import case_files
from greenlane.risk.casefile import CaseFiles
from greenlane.risk.profiles import default_profile
from greenlane.selection import SelectionPolicy
from greenlane.store import Database
from greenlane.store.frames import StoreFrames


def load_programs(db: Database, path: Path, kind: str) -> LoadReport:
    """Store a program list of ``kind`` (ctpat, aeo, mra or csi); a bad row stores nothing."""
    return store_programs(db, path, kind.strip().lower())


def show_programs(db: Database) -> dict[str, Any]:
    """What is loaded: members per program and tier, the arrangements, the CSI ports."""
    return programs_summary(programs_from_frames(StoreFrames(db)))


def _judged(db: Database, lookback_days: int) -> tuple[CaseFiles, Eligibility]:
    case = case_files(StoreFrames(db))
    rules = EligibilityRules(lookback_days=lookback_days)
    return case, assess_eligibility(case, programs_from_frames(StoreFrames(db)), rules)


def eligibility(db: Database, bill: str, lookback_days: int = 365) -> dict[str, Any]:
    """The shipment's Green Lane eligibility: each requirement with its status and every fact
    checked (``greenlane.programs.report.eligibility_document``)."""
    bill = bill.strip()
    if not db.filings_for_bill(bill):
        raise NotFoundError(f"no shipment {bill!r} in the store")
    return eligibility_document(_judged(db, lookback_days)[1], bill)


def path_to_green_lane(
    db: Database, importer: str, last: int = 50, lookback_days: int = 365
) -> GreenLanePath:
    """For a trader (its identifier or its name written any way): over its ``last`` shipments,
    which requirement failed most often, why, and what would fix it."""
    case, judged = _judged(db, lookback_days)
    return path_for(judged, resolve_importer(case, importer), last)


def resume(
    db: Database,
    port: str,
    start: datetime,
    end: datetime,
    policy: SelectionPolicy | None = None,
) -> list[dict[str, Any]]:
    """The shipments that arrived at ``port`` from ``start`` up to ``end``, in the order to work
    them when it reopens (``greenlane.programs.resumption.resumption_order``), each decided with
    the national profile and its Green Lane benefits; arrival times as ISO text."""
    if start > end:
        raise ConfigurationError(
            f"the disruption starts at {start.isoformat()}, after it ends at {end.isoformat()}",
            expected="a start on or before the end",
        )
    case, judged = _judged(db, 365)
    decided = decide(case, default_profile(), policy, eligibility=judged)
    order = resumption_order(decided.joined(), port.strip().upper(), start, end)
    rows: list[dict[str, Any]] = order.with_columns(
        arrived_at=order["arrived_at"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    ).to_dicts()
    return rows
