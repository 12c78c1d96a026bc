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
from greenlane.visibility.frames import declared_from_store

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
    stmt = sa.select(g.c.master_bill, g.c.filing, g.c.code, g.c.message, g.c.duty_at_risk)
    return _frame(
        conn,
        stmt,
        {
            "master_bill": pl.String(),
            "filing": pl.String(),
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


PRE_LOADING_FILINGS = ("cargo_declaration", "importer_security_filing")
"""What customs holds before the box is loaded abroad: the carrier's entry summary (manifest)
and the importer's security filing. The entry comes at arrival."""


def _known_before_loading(filings: pl.DataFrame) -> pl.DataFrame:
    """Per bill, when its first cargo declaration came in: what is known before loading is what
    was filed or reported by then (ICS2: the assessment between the entry summary and loading)."""
    return (
        filings.filter(pl.col("filing_type") == "cargo_declaration")
        .group_by("master_bill")
        .agg(known_at=pl.col("filed_at").min())
    )


def case_from_store(db: Database, *, before_loading: bool = False) -> CaseFiles:
    """The case files of every stored shipment; ``before_loading`` keeps only what was known
    when its first cargo declaration came in (filings, events, goods findings of the manifest
    and the ISF), for the referral before loading."""
    filings = db._read(_filings)
    goods = db._read(_goods_findings)
    hits = db._read(_hits)
    inspections = db._read(_inspections)
    lines = goods_lines(db)
    parties = shipment_parties(db).with_columns(
        filing_type=pl.col("filing").str.split(" ").list.first(),
        identifier=pl.col("identifiers").list.first().str.split(":").list.last(),
    )
    events = db.events_frame()
    readings = db.seal_readings_frame()
    declared = declared_from_store(db)
    if before_loading:
        known = _known_before_loading(filings)
        early = pl.col("filing_type").is_in(PRE_LOADING_FILINGS)
        filings = filings.join(known, on="master_bill").filter(
            early & (pl.col("filed_at") <= pl.col("known_at"))
        )
        lines = lines.join(known, on="master_bill").filter(
            early & (pl.col("filed_at") <= pl.col("known_at"))
        )
        parties = parties.filter(pl.col("filing_type").is_in(PRE_LOADING_FILINGS))
        goods = goods.join(
            lines.select("master_bill", "filing").unique(), on=["master_bill", "filing"], how="semi"
        )
        events = events.join(
            known.rename({"master_bill": "bill_of_lading"}), on="bill_of_lading", how="left"
        ).filter(pl.col("known_at").is_null() | (pl.col("occurred_at") <= pl.col("known_at")))
        readings = readings.join(
            events.select("source", "event_id"), on=["source", "event_id"], how="semi"
        )
        lines, filings, events = (
            lines.drop("known_at"),
            filings.drop("known_at"),
            events.drop("known_at"),
        )
    v = build_visibility(events, readings, declared)
    return assemble(
        filings=filings,
        lines=lines,
        parties=parties,
        trips=v.trips,
        seal_states=v.seal_states,
        visibility=v.findings,
        goods=goods,
        hits=hits,
        inspections=inspections,
        memberships=db.memberships(),
        ports=db.ports(),
    )
