"""The typed path: the plain events of an EPCIS document decoded straight into typed structures.

Most of what ingest reads is plain ObjectEvents on containers (see fast.py). Decoding them with
a schema, in C, costs a fraction of building dicts with ``json.loads`` and then looking each key
up in Python, and the schema already checks every type. A UTF-8 EPCISDocument (or
EPCISQueryDocument of events) is decoded whole, in one pass, by the strict schema of the last
document's events (``cut``): documents from one sender look alike. Where that schema does not
fit, ``split`` cuts the document into its head and its raw events and each event is decoded on
its own, so one odd event does not cost the others.

The schema holds what ``fast`` reads from an event: the standard fields, and greenlane's
extension fields as the document's @context spells them (so it is built per context). Keys that
would change the reading (a parent, child EPCs, sensors, an error declaration, an event-level
@context, the extension fields spelled another way) must be absent. The parts of an event that
repeat across a document (its EPCs, places, business transactions, sources and destinations,
seals) are kept raw and read once per document for each distinct text, through ``fast``'s own
readers, so a part is read the same way on both paths; their identifiers are checked through
the mapper, so only records it finds nothing in are kept. An event with a key that must be
absent, a value of another type, or anything else this path does not read exactly is left
(None) to the fast path and the careful reader, which decode it again with ``json``. For every
event it reads, ``read_events`` gives the one record ``FastReader.read`` gives; property tests
check this on mutated events, and that a document reads the same without this path.

msgspec reads what json reads, with three differences that matter here: it skips values it
keeps raw (or does not read) without looking inside them, so UTF-8 is checked first; it reads a
little deeper; and it skips integers longer than json converts. A raw part long enough to hold
either sends the document to ``json`` (``_head``, ``_part``), which then reports what it finds.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from itertools import repeat
from types import FrameType
from typing import Annotated, Any, Literal, NamedTuple, overload

import msgspec
from msgspec import UNSET, Raw, UnsetType, field

from greenlane.ingest.build import builder
from greenlane.ingest.epcis.fast import _GIVE_UP, FastReader, _GiveUp
from greenlane.ingest.epcis.mapping import SOURCE
from greenlane.ingest.epcis.vocab import EPCIS_CONTEXT, EXTENSION_FIELDS, GREENLANE_NS, Context
from greenlane.model.codes import EventType
from greenlane.model.records import Event, SealReading
from greenlane.model.validate import check_seal_number

_ERRORS = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)  # ValidationError too
_NOWHERE = Raw(b"")
"""A raw part that is absent (``null`` is a value: ``fast`` leaves an event holding one)."""
_MISS: Any = object()
_EVENT_TYPES = {t.value: t for t in EventType}
_events = builder(Event)


# What an EPCISDocument or EPCISQueryDocument holds (EPCIS 2.0 JSON schema); any other key leaves
# it to ``json``. What is kept raw is skipped unread by msgspec, so its size is checked (_head).
_HEAD: list[Any] = [
    ("context", Raw, field(name="@context", default=_NOWHERE)),
    *((name, Raw, _NOWHERE) for name in ("type", "id", "schemaVersion", "creationDate",
                                         "instanceIdentifier", "sender", "receiver",
                                         "epcisHeader")),
]  # fmt: skip
_QUERY_HEAD: list[Any] = [("subscriptionID", Raw, _NOWHERE), ("queryName", Raw, _NOWHERE)]
DOCUMENTS = ("EPCISDocument", "EPCISQueryDocument")
"""The document types cut here, by the shape of their body."""
BASES = ("/epcisBody/eventList", "/epcisBody/queryResults/resultsBody/eventList")
"""The JSON pointer of each one's eventList."""


def _document(event: Any, query: bool) -> Any:
    """The struct of an EPCISDocument (or EPCISQueryDocument) whose events are ``event``s."""
    body = _struct("Events", [("eventList", list[event])])
    if query:  # the answer to a query: events only (master data is left to json)
        results = _struct("QueryResults", [*_QUERY_HEAD, ("resultsBody", body)])
        body = _struct("QueryBody", [("queryResults", results)])
    return _struct("Document", [*_HEAD, ("epcisBody", body | None, None)])


def _struct(name: str, fields: list[Any]) -> Any:
    return msgspec.defstruct(name, fields, forbid_unknown_fields=True, gc=False, kw_only=True)


_SPLIT = [msgspec.json.Decoder(_document(Raw, query)) for query in (False, True)]

Schema = tuple[tuple[tuple[str, str], ...], str]
"""A context's greenlane extension keys (Context.ext_keys) and the spelling the events use."""


class Cut(NamedTuple):
    """A UTF-8 EPCIS document cut by msgspec: its @context and type as ``json`` reads them, and
    either its raw events (``split``) or its events decoded whole with ``schema``."""

    has_context: bool
    context: Any
    kind: Any
    raws: list[Raw] | None
    events: list[Any] | None
    schema: Schema | None
    query: bool
    """An EPCISQueryDocument by its shape (DOCUMENTS, BASES), else an EPCISDocument."""


_LAST: list[Schema | None] = [None]
"""The schema the last document's events were read with: documents from one sender look alike,
so the next is decoded whole with it first. Before any, greenlane's own (``write_document``)."""


def cut(content: bytes) -> Cut | None:
    """The document decoded whole, every event by the strict schema of the last document read
    (one pass, nothing skipped but what ``read_events`` checks); else its raw events (``split``).
    None for anything but a UTF-8 EPCISDocument or EPCISQueryDocument of events, which the
    caller reads with ``json``. (A document of one shape fails at once on the other's body.)"""
    schema = _LAST[0]
    if schema is None or not _utf8(content):
        return split(content)
    for query in (False, True):
        try:
            document = _whole(*schema, query).decode(content)
        except _ERRORS:
            continue
        head = _head(document, (), query)
        if head is not None:
            return Cut(*head, None, _events_of(document, query), schema, query)
    return split(content)


def split(content: bytes) -> Cut | None:
    """The head and raw events of a UTF-8 EPCIS document (or what claims to be one); None for
    anything else, which the caller reads with ``json`` and reports on."""
    if not _utf8(content):
        return None
    for query in (False, True):
        try:
            document = _SPLIT[query].decode(content)
        except _ERRORS:
            continue
        raws = _events_of(document, query)
        head = _head(document, raws, query)
        return None if head is None else Cut(*head, raws, None, None, query)
    return None


def _events_of(document: Any, query: bool) -> Any:
    body = document.epcisBody
    if body is None:
        return []
    return body.queryResults.resultsBody.eventList if query else body.eventList


def _utf8(content: bytes) -> bool:
    """msgspec does not look inside the values it skips: the whole text is checked first."""
    if content.isascii():
        return True
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _head(document: Any, raws: Sequence[Raw], query: bool) -> tuple[bool, Any, Any] | None:
    """Whether the document has an @context, its value and the type, as ``json`` reads them;
    None where the document has no body or a raw part of it (a value of its head, a raw event)
    is too long to be sure of."""
    body = document.epcisBody
    if body is None:
        return None
    head = [document.context, document.type, document.id, document.schemaVersion,
            document.creationDate, document.instanceIdentifier, document.sender,
            document.receiver, document.epcisHeader]  # fmt: skip
    if query:
        head += (body.queryResults.subscriptionID, body.queryResults.queryName)
    if max(max(map(len, head)), max(map(len, raws), default=0)) > _longest_part():
        return None
    has_context = bool(document.context)
    try:  # small: json reads them as it would in the whole document
        context = json.loads(bytes(document.context)) if has_context else None
        kind = json.loads(bytes(document.type)) if document.type else None
    except (ValueError, RecursionError):
        return None
    return has_context, context, kind


def _longest_part() -> int:
    """The length in bytes of a part of a document (an event, a value of its head) that can
    neither nest as deeply as json refuses to read from here nor hold an integer it refuses."""
    depth = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    # msgspec reads a little deeper than json, and skips integers json refuses to read (over
    # sys.get_int_max_str_digits digits): a part too short to hold either reads alike.
    room = sys.getrecursionlimit() - depth - 64  # frames until json.loads, the envelope
    digits = sys.get_int_max_str_digits() or sys.maxsize
    return max(0, min(digits, 2 * room))


class Unread(Exception):
    """An event ``json`` does not read on its own, though msgspec did: the document goes to
    ``json`` whole, which says what is wrong with it and where."""


class Decoded(Sequence[Any]):
    """The events of a document as ``json`` reads them, each decoded when first asked for
    (only the events the typed path leaves are); the document is cut into raw events then, if
    it was decoded whole."""

    def __init__(self, content: bytes, cut: Cut) -> None:
        self._content = content
        self._raws = cut.raws
        self._count = len(cut.raws if cut.raws is not None else cut.events or ())
        self._done: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index not in self._done:
            if self._raws is None:
                again = split(self._content)
                if again is None or again.raws is None or len(again.raws) != self._count:
                    raise Unread
                self._raws = again.raws
            try:
                self._done[index] = json.loads(bytes(self._raws[index]))
            except (ValueError, RecursionError):
                raise Unread from None
        return self._done[index]


# --- the schema of an event, per context --------------------------------------------------

# A key read here is typed without null but defaults to None: absent reads as None (as
# ``fast`` reads it with dict.get), null is refused (``fast`` leaves an event holding one).
# An absent transshipment reads as False, what ``fast`` makes of it.
_CAREFUL_KEYS = (
    "@context", "parentID", "childEPCs", "inputEPCList", "outputEPCList", "sensorElementList",
    "errorDeclaration",
)  # fmt: skip
_EXTENSION_TYPES: dict[str, Any] = {
    "eventType": str,
    "eventId": str,
    "vesselIMO": str,
    "vesselName": str,
    "voyage": str,
    "full": bool,
    "transshipment": bool,
    "seals": Raw,
}


_WRITTEN = ("eventId", "vesselIMO", "eventType", "vesselName", "voyage", "full", "seals",
            "transshipment")  # fmt: skip
"""The extension fields in the order greenlane writes them."""


_IGNORED: list[Any] = [("eventTimeZoneOffset", str, None), ("recordTime", str, None)]
"""Keys plain events often hold that ``fast`` does not read: the strict schema lets them be
(as strings, so nothing in them is skipped unread)."""


def schema_of(context: Context, prefix: str) -> Schema:
    """The schema of the events of a document with this context whose greenlane extension
    keys are written with ``prefix`` (``greenlane:``, or the namespace itself)."""
    return tuple(context.ext_keys.items()), prefix


_GREENLANE = Context.from_jsonld([EPCIS_CONTEXT, {"greenlane": GREENLANE_NS}], "")
_LAST[0] = schema_of(_GREENLANE, "greenlane:")  # what write_document writes


def decode_each(raws: list[Raw], schema: Schema) -> list[Any]:
    """Each raw event decoded on its own (None where the schema does not read it)."""
    decode = _decoder(*schema).decode
    try:
        return list(map(decode, raws))
    except _ERRORS:
        pass
    events: list[Any] = []
    for raw in raws:
        try:
            events.append(decode(raw))
        except _ERRORS:
            events.append(None)
    return events


def remember(schema: Schema) -> None:
    """Decode the next document whole with this schema first."""
    _LAST[0] = schema


@lru_cache(maxsize=64)
def _decoder(*schema: Any) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(_event(*schema, strict=False))


@lru_cache(maxsize=16)
def _whole(ext_keys: Any, prefix: str, query: bool) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(_document(_event(ext_keys, prefix, strict=True), query))


def _event(ext_keys: tuple[tuple[str, str], ...], prefix: str, *, strict: bool) -> Any:
    """The struct of a plain event. Lenient: other keys are skipped (their size checked by
    ``split``), those that would change the reading must be absent. Strict: the keys read and
    those in _IGNORED only, so that a whole document can be decoded in one pass."""
    # In the order events are usually written: msgspec looks for the next key there first.
    fields: list[Any] = [
        ("type", Literal["ObjectEvent"]),
        ("eventID", Annotated[str, msgspec.Meta(min_length=1)]),
        ("eventTime", str),
        ("epcList", Raw),
        ("action", Literal["ADD", "OBSERVE", "DELETE"]),
        ("bizStep", str, None),
        ("disposition", str, None),
        ("readPoint", Raw, _NOWHERE),
        ("bizLocation", Raw, _NOWHERE),
        ("bizTransactionList", Raw, _NOWHERE),
        ("destinationList", Raw, _NOWHERE),
        ("sourceList", Raw, _NOWHERE),
    ]
    absent = [*_CAREFUL_KEYS]
    for key, name in sorted(ext_keys, key=lambda each: _WRITTEN.index(each[1])):
        if key == prefix + name:
            default = _NOWHERE if name == "seals" else False if name == "transshipment" else None
            fields.append((name, _EXTENSION_TYPES[name], field(name=key, default=default)))
        else:  # another spelling: fast reads it, by rules this path leaves to it
            absent.append(key)
    if len(fields) != 12 + len(EXTENSION_FIELDS):  # a Context spells every field each way
        raise ValueError(f"greenlane keys are not all spelled {prefix!r}")
    if strict:
        fields += _IGNORED
    else:
        fields += [(f"absent_{i}", UnsetType, field(name=key, default=UNSET))
                   for i, key in enumerate(absent)]  # fmt: skip
    return msgspec.defstruct(
        "PlainEvent", fields, gc=False, kw_only=True, forbid_unknown_fields=strict
    )


def prefix_of(context: Context, items: Sequence[Any]) -> str:
    """How the document writes greenlane's keys, as its first events with any write them (as
    ``fast`` tells: the key the context lists last wins); the last spelling the context lists
    when none does."""
    spellings = [key[: len(key) - len(name)] for key, name in context.ext_keys.items()]
    for i in range(min(8, len(items))):
        event = items[i]
        if type(event) is dict:
            found = [key[: len(key) - len(name)] for key, name in context.ext_keys.items()
                     if key in event]  # fmt: skip
            if found:
                return found[-1]
    return spellings[-1]


# --- reading ------------------------------------------------------------------------------


def read_document(cut: Cut, fast: FastReader, items: Sequence[Any]) -> list[Event | None]:
    """``read_events`` of a document's events: as ``cut`` decoded them whole, else each raw
    event decoded on its own by the schema its first events' greenlane keys call for."""
    if cut.events is not None and cut.schema is not None:
        schema, events = cut.schema, cut.events
    else:
        schema = schema_of(fast.context, prefix_of(fast.context, items))
        events = decode_each(cut.raws or [], schema)
    remember(schema)
    return read_events(events, fast, schema[1])


def read_events(events: list[Any], fast: FastReader, prefix: str) -> list[Event | None]:
    """The one record ``fast.read`` gives for each event decoded by a schema with this
    ``prefix`` (None where it did not decode), where the mapper finds nothing in it (no
    validation finding: each part is checked where it is read); None where this path leaves
    the event. Its texts hold no unpaired surrogate: msgspec refuses one. Unread where a raw
    part of an event is too long to be sure ``json`` reads it alike. ``events`` is emptied."""
    parts = _Parts(fast, prefix)
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
    records = _events(*zip(*kept, strict=True), repeat(SOURCE, n), repeat(fast.source_message, n))
    if not left:
        return records  # type: ignore[return-value]
    read = iter(records)
    return [None if row is None else next(read) for row in rows]


_LEAVE = (_GiveUp, *_GIVE_UP)  # msgspec's DecodeError is a ValueError
_LEFT: Any = object()
"""A source or destination list ``fast`` must read."""
_Located = tuple[str | None, str | None, str | None, dict[EventType, bool]]
"""UN/LOCODE, facility, vessel, and whether the UN/LOCODE is clean for each event type met
(one dict for each UN/LOCODE)."""


class _Parts:
    """One document's parts already read, by their raw text (None: left to ``fast``). A part
    is read the same wherever it stands, so each distinct one is read once, through ``fast``,
    and its identifiers checked through the mapper."""

    def __init__(self, fast: FastReader, prefix: str) -> None:
        self.fast = fast
        self.mapper = fast.mapper
        self.prefix = prefix
        self.limit = _longest_part()
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
        standard, step = self.fast.milestone(biz_step, disposition)
        found = None
        if standard:
            found = step if name is None else _EVENT_TYPES.get(name)
        self.kinds[key] = found
        return found

    # Each reads a part as ``fast`` reads it, with the same checks: fast's readers give up
    # (raise) where the careful path must read the event; a part that fails is left (None).

    def subject(self, raw: bytes) -> tuple[str | None, str | None] | None:
        """The one container (or None for the vessel itself) and the vessel of an epcList."""
        found = None
        try:
            objects = _part(raw, list, self.limit)
            if objects is not None:
                # fast.subjects but its cache (no value it reads could be unhashable)
                containers, vessel = self.fast._subjects_of(objects)
                if len(containers) <= 1:  # several records: fast makes them
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
        """One readPoint or bizLocation (None where absent, _LEFT where ``fast`` must read it),
        read once per document: one port is the read point of many business locations."""
        found = self.single_places.get(raw, _MISS)
        if found is _MISS:
            try:  # fast.place but its cache (an object holding an id alone: nothing unhashable)
                found = None if not raw else self.fast.place_of(_part(raw, dict, self.limit))
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
            found = self.fast.links(_part(raw, list, self.limit), None, None)
        except _LEAVE:
            found = None
        self.transactions[raw] = found
        return found

    def other(self, key: tuple[bytes, bytes]) -> str | None:
        """The vessel a sourceList and destinationList name (the destination's first)."""
        found: Any
        try:
            sources = _part(key[0], list, self.limit)
            found = self.fast.links(None, sources, _part(key[1], list, self.limit))[1]
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
                readings = self.fast.seal_readings(listed, self.prefix)
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
    """A part of the one JSON type ``fast`` takes (None where absent); a value of another
    type, null too, is left. Unread where it is too long to be sure ``json`` reads it alike
    (msgspec skipped it unread): ``json`` reads the document then."""
    if not raw:
        return None
    if len(raw) > limit:
        raise Unread
    value = _load(raw)
    if type(value) is not kind:
        raise _GiveUp
    return value
