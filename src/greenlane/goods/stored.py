"""The goods checks over the store: assess shipments' goods and keep the findings.

Shipments are judged in the order their first filing came in, one week at a time, each week on
the goods lines of the shipments filed before it: the same rule as a customs office applying its
history as it goes, so no shipment is judged on itself or on what came after it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import polars as pl

from greenlane.domain.frames import FrameSource
from greenlane.goods.assess import GoodsRules, assess_goods
from greenlane.goods.classifier import HsClassifier, default_classifier
from greenlane.store.frames import StoreFrames
from greenlane.store.goods import replace_goods_findings
from greenlane.store.repository import Database
from greenlane.visibility.batch import build_visibility
from greenlane.visibility.frames import declared_from_frames

WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class GoodsReport:
    shipments: int
    lines: int
    findings: int
    shipments_with_findings: int
    by_code: dict[str, int] = field(default_factory=dict)
    duty_at_risk: dict[str, float] = field(default_factory=dict)
    """Sum of duty at risk per currency."""
    seconds: float = 0.0


def _trips(frames: FrameSource, bills: Sequence[str]) -> pl.DataFrame:
    """Visibility's trips of the bills' events."""
    events = frames.events().filter(pl.col("bill_of_lading").is_in(list(bills)))
    readings = frames.seal_readings().join(
        events.select("source", "event_id"), on=["source", "event_id"], how="semi"
    )
    declared = declared_from_frames(frames.filings(), frames.goods_lines(), bills)
    return build_visibility(events, readings, declared).trips


def judge_in_windows(
    lines: pl.DataFrame,
    judged: set[str],
    rules: GoodsRules,
    trips: pl.DataFrame | None,
    window: timedelta = WINDOW,
    classifier: HsClassifier | None = None,
) -> pl.DataFrame:
    """Findings on the judged bills' lines, each window of first filings judged on the lines
    of bills first filed before it."""
    first = lines.group_by("master_bill").agg(first_filed=pl.col("filed_at").min())
    lines = lines.join(first, on="master_bill")
    todo = lines.filter(pl.col("master_bill").is_in(list(judged)))
    if todo.is_empty():
        return assess_goods(todo.drop("first_filed"), todo.drop("first_filed"), rules)
    start = todo["first_filed"].min()
    assert isinstance(start, datetime)
    out = []
    for _, batch in todo.with_columns(
        week=((pl.col("first_filed") - start) / window).cast(pl.Int64)
    ).group_by("week", maintain_order=True):
        opens = batch["first_filed"].min()
        history = lines.filter(pl.col("first_filed") < opens).drop("first_filed")
        out.append(
            assess_goods(
                batch.drop("first_filed", "week"),
                history,
                rules,
                trips=trips,
                classifier=classifier,
            )
        )
    return pl.concat(out)


def assess_stored(
    db: Database, bills: Sequence[str] | None = None, rules: GoodsRules | None = None
) -> GoodsReport:
    """Assess the goods of the given bills (all when None) and store their findings, replacing
    what an earlier assessment of the same bills left."""
    started = time.perf_counter()
    rules = rules or GoodsRules()
    frames = StoreFrames(db)
    lines = frames.goods_lines()
    judged = set(lines["master_bill"].to_list()) if bills is None else set(bills)
    ordered = sorted(judged)
    trips = _trips(frames, ordered) if ordered else None
    findings = judge_in_windows(lines, judged, rules, trips, classifier=default_classifier())
    replace_goods_findings(db, ordered, findings, datetime.now(UTC))
    duty = (
        findings.drop_nulls("duty_at_risk").group_by("currency").agg(pl.col("duty_at_risk").sum())
    )
    return GoodsReport(
        shipments=len(judged),
        lines=lines.filter(pl.col("master_bill").is_in(ordered)).height,
        findings=findings.height,
        shipments_with_findings=findings["master_bill"].n_unique(),
        by_code=dict(sorted(Counter(findings["code"].to_list()).items())),
        duty_at_risk={c or "?": round(v, 2) for c, v in duty.iter_rows()},
        seconds=round(time.perf_counter() - started, 2),
    )
