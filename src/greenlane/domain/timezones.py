"""The time zone of a place named by its UN/LOCODE, and clock readings made there as UTC.

EDIFACT and X12 times mostly carry no zone: terminals and carriers write the local time of the
place where the move happened. Reading them as UTC would put events hours off.

The zone of a place, first way that works:

1. the port's coordinates (``greenlane.domain.ports``: searoute's sea ports, the user's file)
   looked up in the time zone boundaries that ``timezonefinder`` ships (offline). Port points
   often lie in the water (berth, fairway); then the land zone nearest around the point, within
   about 45 km, is taken, a zone of the port's own country first;
2. the country (the first two letters of the code) when all its zones keep the same clock;
3. none: the caller keeps UTC and a finding says so.

Lookups are remembered per code, so a message costs a dictionary look-up per place.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import TZPATH, ZoneInfo, ZoneInfoNotFoundError

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

# Rings of points around a port in the water: 0.05 to 0.4 degrees (about 5 to 45 km), 8 ways.
_RINGS = (0.05, 0.1, 0.2, 0.4)
_WAYS = ((0, 1), (1, 0), (0, -1), (-1, 0), (1, 1), (1, -1), (-1, 1), (-1, -1))
# Instants on which a country's zones must agree to count as one clock.
_CHECK_YEARS = range(2000, 2038)


@lru_cache(maxsize=1)
def _finder() -> TimezoneFinder:
    from timezonefinder import TimezoneFinder  # imported on first use: its data is large

    return TimezoneFinder()


def _tab_lines(name: str) -> Iterator[list[str]]:
    """Rows of an IANA table (zone.tab, zone1970.tab): from tzdata, else the system database."""
    text = ""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        for folder in TZPATH:
            path = Path(folder) / name
            if path.is_file():
                text = path.read_text("utf-8")
                break
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def _country_zones() -> dict[str, tuple[str, ...]]:
    """ISO 3166 country to its zones, the country's own (zone.tab) before shared ones."""
    found: dict[str, list[str]] = {}
    for name in ("zone.tab", "zone1970.tab"):
        for row in _tab_lines(name):
            if len(row) < 3:
                continue
            for country in row[0].split(","):
                zones = found.setdefault(country, [])
                if row[2] not in zones:
                    zones.append(row[2])
    return {country: tuple(zones) for country, zones in found.items()}


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _offsets(zone: ZoneInfo) -> tuple[object, ...]:
    return tuple(
        datetime(year, month, 1, 12, tzinfo=zone).utcoffset()
        for year in _CHECK_YEARS
        for month in (1, 7)
    )


@lru_cache(maxsize=512)
def country_zone(country: str) -> str | None:
    """The zone of a country whose zones all keep one clock (winter and summer, 2000-2037)."""
    zones = [z for z in (_zone(n) for n in _country_zones().get(country.upper(), ())) if z]
    if not zones:
        return None
    first = _offsets(zones[0])
    if any(_offsets(zone) != first for zone in zones[1:]):
        return None
    return zones[0].key


def _land_zone(latitude: float, longitude: float, country: str) -> str | None:
    finder = _finder()
    own = set(_country_zones().get(country, ()))
    at_point = finder.timezone_at_land(lng=longitude, lat=latitude)
    if at_point is not None and (at_point in own or not own):
        return at_point
    foreign = at_point
    for radius in _RINGS:
        for dy, dx in _WAYS:
            lat = max(-90.0, min(90.0, latitude + dy * radius))
            lng = (longitude + dx * radius + 180.0) % 360.0 - 180.0
            near = finder.timezone_at_land(lng=lng, lat=lat)
            if near is not None and near in own:
                return near
            foreign = foreign or near
    # A point whose only land nearby is another country's (a border river, say): the country's
    # single clock is surer than the neighbour's; else the neighbour's is the best there is.
    return country_zone(country) or foreign


@lru_cache(maxsize=8192)
def zone_name(unlocode: str) -> str | None:
    """The IANA zone of a UN/LOCODE, or None when neither the port table nor the country says."""
    from greenlane.domain.ports import port_table

    code = unlocode.strip().upper()
    if len(code) != 5 or not code[:2].isalpha():
        return None
    port = port_table().get(code)
    country = (port.country if port else code[:2]).upper()
    if port is not None and port.latitude is not None and port.longitude is not None:
        found = _land_zone(port.latitude, port.longitude, country)
        if found is not None and _zone(found) is not None:
            return found
    return country_zone(country)


def zone_of(unlocode: str | None) -> ZoneInfo | None:
    name = zone_name(unlocode) if unlocode else None
    return _zone(name) if name else None


def _finding(
    code: str, message: str, fld: str, value: str | None, where: str | None
) -> list[DataQualityFinding]:
    return [DataQualityFinding(code, message, fld, value, Severity.INFO, where)]


def in_zone(
    wall: datetime, zone: tzinfo, fld: str, value: str | None, where: str | None, place: str
) -> tuple[datetime, list[DataQualityFinding]]:
    """A wall-clock reading (naive) in ``zone`` as UTC; the hour a change of clocks repeats or
    skips is read with the offset in force before the change, and a finding says so."""
    first = wall.replace(tzinfo=zone, fold=0)
    try:
        moment = first.astimezone(UTC)
        back = moment.astimezone(zone).replace(tzinfo=None)
    except OverflowError:  # the first or last hours of the calendar: nonsense, but no crash
        return wall.replace(tzinfo=UTC), _finding(
            "time.out_of_range",
            f"{wall:%Y-%m-%d %H:%M} ({place}) cannot be moved to UTC; taken as UTC",
            fld,
            value,
            where,
        )
    if first.utcoffset() == wall.replace(tzinfo=zone, fold=1).utcoffset():
        return moment, []
    name = getattr(zone, "key", str(zone))
    if back == wall:
        return moment, _finding(
            "time.local_repeated",
            f"{wall:%Y-%m-%d %H:%M} happens twice at {place} ({name}) as the clocks go back; "
            "read as the first",
            fld,
            value,
            where,
        )
    return moment, _finding(
        "time.local_skipped",
        f"{wall:%Y-%m-%d %H:%M} does not exist at {place} ({name}): the clocks go forward then; "
        "read with the offset before the change",
        fld,
        value,
        where,
    )


def local_to_utc(
    wall: datetime, unlocode: str | None, fld: str, value: str | None, where: str | None
) -> tuple[datetime, list[DataQualityFinding]]:
    """A clock reading without zone, made at ``unlocode``, as UTC with any findings.

    Where the place or its zone is unknown the time is taken as UTC, as before, with an INFO
    finding, so that a reader of the record knows it may be hours off.
    """
    wall = wall.replace(tzinfo=None)
    zone = zone_of(unlocode)
    if zone is not None:
        return in_zone(wall, zone, fld, value, where, unlocode or "")
    why = (
        f"the time zone of {unlocode} is not known"
        if unlocode
        else "no UN/LOCODE says where this time was taken"
    )
    return wall.replace(tzinfo=UTC), _finding(
        "time.zone_unknown",
        f"{wall:%Y-%m-%d %H:%M} carries no time zone and {why}; taken as UTC",
        fld,
        value,
        where,
    )
