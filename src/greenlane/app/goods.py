"""Goods: what is declared to be in the box, judged against what it should be."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from greenlane.errors import InputError, NotFoundError
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


@dataclass(frozen=True, slots=True)
class HeadingGuess:
    heading: str
    """The HS heading (four digits)."""
    title: str
    """The heading's title in the nomenclature."""
    probability: float


def classify_goods(descriptions: Sequence[str], top: int = 3) -> list[list[HeadingGuess]]:
    """The ``top`` HS headings the default classifier gives each description, best first."""
    from greenlane.goods.classifier import default_classifier, heading_titles

    texts = [d.strip() for d in descriptions]
    empty = [i for i, text in enumerate(texts) if not text]
    if not texts or empty:
        where = f"description {empty[0] + 1}" if empty else "the command line"
        raise InputError(f"no goods description in {where}", expected="words describing goods")
    if top < 1:
        raise InputError(f"--top {top} asks for no heading", expected="1 or more")
    titles = heading_titles()
    ranked = default_classifier().top(texts, k=top)
    return [
        [HeadingGuess(h, titles.get(h, ""), round(float(p), 4)) for h, p in guesses]
        for guesses in ranked
    ]
