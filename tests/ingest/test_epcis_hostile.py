"""Hostile input: truncated, reordered, re-encoded, inflated and corrupted EPCIS documents give
records or a ParseError (a quarantined message), never any other exception."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenlane.domain.codes import EventType, SealCondition
from greenlane.domain.records import Event, SealReading
from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.epcis import ADAPTER, write_document

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WHEN = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
WRITTEN = write_document(
    [
        Event(
            "W-1",
            EventType.STUFFED,
            WHEN,
            "CSQU3054383",
            unlocode="CNSHA",
            full=True,
            seals=(SealReading("H1", SealCondition.INTACT),),
            bill_of_lading="B1",
        ),
        Event(
            "W-2",
            EventType.LOADED,
            WHEN,
            "CSQU3054383",
            unlocode="CNSHA",
            vessel_imo="9176187",
            vessel_name="A",
            voyage="1E",
        ),
        Event("W-3", EventType.RESEALED, WHEN, "CSQU3054383", facility="T1"),
    ]
)
FOREIGN = json.dumps(
    {
        "@context": [
            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
            {"ex": "https://example.com/"},
        ],
        "type": "EPCISQueryDocument",
        "epcisBody": {
            "queryResults": {
                "resultsBody": {
                    "eventList": [
                        {
                            "type": "AggregationEvent",
                            "eventTime": "2024-05-01T10:00:00+02:00",
                            "eventTimeZoneOffset": "+02:00",
                            "parentID": "urn:epc:id:bic:CSQU3054383",
                            "childEPCs": ["urn:epc:id:sscc:0614141.1234567890"],
                            "action": "ADD",
                            "bizStep": "cbv:BizStep-packing",
                            "readPoint": {"id": "urn:unece:unlocode:NLRTM"},
                            "sensorElementList": [
                                {
                                    "sensorMetadata": {"time": "2024-05-01T09:00:00Z"},
                                    "sensorReport": [
                                        {"type": "ex:DoorOpen", "booleanValue": True},
                                        {"exception": "gs1:ALARM_CONDITION"},
                                    ],
                                }
                            ],
                        },
                        {
                            "type": "ObjectEvent",
                            "eventTime": "2024-05-01T11:00:00Z",
                            "action": "OBSERVE",
                            "epcList": ["urn:epc:id:imovn:9176187"],
                            "bizStep": "departing",
                            "errorDeclaration": {"declarationTime": "2024-05-02T00:00:00Z"},
                        },
                    ]
                }
            }
        },
    }
).encode()
XML = b"""<?xml version="1.0"?><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"
 xmlns:gs1="https://gs1.org/voc/"><EPCISBody><EventList><ObjectEvent>
<eventTime>2024-05-01T10:00:00Z</eventTime><epcList><epc>urn:epc:id:bic:CSQU3054383</epc>
</epcList><action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:loading</bizStep>
<readPoint><id>urn:unece:unlocode:NLRTM</id></readPoint><sensorElementList><sensorElement>
<sensorReport type="gs1:Temperature" value="3.5"/></sensorElement></sensorElementList>
</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>"""
VALID = [WRITTEN, FOREIGN, XML]


def outcome(content: bytes) -> ParsedMessage | None:
    """Records, or None for a refused message; any other exception fails the test."""
    try:
        return ADAPTER.parse(content, source_message="m")
    except ParseError as exc:
        assert exc.where is not None
        assert str(exc).startswith("epcis: ")
        return None


def test_the_valid_documents_give_records() -> None:
    for content in VALID:
        result = outcome(content)
        assert result is not None and result.events


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*path, i))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy: Any = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _replace(value[head], rest, new)
    return copy


@SETTINGS
@given(st.sampled_from(VALID), st.data())
def test_truncated(content: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(content)))
    outcome(content[:cut])


@SETTINGS
@given(st.sampled_from(VALID), st.lists(st.tuples(st.integers(0), st.integers(0, 255)), max_size=8))
def test_corrupted_bytes(content: bytes, flips: list[tuple[int, int]]) -> None:
    mutable = bytearray(content)
    for at, byte in flips:
        mutable[at % len(mutable)] = byte
    outcome(bytes(mutable))


@SETTINGS
@given(st.sampled_from([WRITTEN, FOREIGN]), st.data(), json_values)
def test_any_value_anywhere(content: bytes, data: st.DataObject, new: Any) -> None:
    doc = json.loads(content)
    path = data.draw(st.sampled_from(_paths(doc)))
    outcome(json.dumps(_replace(doc, path, new)).encode())


@SETTINGS
@given(st.sampled_from([WRITTEN, FOREIGN]), st.randoms(use_true_random=False))
def test_reordered(content: bytes, rnd: Any) -> None:
    def shuffle(value: Any) -> Any:
        if isinstance(value, dict):
            items = [(k, shuffle(v)) for k, v in value.items()]
            rnd.shuffle(items)
            return dict(items)
        if isinstance(value, list):
            items = [shuffle(v) for v in value]
            rnd.shuffle(items)
            return items
        return value

    result = outcome(json.dumps(shuffle(json.loads(content))).encode())
    assert result is not None  # order never matters in EPCIS JSON


@SETTINGS
@given(
    st.sampled_from(VALID),
    st.sampled_from(["utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]),
    st.text(max_size=5),
)
def test_re_encoded(content: bytes, encoding: str, extra: str) -> None:
    text = content.decode().replace("NLRTM", "NLRTM" + extra)
    try:
        recoded = text.encode(encoding)
    except UnicodeEncodeError:
        return
    outcome(recoded)


@SETTINGS
@given(st.sampled_from([WRITTEN, FOREIGN]), st.integers(1, 400), st.integers(1, 900))
def test_inflated(content: bytes, copies: int, depth: int) -> None:
    doc = json.loads(content)
    body = doc["epcisBody"]
    listed = (
        body["eventList"]
        if "eventList" in body
        else body["queryResults"]["resultsBody"]["eventList"]
    )
    listed *= copies
    nested: Any = "x" * copies
    for _ in range(depth):
        nested = [nested]
    listed[0]["ex:deep"] = nested
    outcome(json.dumps(doc).encode())


def test_nesting_deeper_than_python_recursion_is_refused() -> None:
    assert outcome(b"[" * 200_000 + b"]" * 200_000) is None
    deep = b"<a>" * 50_000 + b"</a>" * 50_000
    assert outcome(deep) is None


def test_unpaired_surrogates_are_refused_or_escaped() -> None:
    doc = json.loads(WRITTEN)
    doc["epcisBody"]["eventList"][0]["epcList"] = ["urn:epc:id:bic:CSQU\\ud800"]
    assert outcome(json.dumps(doc).encode().replace(b"\\\\ud800", b"\\ud800")) is None
    doc["epcisBody"]["eventList"][0]["epcList"] = ["urn:epc:id:sgtin:\ud800"]
    result = outcome(json.dumps(doc).encode())
    assert result is not None
    assert all(f.value is None or f.value.encode() for f in result.findings)


@pytest.mark.parametrize(
    ("encoding", "reason"),
    [("x-nonsense", "unknown encoding"), ("UTF-32", "multi-byte"), ("UCS-4", "")],
)
def test_an_xml_declaration_of_an_encoding_the_parser_cannot_read_is_quarantined(
    encoding: str, reason: str
) -> None:
    """Named by the reader, with its place, not left to the pipeline's catch-all."""
    content = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"/>'
    ).encode()
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(content, source_message="h")
    assert caught.value.where == "XML declaration"
    assert "encoding" in str(caught.value) and reason in str(caught.value)


@pytest.mark.parametrize(
    "odd",
    [b"1" * 5000, b"[" * 1000 + b"]" * 1000, b"[" * 3000 + b"]" * 3000],
    ids=["integer-5000-digits", "nested-1000", "nested-3000"],
)
@pytest.mark.parametrize("where", ["head", "event"])
def test_huge_integers_and_deep_json_nesting_are_quarantined_with_a_place(
    odd: bytes, where: str
) -> None:
    content = WRITTEN
    if where == "head":
        content = content.replace(b'{"@context"', b'{"x": ' + odd + b', "@context"', 1)
    else:
        content = content.replace(b'"eventTime"', b'"ex:x": ' + odd + b', "eventTime"', 1)
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(content, source_message="h")
    assert caught.value.where == "whole message"


def test_the_fuzzers_unknown_xml_encoding_is_named_with_its_place() -> None:
    """bench/fuzz_ingest.py's minimal input (notes/fuzz-dcsa-epcis.md, class 3)."""
    content = (
        b'<?xml version="1.0" encoding="x-unknown"?>'
        b'<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"/>'
    )
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(content, source_message="h")
    assert caught.value.where == "XML declaration" and "x-unknown" in str(caught.value)
