"""Ingest files, folders and globs, one message per file, and report what became of them."""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from greenlane.errors import NotFoundError
from greenlane.ingest.pipeline import MessageResult, Outcome, ingest_message
from greenlane.store import Database


@dataclass
class IngestReport:
    received: int = 0
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    records: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, MessageResult]] = field(default_factory=list)
    """Quarantined messages with the file they came from."""

    def add(self, path: str, result: MessageResult) -> None:
        self.received += 1
        if result.outcome is Outcome.STORED:
            self.stored += 1
        elif result.outcome is Outcome.DUPLICATE:
            self.duplicates += 1
        else:
            self.quarantined += 1
            self.problems.append((path, result))
        self.records.update(result.records)
        self.findings.update(result.findings)

    def as_json(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "quarantined": self.quarantined,
            "records": dict(sorted(self.records.items())),
            "findings": dict(sorted(self.findings.items())),
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
    max_bytes: int = 64 * 1024 * 1024,
    on_file: Callable[[Path, MessageResult], None] | None = None,
) -> IngestReport:
    report = IngestReport()
    for path in expand_paths(paths):
        content = path.read_bytes()
        result = ingest_message(
            db, content, source=source or f"file:{path}", format=format, max_bytes=max_bytes
        )
        report.add(str(path), result)
        if on_file:
            on_file(path, result)
    return report
