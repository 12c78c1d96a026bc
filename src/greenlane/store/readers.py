"""Reads: rows back into full canonical records, and Polars frames for batch work.

Children are fetched per table for the whole set of parents (one query per table, not per
record), then grouped in Python, so reading a thousand filings costs a handful of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.domain.records import (
    Container,
    DataQualityFinding,
    Event,
    Filing,
    FilingParty,
    InspectionResult,
    Party,
    Port,
    Seal,
    TrustedTraderMembership,
)
from greenlane.store import from_rows as rows
from greenlane.store import schema as t
from greenlane.store.dialect import KEYS_PER_LOOKUP
from greenlane.store.from_rows import RowIn

if TYPE_CHECKING:
    import polars as pl


def _in_chunks(
    conn: Connection, stmt: sa.Select[Any], column: sa.ColumnElement[Any], keys: Sequence[Any]
) -> list[RowIn]:
    """Run ``stmt`` restricted to ``column IN keys``, a chunk at a time; rows in chunk order."""
    found: list[RowIn] = []
    for start in range(0, len(keys), KEYS_PER_LOOKUP):
        chunk = keys[start : start + KEYS_PER_LOOKUP]
        found.extend(conn.execute(stmt.where(column.in_(chunk))).mappings().all())
    return found


def _grouped(found: Iterable[RowIn], key: str) -> dict[Any, list[RowIn]]:
    groups: dict[Any, list[RowIn]] = defaultdict(list)
    for row in found:
        groups[row[key]].append(row)
    return groups


# Filings.


def _bill_matches(bill: str) -> sa.ColumnElement[bool]:
    return sa.or_(t.shipments.c.master_bill == bill, t.shipments.c.house_bill == bill)


def filings_for_bill(conn: Connection, bill: str) -> list[Filing]:
    """Every filing (all versions) on a master or house bill, oldest first."""
    stmt = (
        sa.select(t.filings, t.shipments.c.master_bill, t.shipments.c.house_bill)
        .select_from(t.filings.join(t.shipments))
        .where(_bill_matches(bill))
        .order_by(t.filings.c.filed_at, t.filings.c.version, t.filings.c.id)
    )
    return _filings_from(conn, conn.execute(stmt).mappings().all())


def _filings_from(conn: Connection, filing_rows: Sequence[RowIn]) -> list[Filing]:
    ids = [r["id"] for r in filing_rows]
    parties = _filing_parties(conn, ids)
    goods = _grouped(
        _in_chunks(
            conn,
            sa.select(t.goods_items).order_by(t.goods_items.c.filing_id, t.goods_items.c.position),
            t.goods_items.c.filing_id,
            ids,
        ),
        "filing_id",
    )
    containers = _containers(conn, ids)
    return [
        rows.filing_from(
            r,
            parties.get(r["id"], []),
            [rows.goods_from(g) for g in goods.get(r["id"], [])],
            containers.get(r["id"], []),
        )
        for r in filing_rows
    ]


def _filing_parties(conn: Connection, filing_ids: Sequence[int]) -> dict[int, list[FilingParty]]:
    links = _in_chunks(
        conn,
        sa.select(t.filing_parties).order_by(
            t.filing_parties.c.filing_id, t.filing_parties.c.position
        ),
        t.filing_parties.c.filing_id,
        filing_ids,
    )
    party = parties_by_id(conn, sorted({link["party_id"] for link in links}))
    out: dict[int, list[FilingParty]] = defaultdict(list)
    for link in links:
        out[link["filing_id"]].append(rows.filing_party_from(link, party[link["party_id"]]))
    return out


def parties_by_id(conn: Connection, party_ids: Sequence[int]) -> dict[int, Party]:
    found = _in_chunks(conn, sa.select(t.parties), t.parties.c.id, party_ids)
    idents = _grouped(
        _in_chunks(
            conn,
            sa.select(t.party_identifiers).order_by(
                t.party_identifiers.c.party_id, t.party_identifiers.c.position
            ),
            t.party_identifiers.c.party_id,
            party_ids,
        ),
        "party_id",
    )
    return {r["id"]: rows.party_from(r, idents.get(r["id"], [])) for r in found}


def _containers(conn: Connection, filing_ids: Sequence[int]) -> dict[int, list[Container]]:
    fc, s = t.filing_containers, t.seals
    seal_groups = _grouped(
        _in_chunks(
            conn,
            sa.select(s).order_by(s.c.filing_id, s.c.container_position, s.c.position),
            s.c.filing_id,
            filing_ids,
        ),
        "filing_id",
    )
    out: dict[int, list[Container]] = defaultdict(list)
    found = _in_chunks(
        conn, sa.select(fc).order_by(fc.c.filing_id, fc.c.position), fc.c.filing_id, filing_ids
    )
    for row in found:
        seals_here: list[Seal] = [
            rows.seal_from(seal)
            for seal in seal_groups.get(row["filing_id"], [])
            if seal["container_position"] == row["position"]
        ]
        out[row["filing_id"]].append(rows.container_from(row, seals_here))
    return out


# Events.


def _events_where(conn: Connection, condition: sa.ColumnElement[bool]) -> list[Event]:
    found = (
        conn.execute(
            sa.select(t.events).where(condition).order_by(t.events.c.occurred_at, t.events.c.id)
        )
        .mappings()
        .all()
    )
    es = t.event_seals
    readings = _grouped(
        _in_chunks(
            conn,
            sa.select(es).order_by(es.c.event_row_id, es.c.position),
            es.c.event_row_id,
            [r["id"] for r in found],
        ),
        "event_row_id",
    )
    return [
        rows.event_from(r, [rows.seal_reading_from(s) for s in readings.get(r["id"], [])])
        for r in found
    ]


def events_for_container(conn: Connection, number: str) -> list[Event]:
    return _events_where(conn, t.events.c.container_number == number)


def events_for_bill(conn: Connection, bill: str) -> list[Event]:
    return _events_where(conn, t.events.c.bill_of_lading == bill)


def event_columns() -> dict[str, pl.DataType]:
    """The columns of ``events_frame``, with the same types whatever the backend and even when
    empty. (Polars is imported here, not for every command that opens the database.)"""
    import polars as pl

    from greenlane.domain.frames import EVENTS

    return {**EVENTS, "source_message": pl.String()}


def events_frame(
    conn: Connection,
    *,
    container_numbers: Sequence[str] | None = None,
    bills: Sequence[str] | None = None,
    occurred_from: datetime | None = None,
    occurred_to: datetime | None = None,
) -> pl.DataFrame:
    """Events as a frame, ordered by container and time; each filter given narrows the rows.

    The filters are bound one value per parameter: give up to a few thousand containers or
    bills, or none to read every event.
    """
    import polars as pl

    columns = event_columns()
    e = t.events
    stmt = sa.select(*(e.c[name] for name in columns)).order_by(
        e.c.container_number, e.c.occurred_at, e.c.id
    )
    if container_numbers is not None:
        stmt = stmt.where(e.c.container_number.in_(list(container_numbers)))
    if bills is not None:
        stmt = stmt.where(e.c.bill_of_lading.in_(list(bills)))
    if occurred_from is not None:
        stmt = stmt.where(e.c.occurred_at >= occurred_from)
    if occurred_to is not None:
        stmt = stmt.where(e.c.occurred_at < occurred_to)
    frame = pl.read_database(stmt, conn, schema_overrides=columns)
    assert isinstance(frame, pl.DataFrame)  # iter_batches=False gives one frame
    return frame


def seal_readings_frame(
    conn: Connection, *, container_numbers: Sequence[str] | None = None
) -> pl.DataFrame:
    """Seal readings of the events of the given containers (all when None), in the columns of
    ``greenlane.domain.frames.SEAL_READINGS``: each seal an event read, keyed by its event."""
    import polars as pl

    from greenlane.domain.frames import SEAL_READINGS

    e, s = t.events, t.event_seals
    stmt = (
        sa.select(
            e.c.source,
            e.c.event_id,
            s.c.number.label("seal_number"),
            s.c.condition,
            s.c.affixed_by,
            s.c.seal_class,
            s.c.electronic,
            s.c.type_code,
        )
        .select_from(s.join(e, s.c.event_row_id == e.c.id))
        .order_by(e.c.id, s.c.position)
    )
    if container_numbers is not None:
        stmt = stmt.where(e.c.container_number.in_(list(container_numbers)))
    frame = pl.read_database(stmt, conn, schema_overrides=SEAL_READINGS)
    assert isinstance(frame, pl.DataFrame)
    return frame


# Links between bills and containers.


def containers_for_bill(conn: Connection, bill: str) -> list[str]:
    """Containers declared on the bill's filings or reported by events under it, sorted."""
    fc = t.filing_containers
    declared = (
        sa.select(fc.c.container_number)
        .select_from(fc.join(t.filings).join(t.shipments))
        .where(_bill_matches(bill))
    )
    observed = sa.select(t.events.c.container_number).where(
        t.events.c.bill_of_lading == bill, t.events.c.container_number.is_not(None)
    )
    found = conn.execute(sa.union(declared, observed)).scalars()
    return sorted(set(found))


def bills_for_container(conn: Connection, number: str) -> list[str]:
    """Bills the container travels under, first seen first: master bills (then house bills) of
    the filings that declare it, and bills named by its events."""
    fc, s = t.filing_containers, t.shipments
    declared = conn.execute(
        sa.select(s.c.master_bill, s.c.house_bill, sa.func.min(t.filings.c.filed_at))
        .select_from(fc.join(t.filings).join(s))
        .where(fc.c.container_number == number)
        .group_by(s.c.master_bill, s.c.house_bill)
    ).all()
    observed = conn.execute(
        sa.select(t.events.c.bill_of_lading, sa.func.min(t.events.c.occurred_at))
        .where(t.events.c.container_number == number, t.events.c.bill_of_lading.is_not(None))
        .group_by(t.events.c.bill_of_lading)
    ).all()
    seen: list[tuple[datetime, int, str]] = []
    for master, house, first in declared:
        seen.append((first, 0, master))
        if house:
            seen.append((first, 1, house))
    seen.extend((first, 0, bill) for bill, first in observed)
    return list(dict.fromkeys(bill for _, _, bill in sorted(seen)))


# Reference data, inspections, findings, labels.


def inspections_for_bill(conn: Connection, bill: str) -> list[InspectionResult]:
    ir = t.inspection_results
    found = conn.execute(
        sa.select(ir).where(ir.c.bill_of_lading == bill).order_by(ir.c.inspected_at, ir.c.id)
    ).mappings()
    return [rows.inspection_from(r) for r in found]


def memberships(conn: Connection) -> list[TrustedTraderMembership]:
    m = t.trusted_trader_memberships
    found = conn.execute(sa.select(m).order_by(m.c.program, m.c.membership_id)).mappings().all()
    party = parties_by_id(conn, sorted({r["party_id"] for r in found}))
    return [rows.membership_from(r, party[r["party_id"]]) for r in found]


def ports(conn: Connection) -> list[Port]:
    found = conn.execute(sa.select(t.ports).order_by(t.ports.c.unlocode)).mappings()
    return [rows.port_from(r) for r in found]


def findings_for(conn: Connection, subject_kind: str, subject_id: str) -> list[DataQualityFinding]:
    f = t.data_quality_findings
    found = conn.execute(
        sa.select(f)
        .where(f.c.subject_kind == subject_kind, f.c.subject_id == subject_id)
        .order_by(f.c.id)
    ).mappings()
    return [rows.finding_from(r) for r in found]


def labels(conn: Connection, source: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """Master bill to its (label, detail) pairs, from one source or from all."""
    w = t.shipment_labels
    stmt = sa.select(w).order_by(w.c.master_bill, w.c.label, w.c.source)
    if source is not None:
        stmt = stmt.where(w.c.source == source)
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in conn.execute(stmt).mappings():
        out[r["master_bill"]].append((r["label"], r["detail"]))
    return dict(out)


def counts(conn: Connection) -> dict[str, int]:
    """Rows in each main table, in one round trip."""
    stmt = sa.select(
        *(
            sa.select(sa.func.count()).select_from(table).scalar_subquery().label(table.name)
            for table in t.MAIN_TABLES
        )
    )
    row = conn.execute(stmt).one()
    return {table.name: int(n) for table, n in zip(t.MAIN_TABLES, row, strict=True)}
