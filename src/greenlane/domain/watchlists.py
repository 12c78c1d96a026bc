"""The watch-list domain types: one entry of a list whatever list it comes from, one reading of
a list file (a version) with its content hashes, and what changed between two versions.

An entry's hash is the SHA-256 of its fields as canonical JSON, leaving out fields at their
default (so a field added to ``ListEntry`` later does not make every stored entry look changed).
The version's hash is over the sorted (key, entry hash) pairs: the same entries in another order
or another file layout are the same content. The readers (``greenlane.parties.lists``) make
these; the store (``greenlane.store.watchlists``) keeps them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any


class EntryKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ListEntry:
    """A listed person, company, vessel or aircraft, as its list publishes it.

    ``names`` holds the primary name first, then every alias, exactly as written; screening
    normalises them. Countries are ISO 3166-1 alpha-2 where the list allows it. Identifiers are
    ``scheme:value`` strings (``imo:9123456``, ``passport:X1234``, ``tax_id:...``)."""

    list_name: str
    """The list: ``ofac_sdn``, ``ofac_nonsdn``, ``us_csl``, ``bis_dpl``, ``un_sc``,
    ``opensanctions``."""
    entry_id: str
    """The list's own id for the entry (OFAC ent_num, UN DATAID/reference, CSL _id, FtM id)."""
    kind: EntryKind
    names: tuple[str, ...]
    countries: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    remarks: str | None = None
    weak_names: tuple[str, ...] = ()
    """Aliases the list itself calls weak (UN quality "Low", FtM ``weakAlias``): short or common
    names that should not make a hit on their own. Not repeated in ``names``."""

    @property
    def key(self) -> str:
        return f"{self.list_name}:{self.entry_id}"


MULTI_VALUED = tuple(f.name for f in fields(ListEntry) if str(f.type).startswith("tuple["))
"""The multi-valued fields: ``names``, ``countries``, ``addresses``, ..."""


@dataclass(frozen=True, slots=True)
class ListVersion:
    list_name: str
    format: str
    """The reader used: ``ofac-sdn-csv``, ``ofac-cons-csv``, ``csl-csv``, ``bis-dpl``,
    ``un-xml`` or ``ftm-jsonl``."""
    source: str
    """The path read (a folder for OFAC's sets of files)."""
    entries: tuple[ListEntry, ...]
    content_hash: str
    notes: tuple[str, ...] = ()
    """What was read but not kept, in words (rows that name no entry of the file, ...)."""

    @property
    def entry_count(self) -> int:
        return len(self.entries)


def entry_fields(entry: ListEntry) -> dict[str, Any]:
    """The entry as a JSON object; fields at their default are left out."""
    out: dict[str, Any] = {
        "list_name": entry.list_name,
        "entry_id": entry.entry_id,
        "kind": entry.kind.value,
        "names": list(entry.names),
    }
    for name in MULTI_VALUED:
        if (values := getattr(entry, name)) and name != "names":
            out[name] = list(values)
    if entry.remarks is not None:
        out["remarks"] = entry.remarks
    return out


def entry_from_fields(data: Mapping[str, Any]) -> ListEntry:
    tuples = {name: tuple(data.get(name, ())) for name in MULTI_VALUED}
    return ListEntry(
        list_name=data["list_name"],
        entry_id=data["entry_id"],
        kind=EntryKind(data["kind"]),
        remarks=data.get("remarks"),
        **tuples,
    )


def canonical_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(entry: ListEntry) -> str:
    return hashlib.sha256(canonical_json(entry_fields(entry)).encode("utf-8")).hexdigest()


def content_hash(hashes: Mapping[str, str]) -> str:
    """The hash of a whole list from its entries' keys and hashes."""
    digest = hashlib.sha256()
    for key in sorted(hashes):
        digest.update(f"{key}\t{hashes[key]}\n".encode())
    return digest.hexdigest()


def make_version(
    list_name: str,
    fmt: str,
    source: str,
    entries: Iterable[ListEntry],
    notes: Iterable[str] = (),
) -> ListVersion:
    """The version of ``entries``, which must have distinct entry ids (readers check that and
    say where a repeat is)."""
    items = tuple(entries)
    hashes = {e.key: entry_hash(e) for e in items}
    if len(hashes) != len(items):
        raise ValueError(f"{list_name}: entry ids repeat in {source}")
    return ListVersion(list_name, fmt, source, items, content_hash(hashes), tuple(notes))


# What changed between two versions of a list.


@dataclass(frozen=True, slots=True)
class ListChanges:
    """Entry ids (the list's own) added, changed and removed, each sorted."""

    list_name: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
        }

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def touched(self) -> tuple[str, ...]:
        """Added and changed entries: those a party must be screened against again."""
        return _ordered((*self.added, *self.changed))


def _ordered(ids: Iterable[str]) -> tuple[str, ...]:
    """Numeric ids (OFAC's ent_num) in numeric order, then the others in text order."""
    return tuple(sorted(ids, key=lambda i: (not i.isdigit(), int(i) if i.isdigit() else 0, i)))


def diff(list_name: str, before: Mapping[str, str], after: Mapping[str, str]) -> ListChanges:
    """Compare two {entry id: entry hash} maps of the same list."""
    return ListChanges(
        list_name=list_name,
        added=_ordered(after.keys() - before.keys()),
        changed=_ordered(k for k in after.keys() & before.keys() if after[k] != before[k]),
        removed=_ordered(before.keys() - after.keys()),
    )
