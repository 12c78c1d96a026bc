"""The frame contract read from the database: one query per frame, never one per bill.

``StoreFrames(db)`` is a ``greenlane.domain.frames.FrameSource``: each frame in exactly its
contract schema, every row of it: filings, parties and goods lines by bill, filing time and
storage order, events by container and time, the rest as stored. It is a
snapshot: a frame is read when first asked for and kept, so make a new one after writing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.domain.frames import (
    ENTITIES,
    EVENTS,
    FILINGS,
    GOODS_FINDINGS,
    GOODS_LINES,
    INSPECTIONS,
    LABELS,
    PARTIES,
    RECOGNITIONS,
    SCREENING_HITS,
    SEAL_READINGS,
    SHIPMENTS,
    conformed,
    filing_label,
    first_identifier,
    with_sellers,
)
from greenlane.domain.records import Port, TrustedTraderMembership
from greenlane.store import readers
from greenlane.store import schema as t
from greenlane.store.repository import Database

T = TypeVar("T")


def _frame(conn: Connection, stmt: sa.Select[Any], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    frame = pl.read_database(stmt, conn, schema_overrides=schema)
    assert isinstance(frame, pl.DataFrame)  # iter_batches=False gives one frame
    return frame


def shipments(conn: Connection) -> pl.DataFrame:
    s = t.shipments
    stmt = sa.select(s.c.master_bill).distinct().order_by(s.c.master_bill)
    return conformed(_frame(conn, stmt, SHIPMENTS), SHIPMENTS)


def filings(conn: Connection) -> pl.DataFrame:
    f, s = t.filings, t.shipments
    columns = [c for c in FILINGS if c not in ("master_bill", "house_bill", "filing")]
    stmt = (
        sa.select(s.c.master_bill, s.c.house_bill, *(f.c[c] for c in columns))
        .select_from(f.join(s))
        .order_by(s.c.master_bill, f.c.filed_at, f.c.id)
    )
    raw = _frame(conn, stmt, {**FILINGS, "transshipment_ports": pl.String()})
    return conformed(
        raw.with_columns(
            house_bill=pl.col("house_bill").replace("", None),
            filing=filing_label(),
            transshipment_ports=pl.col("transshipment_ports").str.json_decode(pl.List(pl.String())),
        ),
        FILINGS,
    )


def parties(conn: Connection) -> pl.DataFrame:
    f, s, fp, p, pi = t.filings, t.shipments, t.filing_parties, t.parties, t.party_identifiers
    stmt = (
        sa.select(
            f.c.id.label("filing_id"),
            s.c.master_bill,
            f.c.filing_type,
            f.c.reference,
            f.c.version,
            f.c.filed_at,
            fp.c.position,
            fp.c.role,
            p.c.name,
            p.c.address,
            p.c.country,
            (pi.c.scheme + ":" + pi.c.value).label("ident"),
        )
        .select_from(
            fp.join(f)
            .join(s)
            .join(p, fp.c.party_id == p.c.id)
            .outerjoin(pi, pi.c.party_id == p.c.id)
        )
        .order_by(s.c.master_bill, f.c.filed_at, f.c.id, fp.c.position, pi.c.position)
    )
    raw = _frame(conn, stmt, {**PARTIES, "filing_id": pl.Int64(), "ident": pl.String()})
    one = [c for c in PARTIES if c not in ("filing", "identifiers", "identifier")]
    grouped = raw.group_by("filing_id", "position", maintain_order=True).agg(
        *(pl.col(c).first() for c in one if c != "position"),
        identifiers=pl.col("ident").drop_nulls(),
    )
    return conformed(
        grouped.with_columns(filing=filing_label(), identifier=first_identifier()), PARTIES
    )


def goods_lines(conn: Connection) -> pl.DataFrame:
    return with_sellers(_bare_lines(conn), parties(conn))


def _bare_lines(conn: Connection) -> pl.DataFrame:
    """GOODS_LINES without the filing's seller and manufacturer."""
    f, s, g = t.filings, t.shipments, t.goods_items
    own = [c for c in GOODS_LINES if c in g.c and c != "filing"]
    stmt = (
        sa.select(
            s.c.master_bill,
            f.c.filing_type,
            f.c.reference,
            f.c.version,
            f.c.filed_at,
            *(g.c[c] for c in own),
        )
        .select_from(g.join(f).join(s))
        .order_by(s.c.master_bill, f.c.filed_at, f.c.id, g.c.position)
    )
    return _frame(conn, stmt, GOODS_LINES).with_columns(filing=filing_label())


def events(conn: Connection) -> pl.DataFrame:
    return conformed(readers.events_frame(conn), EVENTS)


def seal_readings(conn: Connection) -> pl.DataFrame:
    return conformed(readers.seal_readings_frame(conn), SEAL_READINGS)


def inspections(conn: Connection) -> pl.DataFrame:
    i = t.inspection_results
    stmt = sa.select(*(i.c[c] for c in INSPECTIONS)).order_by(i.c.id)
    return conformed(_frame(conn, stmt, INSPECTIONS), INSPECTIONS)


def labels(conn: Connection) -> pl.DataFrame:
    # The contract keeps the generated world's column name for a label: ``scenario``.
    w = t.shipment_labels
    stmt = sa.select(w.c.master_bill, w.c.label.label("scenario"), w.c.detail).order_by(
        w.c.master_bill, w.c.label
    )
    return conformed(_frame(conn, stmt, LABELS), LABELS)


def goods_findings(conn: Connection) -> pl.DataFrame:
    g = t.goods_findings
    stmt = sa.select(*(g.c[c] for c in GOODS_FINDINGS)).order_by(g.c.id)
    return conformed(_frame(conn, stmt, GOODS_FINDINGS), GOODS_FINDINGS)


def screening_hits(conn: Connection) -> pl.DataFrame:
    h = t.screening_hits
    stmt = sa.select(*(h.c[c] for c in SCREENING_HITS)).order_by(h.c.id)
    return conformed(_frame(conn, stmt, SCREENING_HITS), SCREENING_HITS)


def entities(conn: Connection) -> pl.DataFrame:
    e = t.party_entities
    stmt = sa.select(*(e.c[c] for c in ENTITIES)).order_by(e.c.record_key)
    return conformed(_frame(conn, stmt, ENTITIES), ENTITIES)


def recognitions(conn: Connection) -> pl.DataFrame:
    m = t.mutual_recognitions
    stmt = sa.select(*(m.c[c] for c in RECOGNITIONS)).order_by(
        m.c.program, m.c.jurisdiction, m.c.partner_jurisdiction
    )
    return conformed(_frame(conn, stmt, RECOGNITIONS), RECOGNITIONS)


class StoreFrames:
    """The database as a frame source."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._kept: dict[str, Any] = {}

    def _get(self, query: Callable[[Connection], T]) -> T:
        name = query.__name__
        if name not in self._kept:
            self._kept[name] = self.db._read(query)
        kept: T = self._kept[name]
        return kept

    def shipments(self) -> pl.DataFrame:
        return self._get(shipments)

    def filings(self) -> pl.DataFrame:
        return self._get(filings)

    def parties(self) -> pl.DataFrame:
        return self._get(parties)

    def goods_lines(self) -> pl.DataFrame:
        if "goods_lines" not in self._kept:
            self._kept["goods_lines"] = with_sellers(self.db._read(_bare_lines), self.parties())
        lines: pl.DataFrame = self._kept["goods_lines"]
        return lines

    def events(self) -> pl.DataFrame:
        return self._get(events)

    def seal_readings(self) -> pl.DataFrame:
        return self._get(seal_readings)

    def inspections(self) -> pl.DataFrame:
        return self._get(inspections)

    def labels(self) -> pl.DataFrame:
        return self._get(labels)

    def goods_findings(self) -> pl.DataFrame:
        return self._get(goods_findings)

    def screening_hits(self) -> pl.DataFrame:
        return self._get(screening_hits)

    def entities(self) -> pl.DataFrame:
        return self._get(entities)

    def recognitions(self) -> pl.DataFrame:
        return self._get(recognitions)

    def memberships(self) -> list[TrustedTraderMembership]:
        return self._get(readers.memberships)

    def ports(self) -> list[Port]:
        return self._get(readers.ports)
