"""The typed path's mapping: plain EPCIS events decoded by typed_decode.py into canonical records.

Every part of an event is read through the part readers of typed_parts.py, as the careful
reader and the mapper read it; their identifiers are checked through the mapper,
so only records it finds nothing in are kept. The parts that repeat across a document (its EPCs,
places, business transactions, sources and destinations, seals) are read once per document for
each distinct raw text, in a ``_Parts`` made for that document alone. An event with anything
this path does not read exactly is left (None) to the careful reader, which decodes it again
with ``json``. For every event it reads, ``read_events`` gives the one record
``PartReader.read`` gives; property tests check this on mutated events, and that a document
reads the same without this path.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import repeat
from typing import Any

import msgspec

from greenlane.domain.codes import EventType
from greenlane.domain.records import Event, SealReading
from greenlane.domain.validate import check_seal_number
from greenlane.ingest.build import builder
from greenlane.ingest.epcis.mapping import SOURCE
from greenlane.ingest.epcis.typed_decode import (
    Cut,
    Unread,
    decode_each,
    longest_part,
    prefix_of,
    schema_of,
)
from greenlane.ingest.epcis.typed_parts import GIVE_UP, GiveUp, PartReader

_MISS: Any = object()
_EVENT_TYPES = {t.value: t for t in EventType}
_events = builder(Event)


def read_document(cut: Cut, reader: PartReader, items: Sequence[Any]) -> list[Event | None]:
    """``read_events`` of a document's events: as ``cut`` decoded them whole, else each raw
    event decoded on its own by the schema its first events' greenlane keys call for."""
    if cut.events is not None and cut.schema is not None:
        schema, events = cut.schema, cut.events
    else:
        schema = schema_of(reader.context, prefix_of(reader.context, items))
        events = decode_each(cut.raws or [], schema)
    return read_events(events, reader, schema[1])


def read_events(events: list[Any], reader: PartReader, prefix: str) -> list[Event | None]:
    """The one record the careful reader and the mapper make for each event decoded by a schema
    with this ``prefix`` (None where it did not decode), where the mapper finds nothing in it
    (no validation finding: each part is checked where it is read); None where this path leaves
    the event. Its texts hold no unpaired surrogate: msgspec refuses one. Unread where a raw
    part of an event is too long to be sure ``json`` reads it alike. ``events`` is emptied."""
    parts = _Parts(reader, prefix)
    kinds = parts.kinds
    subjects = parts.subjects
    places = parts.places
    transactions = parts.transactions
    elsewhere = parts.elsewhere
    seals = parts.seals
    imos = parts.imos
    fromisoformat = datetime.fromisoformat
    text = b""  # b"" + raw: the raw text as bytes, quicker than bytes(raw)
    rows: list[tuple[Any, ...] | None] = []
    append = rows.append
    last_objects = last_location = last_point = last_transactions = last_seals = None
    subject: Any = None
    place: Any = None
    link: Any = None
    sealed: Any = None
    # Each event is let go once read: a whole document decoded is more than the processor's
    # caches hold, and memory freed as the loop goes is used again while it is still there.
    events.reverse()
    pop = events.pop
    for _ in range(len(events)):
        e = pop()
        if e is None:
            append(None)
            continue
        # Each part looked up by its raw text first (inline: this runs for every event).
        key: Any = e.bizStep  # alone when nothing else says what the event is: most are
        if e.disposition is not None or e.eventType is not None:
            key = (key, e.disposition, e.eventType)
        kind = kinds.get(key, _MISS)
        if kind is _MISS:
            kind = parts.kind(key)
        if kind is None:
            append(None)
            continue
        try:
            moment = fromisoformat(e.eventTime)
            if moment.tzinfo is not UTC:  # most are: nothing to convert
                if moment.tzinfo is None:
                    append(None)
                    continue
                moment = moment.astimezone(UTC)
        except (ValueError, OverflowError):
            append(None)
            continue
        # Events of one container often come one after the other: a part the same as the
        # last event's (compared raw, without copying or hashing it) is not looked up again.
        raw = e.epcList
        if raw != last_objects:
            key = text + raw
            subject = subjects.get(key, _MISS)
            if subject is _MISS:
                subject = parts.subject(key)
            last_objects = raw
        raw, point = e.bizLocation, e.readPoint
        if raw != last_location or point != last_point:
            key = (text + raw, text + point)
            place = places.get(key, _MISS)
            if place is _MISS:
                place = parts.place(key)
            last_location, last_point = raw, point
        raw = e.bizTransactionList
        if raw != last_transactions:
            key = text + raw
            link = transactions.get(key, _MISS)
            if link is _MISS:
                link = parts.transaction(key)
            last_transactions = raw
        raw = e.seals
        if raw != last_seals:
            key = text + raw
            sealed = seals.get(key, _MISS)
            if sealed is _MISS:
                sealed = parts.seal(key)
            last_seals = raw
        if subject is None or place is None or link is None or sealed is None:
            append(None)
            continue
        clean = place[3].get(kind)
        if clean is None:
            clean = parts.clean_place(place, kind)
        if not clean:
            append(None)
            continue
        vessel = link[1]
        if e.sourceList or e.destinationList:  # rarer: looked up only where there
            key = (text + e.sourceList, text + e.destinationList)
            named = elsewhere.get(key, _MISS)
            if named is _MISS:
                named = parts.other(key)
            if named is _LEFT:
                append(None)
                continue
            if named is not None:
                vessel = named
        # mapping's ``or`` chain: the last term is the result when all are falsy
        vessel = e.vesselIMO or subject[1] or place[2] or vessel
        if vessel is not None:
            clean = imos.get(vessel)
            if clean is None:
                clean = parts.clean_imo(vessel)
            if not clean:
                append(None)
                continue
        append(
            (
                e.eventId or e.eventID,
                kind,
                moment,
                subject[0],
                place[0],
                place[1],
                vessel,
                e.vesselName,
                e.voyage,
                link[0],
                e.full,
                sealed,
                e.transshipment,
            )
        )
    left = rows.count(None)
    kept = [row for row in rows if row is not None] if left else rows
    if not kept:
        return [None] * len(rows)
    n = len(kept)
    records = _events(*zip(*kept, strict=True), repeat(SOURCE, n), repeat(reader.source_message, n))
    if not left:
        return records  # type: ignore[return-value]
    read = iter(records)
    return [None if row is None else next(read) for row in rows]


_LEAVE = (GiveUp, *GIVE_UP)  # msgspec's DecodeError is a ValueError
_LEFT: Any = object()
"""A source or destination list the careful reader must read."""
_Located = tuple[str | None, str | None, str | None, dict[EventType, bool]]
"""UN/LOCODE, facility, vessel, and whether the UN/LOCODE is clean for each event type met
(one dict for each UN/LOCODE)."""


class _Parts:
    """One document's parts already read, by their raw text (None: left to the careful
    reader). A part is read the same wherever it stands, so each distinct one is read once,
    through ``reader``, and its identifiers checked through the mapper."""

    def __init__(self, reader: PartReader, prefix: str) -> None:
        self.reader = reader
        self.mapper = reader.mapper
        self.prefix = prefix
        self.limit = longest_part()
        self.kinds: dict[Any, EventType | None] = {}
        self.subjects: dict[bytes, tuple[str | None, str | None] | None] = {}
        self.places: dict[tuple[bytes, bytes], _Located | None] = {}
        self.single_places: dict[bytes, Any] = {}
        self.transactions: dict[bytes, tuple[str | None, str | None] | None] = {}
        self.elsewhere: dict[tuple[bytes, bytes], str | None] = {}
        self.seals: dict[bytes, tuple[SealReading, ...] | None] = {}
        self.imos: dict[str, bool] = {}
        self.unlocodes: dict[str | None, dict[EventType, bool]] = {}
        self.numbers_clean: dict[str, bool] = {}
        self.seal_numbers_clean: dict[str, bool] = {}

    def kind(self, key: Any) -> EventType | None:
        """The event type of a bizStep, disposition and greenlane eventType (a bizStep alone
        where the others are absent)."""
        biz_step, disposition, name = key if type(key) is tuple else (key, None, None)
        standard, step = self.reader.milestone(biz_step, disposition)
        found = None
        if standard:
            found = step if name is None else _EVENT_TYPES.get(name)
        self.kinds[key] = found
        return found

    # Each reads a part through the part readers, with their checks: they give up
    # (raise) where the careful path must read the event; a part that fails is left (None).

    def subject(self, raw: bytes) -> tuple[str | None, str | None] | None:
        """The one container (or None for the vessel itself) and the vessel of an epcList."""
        found = None
        try:
            objects = _part(raw, list, self.limit)
            if objects is not None:
                # the part reader's, with this cache (no value it reads could be unhashable)
                containers, vessel = self.reader.subjects_of(objects)
                if len(containers) <= 1:  # several records: the careful reader makes them
                    container = containers[0] if containers else None
                    if container is None or self._number(container):
                        found = (container, vessel)
        except _LEAVE:
            pass
        self.subjects[raw] = found
        return found

    def place(self, key: tuple[bytes, bytes]) -> _Located | None:
        """The UN/LOCODE, facility and vessel of a bizLocation and readPoint."""
        found: _Located | None = None
        business, point = self._place_of(key[0]), self._place_of(key[1])
        if business is not _LEFT and point is not _LEFT:
            # mapper.located but its cache: this one is keyed by the raw text already
            unlocode, facility, vessel = self.mapper._location(business, point)
            checked = self.unlocodes.get(unlocode)
            if checked is None:
                checked = self.unlocodes[unlocode] = {}
            found = (unlocode, facility, vessel, checked)
        self.places[key] = found
        return found

    def _place_of(self, raw: bytes) -> Any:
        """One readPoint or bizLocation (None where absent, _LEFT where the careful reader must
        read it), read once per document: one port is the read point of many business locations."""
        found = self.single_places.get(raw, _MISS)
        if found is _MISS:
            try:  # the part reader's, with this cache (an id alone: nothing unhashable)
                found = None if not raw else self.reader.place_of(_part(raw, dict, self.limit))
            except _LEAVE:
                found = _LEFT
            self.single_places[raw] = found
        return found

    def clean_place(self, place: _Located, kind: EventType) -> bool:
        unlocode = place[0]
        clean = place[3][kind] = unlocode is None or self.mapper.clean_place(unlocode, kind)
        return clean

    def transaction(self, raw: bytes) -> tuple[str | None, str | None] | None:
        """The bill of lading and vessel of a bizTransactionList."""
        try:
            found = self.reader.links(_part(raw, list, self.limit), None, None)
        except _LEAVE:
            found = None
        self.transactions[raw] = found
        return found

    def other(self, key: tuple[bytes, bytes]) -> str | None:
        """The vessel a sourceList and destinationList name (the destination's first)."""
        found: Any
        try:
            sources = _part(key[0], list, self.limit)
            found = self.reader.links(None, sources, _part(key[1], list, self.limit))[1]
        except _LEAVE:
            found = _LEFT
        self.elsewhere[key] = found
        return found  # type: ignore[no-any-return]

    def seal(self, raw: bytes) -> tuple[SealReading, ...] | None:
        """The seals of a greenlane seals list (none where there is no list)."""
        found: tuple[SealReading, ...] | None = () if not raw else None
        try:
            listed = _part(raw, list, self.limit)
            if listed is not None:
                readings = self.reader.seal_readings(listed, self.prefix)
                if all(map(self._seal_number, readings)):
                    found = readings
        except _LEAVE:
            pass
        self.seals[raw] = found
        return found

    def _number(self, number: str) -> bool:
        clean = self.numbers_clean.get(number)
        if clean is None:
            clean = self.numbers_clean[number] = self.mapper.clean_number(number)
        return clean

    def _seal_number(self, seal: SealReading) -> bool:
        clean = self.seal_numbers_clean.get(seal.number)
        if clean is None:
            clean = self.seal_numbers_clean[seal.number] = not check_seal_number(seal.number)
        return clean

    def clean_imo(self, imo: str) -> bool:
        clean = self.imos[imo] = self.mapper.clean_imo(imo)
        return clean


_load = msgspec.json.Decoder().decode
"""A part as ``json`` reads it: the document decoded, it is JSON that both read alike."""


def _part(raw: bytes, kind: type, limit: int) -> Any:
    """A part of the one JSON type the careful reader takes as plain (None where absent); a
    value of another type, null too, is left. Unread where it is too long to be sure ``json``
    reads it alike (msgspec skipped it unread): ``json`` reads the document then."""
    if not raw:
        return None
    if len(raw) > limit:
        raise Unread
    value = _load(raw)
    if type(value) is not kind:
        raise GiveUp
    return value
