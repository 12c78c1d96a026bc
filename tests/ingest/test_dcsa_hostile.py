"""DCSA messages under hostile input (issue 16): each is quarantined by the reader with a reason
and a place, never stored clean and never left to the pipeline's catch-all."""

from __future__ import annotations

import json
from typing import Any

import pytest

from greenlane.errors import ParseError
from greenlane.ingest.dcsa import ADAPTER

EVENT: dict[str, Any] = {
    "eventID": "3cecb101-7a1a-43a4-9d62-e88a131651e2",
    "eventDateTime": "2026-01-20T14:15:00Z",
    "eventClassification": {
        "eventTypeCode": "EQUIPMENT",
        "eventClassifierCode": "ACT",
        "equipmentEventTypeCode": "LOAD",
    },
    "equipmentDetails": {"equipmentReference": "APZU4812090"},
    "eventLocation": {"UNLocationCode": "NLRTM"},
}
MESSAGE = json.dumps({"events": [EVENT]}).encode()


def _refused(content: bytes) -> ParseError:
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(content, source_message="h")
    assert caught.value.where, "every quarantine names its place"
    return caught.value


def test_the_plain_message_is_read() -> None:
    assert len(ADAPTER.parse(MESSAGE, source_message="h").events) == 1


@pytest.mark.parametrize(
    "bad",
    [b"\xff", b"\xed\xa0\x80", b"\xc0\xaf"],  # a stray byte, an encoded surrogate, overlong
    ids=["stray", "surrogate", "overlong"],
)
@pytest.mark.parametrize("where", ["skipped-key", "skipped-value", "event-key"])
def test_bytes_that_are_not_utf8_anywhere_quarantine_the_message(bad: bytes, where: str) -> None:
    """Also in a key or value no reader looks at: docs/formats.md says so."""
    marker = {"skipped-key": b'"events"', "skipped-value": b'"events"', "event-key": b'"eventID"'}
    insert = {
        "skipped-key": b'"x' + bad + b'": 1, ',
        "skipped-value": b'"x": "' + bad + b'", ',
        "event-key": b'"x' + bad + b'": 1, ',
    }[where]
    content = MESSAGE.replace(marker[where], insert + marker[where], 1)
    error = _refused(content)
    assert "not UTF-8" in str(error)
    assert error.where == f"byte {content.index(bad)}"


@pytest.mark.parametrize(
    "odd",
    [b"1" * 5000, b"[" * 1000 + b"]" * 1000, b"[" * 3000 + b"]" * 3000],
    ids=["integer-5000-digits", "nested-1000", "nested-3000"],
)
@pytest.mark.parametrize("where", ["beside-events", "in-event", "one-event"])
def test_huge_integers_and_deep_nesting_are_quarantined_with_a_place(
    odd: bytes, where: str
) -> None:
    """json refuses them; msgspec would skip them unread where nobody reads: the reader says
    so with a place (the whole document, "top level"), whatever key holds them."""
    if where == "beside-events":
        content = MESSAGE.replace(b'"events"', b'"x": ' + odd + b', "events"')
    elif where == "in-event":
        content = MESSAGE.replace(b'"eventDateTime"', b'"x": ' + odd + b', "eventDateTime"')
    else:
        content = (
            json.dumps(EVENT)
            .encode()
            .replace(b'"eventDateTime"', b'"x": ' + odd + b', "eventDateTime"')
        )
    error = _refused(content)
    assert "not readable JSON" in str(error)
    if odd.startswith(b"1"):  # the number and its place named
        assert "a number of more than 4300 digits" in str(error)
        assert error.where == f"byte {content.index(odd)}"
    else:
        assert "nested too deeply" in str(error) and error.where == "top level"


def test_the_fuzzers_long_number_is_named_with_its_place() -> None:
    """bench/fuzz_ingest.py's minimal input (notes/fuzz-dcsa-epcis.md, class 1)."""
    content = b'{"eventType": "EQUIPMENT", "x": ' + b"7" * 5000 + b"}"
    error = _refused(content)
    assert "number of more than 4300 digits" in str(error) and error.where == "byte 32"


def test_a_top_level_object_that_is_no_event_names_the_top_level() -> None:
    error = _refused(b'{"info": "not an event"}')
    assert error.where == "top level"
