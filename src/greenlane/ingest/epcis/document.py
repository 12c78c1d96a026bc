"""EPCIS 2.0 JSON / JSON-LD documents: EPCISDocument, EPCISQueryDocument, or one bare event.

The document's @context is honoured for prefixes; without one the standard EPCIS context is
assumed (many producers send plain JSON) and an info finding says so.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding
from greenlane.ingest.base import shown
from greenlane.ingest.epcis.model import EpcisDocument, EpcisEvent
from greenlane.ingest.epcis.reader import EVENT_TYPES, EventReader, error
from greenlane.ingest.epcis.vocab import EPCIS_NS, STANDARD_PREFIXES, Context

DOCUMENT_TYPES = ("EPCISDocument", "EPCISQueryDocument")
_DOCUMENT_TEXT = "type EPCISDocument or EPCISQueryDocument (or a single EPCIS event)"


def decode_json(content: bytes) -> tuple[Any, bool]:
    """JSON in any encoding RFC 8259 allows (UTF-8 with or without BOM, UTF-16, UTF-32), and
    whether its text holds ``\\u`` escapes (strict decoding lets no surrogate in otherwise)."""
    encoding = json.detect_encoding(content)
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as exc:
        raise error(
            "text is not valid in the Unicode encoding it appears to use",
            f"byte {exc.start}",
            "UTF-8 (or UTF-16/UTF-32) text",
        ) from None
    # UTF-8 bytes hold the escape as the text does, and are much quicker to search.
    escapes = has_escapes(content) if encoding.startswith("utf-8") else "\\u" in text
    try:
        return json.loads(text), escapes
    except json.JSONDecodeError as exc:
        raise error(exc.msg, f"line {exc.lineno} column {exc.colno}", "JSON") from None
    except RecursionError:
        raise error("JSON is nested too deeply", "whole message", "an EPCIS document") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise error(str(exc), "whole message", "JSON with numbers of sensible size") from None


def has_escapes(content: bytes) -> bool:
    """UTF-8 JSON holds a ``\\u`` escape. A lone backslash is searched for first: many times
    quicker, and most documents have none."""
    return b"\\" in content and b"\\u" in content


def _object(parent: dict[str, Any], key: str, base: str) -> dict[str, Any]:
    value = parent.get(key)
    if not isinstance(value, dict):
        raise error(f"{key} is missing or not an object", f"{base}/{key}", f"a {key} object")
    return value


def _event_list(body: dict[str, Any], base: str, *, optional: bool) -> list[Any]:
    value = body.get("eventList")
    if value is None and optional:
        return []
    if not isinstance(value, list):
        raise error("eventList is missing or not a list", f"{base}/eventList", "a list of events")
    return value


class JsonDocument(NamedTuple):
    """A JSON document opened: what it is, the context in force, and its events still raw."""

    kind: str
    """EPCISDocument, EPCISQueryDocument, or the event type of a single-event document."""
    context: Context
    items: Sequence[Any]
    """The raw events: the eventList, or the document itself when it is a single event."""
    base: str | None
    """JSON pointer of the eventList; None for a single-event document (its pointer is "")."""
    findings: list[DataQualityFinding]
    escapes: bool

    def where(self, index: int) -> str:
        return "" if self.base is None else f"{self.base}/{index}"


def open_json(content: bytes) -> JsonDocument:
    """The document's kind, context and raw events; a ParseError when it is no EPCIS document."""
    data, escapes = decode_json(content)
    if not isinstance(data, dict):
        raise error("document is not a JSON object", "/", _DOCUMENT_TEXT)
    context, kind, findings = document_head(
        "@context" in data, data.get("@context"), data.get("type")
    )
    if kind in EVENT_TYPES:  # EPCIS 2.0 lets a single event stand as the whole JSON document
        return JsonDocument(kind, context, [data], None, findings, escapes)
    if kind == "EPCISDocument":
        base = "/epcisBody"
        listed = _event_list(_object(data, "epcisBody", ""), base, optional=False)
    else:  # an EPCISQueryDocument: document_head lets no other kind through
        body = _object(data, "epcisBody", "")
        results = _object(body, "queryResults", "/epcisBody")
        base = "/epcisBody/queryResults/resultsBody"
        results_body = _object(results, "resultsBody", "/epcisBody/queryResults")
        # A query may answer with master data only (vocabularyList): no events, not an error.
        listed = _event_list(results_body, base, optional="vocabularyList" in results_body)
    return JsonDocument(kind, context, listed, base + "/eventList", findings, escapes)


def document_head(
    has_context: bool, context_value: Any, kind_value: Any
) -> tuple[Context, str, list[DataQualityFinding]]:
    """The context in force, the kind (a document type or, for a single-event document, an
    event type) and the findings on them, from a document's ``@context`` and ``type``; a
    ParseError for a context or type no EPCIS document has."""
    findings: list[DataQualityFinding] = []
    if has_context:
        context = Context.from_jsonld(context_value, "/@context")
    else:
        context = Context(STANDARD_PREFIXES, standard=True)
        findings.append(
            DataQualityFinding(
                "epcis.no_context",
                "document has no @context; read with the standard EPCIS 2.0 context",
                "source",
                None,
                Severity.INFO,
                "/@context",
            )
        )
    kind = kind_value
    if not isinstance(kind, str):
        raise error("document has no type", "/type", _DOCUMENT_TEXT)
    expanded = context.expand(kind)
    if expanded.startswith(EPCIS_NS):
        kind = expanded[len(EPCIS_NS) :]
    if kind not in EVENT_TYPES and kind not in DOCUMENT_TYPES:
        raise error(
            f"document type {shown(kind)} is not an EPCIS document", "/type", _DOCUMENT_TEXT
        )
    return context, kind, findings


def read_json(content: bytes) -> EpcisDocument:
    document = open_json(content)
    reader = EventReader(document.context)
    events: list[EpcisEvent] = []
    for i, item in enumerate(document.items):
        event = reader.read(item, document.where(i))
        if event is not None:
            events.append(event)
    findings = tuple(document.findings + reader.findings)
    return EpcisDocument(document.kind, "json", tuple(events), findings, document.escapes)
