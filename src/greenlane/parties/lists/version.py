"""One reading of a list file: its entries, their content hashes and the hash of the whole.

An entry's hash is the SHA-256 of its fields as canonical JSON, leaving out fields at their
default (so a field added to ``ListEntry`` later does not make every stored entry look changed).
The version's hash is over the sorted (key, entry hash) pairs: the same entries in another order
or another file layout are the same content.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from greenlane.parties.lists.entry import EntryKind, ListEntry
from greenlane.parties.lists.names import unique

_TUPLES = tuple(f.name for f in fields(ListEntry) if str(f.type).startswith("tuple["))
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
    for name in _TUPLES:
        if (values := getattr(entry, name)) and name != "names":
            out[name] = list(values)
    if entry.remarks is not None:
        out["remarks"] = entry.remarks
    return out


def entry_from_fields(data: Mapping[str, Any]) -> ListEntry:
    tuples = {name: tuple(data.get(name, ())) for name in _TUPLES}
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


def merged(first: ListEntry, second: ListEntry) -> ListEntry:
    """One entry from two rows of the same party (lists without ids repeat a party per
    address): every value of both, the first's in front."""
    tuples = {name: unique([*getattr(first, name), *getattr(second, name)]) for name in _TUPLES}
    remarks = unique([first.remarks, second.remarks])
    return ListEntry(
        list_name=first.list_name,
        entry_id=first.entry_id,
        kind=first.kind if first.kind is not EntryKind.UNKNOWN else second.kind,
        remarks="; ".join(remarks) if remarks else None,
        **tuples,
    )
