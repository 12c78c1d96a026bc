"""Case files from the store: the shipments, their findings and history as the database has them.

Visibility is built from the stored events; goods findings and screening hits are read as their
last runs left them (``greenlane goods assess``, ``greenlane screen``), so a shipment that was
never assessed or screened simply has none.
"""

from __future__ import annotations

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.risk.assemble import assemble
from greenlane.risk.casefile import CaseFiles
from greenlane.store import schema as t
from greenlane.store.goods import goods_lines
from greenlane.store.repository import Database
from greenlane.store.screening import shipment_parties
from greenlane.visibility.batch import build_visibility
from greenlane.visibility.frames import declared_from_filings

TIME = pl.Datetime("us", "UTC")


def _frame(
    conn: Connection, stmt: sa.Select[tuple[object, ...]], schema: dict[str, pl.DataType]
) -> pl.DataFrame:
    frame = pl.read_database(stmt, conn, schema_overrides=schema)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _filings(conn: Connection) -> pl.DataFrame:
    f, s = t.filings, t.shipments
    stmt = sa.select(
        s.c.master_bill,
        f.c.filing_type,
        f.c.version,
        f.c.filed_at,
        f.c.estimated_departure,
        f.c.port_of_loading,
        f.c.port_of_discharge,
    ).select_from(f.join(s))
    return _frame(
        conn,
        stmt,
        {
            "master_bill": pl.String(),
            "filing_type": pl.String(),
            "version": pl.Int32(),
            "filed_at": TIME,
            "estimated_departure": TIME,
            "port_of_loading": pl.String(),
            "port_of_discharge": pl.String(),
        },
    )


def _goods_findings(conn: Connection) -> pl.DataFrame:
    g = t.goods_findings
    stmt = sa.select(g.c.master_bill, g.c.code, g.c.message, g.c.duty_at_risk)
    return _frame(
        conn,
        stmt,
        {
            "master_bill": pl.String(),
            "code": pl.String(),
            "message": pl.String(),
            "duty_at_risk": pl.Float64(),
        },
    )


def _hits(conn: Connection) -> pl.DataFrame:
    h = t.screening_hits
    stmt = sa.select(
        h.c.master_bill, h.c.role, h.c.party_name, h.c.entry_key, h.c.matched_name, h.c.score
    )
    return _frame(
        conn,
        stmt,
        {
            "master_bill": pl.String(),
            "role": pl.String(),
            "party_name": pl.String(),
            "entry_key": pl.String(),
            "matched_name": pl.String(),
            "score": pl.Float64(),
        },
    )


def _inspections(conn: Connection) -> pl.DataFrame:
    i = t.inspection_results
    stmt = sa.select(i.c.bill_of_lading, i.c.inspected_at, i.c.outcome).where(
        i.c.bill_of_lading.is_not(None)
    )
    return _frame(
        conn,
        stmt,
        {"bill_of_lading": pl.String(), "inspected_at": TIME, "outcome": pl.String()},
    )


def case_from_store(db: Database) -> CaseFiles:
    """The case files of every stored shipment."""
    filings = db._read(_filings)
    goods = db._read(_goods_findings)
    hits = db._read(_hits)
    inspections = db._read(_inspections)
    parties = shipment_parties(db).with_columns(
        filing_type=pl.col("filing").str.split(" ").list.first(),
        identifier=pl.col("identifiers").list.first().str.split(":").list.last(),
    )
    events = db.events_frame()
    readings = db.seal_readings_frame()
    bills = filings["master_bill"].unique().sort().to_list()
    declared = declared_from_filings([f for bill in bills for f in db.filings_for_bill(bill)])
    v = build_visibility(events, readings, declared)
    return assemble(
        filings=filings,
        lines=goods_lines(db),
        parties=parties,
        trips=v.trips,
        visibility=v.findings,
        goods=goods,
        hits=hits,
        inspections=inspections,
        memberships=db.memberships(),
        ports=db.ports(),
    )
