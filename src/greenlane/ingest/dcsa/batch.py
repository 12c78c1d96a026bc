"""The batch path: the plain v3.0 events of a message read column by column.

The per-event fast path (``fast``) reads one event at a time; this reads a key at a time over
all events of the message (see ``greenlane.ingest.columns``), which is what lets ingest keep
pace with JSON parsing. It reads the events ``fast`` reads, in the v3.0 shape most senders use
(``eventClassification``, ``equipmentDetails``, ``eventLocation``, ``transportDetails``,
``shipmentDetails``), and only where the keys that would change the reading are absent: any
event outside that (v2.2 and beta shapes, IoT events, a transportCall at the top, a facility
code, several seals, an equipment reference given elsewhere, a bill of lading that is not the
event's own document reference ...) is rejected and read by ``fast`` and, failing that, by the
careful reader.

For each event it keeps, ``read_batch`` gives what ``fast.fast_event`` gives, by the same rules;
a property test checks this on mutated events. Everything it does not keep is None.
"""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import islice, repeat
from operator import attrgetter, is_, itemgetter, or_
from typing import Any

from greenlane.ingest import columns as col
from greenlane.ingest.dcsa.codes import (
    ACTUAL,
    ARRIVAL_SIDE,
    EMPTY_INDICATORS,
    EVENT_CODES,
    IOT,
    KIND_CODE_KEYS,
    MOVEMENT_TYPES,
    PORT_TERMINAL,
    SEAL_SOURCES,
    SEAL_TYPES,
    TRANSPORT_DOCUMENT,
    TRANSSHIPMENT,
)
from greenlane.ingest.dcsa.fast import SealCache
from greenlane.model.codes import EventType
from greenlane.model.records import Event, SealReading

# Keys whose presence changes what ``fast`` reads: an event holding one is left to it.
_TOP = frozenset(
    {
        "metadata",
        "isRetracted",
        "location",  # beta payloads
        "transportCall",  # read before transportDetails
        "facilityTypeCode",
        "facilityType",
        "isTransshipmentMove",
        "documentReferences",
        "relatedDocumentReferences",
        "iotDetails",
    }
)
_LOCATION = frozenset({"facility"})  # read before locationName
_PLACE = frozenset(
    {
        "UNLocationCode",
        "unLocationCode",
        "location",
        "facilityCode",
        "facility",
        "locationName",
        "facilityTypeCode",
        "facilityType",
    }
)
# A transport call that names no place (the event location does) and gives its vessel and
# voyages the v3.0 way (vesselTransport, ...VoyageNumberOrReference).
_CALL = _PLACE | {
    "vessel",
    "exportVoyageNumber",
    "carrierExportVoyageNumber",
    "carrierVoyageNumber",
    "importVoyageNumber",
    "carrierImportVoyageNumber",
}

_FIRST_KEYS = {kind: keys[0] for kind, keys in KIND_CODE_KEYS.items() if kind != IOT}
_SECOND_KEYS = {kind: keys[1] for kind, keys in KIND_CODE_KEYS.items() if kind != IOT}
_EVENT_TYPES: dict[tuple[str, str], EventType] = {
    (kind, code): event_type
    for kind, table in EVENT_CODES.items()
    if kind != IOT
    for code, event_type in table.items()
    if event_type is not None
}
_ACTUAL = dict.fromkeys(ACTUAL, True)
_FULL: dict[str | None, bool | None] = {None: None}
_FULL.update(EMPTY_INDICATORS)
_TRANSSHIPMENT: dict[str | None, bool] = {None: False} | {
    movement: movement == TRANSSHIPMENT for movement in MOVEMENT_TYPES
}
_BILL_KINDS: dict[str | None, bool] = {None: True} | dict.fromkeys(TRANSPORT_DOCUMENT, True)
_TZ = attrgetter("tzinfo")
_events = col.builder(Event)
_NONE = type(None)


def read_batch(
    items: list[Any], source_message: str, seal_cache: SealCache
) -> tuple[list[Event | None], list[bool]]:
    """The events ``fast`` would read from each item (None where this path leaves it), and
    whether each one's place is a port terminal (False where None)."""

    def read(rows: list[Any]) -> list[tuple[Event, bool]]:
        return _read(rows, source_message, seal_cache)

    done = col.run(read, items)
    if None not in done:
        return [each[0] for each in done], [each[1] for each in done]  # type: ignore[index]
    events = [None if each is None else each[0] for each in done]
    return events, [False if each is None else each[1] for each in done]


def _disjoint(rows: list[Any], keys: frozenset[str]) -> None:
    """No row (an object, or None) holds any of ``keys``."""
    if None in rows:
        rows = [() if row is None else row for row in rows]
    clear = list(map(keys.isdisjoint, rows))
    if not all(clear):
        raise col.Reject(j for j, ok in enumerate(clear) if not ok)


def _read(rows: list[Any], source_message: str, seal_cache: SealCache) -> list[tuple[Event, bool]]:
    col.objects(rows, optional=False)
    _disjoint(rows, _TOP)

    # eventClassification: what happened, and only actual moves
    holders = col.objects(col.get(rows, "eventClassification"), optional=False)
    kinds = col.coalesce(col.get(holders, "eventTypeCode"), holders, "eventType")
    classifiers = col.coalesce(col.get(holders, "eventClassifierCode"), holders, "eventClassifier")
    col.lookup(_ACTUAL, classifiers)
    first = col.lookup(_FIRST_KEYS, kinds)
    codes = list(map(dict.get, holders, first))
    if None in codes:
        second = col.lookup(_SECOND_KEYS, kinds)
        codes = [
            code if code is not None else holder.get(key)
            for code, holder, key in zip(codes, holders, second, strict=True)
        ]
    event_types = col.lookup(_EVENT_TYPES, zip(kinds, codes, strict=True))

    event_ids = col.get(rows, "eventID")
    if None in event_ids:
        raise col.rows_where(event_ids, lambda value: value is None)
    moments = _moments(col.get(rows, "eventDateTime"))

    # the place: the event location alone (the transport call names none)
    locations = col.objects(col.get(rows, "eventLocation"))
    _disjoint(locations, _LOCATION)
    unlocodes = col.coalesce(col.dig(locations, "UNLocationCode"), locations, "unLocationCode")
    facilities = col.coalesce(col.dig(locations, "facilityCode"), locations, "locationName")
    facility_types = col.coalesce(col.dig(locations, "facilityTypeCode"), locations, "facilityType")

    # the vessel and voyage of the transport call, where there is one
    n = len(rows)
    at, details = col.split(col.objects(col.get(rows, "transportDetails")))
    inner, calls = col.split(col.part(at, _calls, details))
    at = col.within(at, inner)
    imos, names, exports, imports = col.part(at, _transport, calls)
    if exports == imports:
        voyages = exports
    else:
        kinds_there = event_types if at is None else list(map(event_types.__getitem__, at))
        voyages = [
            (imp if imp is not None else exp)
            if kind in ARRIVAL_SIDE
            else (exp if exp is not None else imp)
            for kind, exp, imp in zip(kinds_there, exports, imports, strict=True)
        ]
    imos, names, exports, imports, voyages = (
        col.spread(at, each, n) for each in (imos, names, exports, imports, voyages)
    )

    # the box
    boxes = col.objects(col.get(rows, "equipmentDetails"), optional=False)
    containers = col.get(boxes, "equipmentReference")
    if None in containers:  # given as a reference elsewhere: fast's business
        raise col.rows_where(containers, lambda value: value is None)
    full = col.lookup(
        _FULL, col.coalesce(col.get(boxes, "emptyIndicatorCode"), boxes, "emptyIndicator")
    )
    moved = col.lookup(
        _TRANSSHIPMENT, col.coalesce(col.get(boxes, "movementType"), boxes, "transportPhase")
    )
    flagged = col.of_types(col.get(boxes, "isTransshipmentMove"), (_NONE, bool))
    transshipment = list(map(or_, moved, map(is_, flagged, repeat(True))))
    at, lists = col.split(col.get(boxes, "seals"))
    seals = col.spread(at, col.part(at, lambda part: _seals(part, seal_cache), lists), n, ())

    bills = _bills(col.objects(col.get(rows, "shipmentDetails")))

    col.texts(
        event_ids,
        containers,
        repeating=(bills, facility_types, unlocodes, facilities, imos, names, exports, imports),
    )
    events = _events(
        event_ids,
        event_types,
        moments,
        containers,
        unlocodes,
        facilities,
        imos,
        names,
        voyages,
        bills,
        full,
        seals,
        transshipment,
        repeat("dcsa"),
        repeat(source_message),
    )
    return list(zip(events, map(PORT_TERMINAL.__contains__, facility_types), strict=True))


def _moments(values: list[Any]) -> list[datetime]:
    """The times in UTC; each must be an ISO 8601 date-time with its offset."""
    try:
        moments = list(map(datetime.fromisoformat, values))
    except (TypeError, ValueError):
        raise col.rows_where(values, lambda value: not _is_time(value)) from None
    if None in map(_TZ, moments):
        raise col.rows_where(moments, lambda moment: moment.tzinfo is None)
    try:
        return list(map(datetime.astimezone, moments, repeat(UTC)))
    except OverflowError:
        raise col.rows_where(moments, lambda moment: not _in_range(moment)) from None


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


def _calls(details: list[Any]) -> list[Any]:
    """The transportCall of each transportDetails (or None)."""
    return col.objects(col.get(details, "transportCall"))


def _transport(calls: list[Any]) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    """fast._vessel's IMO number, name, export and import voyage of each call."""
    _disjoint(calls, _CALL)
    ships = col.objects(col.get(calls, "vesselTransport"))
    imos = col.dig(ships, "vesselIMONumber")
    names = col.coalesce(col.dig(ships, "vesselName"), ships, "name")
    exports = _voyages(calls, "exportVoyageNumberOrReference", "universalExportVoyageReference")
    imports = _voyages(calls, "importVoyageNumberOrReference", "universalImportVoyageReference")
    return imos, names, exports, imports


def _voyages(calls: list[Any], nested: str, beta: str) -> list[Any]:
    """fast._voyage of each call (None where there is none), the flat keys being absent."""
    references = col.objects(col.get(calls, nested))
    voyages = col.coalesce(
        col.dig(references, "carrierVoyageNumber"), references, "universalVoyageReference"
    )
    return col.coalesce(voyages, calls, beta)


def _seals(lists: list[Any], cache: SealCache) -> list[tuple[SealReading, ...]]:
    """fast._seals of each event's seals (a list each)."""
    col.of_types(lists, (list,))
    sizes = list(map(len, lists))
    if sizes.count(1) == len(sizes):  # the common case: one seal each
        return list(map(_single, _readings(list(map(itemgetter(0), lists)), cache)))
    try:
        readings = iter(_readings(col.flat(lists), cache))
    except col.Reject as reject:  # named by seal: name their events
        owners = [row for row, size in enumerate(sizes) for _ in range(size)]
        raise col.Reject(owners[j] for j in reject.rows) from None
    return [tuple(islice(readings, size)) for size in sizes]


def _single(reading: SealReading) -> tuple[SealReading]:
    return (reading,)


def _readings(seals: list[Any], cache: SealCache) -> list[SealReading]:
    """fast._seals's reading of each seal. Each distinct seal is read once; its items stand for
    it: a value that is read must be a string (or null) for a reading, and no value of another
    type equals a string."""
    col.objects(seals, optional=False)
    keys = list(map(tuple, map(dict.items, seals)))
    try:
        distinct = dict.fromkeys(keys)
    except TypeError:
        raise col.rows_where(keys, lambda key: not col.hashable(key)) from None
    table: dict[tuple[Any, ...], SealReading] = {}
    for key in distinct:
        reading = _reading(dict(key), cache)
        if reading is not None:
            table[key] = reading
    if len(table) != len(distinct):
        raise col.rows_where(keys, lambda key: key not in table)
    return list(map(table.__getitem__, keys))


def _reading(seal: dict[str, Any], cache: SealCache) -> SealReading | None:
    """fast._seals's reading of one seal, or None where it gives up."""
    number = seal.get("sealNumber")
    if number is None:
        number = seal.get("number")
    source = seal.get("sealSource")
    if source is None:
        source = seal.get("source")
    kind = seal.get("sealType")
    if kind is None:
        kind = seal.get("type")
    key = (number, source, kind)
    reading = cache.get(key)
    if reading is not None:
        return reading
    if number is None or (kind is not None and kind not in SEAL_TYPES):
        return None
    try:
        col.texts(list(key))
    except col.Reject:
        return None
    affixed_by = None
    if source is not None:
        affixed_by = SEAL_SOURCES.get(source)
        if affixed_by is None:
            return None
    reading = cache[key] = SealReading(number, affixed_by=affixed_by, type_code=kind)
    return reading


def _bills(details: list[Any]) -> list[Any]:
    """fast._bill where the event's own document reference is its transport document (or
    there is none at all): the reference of the shipmentDetails' documentReference."""
    primary = col.objects(col.dig(details, "documentReference"))
    additional = col.of_types(col.dig(details, "additionalDocumentReferences"), (_NONE, list))
    without = primary.count(None)
    if without and additional.count(None) != len(additional):  # only further references
        raise col.Reject(
            j
            for j, (main, more) in enumerate(zip(primary, additional, strict=True))
            if main is None and more is not None
        )
    kinds = col.coalesce(col.dig(primary, "typeCode"), primary, "type")
    col.lookup(_BILL_KINDS, kinds)
    references = col.dig(primary, "reference")
    if kinds.count(None) != without or references.count(None) != without:
        raise col.Reject(
            j
            for j, (main, kind, value) in enumerate(zip(primary, kinds, references, strict=True))
            if main is not None and (kind is None or value is None)
        )
    return references
