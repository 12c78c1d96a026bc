"""Dates of birth as the lists write them, to ISO 8601 with the precision they were given.

"28 Jul 1963" gives ``1963-07-28``, "Jul 1963" ``1963-07``, "circa 1960" and "1960" ``1960``,
"1960 to 1962" both years, "1936-07-01" stays as it is. Screening compares by prefix, so a
year matches any day in it.
"""

from __future__ import annotations

import re

MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}

_MONTH = "|".join(MONTHS)
_DATE = re.compile(
    r"(?P<iso>\b\d{4}-\d{2}(?:-\d{2})?\b)"
    r"|(?:\b(?P<day>\d{1,2})\s+)?\b(?P<month>" + _MONTH + r")[a-z]*\.?\s+(?P<year>\d{4})\b"
    r"|(?P<only>\b\d{4}\b)",
    re.IGNORECASE,
)


def iso_dates(text: str) -> list[str]:
    """Every date in ``text``, in order, as ISO 8601 strings of their own precision."""
    found: list[str] = []
    for match in _DATE.finditer(text):
        if match["iso"]:
            value = match["iso"]
        elif match["year"]:
            month = MONTHS[match["month"].casefold()]
            value = f"{match['year']}-{month:02d}"
            if match["day"]:
                value += f"-{int(match['day']):02d}"
        else:
            value = match["only"]
        if value not in found:
            found.append(value)
    return found


def year_range(first: str, last: str) -> list[str]:
    """The years from ``first`` to ``last``; only the two ends when the span is over ten years."""
    if not (first.isdigit() and last.isdigit()):
        return [y for y in (first, last) if y]
    start, end = int(first), int(last)
    if end < start or end - start > 10:
        return [first, last] if first != last else [first]
    return [str(y) for y in range(start, end + 1)]
