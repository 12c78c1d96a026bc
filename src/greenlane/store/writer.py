"""Writes, all inside one transaction: a unit of work is committed whole or not at all.

Every add is idempotent: a row whose natural key is already stored is skipped, and each method
returns how many rows were newly stored. Bulk paths use executemany with lists of dicts and
``INSERT ... ON CONFLICT DO NOTHING RETURNING``, which only returns the rows it really inserted;
those are matched back to records by their key, never by position.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from greenlane.domain.records import (
    DataQualityFinding,
    Event,
    Filing,
    InspectionResult,
    Party,
    Port,
    TrustedTraderMembership,
)
from greenlane.store import archive
from greenlane.store import schema as t
from greenlane.store import to_rows as rows
from greenlane.store.archive import ArchivedMessage
from greenlane.store.dialect import (
    KEYS_PER_LOOKUP,
    insert_ignoring_duplicates,
    insert_or_replace,
)

T = TypeVar("T")


def _chunks(items: Sequence[Any], size: int = KEYS_PER_LOOKUP) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _first_per_key(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    """The items in order, without later repeats of a key (an unstored duplicate is no news)."""
    seen: dict[Hashable, T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


class UnitOfWork:
    """The writer bound to one connection in one open transaction (see ``Database.transaction``)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._dialect = connection.dialect

    # Raw archive.

    def archive_message(
        self,
        content: bytes,
        *,
        source: str,
        format: str,
        received_at: datetime | None = None,
    ) -> ArchivedMessage:
        return archive.archive_message(
            self.connection, content, source=source, format=format, received_at=received_at
        )

    def refuse_message(
        self, content_hash: str, size: int, *, source: str, reason: str
    ) -> ArchivedMessage:
        return archive.refuse_message(
            self.connection, content_hash, size, source=source, reason=reason
        )

    def keep_refused(self, content_hash: str, content: bytes, format: str) -> None:
        archive.keep_refused(self.connection, content_hash, content, format)

    def mark_parsed(self, content_hash: str) -> None:
        archive.mark_parsed(self.connection, content_hash)

    def mark_quarantined(self, content_hash: str, error: str, where: str | None = None) -> None:
        archive.mark_quarantined(self.connection, content_hash, error, where)

    # Filings.

    def add_filings(self, filings: Iterable[Filing]) -> int:
        """Store filings not yet stored; an amendment (a higher version) is added beside the
        earlier versions, which stay as they were. Returns how many were newly stored."""
        batch = _first_per_key(filings, rows.filing_key)
        if not batch:
            return 0
        shipment_ids = self._shipment_ids(batch)
        stmt = insert_ignoring_duplicates(
            self._dialect, t.filings, ["filing_type", "reference", "version"]
        ).returning(
            t.filings.c.id, t.filings.c.filing_type, t.filings.c.reference, t.filings.c.version
        )
        params = [rows.filing_row(f, shipment_ids[rows.shipment_key(f)]) for f in batch]
        new_ids = {
            (r.filing_type, r.reference, r.version): r.id
            for r in self.connection.execute(stmt, params)
        }
        new = [(new_ids[k], f) for f in batch if (k := rows.filing_key(f)) in new_ids]
        if new:
            self._add_filing_children(new)
        return len(new)

    def _shipment_ids(self, filings: Sequence[Filing]) -> dict[tuple[str, str], int]:
        first: dict[tuple[str, str], Filing] = {}
        for f in filings:
            first.setdefault(rows.shipment_key(f), f)
        stmt = insert_ignoring_duplicates(self._dialect, t.shipments, ["master_bill", "house_bill"])
        self.connection.execute(
            stmt,
            [
                {"master_bill": m, "house_bill": h, "carrier_scac": f.carrier_scac}
                for (m, h), f in first.items()
            ],
        )
        ids: dict[tuple[str, str], int] = {}
        masters = sorted({m for m, _ in first})
        for chunk in _chunks(masters):
            found = self.connection.execute(
                sa.select(
                    t.shipments.c.id, t.shipments.c.master_bill, t.shipments.c.house_bill
                ).where(t.shipments.c.master_bill.in_(chunk))
            )
            for r in found:
                if (key := (r.master_bill, r.house_bill)) in first:
                    ids[key] = r.id
        return ids

    def _add_filing_children(self, new: Sequence[tuple[int, Filing]]) -> None:
        party_ids = self._party_ids([fp.party for _, f in new for fp in f.parties])
        filing_parties = [
            {
                "filing_id": fid,
                "position": i,
                "role": fp.role.value,
                "party_id": party_ids[rows.party_fingerprint(fp.party)],
            }
            for fid, f in new
            for i, fp in enumerate(f.parties)
        ]
        self._insert(t.filing_parties, filing_parties)
        self._insert(t.goods_items, [r for fid, f in new for r in rows.goods_rows(fid, f.goods)])
        self._insert(
            t.filing_containers,
            [r for fid, f in new for r in rows.container_rows(fid, f.containers)],
        )
        self._insert(t.seals, [r for fid, f in new for r in rows.seal_rows(fid, f.containers)])

    def _party_ids(self, parties: Iterable[Party]) -> dict[str, int]:
        """Fingerprint to party id, storing the parties (and identifiers) not yet stored."""
        distinct = {rows.party_fingerprint(p): p for p in parties}
        if not distinct:
            return {}
        stmt = insert_ignoring_duplicates(self._dialect, t.parties, ["fingerprint"]).returning(
            t.parties.c.id, t.parties.c.fingerprint
        )
        created = {
            r.fingerprint: r.id
            for r in self.connection.execute(stmt, [rows.party_row(p) for p in distinct.values()])
        }
        self._insert(
            t.party_identifiers,
            [
                r
                for fingerprint, pid in created.items()
                for r in rows.party_identifier_rows(pid, distinct[fingerprint])
            ],
        )
        ids = dict(created)
        missing = sorted(set(distinct) - set(created))
        for chunk in _chunks(missing):
            found = self.connection.execute(
                sa.select(t.parties.c.id, t.parties.c.fingerprint).where(
                    t.parties.c.fingerprint.in_(chunk)
                )
            )
            ids.update({r.fingerprint: r.id for r in found})
        return ids

    # Events.

    def add_events(self, events: Iterable[Event]) -> int:
        """Store events not yet stored (one per source and event id); returns how many were new."""
        batch = _first_per_key(events, lambda e: (e.source, e.event_id))
        if not batch:
            return 0
        stmt = insert_ignoring_duplicates(
            self._dialect, t.events, ["source", "event_id"]
        ).returning(t.events.c.id, t.events.c.source, t.events.c.event_id)
        new_ids = {
            (r.source, r.event_id): r.id
            for r in self.connection.execute(stmt, [rows.event_row(e) for e in batch])
        }
        seal_rows = [
            r
            for e in batch
            if e.seals and (rid := new_ids.get((e.source, e.event_id))) is not None
            for r in rows.event_seal_rows(rid, e.seals)
        ]
        self._insert(t.event_seals, seal_rows)
        return len(new_ids)

    # Everything else.

    def add_inspections(self, results: Iterable[InspectionResult]) -> int:
        return self._insert_new(
            t.inspection_results, ["inspection_id"], [rows.inspection_row(r) for r in results]
        )

    def add_memberships(self, memberships: Iterable[TrustedTraderMembership]) -> int:
        """Reference data: a membership already stored is replaced by the newer statement of it
        (a suspension, a new validation date). Returns how many were newly stored."""
        items = list(memberships)
        party_ids = self._party_ids(m.party for m in items)
        params = [rows.membership_row(m, party_ids[rows.party_fingerprint(m.party)]) for m in items]
        return self._replace(t.trusted_trader_memberships, ["program", "membership_id"], params)

    def add_ports(self, ports: Iterable[Port]) -> int:
        """Reference data: a port already stored is replaced (a corrected position, CSI status).
        Returns how many were newly stored."""
        return self._replace(t.ports, ["unlocode"], [rows.port_row(p) for p in ports])

    def add_findings(
        self, subject_kind: str, subject_id: str, findings: Iterable[DataQualityFinding]
    ) -> int:
        """Data-quality findings about one subject (e.g. ``raw_message`` and its hash)."""
        params = [rows.finding_row(subject_kind, subject_id, f) for f in findings]
        return self._insert_new(t.data_quality_findings, ["fingerprint"], params)

    def add_labels(
        self, master_bill: str, labels: Iterable[tuple[str, str]], *, source: str
    ) -> int:
        """What is known to be true of a shipment: (label, detail) pairs, with where the knowledge
        came from (an administration's seizure records, an audit, a generated world's "world").
        A label already stored for the bill from that source is kept. Returns how many are new."""
        params = [
            {"master_bill": master_bill, "label": label, "detail": detail, "source": source}
            for label, detail in labels
        ]
        return self._insert_new(t.shipment_labels, ["source", "master_bill", "label"], params)

    # Helpers.

    def _insert(self, table: sa.Table, params: list[dict[str, Any]]) -> None:
        if params:  # executemany with no rows would insert one row of defaults
            self.connection.execute(sa.insert(table), params)

    def _insert_new(self, table: sa.Table, key: list[str], params: list[dict[str, Any]]) -> int:
        if not params:
            return 0
        pk = next(iter(table.primary_key.columns))
        stmt = insert_ignoring_duplicates(self._dialect, table, key).returning(pk)
        return len(self.connection.execute(stmt, params).all())

    def _replace(self, table: sa.Table, key: list[str], params: list[dict[str, Any]]) -> int:
        """Insert or overwrite by ``key``; returns how many keys were not stored before."""
        # ON CONFLICT DO UPDATE may not touch the same row twice in one statement: last one wins.
        distinct = {tuple(p[k] for k in key): p for p in params}
        if not distinct:
            return 0
        cols = [table.c[k] for k in key]
        firsts = sorted({k[0] for k in distinct})
        existing: set[tuple[Any, ...]] = set()
        for chunk in _chunks(firsts):
            found = self.connection.execute(sa.select(*cols).where(cols[0].in_(chunk)))
            existing.update(tuple(r) for r in found)
        self.connection.execute(
            insert_or_replace(self._dialect, table, key), list(distinct.values())
        )
        return len(distinct.keys() - existing)
