"""Goods findings in the store: what each assessment left (the goods lines are a frame of the
contract, ``greenlane.store.frames.goods_lines``).

Assessing a set of shipments again replaces their findings in one transaction, so what is stored
is always one whole assessment of each shipment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.store import schema as t
from greenlane.store.repository import Database


@dataclass(frozen=True, slots=True)
class StoredGoodsFinding:
    master_bill: str
    filing: str
    line_number: int | None
    code: str
    message: str
    duty_at_risk: float | None
    currency: str | None


def replace_goods_findings(
    db: Database, bills: Sequence[str], findings: pl.DataFrame, at: datetime
) -> int:
    """Make the given findings the current goods findings of the bills; rows stored."""
    g = t.goods_findings
    rows = [
        {
            "master_bill": r["master_bill"],
            "filing": r["filing"],
            "line_number": r["line_number"],
            "code": r["code"],
            "message": r["message"],
            "duty_at_risk": r["duty_at_risk"],
            "currency": r["currency"],
            "assessed_at": at,
        }
        for r in findings.iter_rows(named=True)
    ]
    with db.transaction() as tx:
        conn = tx.connection
        for start in range(0, len(bills), 1000):
            conn.execute(sa.delete(g).where(g.c.master_bill.in_(list(bills[start : start + 1000]))))
        for start in range(0, len(rows), 10_000):
            conn.execute(sa.insert(g), rows[start : start + 10_000])
    return len(rows)


def goods_findings_for_bill(db: Database, bill: str) -> list[StoredGoodsFinding]:
    def query(conn: Connection) -> list[StoredGoodsFinding]:
        g = t.goods_findings
        found = conn.execute(
            sa.select(g)
            .where(g.c.master_bill == bill)
            .order_by(g.c.filing, g.c.line_number, g.c.id)
        ).mappings()
        return [
            StoredGoodsFinding(
                r["master_bill"],
                r["filing"],
                r["line_number"],
                r["code"],
                r["message"],
                r["duty_at_risk"],
                r["currency"],
            )
            for r in found
        ]

    return db._read(query)


def shipments_most_found(db: Database, limit: int = 5) -> list[tuple[str, int, list[str]]]:
    """The shipments with the most current goods findings: (master bill, findings, the codes
    found), most first."""

    def query(conn: Connection) -> list[tuple[str, int, list[str]]]:
        g = t.goods_findings
        top = conn.execute(
            sa.select(g.c.master_bill, sa.func.count().label("n"))
            .group_by(g.c.master_bill)
            .order_by(sa.desc("n"), g.c.master_bill)
            .limit(limit)
        ).all()
        bills = [bill for bill, _ in top]
        codes: dict[str, set[str]] = {bill: set() for bill in bills}
        for bill, code in conn.execute(
            sa.select(g.c.master_bill, g.c.code).where(g.c.master_bill.in_(bills)).distinct()
        ):
            codes[bill].add(code)
        return [(bill, int(n), sorted(codes[bill])) for bill, n in top]

    return db._read(query)
