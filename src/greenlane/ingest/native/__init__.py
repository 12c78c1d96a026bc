"""The native format: greenlane's own JSON document and CSV files (schemas in docs/formats.md)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from greenlane.domain.records import DataQualityFinding
from greenlane.domain.validate import validate_event, validate_filing
from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage, parse_error
from greenlane.ingest.limits import load_json
from greenlane.ingest.native import convert
from greenlane.ingest.native.csv_rows import ROW_BUILDERS, filing_key, filing_rows, kind_of
from greenlane.ingest.native.schema import (
    EventIn,
    FilingIn,
    InspectionIn,
    MembershipIn,
    NativeDocument,
)

FORMAT = "native"
# The native document's version key. Only a version counts: an EPCIS document may name a
# "greenlane" prefix in its @context, and that value is an IRI.
_MARKER = re.compile(rb'"greenlane"\s*:\s*"[0-9]')


def _pointer(loc: tuple[int | str, ...]) -> str:
    return "/" + "/".join(str(part) for part in loc)


def _validation_error(
    exc: ValidationError, where: Callable[[tuple[int | str, ...]], str]
) -> ParseError:
    first = exc.errors()[0]
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return parse_error(
        FORMAT,
        f"{first['msg']}{more}",
        where=where(tuple(first["loc"])),
        expected=f"a valid {first['type'].replace('_', ' ')}",
    )


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise parse_error(
            FORMAT, "text is not UTF-8", where=f"byte {exc.start}", expected="UTF-8 text"
        ) from exc


def _records(doc: NativeDocument, source_message: str) -> ParsedMessage:
    filings = tuple(convert.filing(f, source_message) for f in doc.filings)
    events = tuple(convert.event(e, source_message) for e in doc.events)
    findings: list[DataQualityFinding] = []
    for i, filing in enumerate(filings):
        findings += validate_filing(filing, where=f"/filings/{i}")
    for i, event in enumerate(events):
        findings += validate_event(event, where=f"/events/{i}")
    return ParsedMessage(
        format=FORMAT,
        filings=filings,
        events=events,
        inspections=tuple(convert.inspection(i) for i in doc.inspections),
        memberships=tuple(convert.membership(m) for m in doc.memberships),
        findings=tuple(findings),
    )


def parse_json(content: bytes, source_message: str) -> ParsedMessage:
    text = _decode(content)
    try:
        data = load_json(text, FORMAT)
    except json.JSONDecodeError as exc:
        raise parse_error(
            FORMAT, exc.msg, where=f"line {exc.lineno} column {exc.colno}", expected="JSON"
        ) from exc
    try:
        doc = NativeDocument.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(exc, _pointer) from exc
    return _records(doc, source_message)


def _csv_place(line: int) -> Callable[[tuple[int | str, ...]], str]:
    def where(loc: tuple[int | str, ...]) -> str:
        return f"line {line}, column {'.'.join(map(str, loc))}"

    return where


def _validate_rows(model: type[BaseModel], rows: Iterable[tuple[int, dict[str, Any]]]) -> list[Any]:
    out = []
    for line, data in rows:
        try:
            out.append(model.model_validate(data))
        except ValidationError as exc:
            raise _validation_error(exc, _csv_place(line)) from exc
    return out


def parse_csv(content: bytes, source_message: str) -> ParsedMessage:
    reader = csv.DictReader(io.StringIO(_decode(content), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    kind = kind_of(header)
    if kind is None:
        raise parse_error(
            FORMAT,
            "CSV header names no known record kind",
            where="line 1",
            expected="columns of events, inspections, memberships or filings (docs/formats.md)",
        )
    reader.fieldnames = header
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise parse_error(FORMAT, str(exc), where=f"line {reader.line_num}") from exc
    for line, row in rows:
        if None in row:
            raise parse_error(FORMAT, "row has more cells than the header", where=f"line {line}")
    doc: dict[str, list[Any]] = {}
    if kind == "filings":
        groups: dict[tuple[str, str, str], list[tuple[int, dict[str, str]]]] = {}
        for line, row in rows:
            groups.setdefault(filing_key(row), []).append((line, row))
        built = [(g[0][0], filing_rows([r for _, r in g])) for g in groups.values()]
        doc["filings"] = _validate_rows(FilingIn, built)
    else:
        models: dict[str, type[BaseModel]] = {
            "events": EventIn,
            "inspections": InspectionIn,
            "memberships": MembershipIn,
        }
        doc[kind] = _validate_rows(
            models[kind], ((line, ROW_BUILDERS[kind](row)) for line, row in rows)
        )
    return _records(NativeDocument.model_validate(doc), source_message)


class NativeAdapter:
    name = FORMAT

    def detect(self, content: bytes) -> bool:
        head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"{"):
            return _MARKER.search(content[:65536]) is not None
        first_line = head.split(b"\n", 1)[0].decode("utf-8", "replace")
        return kind_of([c.strip() for c in first_line.split(",")]) is not None

    def parse(self, content: bytes, *, source_message: str) -> ParsedMessage:
        if content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            return parse_json(content, source_message)
        return parse_csv(content, source_message)


ADAPTER = NativeAdapter()
