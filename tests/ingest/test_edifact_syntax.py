"""EDIFACT syntax: service characters, release character, line breaks, encodings, quarantine."""

from __future__ import annotations

import codecs

import pytest

from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.edifact import ADAPTER
from greenlane.ingest.edifact.syntax import decode, split

BODY = [
    "UNH+1+COARRI:D:95B:UN",
    "BGM+46+DOC1+9",
    "TDT+20+12W+1+++++9074729:146:11:NORDIC STAR",
    "LOC+9+NLRTM:139:6+ECT:TER:ZZZ",
    "EQD+CN+CSQU3054383+45G1:102:5++2+5",
    "DTM+203:202401020304:203",
    "SEL+AB12345+SH",
    "UNT+8+1",
]


def interchange(
    body: list[str] | None = None,
    *,
    syntax: str = "UNOA:2",
    una: str | None = ":+.? '",
    sep: str = "\n",
) -> str:
    segments = [f"UNB+{syntax}+SENDER+RECEIVER+240102:0400+REF1", *(body or BODY), "UNZ+1+REF1"]
    text = sep.join(s + "'" for s in segments) + sep
    return (f"UNA{una}{sep}" if una else "") + text


def parse(content: str | bytes) -> ParsedMessage:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return ADAPTER.parse(data, source_message="hash")


def only_event_box(result: ParsedMessage) -> str | None:
    assert len(result.events) == 1
    return result.events[0].container_number


@pytest.mark.parametrize("sep", ["", "\n", "\r\n", "\n\n"])
def test_with_and_without_line_breaks(sep: str) -> None:
    result = parse(interchange(sep=sep))
    assert only_event_box(result) == "CSQU3054383"
    assert result.findings == ()


def test_without_una_the_level_a_defaults_apply() -> None:
    assert only_event_box(parse(interchange(una=None))) == "CSQU3054383"


def test_una_can_choose_other_service_characters() -> None:
    text = interchange(una=":+.? '").translate(str.maketrans(":+'", "*|~"))
    result = parse(text)
    assert only_event_box(result) == "CSQU3054383"
    assert result.events[0].vessel_name == "NORDIC STAR"


def test_level_b_information_separators_without_una() -> None:
    text = interchange(una=None, syntax="UNOB:2", sep="")
    text = text.translate(str.maketrans(":+'", "\x1f\x1d\x1c"))
    assert only_event_box(parse(text)) == "CSQU3054383"


def test_release_character_escapes_separators_and_itself() -> None:
    body = list(BODY)
    body[2] = "TDT+20+12W+1+++++9074729:146:11:O?'NEIL ?+ SONS?: 50?? OFF"
    result = parse(interchange(body))
    assert result.events[0].vessel_name == "O'NEIL + SONS: 50? OFF"


def test_a_space_in_the_release_position_means_no_release_character() -> None:
    body = list(BODY)
    body[2] = "TDT+20+12W+1+++++9074729:146:11:WHAT?"
    result = parse(interchange(body, una=":+.  '"))
    assert result.events[0].vessel_name == "WHAT?"


def test_segments_wrapped_over_fixed_width_lines_are_joined() -> None:
    text = interchange(sep="")
    wrapped = "\n".join(text[i : i + 80] for i in range(0, len(text), 80))
    assert only_event_box(parse(wrapped)) == "CSQU3054383"


def test_latin1_bytes_under_unoc() -> None:
    body = list(BODY)
    body[2] = "TDT+20+12W+1+++++9074729:146:11:SÃO PAULO EXPRESSÉ"
    data = interchange(body, syntax="UNOC:3").encode("latin-1")
    result = parse(data)
    assert result.events[0].vessel_name == "SÃO PAULO EXPRESSÉ"
    assert result.findings == ()


def test_utf8_bytes_under_unoc_are_read_as_utf8_and_noted() -> None:
    body = list(BODY)
    body[2] = "TDT+20+12W+1+++++9074729:146:11:ŁÓDŹ"
    result = parse(interchange(body, syntax="UNOC:3").encode("utf-8"))
    assert result.events[0].vessel_name == "ŁÓDŹ"
    assert [f.code for f in result.findings] == ["edifact.encoding"]


def test_latin1_bytes_under_unoa_are_read_and_noted() -> None:
    body = list(BODY)
    body[2] = "TDT+20+12W+1+++++9074729:146:11:KØBENHAVN"
    result = parse(interchange(body, syntax="UNOA:2").encode("latin-1"))
    assert result.events[0].vessel_name == "KØBENHAVN"
    assert [f.code for f in result.findings] == ["edifact.encoding"]


@pytest.mark.parametrize(
    "prefix,encoding",
    [(codecs.BOM_UTF8, "utf-8"), (b"", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_byte_order_marks(prefix: bytes, encoding: str) -> None:
    data = prefix + interchange(syntax="UNOY:4").encode(encoding)
    assert ADAPTER.detect(data)
    assert only_event_box(parse(data)) == "CSQU3054383"


def test_detect() -> None:
    assert ADAPTER.detect(interchange().encode())
    assert ADAPTER.detect(interchange(una=None).encode())
    assert ADAPTER.detect(b"  UNH+1+IFTSTA:D:00B:UN'")
    assert not ADAPTER.detect(b'{"eventID": "UNB"}')
    assert not ADAPTER.detect(b"ISA*00*          *00*")
    assert not ADAPTER.detect(b"UNBELIEVABLE")


def test_segment_numbers_and_lines() -> None:
    segments, findings = split(decode(interchange().encode()).text)
    assert findings == []
    assert [s.tag for s in segments[:3]] == ["UNB", "UNH", "BGM"]
    assert segments[5].where == "segment 6 (EQD), line 7"  # line 1 is the UNA


def test_truncated_mid_segment_is_quarantined_with_the_place() -> None:
    text = interchange()
    cut = text[: text.index("SEL+") + 6]
    with pytest.raises(ParseError) as raised:
        parse(cut)
    error = raised.value
    assert error.message.startswith("edifact: ")
    assert error.where == "segment 8, line 9"
    assert error.expected == 'segment terminator "\'"'


def test_a_segment_without_a_tag_is_quarantined() -> None:
    body = list(BODY)
    body.insert(3, "lo+9+NLRTM")
    with pytest.raises(ParseError) as raised:
        parse(interchange(body))
    assert raised.value.where == "segment 5, line 6"
    assert "segment tag" in (raised.value.expected or "")


def test_broken_una_is_quarantined() -> None:
    with pytest.raises(ParseError, match="not distinct"):
        parse(interchange(una="++.? '"))
    with pytest.raises(ParseError, match="cut short"):
        parse("UNA:+")


@pytest.mark.parametrize("content", [b"", b"   \n", b"UNA:+.? '", b"garbage'"])
def test_nothing_readable_is_quarantined(content: bytes) -> None:
    with pytest.raises(ParseError):
        ADAPTER.parse(content, source_message="hash")


def test_una_missing_its_reserved_position_is_read_with_a_finding() -> None:
    text = interchange(una=None, sep="")
    result = parse("UNA:+.?'" + text)
    assert only_event_box(result) == "CSQU3054383"
    assert [f.code for f in result.findings] == ["edifact.una"]


def test_release_before_a_line_break_is_not_an_error() -> None:
    body = list(BODY)
    body[2] = "TDT+20+12W+1+++++9074729:146:11:A?\nB"
    assert parse(interchange(body)).events[0].vessel_name == "AB"
