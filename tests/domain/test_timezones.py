"""The time zone of a UN/LOCODE, and local clock readings turned into UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from greenlane.domain.codes import Severity
from greenlane.domain.timezones import country_zone, in_zone, local_to_utc, zone_name


@pytest.mark.parametrize(
    ("unlocode", "zone"),
    [
        ("NLRTM", "Europe/Amsterdam"),
        ("nlrtm", "Europe/Amsterdam"),
        ("SGSIN", "Asia/Singapore"),
        ("USLAX", "America/Los_Angeles"),
        ("USNYC", "America/New_York"),
        ("CLSVE", "America/Santiago"),
        ("ESLPA", "Atlantic/Canary"),  # Spain has two clocks; the port's coordinates choose
        ("USJFK", "America/New_York"),  # its point is in the water: the land nearby says
        ("GBPME", "Europe/London"),  # not in the port table: Britain keeps one clock
    ],
)
def test_zone_of_a_place(unlocode: str, zone: str) -> None:
    assert zone_name(unlocode) == zone


@pytest.mark.parametrize("unlocode", ["USSYR", "CNXXX", "XXXXX", "12345", "NLRT", ""])
def test_no_zone_where_neither_port_nor_country_says(unlocode: str) -> None:
    assert zone_name(unlocode) is None


def test_a_country_has_one_zone_only_when_all_its_zones_keep_one_clock() -> None:
    assert country_zone("GB") == "Europe/London"
    assert country_zone("DE") == "Europe/Berlin"  # Busingen keeps Berlin's clock
    assert country_zone("US") is None
    assert country_zone("ES") is None  # the Canaries are an hour behind
    assert country_zone("ZZ") is None


def test_winter_and_summer_time() -> None:
    winter, found = local_to_utc(datetime(2024, 1, 15, 14, 0), "NLRTM", "f", "v", "w")
    assert (winter, found) == (datetime(2024, 1, 15, 13, 0, tzinfo=UTC), [])
    summer, found = local_to_utc(datetime(2024, 7, 15, 14, 0), "NLRTM", "f", "v", "w")
    assert (summer, found) == (datetime(2024, 7, 15, 12, 0, tzinfo=UTC), [])


def test_an_unknown_zone_keeps_utc_with_an_info_finding() -> None:
    moment, (found,) = local_to_utc(datetime(2024, 1, 15, 14, 0), "USSYR", "f", "v", "w")
    assert moment == datetime(2024, 1, 15, 14, 0, tzinfo=UTC)
    assert (found.code, found.severity, found.field, found.value, found.where) == (
        "time.zone_unknown",
        Severity.INFO,
        "f",
        "v",
        "w",
    )
    assert "USSYR" in found.message and "UTC" in found.message
    _, (nowhere,) = local_to_utc(datetime(2024, 1, 15, 14, 0), None, "f", "v", "w")
    assert "no UN/LOCODE" in nowhere.message


def test_the_hour_the_clocks_repeat_or_skip_is_read_with_the_earlier_offset() -> None:
    repeated, (found,) = local_to_utc(datetime(2024, 10, 27, 2, 30), "NLRTM", "f", "v", "w")
    assert repeated == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)  # the first 02:30, summer time
    assert found.code == "time.local_repeated"
    skipped, (found,) = local_to_utc(datetime(2024, 3, 31, 2, 30), "NLRTM", "f", "v", "w")
    assert skipped == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert found.code == "time.local_skipped"


def test_a_fixed_offset_never_repeats() -> None:
    plus_eight = timezone(timedelta(hours=8))
    assert in_zone(datetime(2024, 1, 1, 8), plus_eight, "f", None, None, "X") == (
        datetime(2024, 1, 1, 0, tzinfo=UTC),
        [],
    )
