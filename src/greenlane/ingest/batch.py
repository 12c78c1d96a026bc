"""Ingest files, folders and globs, one message per file, and report what became of them.

Each file is read in chunks up to the size limit (``ingest.limits.read_limited``), so a file over
it is refused by its hash and size without being held in memory. One file never stops the run: a
file that cannot even be opened is reported and the next one is read.
"""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from greenlane.errors import NotFoundError
from greenlane.ingest.limits import Oversized, read_limited
from greenlane.ingest.pipeline import (
    DEFAULT_MAX_BYTES,
    MessageResult,
    Outcome,
    ingest_message,
    refuse,
)
from greenlane.store import Database


@dataclass
class IngestReport:
    received: int = 0
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    refused: int = 0
    """Over the size limit: recorded by hash and size, not kept."""
    unexpected: int = 0
    """Of the quarantined, those the catch-all took: failures no check names yet."""
    records: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, MessageResult]] = field(default_factory=list)
    """Quarantined and refused messages with the file they came from."""
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    """Files that could not be opened or read, with the reason; they are not received."""

    def add(self, path: str, result: MessageResult) -> None:
        self.received += 1
        if result.outcome is Outcome.STORED:
            self.stored += 1
        elif result.outcome is Outcome.DUPLICATE:
            self.duplicates += 1
        else:
            if result.outcome is Outcome.REFUSED:
                self.refused += 1
            else:
                self.quarantined += 1
            self.unexpected += result.unexpected
            self.problems.append((path, result))
        self.records.update(result.records)
        self.findings.update(result.findings)

    @property
    def failed(self) -> bool:
        """Something was quarantined, refused or unreadable: the run's exit code says so."""
        return bool(self.problems or self.unreadable)

    def as_json(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "quarantined": self.quarantined,
            "refused": self.refused,
            "catch_all": self.unexpected,
            "unreadable": len(self.unreadable),
            "records": dict(sorted(self.records.items())),
            "findings": dict(sorted(self.findings.items())),
            "problems": [
                {
                    "file": path,
                    "id": r.content_hash,
                    "outcome": r.outcome.value,
                    "error": r.error,
                    "where": r.where,
                }
                for path, r in self.problems
            ]
            + [
                {"file": path, "outcome": "unreadable", "error": why}
                for path, why in self.unreadable
            ],
        }


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """Files named, files under folders (recursively) and glob matches, sorted, each once."""
    found: dict[Path, None] = {}
    for raw in paths:
        matches = [Path(m) for m in sorted(glob.glob(raw, recursive=True))] or [Path(raw)]
        for path in matches:
            if path.is_dir():
                found.update((p, None) for p in sorted(path.rglob("*")) if p.is_file())
            elif path.is_file():
                found[path] = None
            else:
                raise NotFoundError(f"no such file or folder: {raw}")
    return list(found)


def ingest_paths(
    db: Database,
    paths: Iterable[str],
    *,
    format: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[Path, MessageResult | None], None] | None = None,
) -> IngestReport:
    report = IngestReport()
    for path in expand_paths(paths):
        result = _ingest_file(db, path, format, source or f"file:{path}", max_bytes, report)
        if result is not None:
            report.add(str(path), result)
        if on_file:
            on_file(path, result)
    return report


def _ingest_file(
    db: Database,
    path: Path,
    format: str | None,
    source: str,
    max_bytes: int,
    report: IngestReport,
) -> MessageResult | None:
    try:
        with path.open("rb") as stream:
            content = read_limited(stream, max_bytes)
    except OSError as exc:
        report.unreadable.append((str(path), exc.strerror or type(exc).__name__))
        return None
    if isinstance(content, Oversized):
        return refuse(db, content, source=source)
    return ingest_message(db, content, source=source, format=format, max_bytes=max_bytes)
