"""Goods in the store: the declared goods lines to assess, and the findings each assessment left.

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

LINE_COLUMNS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "filing": pl.String(),
    "filing_type": pl.String(),
    "filed_at": pl.Datetime("us", "UTC"),
    "line_number": pl.Int32(),
    "description": pl.String(),
    "hs_code": pl.String(),
    "packages": pl.Int32(),
    "package_type": pl.String(),
    "gross_mass_kg": pl.Float64(),
    "net_mass_kg": pl.Float64(),
    "value": pl.Float64(),
    "currency": pl.String(),
    "origin_country": pl.String(),
    "container_number": pl.String(),
    "seller": pl.String(),
    "seller_country": pl.String(),
    "manufacturer_country": pl.String(),
}
"""A goods line of a filing with what the goods checks need beside it: when it was filed, and the
filing's seller (its first identifier, else its name) and the seller's and manufacturer's
countries."""


@dataclass(frozen=True, slots=True)
class StoredGoodsFinding:
    master_bill: str
    filing: str
    line_number: int | None
    code: str
    message: str
    duty_at_risk: float | None
    currency: str | None


def goods_lines(db: Database, bills: Sequence[str] | None = None) -> pl.DataFrame:
    """Every goods line of every filing of the given master bills (all when None)."""

    def query(conn: Connection) -> pl.DataFrame:
        f, s, g = t.filings, t.shipments, t.goods_items
        filing = f.c.filing_type + " " + f.c.reference + " v" + sa.cast(f.c.version, sa.String)
        stmt = (
            sa.select(
                s.c.master_bill,
                filing.label("filing"),
                f.c.filing_type,
                f.c.filed_at,
                g.c.line_number,
                g.c.description,
                g.c.hs_code,
                g.c.packages,
                g.c.package_type,
                g.c.gross_mass_kg,
                g.c.net_mass_kg,
                g.c.value,
                g.c.currency,
                g.c.origin_country,
                g.c.container_number,
                f.c.id.label("filing_id"),
            )
            .select_from(g.join(f).join(s))
            .order_by(s.c.master_bill, f.c.filed_at, g.c.position)
        )
        if bills is not None:
            stmt = stmt.where(s.c.master_bill.in_(list(bills)))
        schema = {k: v for k, v in LINE_COLUMNS.items() if not k.endswith(("seller", "country"))}
        lines = pl.read_database(
            stmt,
            conn,
            schema_overrides={**schema, "origin_country": pl.String(), "filing_id": pl.Int64()},
        )
        assert isinstance(lines, pl.DataFrame)
        sides = _seller_and_maker(conn, lines["filing_id"].unique().to_list())
        return (
            lines.join(sides, on="filing_id", how="left")
            .drop("filing_id")
            .select([pl.col(c).cast(d) for c, d in LINE_COLUMNS.items()])
        )

    return db._read(query)


def _seller_and_maker(conn: Connection, filing_ids: list[int]) -> pl.DataFrame:
    """Per filing: the seller's key and country and the manufacturer's country."""
    fp, p, pi = t.filing_parties, t.parties, t.party_identifiers
    rows: list[tuple[int, str, str, str | None, str | None]] = []
    for start in range(0, len(filing_ids), 5000):
        chunk = filing_ids[start : start + 5000]
        found = conn.execute(
            sa.select(fp.c.filing_id, fp.c.role, p.c.name, p.c.country, pi.c.value)
            .select_from(
                fp.join(p, fp.c.party_id == p.c.id).outerjoin(
                    pi, (pi.c.party_id == p.c.id) & (pi.c.position == 0)
                )
            )
            .where(fp.c.filing_id.in_(chunk), fp.c.role.in_(("seller", "manufacturer")))
        )
        rows.extend((fid, role, name, country, ident) for fid, role, name, country, ident in found)
    frame = pl.DataFrame(
        rows,
        schema={
            "filing_id": pl.Int64,
            "role": pl.String,
            "name": pl.String,
            "country": pl.String,
            "identifier": pl.String,
        },
        orient="row",
    )
    seller = (
        frame.filter(pl.col("role") == "seller")
        .group_by("filing_id")
        .agg(
            seller=pl.coalesce("identifier", "name").first(),
            seller_country=pl.col("country").first(),
        )
    )
    maker = (
        frame.filter(pl.col("role") == "manufacturer")
        .group_by("filing_id")
        .agg(manufacturer_country=pl.col("country").first())
    )
    return seller.join(maker, on="filing_id", how="full", coalesce=True)


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
