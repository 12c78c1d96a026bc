"""Hostile input: truncated, reordered, re-encoded, inflated and corrupted interchanges.

Every outcome must be records (with findings) or a ParseError for the quarantine; any other
exception is a bug.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenlane.domain.codes import EventType, SealAffixer
from greenlane.domain.records import Event, SealReading
from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.edifact import ADAPTER
from greenlane.ingest.edifact.writer import write_events

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "edifact"

_CUSCAR = (
    "UNA:+.? 'UNB+UNOC:3+AGENT+CUSTOMS+240101:1200+R9'UNH+1+CUSCAR:D:00B:UN'BGM+85+M1+9'"
    "DTM+137:202401011200:203'TDT+20+1W+1+++++9074729:146:11:SHIP'LOC+60+GBFXT:139:6'"
    "EQD+CN+CSQU3054383+45G1:102:5++3+5'SEL+S1+SH'CNI+1+D1'RFF+BM:B1'LOC+9+CNSHA:139:6'"
    "NAD+CZ+++SHIPPER, 1 ROAD, TOWN'GID+1+10:CT'FTX+AAA+++TOOLS'PIA+5+8204:HS'"
    "MEA+AAE+G+KGM:1000'SGP+CSQU3054383+10'UNT+19+1'UNZ+1+R9'"
)
_IFTSTA = (
    "UNB+UNOA:2+CARRIER+CUSTOMS+240101:1200+R8'UNH+1+IFTSTA:D:00B:UN'BGM+23+S1+9'CNI+1'"
    "STS+1+P::HS:Rail Departed'RFF+EQ:CSQU3054383'DTM+334:202401011200:203'"
    "LOC+175+USSYR:227::SYRACUSE+US:162'EQD+CN+CSQU3054383+45G1:102:5+++5'UNT+10+1'UNZ+1+R8'"
)
_BAPLIE = (
    "UNB+UNOA:2+LINE+TERMINAL+240101:1200+R7'UNH+1+BAPLIE:D:95B:UN:SMDG20'BGM++B1'"
    "TDT+20+042+++:172:182+++VRIB3:103:ZZZ:OOCL BEIJING'LOC+5+USLGB:139:6'"
    "LOC+147+0780690::5'LOC+9+USLGB:139:6'LOC+11+CNYTN:139:6'EQD+CN+OOLU4293959+4200+++4'"
    "UNT+10+1'UNZ+1+R7'"
)


def _written() -> bytes:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    seal = (SealReading("SL1", affixed_by=SealAffixer.SHIPPER),)
    kinds = [EventType.GATE_IN, EventType.LOADED, EventType.DEPARTED, EventType.DISCHARGED]
    events = [
        Event(f"e{i}", kind, start + timedelta(hours=i), "CSQU3054383", "NLRTM", "ECT",
              "9074729", "NORDIC STAR", "12W", "BL1", True, seal)
        for i, kind in enumerate(kinds)
    ]  # fmt: skip
    return write_events(events)


VALID: list[bytes] = [
    *(p.read_bytes() for p in sorted(FIXTURES.glob("*.edi"))),
    _CUSCAR.encode("latin-1"),
    _IFTSTA.encode("ascii"),
    _BAPLIE.encode("ascii"),
    _written(),
]
valid = st.sampled_from(VALID)
# GREENLANE_FUZZ_EXAMPLES raises the count for a deeper run than the quick default.
HOSTILE = settings(
    max_examples=int(os.environ.get("GREENLANE_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


def outcome(content: bytes) -> ParsedMessage | ParseError:
    """Records or a quarantine reason; anything else propagates and fails the test."""
    try:
        result = ADAPTER.parse(content, source_message="0" * 64)
    except ParseError as error:
        assert error.message.startswith("edifact: ")
        assert error.where
        return error
    for event in result.events:
        assert event.occurred_at.tzinfo is not None
        assert event.source == "edifact"
    for filing in result.filings:
        assert filing.filed_at.tzinfo is not None
    return result


def test_the_seed_messages_are_valid() -> None:
    for content in VALID:
        result = outcome(content)
        assert isinstance(result, ParsedMessage) and result.record_count > 0


@HOSTILE
@given(valid, st.data())
def test_truncated(content: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(content)))
    outcome(content[:cut])


def _segments(content: bytes) -> tuple[bytes, list[bytes]]:
    """The UNA prefix and the segments (each with its terminator) of a default-syntax message."""
    prefix = content[:9] if content.startswith(b"UNA") else b""
    body = content[len(prefix) :].replace(b"\r\n", b"").replace(b"\n", b"")
    parts = body.split(b"'")
    segments = [p + b"'" for p in parts[:-1]]
    return prefix, segments


@HOSTILE
@given(valid, st.randoms(use_true_random=False))
def test_segments_reordered(content: bytes, rng: object) -> None:
    prefix, segments = _segments(content)
    shuffled = list(segments)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    outcome(prefix + b"".join(shuffled))


@HOSTILE
@given(valid, st.data())
def test_segments_dropped_or_duplicated(content: bytes, data: st.DataObject) -> None:
    prefix, segments = _segments(content)
    i = data.draw(st.integers(0, max(0, len(segments) - 1)))
    if data.draw(st.booleans()):
        changed = segments[:i] + segments[i + 1 :]
    else:
        changed = segments[: i + 1] + segments[i:]
    outcome(prefix + b"".join(changed))


@HOSTILE
@given(valid, st.sampled_from(["latin-1", "utf-8", "utf-16", "utf-16-le", "cp1252", "cp500"]))
def test_reencoded(content: bytes, encoding: str) -> None:
    text = content.decode("utf-8", errors="replace")
    outcome(text.encode(encoding, errors="replace"))


@HOSTILE
@given(valid, st.data())
def test_inflated(content: bytes, data: st.DataObject) -> None:
    prefix, segments = _segments(content)
    if not segments:
        return
    i = data.draw(st.integers(0, len(segments) - 1))
    times = data.draw(st.integers(1, 300))
    grown = segments[i][:-1] + b"+" + b"X" * data.draw(st.integers(0, 5000)) + b"'"
    changed = segments[:i] + [grown] * times + segments[i + 1 :]
    outcome(prefix + b"".join(changed))


SPECIAL = st.sampled_from([b"'", b"+", b":", b"?", b"\n", b"\x00", b"\xff", b"UNH", b"EQD+CN+"])


@HOSTILE
@given(valid, st.data())
def test_corrupted_bytes(content: bytes, data: st.DataObject) -> None:
    changed = bytearray(content)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(changed)))
        noise = data.draw(st.one_of(SPECIAL, st.binary(min_size=1, max_size=4)))
        action = data.draw(st.sampled_from(["insert", "replace", "delete"]))
        if action == "insert":
            changed[at:at] = noise
        elif action == "replace":
            changed[at : at + len(noise)] = noise
        else:
            del changed[at : at + len(noise)]
    outcome(bytes(changed))


ELEMENT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@HOSTILE
@given(valid, st.data())
def test_values_replaced_by_arbitrary_text(content: bytes, data: st.DataObject) -> None:
    """Right syntax, wrong values: dates, codes, numbers and ids replaced by any text."""
    prefix, segments = _segments(content)
    if not segments:
        return
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(segments) - 1))
        parts = segments[i][:-1].split(b"+")
        j = data.draw(st.integers(1, max(1, len(parts) - 1))) if len(parts) > 1 else 0
        value = data.draw(ELEMENT).translate(str.maketrans("", "", "'+:?")).encode()
        if j:
            parts[j] = value
        segments[i] = b"+".join(parts) + b"'"
    outcome(prefix + b"".join(segments))
