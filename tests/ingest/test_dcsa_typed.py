"""The DCSA typed path: whatever it takes it reads exactly as the careful reader does, and a
message read through it gives what reading its events with the careful reader alone gives."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any, Literal

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dcsa import (
    DCSA_KEYS,
    SEEDS,
    _objects,
    careful_event,
    mutation_values,
    typed_events,
)

from greenlane.domain.records import Event
from greenlane.errors import ParseError
from greenlane.ingest.dcsa import (
    ADAPTER,
    typed_decode,
    typed_flat,
    typed_records,
    write_events,
)
from greenlane.ingest.dcsa.checks import event_findings
from greenlane.ingest.dcsa.codes import KIND_CODE_KEYS
from greenlane.ingest.dcsa.message import events_of
from greenlane.world import WorldConfig, build_world

AGREE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
T0 = datetime(2026, 1, 20, 14, 15, tzinfo=UTC)


def _world_message(version: Literal["2.2", "3.0"] = "3.0") -> bytes:
    events = [
        e for s in build_world(WorldConfig(seed=3, shipments=30)).shipments() for e in s.events
    ]
    return write_events(events, version, unsupported="skip")


WORLD = _world_message()
WORLD_22 = _world_message("2.2")
TYPED_SEEDS = [*SEEDS, WORLD, WORLD, WORLD_22, WORLD_22]  # the typed path's common cases


def _parts() -> list[Any]:
    """Objects and lists as found in messages, to put where they do not belong."""
    found: list[Any] = []
    for seed in (SEEDS[0], WORLD):
        for part in _objects(json.loads(seed))[:400]:
            found += [value for value in part.values() if isinstance(value, dict | list)]
    return found


PLACES = [
    {"facilityCode": "DEPOT1"},
    {"facilityName": "Yard 3"},
    {"UNLocationCode": "NLRTM"},
    {"UNLocationCode": "FRPAR"},  # no port: a finding for quay moves and port terminals only
    {"UNLocationCode": "FRPAR", "facilityTypeCode": "POTE"},
]
VALUES = mutation_values | st.sampled_from([*_parts(), *PLACES])


def _raw_events(content: bytes) -> list[Any]:
    return events_of(json.loads(content))[0]


def _one_by_one(items: list[Any]) -> list[tuple[Event, bool] | None]:
    return [careful_event(raw) for raw in items]


def _typed(items: list[Any]) -> list[tuple[Event, bool] | None]:
    return [None if one is None else one[:2] for one in typed_events(items)]


def _agree(items: list[Any]) -> int:
    """Every event the typed path reads is the careful reader's, and the v3.0 schema's have
    no findings (the flat schema's are checked by the message); how many it read."""
    read = 0
    for raw, typed, careful in zip(items, typed_events(items), _one_by_one(items), strict=True):
        if typed is not None:
            event, port_terminal, flat = typed
            assert careful == (event, port_terminal), raw
            assert flat or not event_findings(event, port_terminal, ""), raw
            read += 1
    return read


def test_typed_path_reads_the_world_writers_output() -> None:
    """The common case must be read by the typed path (that is the speed): every event the
    careful reader reads without findings, and the same way."""
    cut = typed_decode.split(WORLD)
    assert cut is not None
    raws, base = cut
    assert base == "/events"
    items = _raw_events(WORLD)
    assert [json.loads(bytes(raw)) for raw in raws] == items
    expected = _one_by_one(items)
    assert sum(quick is not None for quick in expected) > 0.9 * len(items)
    for got, quick in zip(typed_records.read_events(raws, "h", {}), expected, strict=True):
        if quick is None or event_findings(*quick, ""):
            assert got is None
        else:
            assert got is not None and got == quick


def test_split_leaves_what_is_not_a_utf8_list_of_events_to_json() -> None:
    events = _raw_events(WORLD)[:3]
    as_array = json.dumps(events).encode()
    cut = typed_decode.split(b"  \n" + as_array)
    assert cut is not None and cut[1] == "" and len(cut[0]) == 3
    for content in (
        json.dumps(events[0]).encode(),  # one event
        json.dumps({"events": events}).encode("utf-16"),
        b'{"events": {"eventID": "x"}}',
        b'{"events": [' + b"[" * 5000 + b"]" * 5000 + b"]}",
        b'{"events": [{"eventID": "x"},]}',
        b'\xef\xbb\xbf{"events": []}',
        b'{"events": [{"eventID": "x", "unread": "\xff"}]}',  # not UTF-8 where nothing reads
    ):
        assert typed_decode.split(content) is None, content[:40]
    # the same key twice: the last one counts, as json reads it
    twice = b'{"events": [1], "events": [{"eventID": "x"}]}'
    cut = typed_decode.split(twice)
    assert cut is not None and [bytes(r) for r in cut[0]] == [b'{"eventID": "x"}']


@AGREE
@given(seed=st.sampled_from(TYPED_SEEDS), data=st.data())
def test_typed_path_agrees_with_the_careful_reader(seed: bytes, data: st.DataObject) -> None:
    raw_events = _raw_events(seed)
    items = copy.deepcopy(data.draw(st.lists(st.sampled_from(raw_events), min_size=1, max_size=8)))
    for _ in range(data.draw(st.integers(0, 4))):
        target = data.draw(st.sampled_from(_objects(items)))
        key = data.draw(st.sampled_from(DCSA_KEYS))
        if data.draw(st.booleans()):
            target.pop(key, None)
        else:
            target[key] = copy.deepcopy(data.draw(VALUES))
    _agree(items)


def _schema_keys(*modules: Any) -> set[str]:
    """The keys the typed path's schemas name (read, or that must be absent)."""
    return {
        field
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, msgspec.Struct)
        for field in value.__struct_fields__
    }


# Every key the typed path reads, and values of each kind it tells apart.
READ_KEYS = sorted(
    set(DCSA_KEYS)
    | _schema_keys(typed_decode, typed_flat)
    | {key for keys in KIND_CODE_KEYS.values() for key in keys}
)
EDGE_VALUES: list[Any] = [
    None, True, False, 0, 1, "", " ", "X1", "TRANSSHIPMENT", "IMPORT", "LOAD", "DISC", "DEPA",
    "ACT", "EST", "TRD", "POTE", "LADEN", "EQUIPMENT", "TRANSPORT", "IOT", "KLP", "CAR",
    "2026-01-20T14:15:00Z", "2026-01-20T14:15", {}, [], [{}], [None],
    {"facilityCode": "DEPOT1"}, {"facilityName": "Yard 3"}, {"carrierVoyageNumber": "V9"},
    {"universalVoyageReference": "U9"}, {"vesselIMONumber": "9321483", "vesselName": "N"},
    {"UNLocationCode": "NLRTM"}, {"UNLocationCode": "FRPAR"}, "FRPAR", "9321484", "APZU4812091",
    [{"number": "S1"}, {"number": "S2", "type": "WIR"}],
    [{"typeCode": "TRD", "reference": "B2"}],
    [{"referenceType": "EQ", "referenceValue": "APZU4812090"}], {"name": "N", "type": "T"},
    {"emptyIndicator": "EMPTY", "transportPhase": "IMPORT", "equipmentReference": "X1"},
    {"additionalDocumentReferences": [{"typeCode": "TRD", "reference": "B2"}]},
    {"documentReference": {"type": "TRD", "reference": "B3"}},
]  # fmt: skip


def _variants(raw: dict[str, Any]) -> list[Any]:
    """The event with one key of one of its objects set to each edge value, removed, or
    renamed to each key read (a value under another spelling)."""
    text = json.dumps(raw)
    found = []
    for i, part in enumerate(_objects(raw)):
        changes: list[tuple[str, Any]] = [
            (key, value) for key in READ_KEYS for value in EDGE_VALUES
        ]
        changes += [(key, REMOVE) for key in part]
        changes += [(key, (RENAME, old)) for old in part for key in READ_KEYS if key != old]
        for key, value in changes:
            variant = json.loads(text)
            target = _objects(variant)[i]
            if value is REMOVE:
                del target[key]
            elif isinstance(value, tuple) and value[0] is RENAME:
                target[key] = target.pop(value[1])
            else:
                target[key] = copy.deepcopy(value)
            found.append(variant)
    return found


REMOVE, RENAME = object(), object()


def test_typed_path_agrees_with_the_careful_reader_on_every_single_change() -> None:
    """Each key the typed path reads, set to each kind of value or removed, in every object of
    one event of each shape the typed path reads."""
    items = _raw_events(WORLD) + _raw_events(WORLD_22)
    shapes: dict[str, Any] = {}
    for raw, got in zip(items, _typed(items), strict=True):
        if got is not None:
            shapes.setdefault(json.dumps(_shape(raw)), raw)
    # A few events between them holding every kind of object the typed path reads.
    chosen: list[Any] = []
    covered: set[str] = set()
    for raw in sorted(shapes.values(), key=lambda raw: -len(_paths(raw))):
        if not _paths(raw) <= covered:
            chosen.append(raw)
            covered |= _paths(raw)
    variants = [variant for raw in chosen for variant in _variants(raw)]
    assert _agree(variants) > len(variants) / 2


def _paths(value: Any, path: str = "") -> set[str]:
    """The paths of the objects in an event (list positions left out)."""
    found = {path} if isinstance(value, dict) else set()
    children = value.items() if isinstance(value, dict) else []
    if isinstance(value, list):
        children = [("", each) for each in value]
    for key, each in children:
        found |= _paths(each, f"{path}/{key}")
    return found


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _shape(each) for key, each in value.items()}
    if isinstance(value, list):
        return [_shape(each) for each in value]
    return type(value).__name__


def _none(*args: Any) -> list[None]:
    return [None] * len(args[0])


def _not_read(*args: Any) -> None:
    return None


@AGREE
@given(seed=st.sampled_from(TYPED_SEEDS), data=st.data())
def test_a_message_reads_as_without_the_typed_path(seed: bytes, data: st.DataObject) -> None:
    """Repeated, changed and dirty events: the same events, findings and errors as when each
    event is read by the careful reader alone."""
    raw_events = _raw_events(seed)
    items = copy.deepcopy(data.draw(st.lists(st.sampled_from(raw_events), min_size=1, max_size=8)))
    for _ in range(data.draw(st.integers(0, 3))):
        target = data.draw(st.sampled_from(_objects(items)))
        key = data.draw(st.sampled_from(DCSA_KEYS))
        target[key] = copy.deepcopy(data.draw(VALUES))
    content = json.dumps({"events": items}).encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typed_records, "read_events", _none)
        patch.setattr(typed_flat.FlatReader, "read", _not_read)
        expected = _outcome(content)
    assert _outcome(content) == expected


def _outcome(content: bytes) -> Any:
    try:
        return ADAPTER.parse(content, source_message="h")
    except ParseError as error:
        return str(error), error.where


def test_a_message_that_is_not_utf8_is_refused_wherever_the_bad_byte_is() -> None:
    """Even in a value no reader looks at: JSON text is UTF-8, so the message is quarantined."""
    events = _raw_events(WORLD)[:3]
    events[1]["carrierServiceCode"] = "FE1"
    content = json.dumps({"events": events}).encode().replace(b'"FE1"', b'"FE\xff"')
    with pytest.raises(ParseError, match="UTF-8"):
        ADAPTER.parse(content, source_message="h")


def test_typed_path_reads_the_world_writers_v22_output() -> None:
    """v2.2 events too: every event the careful reader reads without findings, the same way
    (by the flat schema)."""
    items = _raw_events(WORLD_22)
    expected = _one_by_one(items)
    assert sum(quick is not None for quick in expected) > 0.9 * len(items)
    for got, quick in zip(typed_events(items), expected, strict=True):
        if quick is None or event_findings(*quick, ""):
            assert got is None or got[2]  # the message checks what the flat schema read
        else:
            assert got == (*quick, True)
