"""EDIFACT times without a zone are the local time of the place of the move."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from greenlane.domain.codes import EventType, Severity
from greenlane.domain.records import Event
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.edifact import ADAPTER
from greenlane.ingest.edifact.writer import write_coarri, write_events

UNB = "UNB+UNOA:2+SENDER+RECEIVER+240102:0400+REF1"


def parse(body: list[str]) -> ParsedMessage:
    message = [*body, f"UNT+{len(body) + 1}+1"]
    text = "\n".join(s + "'" for s in [UNB, *message, "UNZ+1+REF1"])
    return ADAPTER.parse(text.encode(), source_message="hash")


def coarri(dtm: str, place: str | None = "NLRTM") -> list[str]:
    loc = [f"LOC+11+{place}:139:6+ECT:TER:ZZZ"] if place else []
    return [
        "UNH+1+COARRI:D:95B:UN",
        "BGM+44+D1+9",
        "TDT+20+12W+1+++++9074729:146:11:NORDIC STAR",
        *loc,
        "EQD+CN+CSQU3054383+45G1:102:5++3+5",
        dtm,
    ]


def codeco(dtm: str, place: str = "NLRTM") -> list[str]:
    return [
        "UNH+1+CODECO:D:95B:UN",
        "BGM+34+G1+9",
        "EQD+CN+CSQU3054383+45G1:102:5++2+5",
        dtm,
        f"LOC+165+{place}:139:6+ECTDELTA:TER:ZZZ",
    ]


def codes(result: ParsedMessage) -> list[str]:
    return [f.code for f in result.findings]


@pytest.mark.parametrize(
    ("dtm", "expected"),
    [
        ("DTM+203:202401151400:203", datetime(2024, 1, 15, 13, 0, tzinfo=UTC)),  # CET, UTC+1
        ("DTM+203:202407151400:203", datetime(2024, 7, 15, 12, 0, tzinfo=UTC)),  # CEST, UTC+2
        ("DTM+203:20240715140000:204", datetime(2024, 7, 15, 12, 0, tzinfo=UTC)),
        ("DTM+203:2407151400:201", datetime(2024, 7, 15, 12, 0, tzinfo=UTC)),
    ],
)
def test_coarri_local_time_at_rotterdam_in_winter_and_summer(dtm: str, expected: datetime) -> None:
    result = parse(coarri(dtm))
    (event,) = result.events
    assert (event.unlocode, event.occurred_at) == ("NLRTM", expected)
    assert codes(result) == []


@pytest.mark.parametrize(
    ("dtm", "expected"),
    [
        ("DTM+7:202401151400:203", datetime(2024, 1, 15, 13, 0, tzinfo=UTC)),
        ("DTM+7:202407151400:203", datetime(2024, 7, 15, 12, 0, tzinfo=UTC)),
    ],
)
def test_codeco_gate_time_is_local_at_the_terminal(dtm: str, expected: datetime) -> None:
    (event,) = parse(codeco(dtm)).events
    assert event.occurred_at == expected


def test_the_place_decides_the_zone() -> None:
    (singapore,) = parse(codeco("DTM+7:202407151400:203", place="SGSIN")).events
    assert singapore.occurred_at == datetime(2024, 7, 15, 6, 0, tzinfo=UTC)
    (los_angeles,) = parse(codeco("DTM+7:202407151400:203", place="USLAX")).events
    assert los_angeles.occurred_at == datetime(2024, 7, 15, 21, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "dtm",
    [
        "DTM+203:202407151400UTC:303",
        "DTM+203:202407151400GMT:303",
        "DTM+203:20240715140000Z:304",
        "DTM+203:202407151600?+0200:205",
        "DTM+203:202407151600?+02:303",
        "DTM+203:202407152300?+0900:205",  # Tokyo time, though the box is in Rotterdam
        "DTM+203:202407150900-0500:205",
    ],
)
def test_an_explicit_zone_wins_over_the_place(dtm: str) -> None:
    result = parse(coarri(dtm))
    assert result.events[0].occurred_at == datetime(2024, 7, 15, 14, 0, tzinfo=UTC)
    assert codes(result) == []


def test_zone_letters_that_are_not_known_read_as_local_time_with_a_finding() -> None:
    result = parse(coarri("DTM+203:202407151400CET:303"))
    assert result.events[0].occurred_at == datetime(2024, 7, 15, 12, 0, tzinfo=UTC)
    assert codes(result) == ["edifact.date_zone"]


def test_an_unknown_place_keeps_utc_with_a_finding() -> None:
    result = parse(coarri("DTM+203:202407151400:203", place="USSYR"))
    (event,) = result.events
    assert event.occurred_at == datetime(2024, 7, 15, 14, 0, tzinfo=UTC)
    (found,) = [f for f in result.findings if f.code.startswith("time.")]
    assert (found.code, found.severity, found.field, found.value) == (
        "time.zone_unknown",
        Severity.INFO,
        "DTM+203",
        "202407151400",
    )
    assert "USSYR" in found.message
    assert found.where is not None and "DTM" in found.where


def test_no_place_at_all_keeps_utc_with_a_finding() -> None:
    result = parse(coarri("DTM+203:202407151400:203", place=None))
    assert result.events[0].occurred_at == datetime(2024, 7, 15, 14, 0, tzinfo=UTC)
    assert sorted(codes(result)) == ["edifact.no_place", "time.zone_unknown"]


def test_the_hour_the_clocks_go_back_is_read_as_the_first_with_a_finding() -> None:
    result = parse(coarri("DTM+203:202410270230:203"))
    assert result.events[0].occurred_at == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert codes(result) == ["time.local_repeated"]


def test_iftsta_status_time_is_local_at_its_place() -> None:
    body = [
        "UNH+1+IFTSTA:D:00B:UN",
        "BGM+23+S1+9",
        "CNI+1",
        "STS+1+146",
        "DTM+334:202407151400:203",
        "LOC+175+SGSIN:139:6",
        "EQD+CN+CSQU3054383",
    ]
    assert parse(body).events[0].occurred_at == datetime(2024, 7, 15, 6, 0, tzinfo=UTC)


def test_baplie_departure_time_is_local_at_the_port_left() -> None:
    body = [
        "UNH+1+BAPLIE:D:95B:UN:SMDG20",
        "BGM++B1+9",
        "TDT+20+12W+1+++++9074729:146:11:NORDIC STAR",
        "LOC+5+NLRTM:139:6",
        "DTM+136:202407151000:203",
        "LOC+147+0010082::5",
        "EQD+CN+CSQU3054383+45G1:102:5+++5",
        "LOC+9+NLRTM:139:6",
        "LOC+11+SGSIN:139:6",
    ]
    assert parse(body).events[0].occurred_at == datetime(2024, 7, 15, 8, 0, tzinfo=UTC)


def test_cuscar_times_are_local_where_they_happen() -> None:
    body = [
        "UNH+1+CUSCAR:D:95B:UN",
        "BGM+85+MAN1+9",
        "DTM+137:202407011200:203",
        "TDT+20+12W+1+++++9074729:146:11:NORDIC STAR",
        "LOC+60+GBFXT:139:6",
        "DTM+132:202407201800:203",
        "DTM+133:202407050600:203",
        "CNI+1+DOC1",
        "RFF+BM:BL1",
        "LOC+9+CNSHA:139:6",
        "LOC+11+GBFXT:139:6",
    ]
    (filing,) = parse(body).filings
    assert filing.filed_at == datetime(2024, 7, 1, 11, 0, tzinfo=UTC)  # at Felixstowe, BST
    assert filing.estimated_arrival == datetime(2024, 7, 20, 17, 0, tzinfo=UTC)
    assert filing.estimated_departure == datetime(2024, 7, 4, 22, 0, tzinfo=UTC)  # Shanghai


def _event(hour: datetime, place: str | None) -> Event:
    return Event(
        f"e-{hour:%H%M}-{place}",
        EventType.LOADED,
        hour,
        container_number="CSQU3054383",
        unlocode=place,
        vessel_name="NORDIC STAR",
        full=True,
    )


def test_the_writer_names_utc_so_the_round_trip_is_exact_even_when_clocks_change() -> None:
    # 00:30 and 01:30 UTC on 27 October 2024 are both 02:30 on Rotterdam's clocks.
    start = datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    events = [
        _event(start, "NLRTM"),
        _event(start + timedelta(hours=1), "NLRTM"),
        _event(start, "USSYR"),  # a place whose zone is unknown here
    ]
    data = write_coarri(events)
    assert data.count(b":303'") == 3
    result = ADAPTER.parse(data, source_message="hash")
    assert sorted((e.unlocode, e.occurred_at) for e in result.events) == sorted(
        (e.unlocode, e.occurred_at) for e in events
    )
    assert codes(result) == ["unlocode.unknown_port"]  # USSYR is no sea port; no time finding


def test_round_trip_of_every_message_kind_in_summer() -> None:
    summer = datetime(2024, 7, 15, 14, 0, tzinfo=UTC)
    events = [
        replace(_event(summer, "SGSIN"), event_id=f"e{i}", event_type=kind)
        for i, kind in enumerate(EventType)
    ]
    result = ADAPTER.parse(write_events(events), source_message="hash")
    assert {e.occurred_at for e in result.events} == {summer}
    assert len(result.events) == len(events)


def test_a_date_at_the_edge_of_the_calendar_is_a_finding_not_a_crash() -> None:
    result = parse(codeco("DTM+7:00010101:102", place="SGSIN"))
    assert result.events[0].occurred_at == datetime(1, 1, 1, tzinfo=UTC)
    assert "time.out_of_range" in codes(result)
