"""Envelope checks: wrong counts and references, missing trailers are findings, not quarantine."""

from __future__ import annotations

import pytest

from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.edifact import ADAPTER

UNB = "UNB+UNOA:2+TERMINAL+CARRIER+240102:0400+REF1"


def coarri(ref: str = "1", box: str = "CSQU3054383", count: int | None = None) -> list[str]:
    segments = [
        f"UNH+{ref}+COARRI:D:95B:UN",
        "BGM+44+DOC1+9",
        "TDT+20+12W+1+++++NORD:103::NORDIC STAR",
        "LOC+11+NLRTM:139:6",
        f"EQD+CN+{box}+45G1:102:5++3+5",
        "DTM+203:202401020304:203",
    ]
    return [*segments, f"UNT+{count or len(segments) + 1}+{ref}"]


def parse(segments: list[str]) -> ParsedMessage:
    text = "".join(s + "'" for s in segments)
    return ADAPTER.parse(text.encode(), source_message="0123456789abcdef0123")


def codes(result: ParsedMessage) -> list[str]:
    return [f.code for f in result.findings]


def test_a_clean_interchange_has_no_finding() -> None:
    result = parse([UNB, *coarri(), "UNZ+1+REF1"])
    assert codes(result) == []
    assert result.format == "edifact:COARRI"
    assert result.events[0].event_id == "TERMINAL:REF1:1:1"


def test_wrong_unt_count_is_a_finding_and_the_events_are_kept() -> None:
    result = parse([UNB, *coarri(count=56), "UNZ+1+REF1"])
    assert codes(result) == ["edifact.unt_count"]
    finding = result.findings[0]
    assert finding.where == "segment 8 (UNT), line 1"
    assert finding.value == "56"
    assert "7" in finding.message
    assert len(result.events) == 1


def test_mismatched_references_are_findings() -> None:
    message = coarri()
    message[-1] = "UNT+7+2"
    result = parse([UNB, *message, "UNZ+1+OTHER"])
    assert codes(result) == ["edifact.control_reference", "edifact.control_reference"]
    assert len(result.events) == 1


def test_wrong_message_count_in_unz() -> None:
    assert codes(parse([UNB, *coarri(), "UNZ+3+REF1"])) == ["edifact.unz_count"]


def test_missing_unt_and_unz_after_a_complete_segment_are_findings() -> None:
    result = parse([UNB, *coarri()[:-1]])
    assert codes(result) == ["edifact.missing_unt", "edifact.missing_unz"]
    assert len(result.events) == 1


def test_missing_unt_before_the_next_message() -> None:
    first, second = coarri("1")[:-1], coarri("2", box="APZU4812090")
    result = parse([UNB, *first, *second, "UNZ+2+REF1"])
    assert codes(result) == ["edifact.missing_unt"]
    assert [e.container_number for e in result.events] == ["CSQU3054383", "APZU4812090"]


def test_message_without_interchange_header() -> None:
    result = parse(coarri())
    assert codes(result) == ["edifact.missing_unb"]
    assert result.events[0].event_id == "unknown:0123456789abcdef:1:1"


def test_functional_groups_are_counted() -> None:
    segments = [UNB, "UNG+COARRI+TERMINAL+CARRIER+240102:0400+G1+UN+D:95B", *coarri()]
    result = parse([*segments, "UNE+1+G1", "UNZ+1+REF1"])
    assert codes(result) == []
    wrong = parse([*segments, "UNE+2+G9", "UNZ+1+REF1"])
    assert codes(wrong) == ["edifact.une_count", "edifact.control_reference"]


def test_two_interchanges_in_one_file_keep_their_own_ids() -> None:
    second = "UNB+UNOA:2+OTHER+CARRIER+240102:0400+REF2"
    result = parse([UNB, *coarri(), "UNZ+1+REF1", second, *coarri(), "UNZ+1+REF2"])
    assert [e.event_id for e in result.events] == ["TERMINAL:REF1:1:1", "OTHER:REF2:1:1"]


def test_segments_outside_a_message_are_reported() -> None:
    result = parse([UNB, "FTX+AAI+++STRAY", *coarri(), "UNZ+1+REF1"])
    assert codes(result) == ["edifact.outside_message"]


def test_unsupported_messages_beside_supported_ones_are_skipped_with_a_finding() -> None:
    invoice = ["UNH+9+INVOIC:D:96A:UN", "BGM+380+INV1+9", "UNT+3+9"]
    result = parse([UNB, *invoice, *coarri(), "UNZ+2+REF1"])
    assert codes(result) == ["edifact.unsupported_message"]
    assert len(result.events) == 1


def test_only_unsupported_messages_are_quarantined() -> None:
    invoice = ["UNH+9+INVOIC:D:96A:UN", "BGM+380+INV1+9", "UNT+3+9"]
    with pytest.raises(ParseError) as raised:
        parse([UNB, *invoice, "UNZ+1+REF1"])
    assert raised.value.where == "segment 2 (UNH), line 1"
    assert "COARRI" in (raised.value.expected or "")


def test_an_interchange_without_messages_is_quarantined() -> None:
    with pytest.raises(ParseError, match="no message"):
        parse([UNB, "UNZ+0+REF1"])


def test_an_interchange_must_start_with_a_header() -> None:
    with pytest.raises(ParseError) as raised:
        parse(["BGM+44+DOC1+9", *coarri()])
    assert raised.value.expected == "UNA, UNB or UNH"


@pytest.mark.parametrize("directory", ["D:93A", "D:22A", "S:95B"])
def test_directories_outside_d95b_to_d21a_are_read_and_noted(directory: str) -> None:
    message = coarri()
    message[0] = f"UNH+1+COARRI:{directory}:UN"
    result = parse([UNB, *message, "UNZ+1+REF1"])
    assert codes(result) == ["edifact.directory"]
    assert len(result.events) == 1


@pytest.mark.parametrize("directory", ["D:95B", "D:99B", "D:00B", "D:16A", "D:21A"])
def test_directories_in_range(directory: str) -> None:
    message = coarri()
    message[0] = f"UNH+1+COARRI:{directory}:UN"
    assert codes(parse([UNB, *message, "UNZ+1+REF1"])) == []


def test_equipment_control_total() -> None:
    message = coarri()
    message.insert(-1, "CNT+16:4")
    message[-1] = "UNT+8+1"
    result = parse([UNB, *message, "UNZ+1+REF1"])
    assert codes(result) == ["edifact.control_total"]


def test_unreadable_unb_date_does_not_stop_the_message() -> None:
    result = parse(["UNB+UNOA:2+TERMINAL+CARRIER+991399:9999+REF1", *coarri(), "UNZ+1+REF1"])
    assert len(result.events) == 1
