"""Text checked once at the edge, whatever adapter read it: every string of every record.

JSON escapes let a sender write a lone surrogate (``"\\ud800"``), which no database can encode,
and a NUL character, which PostgreSQL refuses in text. Both are found here, before anything is
stored, and named by the record field that holds them, the same for every adapter. So is an
integer beyond the 64 bits a database column holds (a count of 10^30 packages).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage

# A lone surrogate or a NUL: the characters no store can keep as text.
_BAD = re.compile("[\ud800-\udfff\x00]")
_KINDS = ("filings", "events", "inspections", "memberships", "findings")
_INT64 = 2**63


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _strings(value: Any, path: str) -> Iterator[tuple[str, str | int]]:
    """Every string and integer under ``value`` with the path of the field that holds it."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str | int) and not isinstance(item, bool):
            yield where, item
        elif isinstance(item, tuple | list):
            stack.extend(reversed([(v, f"{where}[{i}]") for i, v in enumerate(item)]))
        elif isinstance(item, dict):
            stack.extend((v, f"{where}.{k}") for k, v in item.items())
            stack.extend((k, f"{where} key") for k in item if isinstance(k, str))
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            names = _field_names(type(item))
            stack.extend((getattr(item, n), f"{where}.{n}") for n in reversed(names))


def bad_text(parsed: ParsedMessage) -> ParseError | None:
    """The first string of the records that holds a lone surrogate or a NUL, as a ParseError
    naming the field; None when all the text can be stored."""
    for kind in _KINDS:
        for where, text in _strings(getattr(parsed, kind), kind):
            if isinstance(text, int):
                if not -_INT64 <= text < _INT64:
                    return ParseError(
                        f"{parsed.format}: the number {str(text)[:20]}... is too large to store",
                        where=f"record field {where}",
                        expected="a whole number within 64 bits (under 9.2 * 10^18)",
                    )
                continue
            found = _BAD.search(text)
            if found is None:
                continue
            char = found.group()
            what = "a NUL character" if char == "\x00" else f"a lone surrogate U+{ord(char):04X}"
            return ParseError(
                f"{parsed.format}: text holds {what}, which cannot be stored",
                where=f"record field {where}",
                expected="text of Unicode characters (surrogate escapes only in pairs, no NUL)",
            )
    return None
