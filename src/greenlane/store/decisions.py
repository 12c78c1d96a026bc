"""Risk decisions in the store: the current lane of each shipment, its score and its reasons.

Deciding shipments again replaces their rows in one transaction, so the store always holds one
whole decision per shipment.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.store import schema as t
from greenlane.store.repository import Database


@dataclass(frozen=True, slots=True)
class StoredDecision:
    master_bill: str
    stage: str
    profile: str
    port: str
    day: date
    score: float
    lane: str
    selected_by: str
    queue_priority: int | None
    referral: str | None
    explanation: str
    reasons: list[str]
    decided_at: datetime


STAGES = ("before_loading", "arrival")


def replace_decisions(
    db: Database, decisions: pl.DataFrame, profile: str, at: datetime, stage: str = "arrival"
) -> int:
    """Store decisions (lanes joined with score and reasons) for a stage; rows stored."""
    if stage not in STAGES:
        raise ValueError(f"stage {stage!r} is not one of {STAGES}")
    rows = [
        {
            "master_bill": r["master_bill"],
            "stage": stage,
            "profile": profile,
            "port": r["port"],
            "day": r["day"],
            "score": float(r["score"]),
            "lane": r["lane"],
            "selected_by": r["selected_by"],
            "queue_priority": r["queue_priority"],
            "referral": r["referral"],
            "explanation": r["explanation"],
            "reasons": json.dumps(r["reasons"] or [], ensure_ascii=False),
            "decided_at": at,
        }
        for r in decisions.iter_rows(named=True)
    ]
    d = t.risk_decisions
    bills = [r["master_bill"] for r in rows]
    with db.transaction() as tx:
        conn = tx.connection
        for start in range(0, len(bills), 1000):
            chunk = bills[start : start + 1000]
            conn.execute(sa.delete(d).where(d.c.master_bill.in_(chunk), d.c.stage == stage))
        for start in range(0, len(rows), 10_000):
            conn.execute(sa.insert(d), rows[start : start + 10_000])
    return len(rows)


def decisions_for_bill(db: Database, bill: str) -> list[StoredDecision]:
    """The shipment's decisions, before loading first."""

    def query(conn: Connection) -> list[StoredDecision]:
        d = t.risk_decisions
        found = conn.execute(sa.select(d).where(d.c.master_bill == bill)).mappings().all()
        order = {s: k for k, s in enumerate(STAGES)}
        return [_decision(r) for r in sorted(found, key=lambda r: order[r["stage"]])]

    return db._read(query)


def _decision(r: Any) -> StoredDecision:
    return StoredDecision(
        r["master_bill"],
        r["stage"],
        r["profile"],
        r["port"],
        r["day"],
        r["score"],
        r["lane"],
        r["selected_by"],
        r["queue_priority"],
        r["referral"],
        r["explanation"],
        json.loads(r["reasons"]),
        r["decided_at"],
    )
