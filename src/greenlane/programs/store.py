"""Program lists in the store: load a CSV of one kind, read every list back.

Memberships go to ``trusted_trader_memberships`` (a member already stored is replaced by the newer
statement of it: to withdraw a membership, load it suspended or with its end date); CSI ports to
``ports`` (the file is the whole list: a stored port missing from it is no longer a CSI port; its
name and position stay); mutual recognition to ``mutual_recognitions`` (replaced whole). Every
load is recorded in ``program_loads`` with the file's hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from greenlane.errors import ConfigurationError
from greenlane.programs.frames import recognitions_of
from greenlane.programs.rosters import (
    KINDS,
    Recognition,
    read_aeo,
    read_csi,
    read_ctpat,
    read_mra,
)
from greenlane.store.frames import StoreFrames
from greenlane.store.programs import program_loads, record_program_load, replace_recognitions
from greenlane.store.repository import Database

__all__ = ["LoadReport", "load_programs", "program_loads", "recognitions"]


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
            record_program_load(tx, kind, str(path), digest, rows, now or datetime.now(UTC))
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
            record_program_load(tx, kind, str(path), digest, rows, now or datetime.now(UTC))
    else:
        arrangements = read_mra(path)
        unique = {_key(r): asdict(r) for r in arrangements}
        with db.transaction() as tx:
            new, rows = replace_recognitions(tx, list(unique.values())), len(unique)
            record_program_load(tx, kind, str(path), digest, rows, now or datetime.now(UTC))
    return LoadReport(kind, str(path), rows, new, digest)


def recognitions(db: Database) -> list[Recognition]:
    """The stored mutual recognition arrangements."""
    return recognitions_of(StoreFrames(db).recognitions())


def _key(r: Recognition) -> tuple[str, str, str, str]:
    return (r.program, r.jurisdiction, r.partner_program, r.partner_jurisdiction)
