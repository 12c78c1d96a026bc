"""One message in: its canonical events and findings, every plain event by the typed path.

Two readers read each JSON event: the typed path (msgspec schemas, typed_records.py) and, where
it gives up, the careful reader (reader.py). A UTF-8 EPCISDocument or EPCISQueryDocument of
events is decoded by msgspec (``typed_decode.cut``); any other JSON document is decoded with
``json``, and its events are written back as JSON text (``_reencoded``) for the typed path's
schemas, which then read exactly what the careful reader is given. The JSON events of a document
are read first, each by one of the two readers; then they are mapped in document order (the
typed path's records only validated, the careful reader's events through mapping.py). That is
the order ``read_document`` then ``Mapper`` work in, so the records, the findings and their
order, and the error of an unreadable message are theirs."""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import replace
from typing import Any

import msgspec
from msgspec import Raw

from greenlane.collector import collector_paused
from greenlane.domain.records import DataQualityFinding, Event
from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.epcis import typed_decode, typed_records
from greenlane.ingest.epcis.document import JsonDocument, document_head, has_escapes, open_json
from greenlane.ingest.epcis.mapping import Mapper
from greenlane.ingest.epcis.model import EpcisEvent
from greenlane.ingest.epcis.reader import EventReader
from greenlane.ingest.epcis.typed_parts import PartReader
from greenlane.ingest.epcis.vocab import FORMAT
from greenlane.ingest.epcis.xmlbinding import read_xml


def parse_message(content: bytes, source_message: str, *, xml: bool) -> ParsedMessage:
    with collector_paused():  # _parse's frame, and the document with it, is freed before
        return _parse(content, source_message, xml=xml)


def _parse(content: bytes, source_message: str, *, xml: bool) -> ParsedMessage:
    if xml:
        document = read_xml(content)
        mapper = Mapper(source_message, escapes=document.escapes)
        for event in document.events:
            mapper.add(event)
        kind, found = document.kind, list(document.findings)
    else:
        mapper, kind, found = _read_json(content, source_message)
    findings = [_printable(f) for f in (*found, *mapper.findings)]
    return ParsedMessage(
        format=f"{FORMAT}:{kind}", events=tuple(mapper.events), findings=tuple(findings)
    )


def _read_json(content: bytes, source_message: str) -> tuple[Mapper, str, list[DataQualityFinding]]:
    """The mapper holding a JSON document's events, its kind, and the reading findings."""
    cut = typed_decode.cut(content)
    if cut is not None:
        try:
            context, kind, findings = document_head(cut.has_context, cut.context, cut.kind)
        except ParseError:  # json reads the document again and reports it
            kind = ""
        shaped = kind == typed_decode.DOCUMENTS[cut.query]  # else json says what it is
        if shaped and cut.schema is not None and cut.schema[0] != tuple(context.ext_keys.items()):
            cut = typed_decode.split(content)  # decoded for another context's greenlane keys
        if shaped and cut is not None:
            escapes = has_escapes(content)
            items = typed_decode.Decoded(content, cut)
            base = typed_decode.BASES[cut.query]
            document = JsonDocument(kind, context, items, base, findings, escapes)
            mapper = Mapper(source_message, escapes=escapes)
            try:
                return mapper, kind, read_and_map(document, mapper, cut)
            except typed_decode.Unread:
                pass  # a part json may not read as msgspec did: json reads it all and says
    opened = open_json(content)
    mapper = Mapper(source_message, escapes=opened.escapes)
    return mapper, opened.kind, read_and_map(opened, mapper, reencode=_plain_numbers(content))


def read_and_map(
    document: JsonDocument,
    mapper: Mapper,
    cut: typed_decode.Cut | None = None,
    *,
    reencode: bool = False,
) -> list[DataQualityFinding]:
    """Every event of the document into ``mapper``, in document order; the reading findings.
    ``cut``: the document as ``typed_decode.cut`` decoded it, for the typed path; else, with
    ``reencode``, its events decoded by ``json`` are written back as JSON for it."""
    reader = EventReader(document.context)
    parts = PartReader(document.context, mapper)
    items = document.items
    quick: list[Event | None] = [None] * len(items)
    if cut is not None:
        quick = typed_records.read_document(cut, parts, items)
    elif reencode and items:
        again = _reencoded(document)
        if again is not None:
            # a part longer than the typed path is sure of: the careful reader's
            with suppress(typed_decode.Unread):
                quick = typed_records.read_document(again, parts, items)
    if None not in quick:  # every event plain and clean: nothing for the other paths
        mapper.events += quick  # type: ignore[arg-type]
        return document.findings
    read: list[tuple[int, tuple[Event, ...]] | EpcisEvent] = []
    for i, one in enumerate(quick):
        if one is not None:
            read.append((i, (one,)))
            continue
        event = reader.read(items[i], document.where(i))
        if event is not None:
            read.append(event)
    for item in read:
        if isinstance(item, EpcisEvent):
            mapper.add(item)
            continue
        i, records = item
        where = document.where(i)
        for record in records:
            mapper.record(record, where)
    return document.findings + reader.findings


def _plain_numbers(content: bytes) -> bool:
    """UTF-8 JSON without NaN or Infinity anywhere: its values come back the same when written
    again as JSON (msgspec writes both as null)."""
    return (
        json.detect_encoding(content) == "utf-8"
        and b"NaN" not in content
        and b"Infinity" not in content
    )


def _reencoded(document: JsonDocument) -> typed_decode.Cut | None:
    """The document's events (as ``json`` decoded them) written back as raw JSON events, for
    the typed path; each on its own where one cannot be (an unpaired surrogate), that one
    left to the careful reader. None where the events are no list of objects."""
    items = document.items
    if type(items) is not list:
        return None
    try:
        raws = _RAWS.decode(_ENCODE(items))
    except (TypeError, ValueError, OverflowError):  # UnicodeEncodeError too
        raws = [_reencoded_one(item) for item in items]
    return typed_decode.Cut(True, None, document.kind, raws, None, None, False)


def _reencoded_one(item: Any) -> Raw:
    try:
        return Raw(_ENCODE(item))
    except (TypeError, ValueError, OverflowError):
        return Raw(b"null")  # no event: the typed path leaves it


_ENCODE = msgspec.json.Encoder().encode
_RAWS = msgspec.json.Decoder(list[Raw])


def _printable(finding: DataQualityFinding) -> DataQualityFinding:
    """Findings quote what the sender wrote; unpaired surrogates in it are escaped, not stored."""
    if finding.message.isascii() and (finding.value is None or finding.value.isascii()):
        return finding

    def clean(text: str) -> str:
        return text.encode("utf-8", "backslashreplace").decode()

    value = clean(finding.value) if finding.value is not None else None
    return replace(finding, message=clean(finding.message), value=value)
