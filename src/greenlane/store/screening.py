"""Screening in the store: the parties of shipments to screen, the hits each run found, and the
screening index of the current lists.

Screening a set of shipments again replaces their hits in one transaction with the run that
found them, so what is stored is always one whole screening of each shipment. The index is kept
as opaque bytes under a key its builder computes; the store does not read them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.store import schema as t
from greenlane.store.dialect import insert_ignoring_duplicates
from greenlane.store.repository import Database

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True, slots=True)
class PartyRow:
    """One party of one filing of a shipment, in one role."""

    master_bill: str
    filing: str
    filed_at: datetime
    role: str
    party_id: int
    name: str
    address: str | None
    country: str | None
    identifiers: tuple[str, ...]
    """``scheme:value``, in the order filed."""


@dataclass(frozen=True, slots=True)
class StoredHit:
    master_bill: str
    filing: str
    role: str
    party_name: str
    party_country: str | None
    entry_key: str
    matched_name: str
    score: float
    name_score: float
    explanation: list[str]


@dataclass(frozen=True, slots=True)
class ScreeningRun:
    run_at: datetime
    list_versions: Mapping[str, int]
    threshold: float
    shipments: int
    parties: int


def shipment_party_rows(db: Database, bills: Sequence[str] | None = None) -> list[PartyRow]:
    """Every party of every filing of the given master bills (all when None), one row per role
    and filing, by bill, filing time and position. Plain rows, so screening one shipment does
    not import Polars."""

    def query(conn: Connection) -> list[PartyRow]:
        f, s, fp, p = t.filings, t.shipments, t.filing_parties, t.parties
        filing = f.c.filing_type + " " + f.c.reference + " v" + sa.cast(f.c.version, sa.String)
        stmt = (
            sa.select(
                s.c.master_bill,
                filing.label("filing"),
                f.c.filed_at,
                fp.c.role,
                p.c.id.label("party_id"),
                p.c.name,
                p.c.address,
                p.c.country,
            )
            .select_from(fp.join(f).join(s).join(p, fp.c.party_id == p.c.id))
            .order_by(s.c.master_bill, f.c.filed_at, fp.c.position)
        )
        if bills is not None:
            stmt = stmt.where(s.c.master_bill.in_(list(bills)))
        found = list(conn.execute(stmt))
        identifiers = _identifiers(conn, sorted({row.party_id for row in found}))
        return [
            PartyRow(
                master_bill=row.master_bill,
                filing=row.filing,
                filed_at=row.filed_at,
                role=row.role,
                party_id=row.party_id,
                name=row.name,
                address=row.address,
                country=row.country,
                identifiers=identifiers.get(row.party_id, ()),
            )
            for row in found
        ]

    return db._read(query)


def shipment_parties(db: Database, bills: Sequence[str] | None = None) -> pl.DataFrame:
    """``shipment_party_rows`` as a frame, its identifiers a list column."""
    import polars as pl

    schema: dict[str, pl.DataType] = {
        "master_bill": pl.String(),
        "filing": pl.String(),
        "filed_at": pl.Datetime("us", "UTC"),
        "role": pl.String(),
        "party_id": pl.Int64(),
        "name": pl.String(),
        "address": pl.String(),
        "country": pl.String(),
        "identifiers": pl.List(pl.String()),
    }
    rows = [
        (
            r.master_bill,
            r.filing,
            r.filed_at,
            r.role,
            r.party_id,
            r.name,
            r.address,
            r.country,
            list(r.identifiers),
        )
        for r in shipment_party_rows(db, bills)
    ]
    return pl.DataFrame(rows, schema=schema, orient="row")


def _identifiers(conn: Connection, party_ids: list[int]) -> dict[int, tuple[str, ...]]:
    pi = t.party_identifiers
    found: dict[int, list[str]] = {}
    for start in range(0, len(party_ids), 5000):
        chunk = party_ids[start : start + 5000]
        rows = conn.execute(
            sa.select(pi.c.party_id, pi.c.scheme, pi.c.value)
            .where(pi.c.party_id.in_(chunk))
            .order_by(pi.c.party_id, pi.c.position)
        )
        for pid, scheme, value in rows:
            found.setdefault(pid, []).append(f"{scheme}:{value}")
    return {pid: tuple(values) for pid, values in found.items()}


def open_bills(db: Database, since: datetime) -> list[str]:
    """Master bills with a filing filed or an event reported since the given time."""

    def query(conn: Connection) -> list[str]:
        f, s, e = t.filings, t.shipments, t.events
        filed = conn.execute(
            sa.select(s.c.master_bill).select_from(f.join(s)).where(f.c.filed_at >= since)
        ).scalars()
        moved = conn.execute(
            sa.select(e.c.bill_of_lading)
            .where(e.c.occurred_at >= since, e.c.bill_of_lading.is_not(None))
            .distinct()
        ).scalars()
        known = set(conn.execute(sa.select(s.c.master_bill)).scalars())
        return sorted((set(filed) | set(moved)) & known)

    return db._read(query)


def known_bills(db: Database, bills: Sequence[str]) -> set[str]:
    """Those of ``bills`` that are the master bill of a stored shipment."""

    def query(conn: Connection) -> set[str]:
        s, found = t.shipments, set()
        for start in range(0, len(bills), 1000):
            chunk = list(bills[start : start + 1000])
            found |= set(
                conn.execute(sa.select(s.c.master_bill).where(s.c.master_bill.in_(chunk))).scalars()
            )
        return found

    return db._read(query)


def all_bills(db: Database) -> list[str]:
    def query(conn: Connection) -> list[str]:
        s = t.shipments
        return sorted(set(conn.execute(sa.select(s.c.master_bill)).scalars()))

    return db._read(query)


def replace_hits(
    db: Database, run: ScreeningRun, bills: Sequence[str], hits: Sequence[StoredHit]
) -> int:
    """Store the run and make its hits the current hits of the given bills; the run's id."""
    with db.transaction() as tx:
        conn = tx.connection
        inserted = conn.execute(
            sa.insert(t.screening_runs).values(
                run_at=run.run_at,
                list_versions=json.dumps(dict(sorted(run.list_versions.items()))),
                threshold=run.threshold,
                shipments=len(bills),
                parties=run.parties,
                hits=len(hits),
            )
        ).inserted_primary_key
        assert inserted is not None
        run_id = int(inserted[0])
        h = t.screening_hits
        for start in range(0, len(bills), 1000):
            conn.execute(sa.delete(h).where(h.c.master_bill.in_(list(bills[start : start + 1000]))))
        if hits:
            conn.execute(
                sa.insert(h),
                [
                    {
                        "run_id": run_id,
                        "master_bill": x.master_bill,
                        "filing": x.filing,
                        "role": x.role,
                        "party_name": x.party_name,
                        "party_country": x.party_country,
                        "entry_key": x.entry_key,
                        "matched_name": x.matched_name,
                        "score": x.score,
                        "name_score": x.name_score,
                        "explanation": json.dumps(x.explanation, ensure_ascii=False),
                    }
                    for x in hits
                ],
            )
    return run_id


def hits_for_bill(db: Database, bill: str) -> list[StoredHit]:
    def query(conn: Connection) -> list[StoredHit]:
        h = t.screening_hits
        rows = conn.execute(
            sa.select(h).where(h.c.master_bill == bill).order_by(h.c.score.desc(), h.c.id)
        ).mappings()
        return [
            StoredHit(
                master_bill=r["master_bill"],
                filing=r["filing"],
                role=r["role"],
                party_name=r["party_name"],
                party_country=r["party_country"],
                entry_key=r["entry_key"],
                matched_name=r["matched_name"],
                score=r["score"],
                name_score=r["name_score"],
                explanation=json.loads(r["explanation"]),
            )
            for r in rows
        ]

    return db._read(query)


def last_run_versions(db: Database) -> dict[str, int] | None:
    """The list versions the latest screening run used; None before any run."""

    def query(conn: Connection) -> dict[str, int] | None:
        r = t.screening_runs
        found = conn.execute(sa.select(r.c.list_versions).order_by(r.c.id.desc()).limit(1)).scalar()
        return None if found is None else {k: int(v) for k, v in json.loads(found).items()}

    return db._read(query)


@dataclass(frozen=True, slots=True)
class StoredIndex:
    index_key: str
    built_at: datetime
    entries: int
    names: int
    content: bytes


def stored_index(db: Database, index_key: str) -> StoredIndex | None:
    """The screening index kept under ``index_key``; None when there is none."""

    def query(conn: Connection) -> StoredIndex | None:
        x = t.screening_indexes
        row = conn.execute(sa.select(x).where(x.c.index_key == index_key)).mappings().first()
        return None if row is None else StoredIndex(**dict(row))

    return db._read(query)


def keep_index(db: Database, index: StoredIndex) -> None:
    """Keep ``index`` and drop every other: an index is only ever read for the current lists.
    The same key kept at the same time by another process is no error."""
    x = t.screening_indexes
    with db.transaction() as tx:
        conn = tx.connection
        conn.execute(sa.delete(x).where(x.c.index_key != index.index_key))
        conn.execute(
            insert_ignoring_duplicates(conn.dialect, x, ["index_key"]),
            {
                "index_key": index.index_key,
                "built_at": index.built_at,
                "entries": index.entries,
                "names": index.names,
                "content": index.content,
            },
        )


def forget_indexes(db: Database) -> int:
    """Drop every kept screening index (the next screening builds one again); how many."""
    with db.transaction() as tx:
        dropped = tx.connection.execute(sa.delete(t.screening_indexes))
    return int(dropped.rowcount or 0)
