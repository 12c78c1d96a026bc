"""A DCSA T&T message: its top-level shape, its events and their findings.

Shapes read: a JSON array of events (v2.2 GET response, v3.0.0-beta1 GET response), an object
with ``events`` (v3.0 POST request and GET response), and a single event (flat or beta
metadata/payload). The events of a message are committed together or not at all, so one
unreadable event quarantines the message.

Two readers read each event. A UTF-8 array or envelope of events is cut into its raw events
(``typed_decode.split``), and each plain actual move is read by the typed path: decoded with a
schema, a v3.0 event by ``typed_records`` (kept only without findings), a flat v2.2 or beta1
event by ``typed_flat`` (its identifiers checked once per message here). Anything else is read
by the careful reader (``event``), which names the JSON pointer of every finding and error.
When the typed path reads every event, none repeats another and none has findings, the
message is done without looking at each event again.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any

from msgspec import Raw

from greenlane.collector import collector_paused
from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding, Event
from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage, finding, shown
from greenlane.ingest.dcsa import typed_decode, typed_flat, typed_records
from greenlane.ingest.dcsa.checks import Checks, all_clean, event_findings
from greenlane.ingest.dcsa.codes import FORMAT
from greenlane.ingest.dcsa.event import content_id, read_event
from greenlane.ingest.dcsa.fields import fail
from greenlane.ingest.epcis.typed_decode import longest_part
from greenlane.ingest.lazy import LazyEvents

_ID = attrgetter("event_id")
_SHAPES = "an array of events, an object with 'events', or one event"
_EVENT_KEYS = frozenset(
    {
        "eventID",
        "eventDateTime",
        "eventClassification",
        "eventType",
        "metadata",
        "payload",
        "isRetracted",
        "equipmentEventTypeCode",
        "transportEventTypeCode",
        "shipmentEventTypeCode",
    }
)


def load(content: bytes) -> Any:
    """The JSON document; UTF-8, -16 or -32 with or without a byte-order mark."""
    try:
        encoding = json.detect_encoding(content)
        # strictly: json.loads lets UTF-8-encoded surrogates (not UTF-8) through
        return json.loads(content.decode(encoding) if encoding.startswith("utf-8") else content)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise fail(f"not JSON: {exc.msg}", where, "a JSON document") from exc
    except UnicodeDecodeError as exc:
        raise fail("text is not UTF-8", f"byte {exc.start}", "UTF-8 JSON") from exc
    except RecursionError as exc:
        raise fail("not readable JSON: nested too deeply", "", "JSON of usual depth") from exc
    except ValueError as exc:
        long = _long_number(content)
        if long is not None:  # json names neither the number nor its place
            raise fail(
                f"not readable JSON: a number of more than {_DIGITS} digits",
                f"byte {long}",
                "numbers of sensible length",
            ) from exc
        raise fail(f"not readable JSON: {shown(str(exc), 120)}", "", "a JSON document") from exc


_DIGITS = sys.get_int_max_str_digits()


def _long_number(content: bytes) -> int | None:
    """Where a run of digits longer than Python converts starts (UTF-8 text), if any."""
    if not _DIGITS:
        return None
    found = re.search(rb"[0-9]{%d}" % (_DIGITS + 1), content)
    return None if found is None else found.start()


def events_of(data: Any) -> tuple[list[Any], str | None]:
    """The raw events and the JSON pointer of the array holding them (None for one event)."""
    if isinstance(data, list):
        return data, ""
    if isinstance(data, dict):
        if "events" in data:
            events = data["events"]
            if isinstance(events, list):
                return events, "/events"
            raise fail("'events' is not an array", "/events", "a JSON array of events")
        if not _EVENT_KEYS.isdisjoint(data):
            return [data], None
        raise fail("top level is an object that is not a DCSA event", "", _SHAPES)
    raise fail("top level is not an array or an object", "", _SHAPES)


def parse(content: bytes, *, source_message: str) -> ParsedMessage:
    """Events and findings of one message; ParseError (with its JSON pointer) when unreadable."""
    with collector_paused():
        return _parse(content, source_message)


def _parse(content: bytes, source_message: str) -> ParsedMessage:
    seal_cache: typed_records.SealCache = {}
    cut = typed_decode.split(content)
    items: Sequence[Any]
    if cut is None:  # not a UTF-8 array or envelope of events: json says what it is
        items, base = events_of(load(content))
        quick: list[tuple[Event, bool] | None] = [None] * len(items)
    else:
        raws, base = cut
        items = _Decoded(raws, content)
        typed_raws = _short(raws)
        quick = typed_records.read_events(typed_raws, source_message, seal_cache)
    # What the v3.0 schema left, to the flat one; only these still need the checks.
    left = [i for i, one in enumerate(quick) if one is None] if None in quick else []
    if cut is not None and left:  # typed_raws is set
        flat = typed_flat.FlatReader(seal_cache)
        for i in left:
            quick[i] = flat.read(typed_raws[i], source_message)
    if None not in quick:  # every event plain: kept whole unless one repeats or has findings
        plain = [each[0] for each in quick]  # type: ignore[index]
        if len(dict.fromkeys(map(_ID, plain))) == len(plain) and all_clean(
            [plain[i] for i in left],
            [quick[i][1] for i in left],  # type: ignore[index]
        ):
            return ParsedMessage(format=FORMAT, events=tuple(plain))
    unchecked = set(left)
    events: list[Event] = []
    findings: list[DataQualityFinding] = []
    seen: dict[str, Event] = {}
    checks = Checks()
    for i, one in enumerate(quick):
        if one is not None:
            event, port_terminal = one
            if event.event_id not in seen and (
                i not in unchecked or checks.clean(event, port_terminal)
            ):
                seen[event.event_id] = event
                events.append(event)
                continue
        # The careful reader: findings with JSON pointers, or the ParseError that quarantines.
        ptr = "" if base is None else f"{base}/{i}"
        raw = items[i]
        read = read_event(raw, ptr, source_message, findings)
        if read is None:
            continue
        unique = _unique(read.event, raw, ptr, seen, findings)
        if unique is None:
            continue
        seen[unique.event_id] = unique
        events.append(unique)
        for each in event_findings(unique, read.port_terminal, ptr):
            where = read.where_of.get(each.field)
            findings.append(each if where is None else replace(each, where=where))
    return ParsedMessage(format=FORMAT, events=tuple(events), findings=tuple(findings))


def _short(raws: list[Raw]) -> list[Raw]:
    """The raw events, those too long to be sure msgspec reads them as json does (it reads a
    little deeper, and skips integers json refuses) made null: the careful reader's."""
    limit = longest_part()
    if max(map(len, raws), default=0) <= limit:
        return raws
    return [raw if len(raw) <= limit else _NO_EVENT for raw in raws]


_NO_EVENT = Raw(b"null")


def _unique(
    event: Event, raw: Any, ptr: str, seen: dict[str, Event], findings: list[DataQualityFinding]
) -> Event | None:
    """Tell apart two events of one message that share an eventID (it happens in examples)."""
    earlier = seen.get(event.event_id)
    if earlier is None:
        return event
    if earlier == event:
        findings.append(
            finding(
                "dcsa.duplicate_event",
                f"event {shown(event.event_id)} is repeated unchanged; kept once",
                "event_id",
                event.event_id,
                ptr,
                Severity.INFO,
            )
        )
        return None
    unique_id = f"{event.event_id}#{content_id(raw, ptr).removeprefix('sha256:')[:12]}"
    findings.append(
        finding(
            "dcsa.duplicate_event_id",
            f"eventID {shown(event.event_id)} is used by another event of this message; "
            f"this one is kept as {shown(unique_id)}",
            "event_id",
            event.event_id,
            ptr,
        )
    )
    return replace(event, event_id=unique_id)


class _Decoded(LazyEvents):
    """The raw events of a message as ``json`` reads them, each decoded when first asked for
    (only the events the typed path leaves are)."""

    def __init__(self, raws: list[Raw], content: bytes) -> None:
        super().__init__(len(raws))
        self._raws = raws
        self._content = content

    def _decode(self, index: int) -> Any:
        try:
            return load(bytes(self._raws[index]))
        except ParseError:
            load(self._content)  # the error again, placed in the whole message
            raise
