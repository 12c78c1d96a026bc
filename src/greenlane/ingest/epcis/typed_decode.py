"""The typed path's decoding: EPCIS documents and their plain events cut and decoded by msgspec.

Most of what ingest reads is plain ObjectEvents on containers. Decoding them with a schema, in
C, costs a fraction of building dicts with ``json.loads`` and then looking each key up in
Python, and the schema already checks every type. A UTF-8 EPCISDocument (or EPCISQueryDocument
of events) is decoded whole, in one pass, by the strict schema of greenlane's own documents
(``cut``, ``WHOLE``). Where that schema does not fit (another sender's @context or spelling of
greenlane's keys, an odd event), ``split`` cuts the document into its head and its raw events
and each event is decoded on its own (``decode_each``) by the schema its own @context calls for,
so one odd event does not cost the others. Nothing is remembered from one document to the next:
the decoders of greenlane's schema are built once, on import; any other is built for the
document that needs it.

The schema of an event holds what the typed path reads (typed_records.py): the standard fields,
and greenlane's extension fields as the document's @context spells them (so it is built per
context). Keys that would change the reading (a parent, child EPCs, sensors, an error
declaration, an event-level @context, the extension fields spelled another way) must be absent.
The parts of an event that repeat across a document (its EPCs, places, business transactions,
sources and destinations, seals) are kept raw, for typed_records.py to read once per document.

msgspec reads what json reads, with three differences that matter here: it skips values it
keeps raw (or does not read) without looking inside them, so UTF-8 is checked first; it reads a
little deeper; and it skips integers longer than json converts. A raw part long enough to hold
either sends the document to ``json`` (``_head``, ``longest_part``), which then reports what it
finds.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from types import FrameType
from typing import Annotated, Any, Literal, NamedTuple

import msgspec
from msgspec import UNSET, Raw, UnsetType, field

from greenlane.ingest.epcis.vocab import EPCIS_CONTEXT, EXTENSION_FIELDS, GREENLANE_NS, Context
from greenlane.ingest.lazy import LazyEvents

_ERRORS = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)  # ValidationError too
_NOWHERE = Raw(b"")
"""A raw part that is absent (``null`` is a value: the typed path leaves an event holding one)."""


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


def cut(content: bytes) -> Cut | None:
    """The document decoded whole, every event by the strict schema ``WHOLE`` (one pass,
    nothing skipped but what the typed path checks); else its raw events (``split``). None for
    anything but a UTF-8 EPCISDocument or EPCISQueryDocument of events, which the caller reads
    with ``json``. (A document of one shape fails at once on the other's body.)"""
    schema = WHOLE
    if schema is None or not _utf8(content):
        return split(content)
    for query in (False, True):
        try:
            document = _whole(schema, query).decode(content)
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
    if max(max(map(len, head)), max(map(len, raws), default=0)) > longest_part():
        return None
    has_context = bool(document.context)
    try:  # small: json reads them as it would in the whole document
        context = json.loads(bytes(document.context)) if has_context else None
        kind = json.loads(bytes(document.type)) if document.type else None
    except (ValueError, RecursionError):
        return None
    return has_context, context, kind


def longest_part() -> int:
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


class Decoded(LazyEvents):
    """The events of a document as ``json`` reads them, each decoded when first asked for
    (only the events the typed path leaves are); the document is cut into raw events then, if
    it was decoded whole."""

    def __init__(self, content: bytes, cut: Cut) -> None:
        super().__init__(len(cut.raws if cut.raws is not None else cut.events or ()))
        self._content = content
        self._raws = cut.raws

    def _decode(self, index: int) -> Any:
        if self._raws is None:
            again = split(self._content)
            if again is None or again.raws is None or len(again.raws) != len(self):
                raise Unread
            self._raws = again.raws
        try:
            return json.loads(bytes(self._raws[index]))
        except (ValueError, RecursionError):
            raise Unread from None


# --- the schema of an event, per context --------------------------------------------------

# A key read here is typed without null but defaults to None: absent reads as None (as
# the careful reader reads it), null is refused (the careful reader reads an event holding one).
# An absent transshipment reads as False, what the careful reader makes of it.
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
"""Keys plain events often hold that no reader reads: the strict schema lets them be
(as strings, so nothing in them is skipped unread)."""


def schema_of(context: Context, prefix: str) -> Schema:
    """The schema of the events of a document with this context whose greenlane extension
    keys are written with ``prefix`` (``greenlane:``, or the namespace itself)."""
    return tuple(context.ext_keys.items()), prefix


GREENLANE = Context.from_jsonld([EPCIS_CONTEXT, {"greenlane": GREENLANE_NS}], "")
"""The @context of greenlane's own documents (``write_document``)."""
GREENLANE_SCHEMA = schema_of(GREENLANE, "greenlane:")


def decode_each(raws: list[Raw], schema: Schema) -> list[Any]:
    """Each raw event decoded on its own (None where the schema does not read it)."""
    decode = decoder(schema).decode
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


def decoder(schema: Schema) -> msgspec.json.Decoder[Any]:
    """The lenient decoder of one event of this schema: greenlane's built once, others anew
    (a few hundred microseconds) for the document that needs one."""
    if schema == GREENLANE_SCHEMA:
        return _GREENLANE_EACH
    return msgspec.json.Decoder(_event(*schema, strict=False))


def _whole(schema: Schema, query: bool) -> msgspec.json.Decoder[Any]:
    """The strict decoder of a whole document (a query document's answer if ``query``)."""
    if schema == GREENLANE_SCHEMA:
        return _GREENLANE_WHOLE[query]
    return msgspec.json.Decoder(_document(_event(*schema, strict=True), query))


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
        else:  # another spelling: read by rules left to the careful reader
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
    the careful reader tells: the key the context lists last wins); the last spelling the
    context lists when none does."""
    spellings = [key[: len(key) - len(name)] for key, name in context.ext_keys.items()]
    for i in range(min(8, len(items))):
        event = items[i]
        if type(event) is dict:
            found = [key[: len(key) - len(name)] for key, name in context.ext_keys.items()
                     if key in event]  # fmt: skip
            if found:
                return found[-1]
    return spellings[-1]


_GREENLANE_EACH = msgspec.json.Decoder(_event(*GREENLANE_SCHEMA, strict=False))
_GREENLANE_WHOLE = [
    msgspec.json.Decoder(_document(_event(*GREENLANE_SCHEMA, strict=True), query))
    for query in (False, True)
]
WHOLE: Schema | None = GREENLANE_SCHEMA
"""The schema a document is first decoded whole with: greenlane's own documents and those
written like them are the common case; any other is cut into raw events first."""
