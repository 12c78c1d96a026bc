"""The X12 envelope: delimiters from the ISA, nesting, control totals, truncation, detection."""

from __future__ import annotations

import codecs

import pytest
from x12_build import codes, interchange, isa, parse, status

from greenlane.domain.codes import EventType, Severity
from greenlane.errors import ParseError
from greenlane.ingest.x12 import ADAPTER

ONE = ("315", "0001", status(location=("USLAX", "UN")))  # with a place: its time has a zone


def test_detect_reads_the_isa_only() -> None:
    assert ADAPTER.detect(interchange(ONE).encode())
    assert ADAPTER.detect(codecs.BOM_UTF8 + b"\r\n" + interchange(ONE).encode())
    assert not ADAPTER.detect(b'{"ISA": 1}')
    assert not ADAPTER.detect(b"ISAX")
    assert not ADAPTER.detect(b"UNA:+.? 'UNB+UNOC:3")


def test_minimal_315_gives_one_event() -> None:
    result = parse(interchange(ONE))
    assert result.format == "x12:315"
    assert [e.event_type for e in result.events] == [EventType.ARRIVED]
    assert result.findings == ()


@pytest.mark.parametrize(
    ("sep", "component", "terminator", "newline"),
    [
        ("|", "^", "~", ""),
        ("^", ":", "'", "\r\n"),
        ("*", ">", "\n", ""),
        ("\x1d", "\x1f", "\x1c", ""),
    ],
)
def test_delimiters_come_from_the_isa(
    sep: str, component: str, terminator: str, newline: str
) -> None:
    plain = parse(interchange(ONE))
    other = parse(
        interchange(ONE, sep=sep, component=component, terminator=terminator, newline=newline)
    )
    assert other.events == plain.events
    assert other.findings == ()


def test_isa_not_fixed_width_is_read_with_a_finding() -> None:
    text = interchange(ONE).replace("SENDER         ", "SENDER", 1)
    result = parse(text)
    assert len(result.events) == 1
    assert result.events[0].event_id.startswith("SENDER:000000001:0001:")
    assert codes(result) == ["x12.isa_element_width"]
    assert result.findings[0].where == "segment 1 (ISA) element 06"


def test_control_totals_and_numbers_that_disagree_are_findings() -> None:
    text = (
        interchange(ONE)
        .replace("SE*3*0001", "SE*9*0002")
        .replace("GE*1*7", "GE*2*8")
        .replace("IEA*1*000000001", "IEA*3*000000009")
    )
    result = parse(text)
    assert len(result.events) == 1
    found = {(f.code, f.where) for f in result.findings}
    assert found == {
        ("x12.control_count", "segment 5 (SE) element 01"),
        ("x12.control_number", "segment 5 (SE) element 02"),
        ("x12.control_count", "segment 6 (GE) element 01"),
        ("x12.control_number", "segment 6 (GE) element 02"),
        ("x12.control_count", "segment 7 (IEA) element 01"),
        ("x12.control_number", "segment 7 (IEA) element 02"),
    }
    assert all(f.severity is Severity.WARNING for f in result.findings)


@pytest.mark.parametrize(
    ("cut_before", "expected"),
    [("IEA*", "IEA"), ("GE*", "GE"), ("SE*", "SE"), ("GS*", "IEA")],
)
def test_a_truncated_interchange_is_a_parse_error(cut_before: str, expected: str) -> None:
    text = interchange(ONE)
    with pytest.raises(ParseError) as err:
        parse(text[: text.index(cut_before)])
    assert err.value.expected == expected
    assert str(err.value).startswith("x12: message ends after segment")


def test_a_message_cut_inside_a_segment_names_the_terminator() -> None:
    text = interchange(ONE)
    with pytest.raises(ParseError) as err:
        parse(text[: text.index("SE*") + 5])
    assert err.value.where == "segment 5"
    assert err.value.expected == "the segment terminator '~'"


def test_a_message_cut_inside_the_isa() -> None:
    with pytest.raises(ParseError) as err:
        parse(isa()[:50])
    assert err.value.where == "segment 1 (ISA)"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("UNB+UNOC:3+SENDER'", "segment 1"),
        ("ISAX00", "segment 1 (ISA)"),
        (isa() + "*~GS*QO~", "segment 1 (ISA) element 16"),  # terminator equals separator
    ],
)
def test_not_an_interchange(text: str, where: str) -> None:
    with pytest.raises(ParseError) as err:
        parse(text)
    assert err.value.where == where


def test_a_segment_out_of_place_is_a_parse_error() -> None:
    text = interchange(ONE).replace("ST*315*0001~\n", "ST*315*0001~\nST*315*0002~\n")
    with pytest.raises(ParseError) as err:
        parse(text)
    assert err.value.where == "segment 4 (ST)"
    body_outside = interchange(ONE).replace("GS*", "B4***VA~\nGS*", 1)
    with pytest.raises(ParseError) as err:
        parse(body_outside)
    assert err.value.where == "segment 2 (B4)"
    assert err.value.expected == "GS (functional group header) or IEA"


def test_a_garbage_segment_identifier_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as err:
        parse(interchange(ONE).replace("B4*", "b4*"))
    assert err.value.where == "segment 4"


def test_several_transaction_sets_and_interchanges_in_one_file() -> None:
    first = interchange(("315", "0001", status("AE")), ("315", "0002", status("VD")))
    second = interchange(("315", "0001", status("VA")), control=2)
    result = parse(first + second)
    assert [e.event_type for e in result.events] == [
        EventType.LOADED,
        EventType.DEPARTED,
        EventType.ARRIVED,
    ]
    assert [e.event_id for e in result.events] == [
        "SENDER:000000001:0001:1",
        "SENDER:000000001:0002:1",
        "SENDER:000000002:0001:1",
    ]


def test_trailing_text_after_iea_is_a_finding() -> None:
    result = parse(interchange(ONE) + "THIS IS NOT X12")
    assert len(result.events) == 1
    assert codes(result) == ["x12.trailing_data"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_byte_order_mark_names_the_encoding(encoding: str) -> None:
    result = parse(interchange(ONE).encode(encoding))
    assert len(result.events) == 1


def test_other_transaction_sets_are_skipped_with_a_finding() -> None:
    result = parse(interchange(("997", "0001", ["AK1*QO*7"]), ONE))
    assert len(result.events) == 1
    assert codes(result) == ["x12.transaction_not_read"]
    with pytest.raises(ParseError) as err:
        parse(interchange(("997", "0001", ["AK1*QO*7"])))
    assert "found: 997" in str(err.value)


def test_a_parse_error_names_format_place_and_expectation() -> None:
    with pytest.raises(ParseError) as err:
        parse(interchange(("315", "0001", status(date="20241345"))))
    text = str(err.value)
    assert text.startswith("x12: ")
    assert "at ST 0001 segment 4 (B4) element 04" in text
    assert "expected B4-04 date CCYYMMDD" in text
