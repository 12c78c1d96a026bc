"""X12 times: the 623 time code says the zone where given; else local time of the place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from x12_build import codes, interchange, parse, status

from greenlane.domain.codes import Severity

# 2024-07-15 14:00 on a 315's B4; an R4 loop may repeat it in a DTM with its time code.
DAY, CLOCK = "20240715", "1400"


def at_activity(place: str, *dates: str) -> list[str]:
    return status("VA", date=DAY, time=CLOCK, extra=[f"R4*5*UN*{place}*SOMEWHERE", *dates])


def occurred(body: list[str]) -> datetime:
    (event,) = parse(interchange(("315", "0001", body))).events
    return event.occurred_at


def test_no_time_code_is_local_time_at_the_place_of_the_move() -> None:
    assert occurred(at_activity("USLAX")) == datetime(2024, 7, 15, 21, 0, tzinfo=UTC)  # PDT
    assert occurred(at_activity("NLRTM")) == datetime(2024, 7, 15, 12, 0, tzinfo=UTC)  # CEST
    winter = status("VA", date="20240115", time=CLOCK, location=("NLRTM", "UN"))
    assert occurred(winter) == datetime(2024, 1, 15, 13, 0, tzinfo=UTC)  # CET


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("LT", datetime(2024, 7, 15, 21, 0, tzinfo=UTC)),  # local time at Los Angeles
        ("UT", datetime(2024, 7, 15, 14, 0, tzinfo=UTC)),
        ("GM", datetime(2024, 7, 15, 14, 0, tzinfo=UTC)),
        ("ET", datetime(2024, 7, 15, 18, 0, tzinfo=UTC)),  # Eastern, on summer time in July
        ("ES", datetime(2024, 7, 15, 19, 0, tzinfo=UTC)),  # Eastern Standard, whatever the day
        ("PD", datetime(2024, 7, 15, 21, 0, tzinfo=UTC)),
        ("CT", datetime(2024, 7, 15, 19, 0, tzinfo=UTC)),
        ("08", datetime(2024, 7, 15, 6, 0, tzinfo=UTC)),  # ISO P08
        ("20", datetime(2024, 7, 15, 19, 0, tzinfo=UTC)),  # ISO M05
        ("NS", datetime(2024, 7, 15, 17, 30, tzinfo=UTC)),  # Newfoundland, UTC-3:30
    ],
)
def test_a_dtm_repeating_the_b4_time_gives_its_time_code(code: str, expected: datetime) -> None:
    assert occurred(at_activity("USLAX", f"DTM*140*{DAY}*{CLOCK}*{code}")) == expected


def test_a_dtm_for_another_moment_does_not_give_the_b4_time_its_code() -> None:
    body = at_activity("USLAX", f"DTM*139*{DAY}*0900*UT")
    assert occurred(body) == datetime(2024, 7, 15, 21, 0, tzinfo=UTC)


def test_a_seasonal_code_takes_the_place_zone_with_the_same_winter_clock() -> None:
    # HT is read at Honolulu (no summer time); Adak, on the same winter clock, keeps summer time.
    assert occurred(at_activity("USHNL", f"DTM*140*{DAY}*{CLOCK}*HT")) == datetime(
        2024, 7, 16, 0, 0, tzinfo=UTC
    )
    assert occurred(at_activity("USADK", f"DTM*140*{DAY}*{CLOCK}*HT")) == datetime(
        2024, 7, 15, 23, 0, tzinfo=UTC
    )


def test_an_unknown_time_code_is_read_as_local_time_with_a_finding() -> None:
    result = parse(interchange(("315", "0001", at_activity("USLAX", f"DTM*140*{DAY}*1400*QQ"))))
    assert result.events[0].occurred_at == datetime(2024, 7, 15, 21, 0, tzinfo=UTC)
    assert codes(result) == ["x12.time_code"]


def test_an_unknown_place_keeps_utc_with_an_info_finding() -> None:
    body = status("VA", date=DAY, time=CLOCK, location=("LOCKBOURNE", "CI"))
    result = parse(interchange(("315", "0001", body)))
    assert result.events[0].occurred_at == datetime(2024, 7, 15, 14, 0, tzinfo=UTC)
    (found,) = result.findings
    assert (found.code, found.severity, found.value) == (
        "time.zone_unknown",
        Severity.INFO,
        "20240715 1400",
    )
    assert found.where == "ST 0001 segment 4 (B4) element 04"
    # ...but UT says the zone where the place does not.
    body = status(
        "VA",
        date=DAY,
        time=CLOCK,
        location=("LOCKBOURNE", "CI"),
        extra=["R4*E*UN*USDAL*DALLAS", f"DTM*140*{DAY}*{CLOCK}*UT"],
    )
    result = parse(interchange(("315", "0001", body)))
    assert result.events[0].occurred_at == datetime(2024, 7, 15, 14, 0, tzinfo=UTC)
    assert codes(result) == []


HEAD = ["B3**INV1*BL1*PP**20240310*0****EXNV", "V1*9074729*EXAMPLE VESSEL*PA*031W****L"]


@pytest.mark.parametrize(
    ("code", "departure"),
    [
        ("", datetime(2024, 7, 5, 22, 0, tzinfo=UTC)),  # local time at Shanghai, UTC+8
        ("*LT", datetime(2024, 7, 5, 22, 0, tzinfo=UTC)),
        ("*UT", datetime(2024, 7, 6, 6, 0, tzinfo=UTC)),
        ("*ED", datetime(2024, 7, 6, 10, 0, tzinfo=UTC)),
    ],
)
def test_310_port_dates_in_their_time_code_else_local_at_the_port(
    code: str, departure: datetime
) -> None:
    body = [
        *HEAD,
        "R4*L*UN*CNSHA*SHANGHAI*CN",
        f"DTM*140*20240706*0600{code}",
        "R4*D*UN*USNYC*NEW YORK*US",
        "DTM*140*20240801*0900",
    ]
    result = parse(interchange(("310", "0001", body)))
    (filing,) = result.filings
    assert filing.estimated_departure == departure
    assert filing.estimated_arrival == datetime(2024, 8, 1, 13, 0, tzinfo=UTC)  # EDT
    assert not [c for c in codes(result) if c.startswith("time.")]


def test_309_arrival_is_local_at_a_un_locode_port_of_unlading() -> None:
    body = [
        "M10*GLNU*O*PA*9321483*SYNTHETIC STAR*012E*000123*1*Y*L",
        "P4*USLAX*20240715*1**1400",
        "LX*1",
        "M11*BILL1*CNSHA*10*CTN*500*K",
    ]
    result = parse(interchange(("309", "0001", body)))
    assert result.filings[0].estimated_arrival == datetime(2024, 7, 15, 21, 0, tzinfo=UTC)
    assert not [c for c in codes(result) if c.startswith("time.")]


def test_a_date_at_the_edge_of_the_calendar_is_a_finding_not_a_crash() -> None:
    body = status("VA", date="00010101", time="0000", location=("SGSIN", "UN"))
    result = parse(interchange(("315", "0001", body)))
    assert result.events[0].occurred_at == datetime(1, 1, 1, tzinfo=UTC)
    assert "time.out_of_range" in codes(result)
