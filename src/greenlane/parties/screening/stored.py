"""The screening index of the current lists, built once per content of the lists and kept.

Building the index of the SDN list takes some twenty seconds; reading it back a small fraction
of one. ``current_index(db)`` reads the index kept for the current versions of every loaded list,
and builds and keeps it when there is none. It is kept under a key that hashes the lists'
content hashes, the index format and the code that prepares names (rigour's version and the
source of ``greenlane.parties``), so a new list version, or a new way of preparing names, finds
no index and builds its own; the store then drops the old one.

What is kept is a zip of JSON string lists, little-endian int32 arrays and every list name as
prepared (JSON, ``kept``, so that scoring a list name needs no rigour tagger): data only, read
without pickle or anything else that could run code.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from array import array
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from greenlane.domain.watchlists import EntryKind
from greenlane.parties.screening.build import IndexParts
from greenlane.parties.screening.index import ScreeningIndex
from greenlane.parties.screening.postings import INT32, Postings
from greenlane.store.repository import Database
from greenlane.store.screening import StoredIndex, keep_index, stored_index
from greenlane.store.watchlists import current_list_entries, current_versions

INDEX_FORMAT = 2
_STRINGS = ("entry_fields", "name_written", "name_keys")
_POSTINGS = ("exact", "fuzzy", "symbols", "identifiers")


def current_index(db: Database) -> ScreeningIndex:
    """The index of the current version of every loaded list: the kept one, or built and kept."""
    key = index_key({name: v.content_hash for name, v in current_versions(db).items()})
    kept = stored_index(db, key)
    if kept is not None:
        try:
            return ScreeningIndex.from_parts(parts_from_bytes(kept.content))
        except ValueError:
            pass  # unreadable (cut short, another format): built again below
    index = ScreeningIndex(current_list_entries(db))
    # A list loaded while this one was built: the index is used once, and not kept.
    now = index_key({name: v.content_hash for name, v in current_versions(db).items()})
    if now == key:
        content = parts_to_bytes(index.kept_parts())
        built = datetime.now(UTC)
        keep_index(db, StoredIndex(key, built, len(index), len(index.names), content))
    return index


def index_key(lists: Mapping[str, str]) -> str:
    """The key of the index of lists with these {list name: content hash}."""
    digest = hashlib.sha256(f"screening index {INDEX_FORMAT}\n{code_version()}\n".encode())
    for name in sorted(lists):
        digest.update(f"{name}\t{lists[name]}\n".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """rigour's version and a hash of the source of greenlane.parties: what prepares names."""
    try:
        rigour = version("rigour")
    except PackageNotFoundError:
        rigour = "unknown"
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return f"rigour {rigour}, greenlane.parties {digest.hexdigest()}"


def parts_to_bytes(parts: IndexParts) -> bytes:
    strings: dict[str, list[str]] = {name: getattr(parts, name) for name in _STRINGS}
    strings["entry_kinds"] = [kind.value for kind in parts.entry_kinds]
    arrays = {"entry_names": parts.entry_names, "prepared.starts": parts.prepared_starts}
    for name in _POSTINGS:
        postings: Postings = getattr(parts, name)
        strings[name] = postings.keys
        arrays[f"{name}.starts"], arrays[f"{name}.ids"] = postings.starts, postings.ids
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("index.json", json.dumps({"format": INDEX_FORMAT}))
        archive.writestr("strings.json", json.dumps(strings, ensure_ascii=False))
        archive.writestr("prepared.jsonl", parts.prepared)
        for name, values in arrays.items():
            archive.writestr(f"{name}.i32", _little_endian(values).tobytes())
    return buffer.getvalue()


def parts_from_bytes(content: bytes) -> IndexParts:
    """The parts ``parts_to_bytes`` wrote; ValueError for anything else."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            header = json.loads(archive.read("index.json"))
            if header.get("format") != INDEX_FORMAT:
                raise ValueError(f"screening index format {header.get('format')!r}")
            strings = json.loads(archive.read("strings.json"))

            def ints(name: str) -> array[int]:
                values = array(INT32)
                values.frombytes(archive.read(f"{name}.i32"))
                return _little_endian(values)

            postings = {
                name: Postings(strings[name], ints(f"{name}.starts"), ints(f"{name}.ids"))
                for name in _POSTINGS
            }
            return IndexParts(
                entry_fields=strings["entry_fields"],
                entry_kinds=[EntryKind(kind) for kind in strings["entry_kinds"]],
                entry_names=ints("entry_names"),
                name_written=strings["name_written"],
                name_keys=strings["name_keys"],
                **postings,
                prepared=archive.read("prepared.jsonl"),
                prepared_starts=ints("prepared.starts"),
            )
    except (zipfile.BadZipFile, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a screening index: {exc}") from exc


def _little_endian(values: array[int]) -> array[int]:
    """The array in little-endian order (a copy on big-endian machines, swapped)."""
    if sys.byteorder == "little":
        return values
    swapped = array(INT32, values)
    swapped.byteswap()
    return swapped
