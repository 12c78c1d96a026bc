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
a property test checks this on mutated events. It keeps only events without findings (the
checks of ``checks.all_clean``, on each distinct identifier once); everything it does not keep
is None.
"""

from __future__ import annotations

from itertools import islice, repeat
from operator import is_, itemgetter, or_
from typing import Any

from greenlane.ingest import columns as col
from greenlane.ingest.dcsa.checks import Clean
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

_MORE_DOCUMENTS = frozenset({"additionalDocumentReferences"})
_DOCUMENT = ("typeCode", "reference")
_MAIN = ("eventID", "eventDateTime", "eventClassification", "equipmentDetails")
_CLASSIFICATION = ("eventTypeCode", "eventClassifierCode")
_PLACE_USUAL = ("UNLocationCode", "locationName")
_PLACE_OTHER = frozenset({"facilityCode", "facilityTypeCode", "facilityType"})
_VESSEL = ("vesselTransport", "exportVoyageNumberOrReference", "importVoyageNumberOrReference")
_SHIP = ("vesselIMONumber", "vesselName")
_BOX = ("equipmentReference", "emptyIndicatorCode")
_BOX_OTHER = frozenset({"transportPhase", "isTransshipmentMove"})
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
_events = col.builder(Event)
UNREAD = SealReading("")
"""What stands for a seal ``fast`` does not read: its empty number is a finding the batch's
checks always make, so the event is left to the fast path and the careful reader."""
_NONE = type(None)


def read_batch(
    items: list[Any], source_message: str, seal_cache: SealCache, clean: Clean
) -> tuple[list[Event | None], list[bool]]:
    """The events ``fast`` would read from each item and that have no findings (None where
    this path leaves it), and whether each one's place is a port terminal (False where None).
    ``clean`` remembers the identifiers checked, across the batches of a message."""

    def read(rows: list[Any]) -> list[tuple[Event, bool] | None]:
        return _read(rows, source_message, seal_cache, clean)

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


def _read(
    rows: list[Any], source_message: str, seal_cache: SealCache, clean: Clean
) -> list[tuple[Event, bool] | None]:
    col.objects(rows, optional=False)
    _disjoint(rows, _TOP)
    event_ids, times, holders, boxes = col.fields(rows, _MAIN)

    # eventClassification: what happened, and only actual moves
    col.objects(holders, optional=False)
    kinds, classifiers = col.fields(holders, _CLASSIFICATION)
    kinds = col.coalesce(kinds, holders, "eventType")
    classifiers = col.coalesce(classifiers, holders, "eventClassifier")
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

    if None in event_ids:
        raise col.rows_where(event_ids, lambda value: value is None)
    moments = col.moments(times)

    # the place: the event location alone (the transport call names none)
    locations = col.objects(col.get(rows, "eventLocation"))
    _disjoint(locations, _LOCATION)
    if None not in locations and col.lacking(locations, _PLACE_OTHER):  # the common spelling
        unlocodes, facilities = col.fields(locations, _PLACE_USUAL)
        unlocodes = col.coalesce(unlocodes, locations, "unLocationCode")
        facility_types: Any = [None] * len(rows)
    else:
        unlocodes = col.coalesce(col.dig(locations, "UNLocationCode"), locations, "unLocationCode")
        facilities = col.coalesce(col.dig(locations, "facilityCode"), locations, "locationName")
        facility_types = col.coalesce(
            col.dig(locations, "facilityTypeCode"), locations, "facilityType"
        )

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
    col.part(at, lambda _: col.texts(repeating=(imos, names, exports, imports)), calls)
    imos, names, voyages = (col.spread(at, each, n) for each in (imos, names, voyages))

    # the box
    col.objects(boxes, optional=False)
    containers, indicators = col.fields(boxes, _BOX)
    if None in containers:  # given as a reference elsewhere: fast's business
        raise col.rows_where(containers, lambda value: value is None)
    full = col.lookup(_FULL, col.coalesce(indicators, boxes, "emptyIndicator"))
    movements = col.get(boxes, "movementType")
    if col.lacking(boxes, _BOX_OTHER):  # no transportPhase, no isTransshipmentMove
        transshipment = col.lookup(_TRANSSHIPMENT, movements)
    else:
        moved = col.lookup(_TRANSSHIPMENT, col.coalesce(movements, boxes, "transportPhase"))
        flagged = col.of_types(col.get(boxes, "isTransshipmentMove"), (_NONE, bool))
        transshipment = list(map(or_, moved, map(is_, flagged, repeat(True))))
    at, lists = col.split(col.get(boxes, "seals"))
    seals = col.spread(at, col.part(at, lambda part: _seals(part, seal_cache), lists), n, ())

    bills = _bills(col.objects(col.get(rows, "shipmentDetails")))

    col.texts(
        event_ids,
        containers,
        repeating=(bills, facility_types, unlocodes, facilities),
    )
    ports = list(map(PORT_TERMINAL.__contains__, facility_types))
    places = list(zip(unlocodes, event_types, ports, strict=True))
    found = clean.rows_with_findings(containers, imos, places, seals)
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
    read: list[Any] = list(zip(events, ports, strict=True))
    for j in found:  # left to the fast path and the careful reader, which say where
        read[j] = None
    return read


def _calls(details: list[Any]) -> list[Any]:
    """The transportCall of each transportDetails (or None)."""
    return col.objects(col.get(details, "transportCall"))


def _transport(calls: list[Any]) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    """fast._vessel's IMO number, name, export and import voyage of each call."""
    _disjoint(calls, _CALL)
    ships, outbound, inbound = col.fields(calls, _VESSEL)
    col.objects(ships)
    if None in ships:
        imos, names = col.dig(ships, "vesselIMONumber"), col.dig(ships, "vesselName")
    else:
        imos, names = col.fields(ships, _SHIP)
    names = col.coalesce(names, ships, "name")
    exports = _voyages(calls, outbound, "universalExportVoyageReference")
    imports = _voyages(calls, inbound, "universalImportVoyageReference")
    return imos, names, exports, imports


def _voyages(calls: list[Any], references: list[Any], beta: str) -> list[Any]:
    """fast._voyage of each call (None where there is none), the flat keys being absent."""
    col.objects(references)
    voyages = col.coalesce(
        col.dig(references, "carrierVoyageNumber"), references, "universalVoyageReference"
    )
    return col.coalesce(voyages, calls, beta)


def _seals(lists: list[Any], cache: SealCache) -> list[tuple[SealReading, ...]]:
    """fast._seals of each event's seals (a list each)."""
    col.of_types(lists, (list,))
    sizes = list(map(len, lists))
    if sizes.count(1) == len(sizes):  # the common case: one seal each
        return list(zip(_readings(list(map(itemgetter(0), lists)), cache)))  # 1-tuples
    try:
        readings = iter(_readings(col.flat(lists), cache))
    except col.Reject as reject:  # named by seal: name their events
        owners = [row for row, size in enumerate(sizes) for _ in range(size)]
        raise col.Reject(owners[j] for j in reject.rows) from None
    return [tuple(islice(readings, size)) for size in sizes]


def _readings(seals: list[Any], cache: SealCache) -> list[SealReading]:
    """fast._seals's reading of each seal (UNREAD where it gives up). Each distinct seal is
    read once; its items stand for it: a value that is read must be a string (or null) for a
    reading, and no value of another type equals a string."""
    col.objects(seals, optional=False)
    keys = list(map(tuple, map(dict.items, seals)))
    try:
        distinct = dict.fromkeys(keys)
    except TypeError:
        raise col.rows_where(keys, lambda key: not col.hashable(key)) from None
    table: dict[tuple[Any, ...], SealReading] = {}
    for key in distinct:
        table[key] = _reading(dict(key), cache) or UNREAD
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
    without = primary.count(None)
    if not col.lacking(details, _MORE_DOCUMENTS):
        additional = col.of_types(col.dig(details, "additionalDocumentReferences"), (_NONE, list))
        if without and additional.count(None) != len(additional):  # only further references
            raise col.Reject(
                j
                for j, (main, more) in enumerate(zip(primary, additional, strict=True))
                if main is None and more is not None
            )
    if without:
        kinds, references = col.dig(primary, "typeCode"), col.dig(primary, "reference")
    else:
        kinds, references = col.fields(primary, _DOCUMENT)
    kinds = col.coalesce(kinds, primary, "type")
    col.lookup(_BILL_KINDS, kinds)
    if kinds.count(None) != without or references.count(None) != without:
        raise col.Reject(
            j
            for j, (main, kind, value) in enumerate(zip(primary, kinds, references, strict=True))
            if main is not None and (kind is None or value is None)
        )
    return references
