"""Limits a message is held to before an adapter builds anything from it.

Size is checked while the bytes are read, so an oversized file is never held in memory; JSON
nesting depth and the length of a number are checked as the JSON is decoded, so a hostile
document is refused with its place instead of exhausting the stack or the CPU. The limits are
settings (``GREENLANE_MAX_MESSAGE_BYTES``, ``GREENLANE_MAX_JSON_DEPTH``,
``GREENLANE_MAX_NUMBER_DIGITS``); docs/formats.md lists them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import IO, Any

from greenlane.errors import ParseError
from greenlane.settings import get_settings

_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Oversized:
    """A message read to its end without being kept: what the archive records of it."""

    content_hash: str
    size: int
    limit: int

    @property
    def reason(self) -> str:
        return f"message of {self.size:,} bytes is over the limit of {self.limit:,}"


def read_limited(stream: IO[bytes], max_bytes: int) -> bytes | Oversized:
    """The bytes of ``stream``, or, past ``max_bytes``, only their hash and size (the rest is
    read in chunks and dropped, so memory stays at the limit)."""
    kept: list[bytes] = []
    size = 0
    digest = hashlib.sha256()
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        digest.update(chunk)
        if size <= max_bytes:
            kept.append(chunk)
        elif kept:
            kept.clear()
    if size > max_bytes:
        return Oversized(digest.hexdigest(), size, max_bytes)
    return b"".join(kept)


def oversized(content: bytes, max_bytes: int) -> Oversized | None:
    if len(content) <= max_bytes:
        return None
    return Oversized(hashlib.sha256(content).hexdigest(), len(content), max_bytes)


def _checked(fmt: str, max_digits: int, convert: Any) -> Any:
    def number(text: str) -> Any:
        if len(text) > max_digits:
            raise ParseError(
                f"{fmt}: a number of {len(text):,} characters is over the limit of {max_digits}",
                where=f"the number starting {text[:12]}",
                expected=f"at most {max_digits} characters (GREENLANE_MAX_NUMBER_DIGITS)",
            )
        return convert(text)

    return number


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _deepest(text: str, max_depth: int) -> tuple[int, int] | None:
    """Line and column where the nesting first goes past ``max_depth``."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > max_depth:
                start = match.start()
                line = text.count("\n", 0, start) + 1
                return line, start - (text.rfind("\n", 0, start) + 1) + 1
        elif token in "]}":
            depth -= 1
    return None


def _depth(value: Any) -> int:
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _too_deep(fmt: str, text: str, max_depth: int) -> ParseError:
    place = _deepest(text, max_depth)
    return ParseError(
        f"{fmt}: JSON nested deeper than {max_depth} levels",
        where=f"line {place[0]} column {place[1]}" if place else "whole message",
        expected=f"at most {max_depth} nested objects and arrays (GREENLANE_MAX_JSON_DEPTH)",
    )


def load_json(text: str, fmt: str) -> Any:
    """``json.loads`` held to the nesting and number limits; a JSONDecodeError is left for the
    adapter to name, every other failure is a ParseError with its place."""
    settings = get_settings()
    digits = settings.max_number_digits
    try:
        data = json.loads(
            text, parse_int=_checked(fmt, digits, int), parse_float=_checked(fmt, digits, float)
        )
    except RecursionError:
        raise _too_deep(fmt, text, settings.max_json_depth) from None
    if _depth(data) > settings.max_json_depth:
        raise _too_deep(fmt, text, settings.max_json_depth)
    return data
