"""Hostile input: truncated, reordered, re-encoded, inflated and corrupted X12 messages.

Whatever happens to a valid message, the adapter answers with records or with a ParseError (the
message is quarantined); never with another exception. Where the change keeps the meaning (other
delimiters, an encoding with a byte order mark) the records are the same.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from x12_build import FIXTURES

from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.x12 import ADAPTER

MESSAGES = {path.name: path.read_bytes() for path in sorted(FIXTURES.glob("*.edi"))}
NAMES = st.sampled_from(sorted(MESSAGES))
QUICK = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def outcome(data: bytes) -> ParsedMessage | None:
    """Records, or None for a quarantined message; anything else fails the test."""
    try:
        result = ADAPTER.parse(data, source_message="sha256:hostile")
    except ParseError as exc:
        assert str(exc).startswith("x12: ")
        assert exc.where
        return None
    assert result.format.startswith("x12:")
    assert all(e.occurred_at.tzinfo is not None for e in result.events)
    assert all(f.where for f in result.findings)
    return result


def segments(data: bytes) -> list[bytes]:
    return data.split(b"~\n")[:-1]


def records(result: ParsedMessage | None) -> tuple[object, ...]:
    assert result is not None
    return result.filings + result.events


def test_every_fixture_parses_cleanly_as_written() -> None:
    for data in MESSAGES.values():
        assert records(outcome(data))


@QUICK
@given(NAMES, st.data())
def test_truncated_messages_are_quarantined(name: str, data: st.DataObject) -> None:
    raw = MESSAGES[name]
    cut = data.draw(st.integers(0, len(raw)))
    result = outcome(raw[:cut])
    if cut < len(raw.rstrip(b"\n")):
        assert result is None  # nothing is half-read: a cut interchange is a ParseError


@QUICK
@given(NAMES, st.data())
def test_reordered_segments(name: str, data: st.DataObject) -> None:
    parts = segments(MESSAGES[name])
    order = data.draw(st.permutations(range(len(parts))))
    outcome(b"".join(parts[i] + b"~\n" for i in order))


@QUICK
@given(NAMES, st.data())
def test_moved_segment(name: str, data: st.DataObject) -> None:
    parts = segments(MESSAGES[name])
    seg = parts.pop(data.draw(st.integers(0, len(parts) - 1)))
    parts.insert(data.draw(st.integers(0, len(parts))), seg)
    outcome(b"".join(p + b"~\n" for p in parts))


DELIMITERS = ["|", "^", "!", "{", "}", "\x1c", "\x1d", "\x1e", "\x1f", "~", "*", ">", "\n", "'"]


@QUICK
@given(NAMES, st.permutations(DELIMITERS))
def test_other_delimiters_give_the_same_records(name: str, chosen: list[str]) -> None:
    raw = MESSAGES[name]
    text = raw.decode("ascii")
    body = text.replace("~\n", "").replace("*", "").replace(">", "")
    usable = [c for c in chosen if c not in body]
    sep = next(c for c in usable if c != "\n")  # a line break can end segments, not elements
    component, terminator = [c for c in usable if c != sep][:2]
    table = str.maketrans({"*": sep, ">": component, "~": terminator})
    # The ISA's component separator is its 105th character; elsewhere '>' is not used.
    changed = text.replace("~\n", "~").translate(table)
    assert records(outcome(changed.encode("ascii"))) == records(outcome(raw))


@QUICK
@given(NAMES, st.sampled_from(["utf-8-sig", "utf-16", "utf-32"]))
def test_encodings_with_a_byte_order_mark_give_the_same_records(name: str, encoding: str) -> None:
    raw = MESSAGES[name]
    assert records(outcome(raw.decode("ascii").encode(encoding))) == records(outcome(raw))


@QUICK
@given(NAMES, st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le", "cp500", "cp1026"]))
def test_encodings_without_a_byte_order_mark(name: str, encoding: str) -> None:
    outcome(MESSAGES[name].decode("ascii").encode(encoding))


@QUICK
@given(NAMES, st.data())
def test_inflated_segments(name: str, data: st.DataObject) -> None:
    parts = segments(MESSAGES[name])
    i = data.draw(st.integers(0, len(parts) - 1))
    times = data.draw(st.integers(2, 300))
    parts[i : i + 1] = [parts[i]] * times
    outcome(b"".join(p + b"~\n" for p in parts))


@QUICK
@given(NAMES, st.data())
def test_inflated_elements(name: str, data: st.DataObject) -> None:
    parts = segments(MESSAGES[name])
    i = data.draw(st.integers(1, len(parts) - 1))  # the ISA is fixed width
    filler = data.draw(st.sampled_from([b"9", b"X", b" ", b"*", b">", b"\xff"]))
    parts[i] += filler * data.draw(st.integers(1, 20_000))
    outcome(b"".join(p + b"~\n" for p in parts))


@settings(QUICK, max_examples=20)
@given(NAMES, st.integers(2, 50))
def test_repeated_interchanges_repeat_the_records(name: str, times: int) -> None:
    raw = MESSAGES[name]
    result = outcome(raw * times)
    assert result is not None
    assert len(records(result)) == times * len(records(outcome(raw)))


@QUICK
@given(NAMES, st.data())
def test_corrupted_bytes(name: str, data: st.DataObject) -> None:
    raw = bytearray(MESSAGES[name])
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = data.draw(st.binary(min_size=1, max_size=3))
        if action == "replace" and at < len(raw):
            raw[at : at + 1] = byte[:1]
        elif action == "insert":
            raw[at:at] = byte
        elif at < len(raw):
            del raw[at]
    outcome(bytes(raw))


@QUICK
@given(st.binary(max_size=400))
def test_anything_after_an_isa(tail: bytes) -> None:
    outcome(b"ISA*" + tail)


@QUICK
@given(st.text(alphabet="ISAGEB4N9Q2R4STLXM1V7*~>0123456789 \n", max_size=400))
def test_x12_looking_noise_after_a_valid_isa(tail: str) -> None:
    isa = MESSAGES["315_status_sequence_synthetic.edi"][:107]
    outcome(isa + tail.encode("ascii"))
