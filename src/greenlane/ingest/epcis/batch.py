"""The batch path: the plain events of a document read column by column.

The fast path (``fast``) reads one event at a time; this reads a key at a time over the events
of a document (see ``greenlane.ingest.columns``), which is what lets ingest keep pace with JSON
parsing. It takes the events ``fast`` takes that make one record (one container, or the vessel
alone), with at most one business transaction, source and destination each, in documents that
write greenlane's extension keys one way; every other event is rejected and read by ``fast``
and, failing that, by the careful reader and the mapper.

The work done once per distinct value (bizStep and disposition, EPC list, places, business
transactions, seals) is ``fast``'s own, through its caches, so a value is read the same way on
both paths. For each event it keeps, ``read_batch`` gives the record ``FastReader.read`` gives;
a property test checks this on mutated events. It keeps only records the mapper finds nothing
in (``Mapper.rows_with_findings``), so a document read whole by it is done.
"""

from __future__ import annotations

from collections import Counter
from itertools import islice, repeat
from operator import is_, itemgetter
from typing import Any

from greenlane.ingest import columns as col
from greenlane.ingest.epcis.extensions import read_seal
from greenlane.ingest.epcis.fast import _NOWHERE, FastReader, _GiveUp, _Shape
from greenlane.ingest.epcis.mapping import SOURCE
from greenlane.ingest.epcis.reader import ACTIONS
from greenlane.model.codes import EventType
from greenlane.model.records import Event, SealReading

_GIVE_UP = (_GiveUp, LookupError, TypeError, ValueError, AttributeError, OverflowError)
_ACTIONS = dict.fromkeys(ACTIONS, True)
_EVENT_TYPES: dict[str | None, EventType | None] = {None: None}
_EVENT_TYPES.update({t.value: t for t in EventType})
_NONE = type(None)
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_events = col.builder(Event)
UNREAD = SealReading("")
"""What stands for a seal ``fast`` does not read: its empty number is a finding the mapper
always makes, so the event is left to the fast path."""


def read_batch(items: list[Any], fast: FastReader) -> list[Event | None]:
    """The one record ``fast.read`` gives for each item (None where this path leaves it)."""
    return col.run(lambda rows: _read(rows, fast), items)


def _shapes(
    rows: list[Any], fast: FastReader
) -> tuple[list[Any], Counter[Any], dict[Any, _Shape], list[object], str]:
    """Each row's key sequence, the shape ``fast`` gives each distinct one, the keys read (one
    per standard and extension field) and the prefix of the keys inside seals. Rows whose shape
    ``fast`` refuses, or that write an extension field or seal keys another way than the rows
    before them, are rejected."""
    col.objects(rows, optional=False)
    sequences = list(map(tuple, rows))
    counts = Counter(sequences)
    shapes: dict[Any, _Shape] = {}
    keys: list[object] = []
    prefix = ""
    refused = set()
    for sequence in counts:
        shape = fast._shapes.get(sequence, _UNSEEN)
        if shape is _UNSEEN:
            shape = fast._shapes[sequence] = fast._shape(sequence)
        if shape is None:
            refused.add(sequence)
            continue
        if not keys:
            keys, prefix = list(shape.keys), shape.prefix
        if (shape.prefix and prefix and shape.prefix != prefix) or any(
            mine is not _NOWHERE and theirs is not _NOWHERE and mine != theirs
            for mine, theirs in zip(keys, shape.keys, strict=True)
        ):
            refused.add(sequence)
            continue
        keys = [
            theirs if mine is _NOWHERE else mine
            for mine, theirs in zip(keys, shape.keys, strict=True)
        ]
        prefix = prefix or shape.prefix
        shapes[sequence] = shape
    if refused:
        raise col.rows_where(sequences, refused.__contains__)
    return sequences, counts, shapes, keys, prefix


_UNSEEN = _Shape((), (), "")


def _read(rows: list[Any], fast: FastReader) -> list[Event | None]:
    n = len(rows)
    sequences, counts, shapes, keys, prefix = _shapes(rows, fast)

    # Each field read, and of the one JSON type its shape says (null where it says absent).
    # The fields every row has are read in one pass, the others one at a time.
    absent = [
        sum(counts[s] for s, shape in shapes.items() if shape.types[k] is _NONE)
        for k in range(len(keys))
    ]
    everywhere = [k for k in range(len(keys)) if absent[k] == 0]
    values: list[Any] = [None] * len(keys)
    if len(everywhere) > 1:
        columns = zip(*map(itemgetter(*(keys[k] for k in everywhere)), rows), strict=True)
        for k, each in zip(everywhere, columns, strict=True):
            values[k] = each
    for k, key in enumerate(keys):
        if absent[k] == n:
            values[k] = [None] * n
            continue
        column: Any = values[k]
        if column is None:
            column = values[k] = col.get(rows, key)  # type: ignore[arg-type]
        kinds = {shape.types[k] for shape in shapes.values()}
        if not (set(map(type, column)) <= kinds and column.count(None) == absent[k]):
            raise col.Reject(
                j
                for j, (value, sequence) in enumerate(zip(column, sequences, strict=True))
                if type(value) is not shapes[sequence].types[k]
            )
    (kinds_, actions, event_ids, times, objects, biz_steps, dispositions, biz_locations,
     read_points, transactions, sources, destinations,
     type_names, ext_ids, ext_imos, vessel_names, voyages, full, listed, transshipment,
     ) = values  # fmt: skip

    if kinds_.count("ObjectEvent") != n:
        raise col.rows_where(kinds_, "ObjectEvent".__ne__)
    col.lookup(_ACTIONS, actions)
    if not all(event_ids):
        raise col.rows_where(event_ids, lambda value: not value)
    moments = col.moments(times)
    event_types = _event_types(biz_steps, dispositions, type_names, fast)
    containers, vessels = _subjects(objects, fast)
    unlocodes, facilities, place_vessels = _places(biz_locations, read_points, fast)
    bills, elsewhere = _links(transactions, 0, fast)
    for which, column in ((1, sources), (2, destinations)):  # a destination comes last
        named = _links(column, which, fast)[1]
        if named.count(None) != n:
            elsewhere = [e if v is None else v for e, v in zip(elsewhere, named, strict=True)]
    seals = _seals(listed, prefix, fast)

    # mapping's ``or`` chains: the last term is the result when all are falsy
    chain = zip(ext_imos, vessels, place_vessels, elsewhere, strict=True)
    vessel = [a or b or c or d for a, b, c, d in chain]
    if ext_ids.count(None) == n and all(event_ids):
        base_ids = event_ids
    else:
        base_ids = [a or b for a, b in zip(ext_ids, event_ids, strict=True)]
    records = _events(
        base_ids,
        event_types,
        moments,
        containers,
        unlocodes,
        facilities,
        vessel,
        vessel_names,
        voyages,
        bills,
        full,
        seals,
        list(map(is_, transshipment, repeat(True))),
        repeat(SOURCE),
        repeat(fast.source_message),
    )
    read: list[Event | None] = records  # type: ignore[assignment]
    for j in fast.mapper.rows_with_findings(records):  # the mapper says what, event by event
        read[j] = None
    return read


def _event_types(
    biz_steps: list[Any], dispositions: list[Any], type_names: list[Any], fast: FastReader
) -> list[EventType]:
    """The event type of each row: greenlane's own, else what the CBV terms give."""
    pairs = list(zip(biz_steps, dispositions, strict=True))
    table: dict[tuple[Any, Any], EventType | None] = {}
    refused = set()
    for pair in dict.fromkeys(pairs):
        found = fast._steps.get(pair)
        if found is None:
            found = fast._steps[pair] = fast._milestone(*pair)
        standard, step = found
        if standard:
            table[pair] = step
        else:
            refused.add(pair)
    if refused:
        raise col.rows_where(pairs, refused.__contains__)
    steps = list(map(table.__getitem__, pairs))
    if type_names.count(None) == len(type_names):
        kinds = steps
    else:
        named = col.lookup(_EVENT_TYPES, type_names)
        kinds = [s if t is None else t for t, s in zip(named, steps, strict=True)]
    if None in kinds:  # no milestone: the careful path says so
        raise col.rows_where(kinds, lambda kind: kind is None)
    return kinds  # type: ignore[return-value]


def _subjects(objects: list[Any], fast: FastReader) -> tuple[list[Any], list[Any]]:
    """The container (one at most) and the first vessel of each epcList."""
    keys = list(map(tuple, objects))
    found = _cached(keys, fast._subjects, fast._subjects_of, list)
    containers, vessels = zip(*map(found.__getitem__, keys), strict=True)
    sizes = list(map(len, containers))
    if sizes.count(1) == len(sizes):
        return list(map(_FIRST, containers)), vessels  # type: ignore[return-value]
    if max(sizes) > 1:
        raise col.rows_where(containers, lambda each: len(each) > 1)
    return [each[0] if each else None for each in containers], vessels  # type: ignore[return-value]


def _cached(keys: list[Any], cache: dict[Any, Any], compute: Any, arg: Any) -> dict[Any, Any]:
    """``cache`` holding a value for each distinct key (computed from ``arg(key)`` where new);
    rows whose key is unhashable or cannot be read are rejected."""
    try:
        distinct = dict.fromkeys(keys)
    except TypeError:
        raise col.rows_where(keys, lambda key: not col.hashable(key)) from None
    refused = set()
    for key in distinct:
        if key not in cache:
            try:
                cache[key] = compute(arg(key))
            except _GIVE_UP:
                refused.add(key)
    if refused:
        raise col.rows_where(keys, refused.__contains__)
    return cache


def _items(objects: list[Any]) -> list[Any]:
    """The items of each object as a tuple (None where there is none)."""
    if None in objects:
        return [None if each is None else tuple(each.items()) for each in objects]
    return list(map(tuple, map(dict.items, objects)))


def _places(
    biz_locations: list[Any], read_points: list[Any], fast: FastReader
) -> tuple[Any, Any, Any]:
    """(UN/LOCODE, facility, vessel) of each row's bizLocation and readPoint: ``fast``'s
    places, keyed as it keys them (by their items; each must hold an id alone)."""
    keys = list(zip(_items(biz_locations), _items(read_points), strict=True))
    found = _cached(keys, fast._places, _located(fast), _as_objects)
    return tuple(zip(*map(found.__getitem__, keys), strict=True))  # type: ignore[return-value]


def _located(fast: FastReader) -> Any:
    def located(pair: tuple[Any, Any]) -> Any:
        return fast._located(*pair)

    return located


def _as_objects(key: tuple[Any, Any]) -> tuple[Any, Any]:
    business, point = key
    return (None if business is None else dict(business), None if point is None else dict(point))


def _links(lists: list[Any], which: int, fast: FastReader) -> tuple[list[Any], list[Any]]:
    """(bill of lading, vessel) each row's list of one transaction, source or destination
    names; (None, None) where there is no list."""
    n = len(lists)
    at, present = col.split(lists)
    if not present:
        return [None] * n, [None] * n
    id_key, vocab = _LISTS[which]

    def read(part: list[Any]) -> tuple[list[Any], list[Any]]:
        if list(map(len, part)).count(1) != len(part):
            raise col.rows_where(part, lambda each: len(each) != 1)
        items = col.objects(list(map(_FIRST, part)), optional=False)
        # fast._link's key: the items of the list's one object, all of them hashable.
        keys = list(zip(repeat(which), map(tuple, map(dict.items, items))))
        try:
            distinct = dict.fromkeys(keys)
        except TypeError:
            raise col.rows_where(keys, lambda key: not col.hashable(key)) from None
        memo, refused = fast._links, set()
        for key in distinct:
            if key not in memo:
                try:
                    memo[key] = fast._link_of([dict(key[1])], id_key, vocab)
                except _GIVE_UP:
                    refused.add(key)
        if refused:
            raise col.rows_where(keys, refused.__contains__)
        bills, vessels = zip(*map(memo.__getitem__, keys), strict=True)
        return bills, vessels  # type: ignore[return-value]

    bills, vessels = col.part(at, read, present)
    return col.spread(at, bills, n), col.spread(at, vessels, n)


_LISTS = (
    ("bizTransaction", "bizTransactionType"),
    ("source", "sourceDestType"),
    ("destination", "sourceDestType"),
)


def _seals(listed: list[Any], prefix: str, fast: FastReader) -> list[tuple[SealReading, ...]]:
    """fast._seal_readings of each row's seals (none where there is no list)."""
    n = len(listed)
    at, present = col.split(listed)
    if not present:
        return [()] * n

    def read(lists: list[Any]) -> list[tuple[SealReading, ...]]:
        sizes = list(map(len, lists))
        if sizes.count(1) == len(sizes):
            return list(map(_single, _readings(list(map(_FIRST, lists)), prefix, fast)))
        try:
            readings = iter(_readings(col.flat(lists), prefix, fast))
        except col.Reject as reject:  # named by seal: name their rows
            owners = [row for row, size in enumerate(sizes) for _ in range(size)]
            raise col.Reject(owners[j] for j in reject.rows) from None
        return [tuple(islice(readings, size)) for size in sizes]

    return col.spread(at, col.part(at, read, present), n, ())


def _single(reading: SealReading) -> tuple[SealReading]:
    return (reading,)


def _readings(seals: list[Any], prefix: str, fast: FastReader) -> list[SealReading]:
    """``fast._seal_readings`` of each seal, each distinct one read once (``read_seal``);
    UNREAD where it gives up."""
    col.objects(seals, optional=False)
    # ``electronic`` must be a bool: True == 1, so the items alone would not tell them apart.
    # Every other value read must be a string (or null) for a reading, and no value of another
    # type equals one.
    col.of_types(list(map(dict.get, seals, repeat(prefix + "electronic"), repeat(False))), (bool,))
    keys = list(map(tuple, map(dict.items, seals)))
    memo: dict[Any, SealReading] = fast.memo.setdefault(("seals", prefix), {})
    try:
        distinct = dict.fromkeys(keys)
    except TypeError:
        raise col.rows_where(keys, lambda key: not col.hashable(key)) from None
    for key in distinct:
        if key not in memo:
            try:
                memo[key] = read_seal(dict(key), prefix)
            except _GIVE_UP:
                memo[key] = UNREAD
    return list(map(memo.__getitem__, keys))
