"""Canonical records written as a native JSON document (the schema in docs/formats.md).

The native format names its fields as the records do, so the writing is the records' own
fields as JSON, but for two things: a filing party is its party's fields with its role beside
them, and where a record came from (``source``, ``source_message``) is not the sender's to say.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from greenlane.domain.records import (
    Event,
    Filing,
    FilingParty,
    InspectionResult,
    TrustedTraderMembership,
)
from greenlane.ingest.native.schema import FORMAT_VERSION

_NOT_SENT = frozenset({"source", "source_message"})


def write_document(
    *,
    filings: Iterable[Filing] = (),
    events: Iterable[Event] = (),
    inspections: Iterable[InspectionResult] = (),
    memberships: Iterable[TrustedTraderMembership] = (),
) -> bytes:
    """One native JSON document holding the records given (UTF-8)."""
    document: dict[str, Any] = {"greenlane": FORMAT_VERSION}
    for key, records in (
        ("filings", filings),
        ("events", events),
        ("inspections", inspections),
        ("memberships", memberships),
    ):
        written = [_value(record) for record in records]
        if written:
            document[key] = written
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _value(value: Any) -> Any:
    if isinstance(value, FilingParty):
        return {"role": value.role.value, **_value(value.party)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _value(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _NOT_SENT
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_value(each) for each in value]
    return value
