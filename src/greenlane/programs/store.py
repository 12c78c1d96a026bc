"""Program lists in the store: load a CSV of one kind, read every list back.

Memberships go to ``trusted_trader_memberships`` (a member already stored is replaced by the newer
statement of it: to withdraw a membership, load it suspended or with its end date); CSI ports to
``ports`` (the file is the whole list: a stored port missing from it is no longer a CSI port; its
name and position stay); mutual recognition to ``mutual_recognitions`` (replaced whole). Every
load is recorded in ``program_loads`` with the file's hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.errors import ConfigurationError
from greenlane.programs.frames import ENTITIES, Programs, programs_from_records
from greenlane.programs.rosters import (
    KINDS,
    Recognition,
    read_aeo,
    read_csi,
    read_ctpat,
    read_mra,
)
from greenlane.store import schema as t
from greenlane.store.repository import Database


@dataclass(frozen=True, slots=True)
class LoadReport:
    kind: str
    source: str
    rows: int
    new: int
    """Rows not stored before (members, ports, arrangements)."""
    content_hash: str


def load_programs(
    db: Database, path: Path, kind: str, *, now: datetime | None = None
) -> LoadReport:
    """Read ``path`` as a list of ``kind`` (ctpat, aeo, mra, csi) and store it, in one
    transaction; a bad row stores nothing."""
    if kind not in KINDS:
        raise ConfigurationError(f"unknown list kind {kind!r}", expected=" or ".join(KINDS))
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    if kind in ("ctpat", "aeo"):
        members = read_ctpat(path) if kind == "ctpat" else read_aeo(path)
        with db.transaction() as tx:
            new = tx.add_memberships(members)
            rows = len(members)
            _record(tx.connection, kind, path, digest, rows, now)
    elif kind == "csi":
        listed = {p.unlocode: p for p in read_csi(path)}
        known = {p.unlocode: p for p in db.ports()}
        merged = [
            replace(known[code], csi=True, csi_since=p.csi_since) if code in known else p
            for code, p in listed.items()
        ]
        dropped = [replace(p, csi=False, csi_since=None) for p in known.values() if p.csi]
        dropped = [p for p in dropped if p.unlocode not in listed]
        with db.transaction() as tx:
            tx.add_ports([*merged, *dropped])
            new = sum(1 for code in listed if not (code in known and known[code].csi))
            rows = len(listed)
            _record(tx.connection, kind, path, digest, rows, now)
    else:
        arrangements = read_mra(path)
        with db.transaction() as tx:
            before = _recognition_keys(tx.connection)
            tx.connection.execute(sa.delete(t.mutual_recognitions))
            params = {_key(r): _recognition_row(r) for r in arrangements}
            if params:
                tx.connection.execute(sa.insert(t.mutual_recognitions), list(params.values()))
            new, rows = len(params.keys() - before), len(params)
            _record(tx.connection, kind, path, digest, rows, now)
    return LoadReport(kind, str(path), rows, new, digest)


def _record(
    conn: Connection, kind: str, path: Path, digest: str, rows: int, now: datetime | None
) -> None:
    conn.execute(
        sa.insert(t.program_loads).values(
            kind=kind,
            source=str(path),
            content_hash=digest,
            rows=rows,
            loaded_at=now or datetime.now(UTC),
        )
    )


def _key(r: Recognition) -> tuple[str, str, str, str]:
    return (r.program, r.jurisdiction, r.partner_program, r.partner_jurisdiction)


def _recognition_row(r: Recognition) -> dict[str, object]:
    return {
        "program": r.program,
        "jurisdiction": r.jurisdiction,
        "partner_program": r.partner_program,
        "partner_jurisdiction": r.partner_jurisdiction,
        "signed_on": r.signed_on,
        "in_force_from": r.in_force_from,
        "in_force_until": r.in_force_until,
        "note": r.note,
    }


def _recognition_keys(conn: Connection) -> set[tuple[str, str, str, str]]:
    m = t.mutual_recognitions
    found = conn.execute(
        sa.select(m.c.program, m.c.jurisdiction, m.c.partner_program, m.c.partner_jurisdiction)
    )
    return {(a, b, c, d) for a, b, c, d in found}


def recognitions(db: Database) -> list[Recognition]:
    """The stored mutual recognition arrangements."""

    def query(conn: Connection) -> list[Recognition]:
        m = t.mutual_recognitions
        found = conn.execute(
            sa.select(m).order_by(m.c.program, m.c.jurisdiction, m.c.partner_jurisdiction)
        ).mappings()
        return [Recognition(**dict(r)) for r in found]

    return db._read(query)


def program_loads(db: Database) -> list[dict[str, object]]:
    """Every list loaded, newest first."""

    def query(conn: Connection) -> list[dict[str, object]]:
        p = t.program_loads
        found = conn.execute(sa.select(p).order_by(p.c.id.desc())).mappings()
        return [dict(r) for r in found]

    return db._read(query)


def _entities(conn: Connection) -> pl.DataFrame:
    e = t.party_entities
    found = conn.execute(sa.select(e.c.master_bill, e.c.role, e.c.name, e.c.entity_id)).all()
    return pl.DataFrame([tuple(r) for r in found], schema=ENTITIES, orient="row")


def programs_from_store(db: Database) -> Programs:
    """Memberships, mutual recognitions, CSI ports and resolved entities as stored."""
    return programs_from_records(
        db.memberships(),
        db.ports(),
        recognitions(db),
        entities=db._read(_entities),
    )
