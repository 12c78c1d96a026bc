"""Watch-list versions in the store: each load of a list that changed it, what it changed, the
current entries of every list, and what changed since the versions a screening used.

A load is one transaction: the version row, any entry contents not stored before and the
version's entry rows are committed together or not at all. The same content as the list's
current version is not stored again; it is reported as unchanged. An entry's content is stored
once however many versions hold it, so a daily load of a large list costs one row per entry in
``watch_list_version_entries`` and a content row only for what changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from greenlane.domain.watchlists import (
    ListChanges,
    ListEntry,
    ListVersion,
    canonical_json,
    diff,
    entry_fields,
    entry_from_fields,
    entry_hash,
)
from greenlane.errors import StorageError
from greenlane.store import schema as t
from greenlane.store.dialect import KEYS_PER_LOOKUP, insert_ignoring_duplicates
from greenlane.store.repository import Database

_versions, _entries, _members = (
    t.watch_list_versions,
    t.watch_list_entries,
    t.watch_list_version_entries,
)


@dataclass(frozen=True, slots=True)
class StoredVersion:
    version_id: int
    list_name: str
    number: int
    """1, 2, 3 ... within the list."""
    format: str
    loaded_at: datetime
    content_hash: str
    source: str
    entry_count: int


@dataclass(frozen=True, slots=True)
class LoadResult:
    stored: bool
    """False when the content was the list's current version already (nothing written)."""
    version: StoredVersion
    """The version stored, or the current one when unchanged."""
    previous: StoredVersion | None
    """The version the changes are counted from; None for the first load of a list."""
    changes: ListChanges
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListUpdate:
    """A list whose current version is not the one a screening used."""

    since: StoredVersion | None
    current: StoredVersion
    changes: ListChanges


# Writes.


def store_list_version(
    db: Database, version: ListVersion, *, loaded_at: datetime | None = None
) -> LoadResult:
    """Store ``version`` as the list's next version, unless it is the current content."""
    with db.transaction() as unit:
        return add_list_version(unit.connection, version, loaded_at=loaded_at)


def add_list_version(
    conn: Connection, version: ListVersion, *, loaded_at: datetime | None = None
) -> LoadResult:
    """The same, on a connection inside the caller's transaction."""
    latest = _latest(conn, version.list_name)
    if latest is not None and latest.content_hash == version.content_hash:
        empty = ListChanges(version.list_name)
        return LoadResult(False, latest, latest, empty, version.notes)
    before = _members_of(conn, latest.version_id) if latest is not None else {}
    hashes = {e.entry_id: entry_hash(e) for e in version.entries}
    changes = diff(version.list_name, {k: h for k, (h, _) in before.items()}, hashes)
    row_ids = {h: row_id for h, row_id in before.values()}
    row_ids.update(
        _store_contents(conn, [e for e in version.entries if hashes[e.entry_id] not in row_ids])
    )
    stored = StoredVersion(
        version_id=0,
        list_name=version.list_name,
        number=latest.number + 1 if latest is not None else 1,
        format=version.format,
        loaded_at=loaded_at or datetime.now(UTC),
        content_hash=version.content_hash,
        source=version.source,
        entry_count=version.entry_count,
    )
    row = {f.name: getattr(stored, f.name) for f in fields(StoredVersion) if f.name != "version_id"}
    try:
        version_id = conn.execute(sa.insert(_versions).returning(_versions.c.id), row).scalar_one()
    except IntegrityError as exc:
        raise StorageError(
            f"another load of {version.list_name} was stored at the same time; nothing was "
            "stored from this one",
            expected="one load of a list at a time (load it again)",
        ) from exc
    members = [
        {
            "version_id": version_id,
            "entry_id": e.entry_id,
            "entry_row_id": row_ids[hashes[e.entry_id]],
        }
        for e in version.entries
    ]
    if members:
        conn.execute(sa.insert(_members), members)
    return LoadResult(True, replace(stored, version_id=version_id), latest, changes, version.notes)


def _store_contents(conn: Connection, entries: Sequence[ListEntry]) -> dict[str, int]:
    """Content hash to row id for ``entries``, storing the contents not stored yet."""
    if not entries:
        return {}
    rows = {}
    for entry in entries:
        digest = entry_hash(entry)
        rows[digest] = {
            "entry_hash": digest,
            "list_name": entry.list_name,
            "entry_id": entry.entry_id,
            "fields": canonical_json(entry_fields(entry)),
        }
    stmt = insert_ignoring_duplicates(conn.dialect, _entries, ["entry_hash"]).returning(
        _entries.c.id, _entries.c.entry_hash
    )
    ids = {r.entry_hash: r.id for r in conn.execute(stmt, list(rows.values()))}
    missing = sorted(rows.keys() - ids.keys())  # stored by an earlier version
    for start in range(0, len(missing), KEYS_PER_LOOKUP):
        chunk = missing[start : start + KEYS_PER_LOOKUP]
        found = conn.execute(
            sa.select(_entries.c.id, _entries.c.entry_hash).where(_entries.c.entry_hash.in_(chunk))
        )
        ids.update({r.entry_hash: r.id for r in found})
    return ids


# Reads.


def list_versions(db: Database, list_name: str | None = None) -> list[StoredVersion]:
    """Every stored version, by list name and number."""

    def query(conn: Connection) -> list[StoredVersion]:
        stmt = sa.select(_versions).order_by(_versions.c.list_name, _versions.c.number)
        if list_name is not None:
            stmt = stmt.where(_versions.c.list_name == list_name)
        return [_stored(r) for r in conn.execute(stmt).mappings()]

    return db._read(query)


def current_versions(db: Database) -> dict[str, StoredVersion]:
    """The current (latest) version of every loaded list, by list name."""
    return db._read(_current)


def current_list_entries(db: Database, list_names: Iterable[str] | None = None) -> list[ListEntry]:
    """The entries of the current version of every list (or of ``list_names``), by list name
    and entry id: what screening screens against."""
    wanted = set(list_names) if list_names is not None else None

    def query(conn: Connection) -> list[ListEntry]:
        current = [v for v in _current(conn).values() if wanted is None or v.list_name in wanted]
        stmt = (
            sa.select(_entries.c.fields)
            .join(_members, _members.c.entry_row_id == _entries.c.id)
            .where(_members.c.version_id.in_([v.version_id for v in current]))
            .order_by(_entries.c.list_name, _members.c.entry_id)
        )
        return [entry_from_fields(json.loads(r.fields)) for r in conn.execute(stmt)]

    return db._read(query)


def current_version_numbers(db: Database) -> dict[str, int]:
    """{list name: current version number}: what to record beside a screening, to ask
    ``lists_changed_since`` later."""
    return {name: v.number for name, v in current_versions(db).items()}


def lists_changed_since(db: Database, seen: Mapping[str, int]) -> list[ListUpdate]:
    """The lists whose current version is not the one in ``seen`` ({list name: version
    number}, as ``current_version_numbers`` gave it), with what changed since that version;
    a list not in ``seen`` counts every entry as added. Parties screened against ``seen`` are
    screened again against each update's ``changes.touched`` entries."""

    def query(conn: Connection) -> list[ListUpdate]:
        updates = []
        for name, current in sorted(_current(conn).items()):
            number = seen.get(name)
            if number == current.number:
                continue
            since = _version(conn, name, number) if number is not None else None
            before = _hashes(conn, since.version_id) if since is not None else {}
            changes = diff(name, before, _hashes(conn, current.version_id))
            updates.append(ListUpdate(since, current, changes))
        return updates

    return db._read(query)


# Plumbing.


def _latest(conn: Connection, list_name: str) -> StoredVersion | None:
    row = (
        conn.execute(
            sa.select(_versions)
            .where(_versions.c.list_name == list_name)
            .order_by(_versions.c.number.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return _stored(row) if row is not None else None


def _version(conn: Connection, list_name: str, number: int) -> StoredVersion | None:
    row = (
        conn.execute(
            sa.select(_versions).where(
                _versions.c.list_name == list_name, _versions.c.number == number
            )
        )
        .mappings()
        .first()
    )
    return _stored(row) if row is not None else None


def _current(conn: Connection) -> dict[str, StoredVersion]:
    latest = (
        sa.select(_versions.c.list_name, sa.func.max(_versions.c.number).label("number"))
        .group_by(_versions.c.list_name)
        .subquery()
    )
    stmt = sa.select(_versions).join(
        latest,
        sa.and_(_versions.c.list_name == latest.c.list_name, _versions.c.number == latest.c.number),
    )
    return {r["list_name"]: _stored(r) for r in conn.execute(stmt).mappings()}


def _members_of(conn: Connection, version_id: int) -> dict[str, tuple[str, int]]:
    """{entry id: (content hash, content row id)} of a version."""
    stmt = (
        sa.select(_members.c.entry_id, _entries.c.entry_hash, _entries.c.id)
        .join(_entries, _members.c.entry_row_id == _entries.c.id)
        .where(_members.c.version_id == version_id)
    )
    return {r.entry_id: (r.entry_hash, r.id) for r in conn.execute(stmt)}


def _hashes(conn: Connection, version_id: int) -> dict[str, str]:
    return {k: h for k, (h, _) in _members_of(conn, version_id).items()}


def _stored(row: Mapping[Any, Any]) -> StoredVersion:
    return StoredVersion(
        version_id=row["id"],
        list_name=row["list_name"],
        number=row["number"],
        format=row["format"],
        loaded_at=row["loaded_at"],
        content_hash=row["content_hash"],
        source=row["source"],
        entry_count=row["entry_count"],
    )
