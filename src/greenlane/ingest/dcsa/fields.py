"""Typed reads from parsed JSON, each naming its JSON pointer when the shape is wrong.

A value of the wrong JSON type (an object where a string belongs) makes the message unreadable:
a ParseError at that pointer. A ``null`` or an empty string reads as absent, since carriers send
``"vesselIMONumber": null`` for "not known". Pointers are only built when needed, so the common
path stays a dict lookup and a type check.
"""

from __future__ import annotations

from typing import Any

from greenlane.errors import ParseError
from greenlane.ingest.base import parse_error
from greenlane.ingest.dcsa.codes import FORMAT

JsonObject = dict[str, Any]


TOP_LEVEL = "top level"
"""The place of an error in the whole document (whose JSON pointer is empty)."""


def fail(message: str, where: str, expected: str | None = None) -> ParseError:
    """The error of an unreadable message; the whole document's JSON pointer (the empty one)
    is named "top level", so that every quarantine names its place."""
    return parse_error(FORMAT, message, where=where or TOP_LEVEL, expected=expected)


def obj(parent: JsonObject | None, key: str, ptr: str) -> JsonObject | None:
    """The object under ``key``; None when absent or null."""
    if parent is None:
        return None
    value = parent.get(key)
    if value is None or isinstance(value, dict):
        return value
    raise fail(f"{key} is {_kind(value)}", f"{ptr}/{key}", "a JSON object")


def arr(parent: JsonObject | None, key: str, ptr: str) -> list[Any]:
    """The array under ``key``; empty when absent or null."""
    if parent is None:
        return []
    value = parent.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise fail(f"{key} is {_kind(value)}", f"{ptr}/{key}", "a JSON array")


def text(parent: JsonObject | None, key: str, ptr: str) -> str | None:
    """The string under ``key``, as received; integers (IMO numbers, voyages) read as digits."""
    if parent is None:
        return None
    value = parent.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        if not value or value.isspace():
            return None
        if "\x00" in value or (not value.isascii() and not _encodable(value)):
            raise fail(
                f"{key} holds a NUL or an unpaired surrogate",
                f"{ptr}/{key}",
                "text of Unicode characters",
            )
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise fail(f"{key} is {_kind(value)}", f"{ptr}/{key}", "a JSON string")


def first(parent: JsonObject | None, keys: tuple[str, ...], ptr: str) -> tuple[str | None, str]:
    """The first of ``keys`` holding a string, and that key (the first key when none does)."""
    for key in keys:
        value = text(parent, key, ptr)
        if value is not None:
            return value, key
    return None, keys[0]


def flag(parent: JsonObject | None, key: str, ptr: str) -> bool:
    """A boolean flag; absent or null is False."""
    if parent is None:
        return False
    value = parent.get(key)
    if value is None or isinstance(value, bool):
        return bool(value)
    raise fail(f"{key} is {_kind(value)}", f"{ptr}/{key}", "true or false")


def item(value: Any, where: str) -> JsonObject:
    """An array element that must be an object."""
    if isinstance(value, dict):
        return value
    raise fail(f"array element is {_kind(value)}", where, "a JSON object")


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null"
