"""Reading X12 element values: dates, times, numbers, masses, equipment numbers, free text.

Nothing here raises: a value that does not read returns None and the caller decides whether that
is a finding (an optional value) or a ParseError (a value the record cannot do without).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding
from greenlane.domain.timezones import in_zone, local_to_utc, zone_of
from greenlane.ingest.base import is_digits
from greenlane.ingest.x12.codes import (
    FIXED_TIME_CODES,
    LOCAL_TIME,
    SEASONAL_TIME_CODES,
    WEIGHT_UNITS_KG,
)

_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_HS_IN_TEXT = re.compile(
    r"(?:\bHS\b|\bHTS\b|\bNCM\b|\bCODE\b|\bTARIFF\b)\s*(?:CODE\b|NO\b\.?|NUMBER\b)?\s*[:#]?\s*"
    r"(\d{4}\.?\d{2}(?:\.?\d{2}){0,2})(?![\d.]*\d)",
    re.IGNORECASE | re.ASCII,
)
_UNLOCODE = re.compile(r"[A-Z]{2}[A-Z2-9]{3}")


def parse_date(text: str) -> date | None:
    """CCYYMMDD (X12 4010 onwards) or YYMMDD (older releases and the ISA)."""
    if not (text.isascii() and text.isdigit()):
        return None
    try:
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 6:
            year = int(text[:2])
            return date(1900 + year if year >= 69 else 2000 + year, int(text[2:4]), int(text[4:]))
    except ValueError:
        return None
    return None


def parse_time(text: str) -> time | None:
    """HHMM, HHMMSS or HHMMSSd..d (decimal seconds)."""
    if not (text.isascii() and text.isdigit()) or len(text) < 4 or len(text) == 5:
        return None
    try:
        second = int(text[4:6]) if len(text) >= 6 else 0
        micro = int((text[6:] + "000000")[:6]) if len(text) > 6 else 0
        return time(int(text[:2]), int(text[2:4]), second, micro)
    except ValueError:
        return None


def wall_clock(date_text: str, time_text: str = "") -> datetime | None:
    """A date and optional time as written (naive): midnight when there is no time."""
    day = parse_date(date_text)
    if day is None:
        return None
    clock = parse_time(time_text) if time_text else time(0)
    if clock is None:
        return None
    return datetime.combine(day, clock)


def moment(date_text: str, time_text: str = "") -> datetime | None:
    """A date and optional time as UTC: for the envelope (ISA, GS), which says when the message
    was put together, not where; event and port times go through ``zoned_moment``."""
    wall = wall_clock(date_text, time_text)
    return wall.replace(tzinfo=UTC) if wall is not None else None


def zoned_moment(
    wall: datetime, time_code: str, place: str | None, fld: str, value: str, where: str
) -> tuple[datetime, list[DataQualityFinding]]:
    """A date and time read in the zone its 623 time code names; LT, no code or an unknown code
    is the local time at UN/LOCODE ``place`` (UTC with a finding when that zone is unknown)."""
    code = time_code.strip().upper()
    if code in FIXED_TIME_CODES:
        offset = timezone(timedelta(hours=FIXED_TIME_CODES[code]))
        return in_zone(wall, offset, fld, value, where, f"time code {code}")
    if code in SEASONAL_TIME_CODES:
        named = ZoneInfo(SEASONAL_TIME_CODES[code])
        own = zone_of(place)
        winter = datetime(wall.year, 1, 15)
        if own is not None and own.utcoffset(winter) == named.utcoffset(winter):
            named = own
        return in_zone(wall, named, fld, value, where, place or code)
    found: list[DataQualityFinding] = []
    if code and code != LOCAL_TIME:
        found.append(
            finding(
                "x12.time_code",
                f"time code {code!r} is not an X12 time code (element 623); read as local time "
                "of the place",
                fld,
                where,
                time_code,
            )
        )
    instant, more = local_to_utc(wall, place, fld, value, where)
    return instant, found + more


def number(text: str) -> float | None:
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def count(text: str) -> int | None:
    value = number(text)
    if value is None or value != int(value):
        return None
    return int(value)


def mass_kg(text: str, unit: str) -> float | None:
    """A weight in kilograms; None when the number or the unit (K, L) does not read."""
    value = number(text)
    factor = WEIGHT_UNITS_KG.get(unit or "K")  # the unit is conditional; kilograms by default
    if value is None or factor is None:
        return None
    return value * factor


def equipment_number(initial: str, serial: str, check: str) -> str | None:
    """Owner prefix + serial, plus the separate check digit when the serial lacks it.

    X12 splits the ISO 6346 number (``GMCU`` + ``609413`` + check digit ``7``); the number is
    rebuilt as sent so that a wrong check digit stays visible to the ISO 6346 check.
    """
    if not initial and not serial:
        return None
    if check and len(serial) == 6 and is_digits(serial):
        return f"{initial}{serial}{check}"
    return f"{initial}{serial}"


def check_digit_conflict(serial: str, check: str) -> bool:
    """The serial already ends in a check digit and the check digit element says another."""
    return bool(check) and len(serial) == 7 and is_digits(serial) and serial[-1] != check


def join_pieces(pieces: Iterable[str], width: int) -> str:
    """Free text split over repeated segments; a piece that fills the element was cut mid-word."""
    text = previous = ""
    for piece in pieces:
        if not piece:
            continue
        if text and len(previous) < width:
            text += " "
        text += piece
        previous = piece
    return text


def hs_in_text(text: str) -> str | None:
    """An HS code written in free text after a keyword (``WHT CODE: 4411.1400``, ``HS 441114``)."""
    match = _HS_IN_TEXT.search(text)
    return match.group(1) if match else None


def is_unlocode(text: str) -> bool:
    return bool(_UNLOCODE.fullmatch(text))


def finding(
    code: str,
    message: str,
    field: str,
    where: str,
    value: str | None = None,
    severity: Severity = Severity.INFO,
) -> DataQualityFinding:
    return DataQualityFinding(code, message, field, value, severity, where)


_LAST_STEP = re.compile(r"(?:\.[^.\[\]]+|\[[^\]]*\])$")


def located(
    findings: Iterable[DataQualityFinding], places: Mapping[str, str], default: str
) -> list[DataQualityFinding]:
    """Give validator findings the segment and element their value came from.

    ``places`` maps record field paths (``containers[0].number``) to message places; a field
    without its own place takes the nearest parent's, then ``default``.
    """
    out = []
    for item in findings:
        key = item.field
        where = default
        while key:
            if key in places:
                where = places[key]
                break
            shorter = _LAST_STEP.sub("", key)
            key = "" if shorter == key else shorter
        out.append(replace(item, where=where))
    return out
