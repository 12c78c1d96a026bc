"""Which list format a path holds, from its name and its first bytes."""

from __future__ import annotations

from pathlib import Path

from greenlane.errors import NotFoundError
from greenlane.parties.lists.ofac import CONSOLIDATED, SDN, find_file
from greenlane.parties.lists.source import list_error

FORMATS = ("ofac-sdn-csv", "ofac-cons-csv", "csl-csv", "bis-dpl", "un-xml", "ftm-jsonl")
_HEAD = 4096


def detect_format(path: Path) -> str:
    """The format name for ``path``; a clear error when it is none of the known lists."""
    if not path.exists():
        raise NotFoundError(f"{path} does not exist", where=str(path), expected="a list file")
    if path.is_dir():
        for layout in (SDN, CONSOLIDATED):
            if find_file(path, layout.primary) is not None:
                return layout.format
        raise _unknown(path, f"no {SDN.primary} or {CONSOLIDATED.primary} in the folder")
    name = path.name.casefold()
    for layout in (SDN, CONSOLIDATED):
        if name in layout.files:
            return layout.format
    with path.open("rb") as stream:
        head = stream.read(_HEAD).removeprefix(b"\xef\xbb\xbf").lstrip()
    first = head.split(b"\n", 1)[0].strip()
    if head.startswith(b"<"):
        if b"<CONSOLIDATED_LIST" in head:
            return "un-xml"
        raise _unknown(path, "XML, but not the UN consolidated list")
    if head.startswith(b"{"):
        return "ftm-jsonl"
    if first.replace(b'"', b"").startswith((b"_id,source,", b"source,entity_number,")):
        return "csl-csv"
    if b"\t" in first and b"Street_Address" in first:
        return "bis-dpl"
    raise _unknown(path, "the start of the file matches none of the list formats")


def _unknown(path: Path, why: str) -> Exception:
    return list_error(
        "lists",
        f"format not recognised: {why}",
        where=str(path),
        expected=f"one of {', '.join(FORMATS)} (or name one with --format)",
    )
