"""Reading the events of a message column by column: the batch paths' building blocks.

A message holds thousands of events of a handful of shapes. Read one event at a time, Python
spends most of its time interpreting the reading (one bytecode loop per key of every event); read
one key at a time over all events (``map(dict.get, rows, repeat(key))``), the loop runs in C and
the Python work is done once per column or once per distinct value.

The batch paths built from these helpers read a list of raw events into a column per canonical
field. Every helper either returns its column or raises ``Reject`` naming the rows (positions in
the batch) it cannot read the way the per-event path would; ``run`` takes those rows out and
reads the rest again. Rejected rows are left to the per-event readers, so rejecting is always
safe: a batch path only has to be right about the rows it keeps.

Columns hold JSON values as ``json.loads`` gives them (dict, list, str, int, float, bool, None).
Tables looked up with ``lookup`` must have keys that no JSON value of another type equals (str
and None keys, or tuples of them): ``True == 1``, so a table keyed by numbers could not tell them
apart.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from itertools import chain, compress, repeat
from operator import attrgetter, is_not, itemgetter
from typing import Any, TypeVar

T = TypeVar("T")

TRIES = 6
"""Reads of one batch at most; each one after the first leaves out rows the last one rejected."""
CHUNK = 512
"""Events read as one batch: every column of a batch is walked in turn, so a batch whose
objects stay in the processor's cache between columns reads faster than a whole message."""

_NONE = type(None)
_TZ = attrgetter("tzinfo")


class Reject(Exception):
    """Rows the batch path leaves to the per-event readers (positions in the batch)."""

    def __init__(self, rows: Iterable[int]) -> None:
        super().__init__()
        self.rows = frozenset(rows)


def run(
    read: Callable[[list[Any]], Sequence[T]], items: list[Any], chunk: int | None = None
) -> list[T | None]:
    """``read`` of every item it accepts, None for those it rejects; ``chunk`` items (CHUNK)
    at a time."""
    chunk = chunk or CHUNK
    if len(items) <= chunk:
        return _run(read, items)
    out: list[T | None] = []
    for start in range(0, len(items), chunk):
        out += _run(read, items[start : start + chunk])
    return out


def _run(read: Callable[[list[Any]], Sequence[T]], items: list[Any]) -> list[T | None]:
    n = len(items)
    rows: list[int] = list(range(n))
    for _ in range(TRIES):
        if not rows:
            break
        batch = items if len(rows) == n else list(map(items.__getitem__, rows))
        try:
            done = read(batch)
        except Reject as reject:
            if not reject.rows:  # nothing named: no progress possible
                break
            rows = [row for j, row in enumerate(rows) if j not in reject.rows]
            continue
        if len(rows) == n:
            return list(done)
        out: list[T | None] = [None] * n
        deque(map(out.__setitem__, rows, done), 0)
        return out
    return [None] * n


def rows_where(column: Sequence[Any], bad: Callable[[Any], bool]) -> Reject:
    """A Reject of the rows whose value is bad (the slow path: once per failing check)."""
    return Reject(j for j, value in enumerate(column) if bad(value))


def objects(column: list[Any], *, optional: bool = True) -> list[Any]:
    """The column, when each row is a JSON object (or null or absent, when optional)."""
    allowed = {dict, _NONE} if optional else {dict}
    if set(map(type, column)) <= allowed:
        return column
    raise rows_where(column, lambda value: type(value) not in allowed)


def of_types(column: list[Any], allowed: Collection[type]) -> list[Any]:
    """The column, when each value's type is one of ``allowed`` (exactly: bool is not int)."""
    if set(map(type, column)) <= set(allowed):
        return column
    raise rows_where(column, lambda value: type(value) not in allowed)


def get(rows: list[Any], key: str) -> list[Any]:
    """``row.get(key)`` of each row; each row must be an object."""
    try:
        return list(map(dict.get, rows, repeat(key)))
    except TypeError:
        raise rows_where(rows, lambda row: type(row) is not dict) from None


def fields(rows: list[Any], keys: Sequence[str]) -> list[Any]:
    """``get(rows, key)`` of each key; in one pass when every row holds every key (the
    columns are then tuples)."""
    if len(keys) > 1 and rows:
        try:
            return list(zip(*map(itemgetter(*keys), rows), strict=True))
        except (KeyError, TypeError):  # a key missing somewhere, or a row not an object
            pass
    return [get(rows, key) for key in keys]


def lacking(rows: list[Any], keys: frozenset[str]) -> bool:
    """True when no row (objects, or None) holds any of ``keys``."""
    if None in rows:
        rows = [() if row is None else row for row in rows]
    return all(map(keys.isdisjoint, rows))


def dig(rows: list[Any], key: str) -> list[Any]:
    """``row.get(key)`` of each row that is an object, None for the others (checked objects)."""
    if None not in rows:
        return get(rows, key)
    return [None if row is None else row.get(key) for row in rows]


def coalesce(column: list[Any], rows: list[Any], key: str) -> list[Any]:
    """The column, with ``row.get(key)`` where it is None (``rows``: checked objects or None)."""
    if None not in column:
        return column
    other = dig(rows, key)
    if other.count(None) == len(other):
        return column
    return [
        value if value is not None else alternative
        for value, alternative in zip(column, other, strict=True)
    ]


def split(column: list[Any]) -> tuple[list[int] | None, list[Any]]:
    """(positions of the values that are not None, those values); positions is None when no
    value is None, so that the common case costs nothing."""
    if None not in column:
        return None, column
    keep = present(column)
    return list(compress(range(len(column)), keep)), list(compress(column, keep))


def within(outer: list[int] | None, inner: list[int] | None) -> list[int] | None:
    """The positions in the whole batch of rows picked by ``inner`` among those of ``outer``."""
    if inner is None:
        return outer
    if outer is None:
        return inner
    return list(map(outer.__getitem__, inner))


def part(positions: list[int] | None, read: Callable[[list[Any]], T], rows: list[Any]) -> T:
    """``read(rows)``, rows being those at ``positions`` of the batch: its rejects named by
    their positions in the batch."""
    if positions is None:
        return read(rows)
    try:
        return read(rows)
    except Reject as reject:
        raise Reject(positions[j] for j in reject.rows) from None


def spread(positions: list[int] | None, values: list[Any], n: int, fill: Any = None) -> list[Any]:
    """A column of n rows: ``values`` at ``positions`` (from ``split``), ``fill`` elsewhere."""
    if positions is None:
        return values
    out = [fill] * n
    deque(map(out.__setitem__, positions, values), 0)
    return out


def present(column: list[Any]) -> list[bool]:
    """Whether each value is not None."""
    return list(map(is_not, column, repeat(None)))


def hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _has(table: Mapping[Any, Any], value: Any) -> bool:
    try:
        return value in table
    except TypeError:  # unhashable
        return False


def lookup(table: Mapping[Any, T], column: Iterable[Any]) -> list[T]:
    """``table[value]`` of each row; rows whose value is not a key are rejected."""
    values = column if isinstance(column, list) else list(column)
    try:
        return list(map(table.__getitem__, values))
    except (KeyError, TypeError):
        raise rows_where(values, lambda value: not _has(table, value)) from None


def _text_ok(value: Any) -> bool:
    return value is None or (
        type(value) is str
        and value.isascii()
        and bool(value)
        and not value.isspace()
        and "\x00" not in value
    )


def _texts_pass(values: list[Any]) -> bool:
    try:
        joined = "".join(values)
    except TypeError:  # a value that is not a string
        return False
    if not (joined.isascii() and all(values)):
        return False
    if " " not in joined and joined.isprintable():  # no whitespace, no NUL in any value
        return True
    return "\x00" not in joined and not any(map(str.isspace, values))


def texts(*columns: list[Any], repeating: Sequence[list[Any]] = ()) -> None:
    """Every value that is not None is an ASCII string, not empty, not blank, without NUL:
    free text any reader takes as it is. ``repeating`` columns hold few distinct values, each
    checked once."""
    values = list(chain.from_iterable(columns)) if len(columns) != 1 else columns[0]
    passed = False
    try:
        if repeating:
            values = [*values, *dict.fromkeys(chain.from_iterable(repeating))]
        if None in values:
            values = list(compress(values, present(values)))
        passed = _texts_pass(values)
    except TypeError:  # an unhashable value, which is no text
        pass
    if passed:
        return
    bad: set[int] = set()
    for column in (*columns, *repeating):
        bad.update(j for j, value in enumerate(column) if not _text_ok(value))
    raise Reject(bad)


def moments(values: list[Any]) -> list[datetime]:
    """The times in UTC; each must be an ISO 8601 date-time with its offset."""
    try:
        parsed = list(map(datetime.fromisoformat, values))
    except (TypeError, ValueError):
        raise rows_where(values, lambda value: not _is_time(value)) from None
    if None in map(_TZ, parsed):
        raise rows_where(parsed, lambda moment: moment.tzinfo is None)
    try:
        return list(map(datetime.astimezone, parsed, repeat(UTC)))
    except OverflowError:
        raise rows_where(parsed, lambda moment: not _in_range(moment)) from None


def _is_time(value: Any) -> bool:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _in_range(moment: datetime) -> bool:
    try:
        moment.astimezone(UTC)
    except OverflowError:
        return False
    return True


def builder(cls: type[T]) -> Callable[..., list[T]]:
    """A function making records of the frozen, slotted dataclass ``cls`` from one column per
    field (in field order), as ``list(map(cls, *columns))`` would, at under half the cost.

    The dataclass ``__init__`` of a frozen record sets each field with ``object.__setattr__``;
    here each column is stored straight through its slot, in C, on instances made with
    ``object.__new__``. That is all ``__init__`` does for a class without ``__post_init__``,
    init-only or non-init fields, which is checked here, once.
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = [f.name for f in fields]
    if (
        not dataclasses.is_dataclass(cls)
        or hasattr(cls, "__post_init__")
        or not all(f.init for f in fields)
        or tuple(names) != tuple(getattr(cls, "__slots__", ()))
        or any(type(cls.__dict__.get(name)).__name__ != "member_descriptor" for name in names)
    ):
        raise TypeError(f"{cls.__name__} cannot be built from columns")
    setters = [cls.__dict__[name].__set__ for name in names]
    new = object.__new__

    def build(*columns: Iterable[Any]) -> list[T]:
        if len(columns) != len(setters):
            raise TypeError(f"{cls.__name__} has {len(setters)} fields, got {len(columns)}")
        records: list[T] = []
        for setter, column in zip(setters, columns, strict=True):
            if not records:
                values = list(column)
                records = list(map(new, repeat(cls, len(values))))
                deque(map(setter, records, values), 0)
            else:
                deque(map(setter, records, column), 0)
        return records

    return build


def flat(columns: Iterable[Iterable[Any]]) -> list[Any]:
    """The values of several lists, one after the other."""
    return list(chain.from_iterable(columns))
