"""Goods: what is declared to be in the box, judged against what it should be."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from greenlane.errors import NotFoundError
from greenlane.goods.stored import GoodsReport, assess_stored
from greenlane.store import Database
from greenlane.store.goods import StoredGoodsFinding, goods_findings_for_bill, shipments_most_found


@dataclass(frozen=True, slots=True)
class GoodsAssessment:
    report: GoodsReport
    most_found: list[tuple[str, int, list[str]]]
    """(master bill, findings, codes) of the shipments with the most findings, to look at with
    ``goods_findings``."""


def _require_bills(db: Database, bills: Sequence[str]) -> list[str]:
    wanted = [b.strip() for b in bills]
    missing = [b for b in wanted if not db.filings_for_bill(b)]
    if missing:
        raise NotFoundError(f"no shipment with master bill {', '.join(map(repr, missing))}")
    return wanted


def assess_goods(db: Database, bills: Sequence[str] | None = None) -> GoodsAssessment:
    """Check the goods of every stored shipment (or of ``bills``) and store the findings; each
    week of shipments is judged on the shipments filed before it."""
    chosen = _require_bills(db, bills) if bills else None
    report = assess_stored(db, chosen)
    if report.shipments == 0:
        raise NotFoundError(
            "no goods lines are stored to assess", expected="filings ingested first"
        )
    return GoodsAssessment(report, shipments_most_found(db) if report.findings else [])


def goods_findings(db: Database, bill: str) -> list[StoredGoodsFinding]:
    """A shipment's goods findings, as its last assessment left them (empty when none)."""
    (key,) = _require_bills(db, [bill])
    return goods_findings_for_bill(db, key)
