"""The fast path: a well-formed actual move read in one pass, with no JSON pointers built.

Ingest must keep up with plain JSON parsing, and building a pointer for every value costs more
than reading it. So each event is first read here with plain dict lookups, reading at least every
key the careful reader (``event.read_event``) reads, in the same order of preference. Anything
the careful reader would report (a wrong type, an empty or odd string, a code outside the lists,
a planned event, a retraction) makes this path give up and return None; the careful reader then
reads the event again and names the place. Giving up is always safe; accepting is only allowed
where the careful reader would make the same record, which a property test checks.

Codes need no string check here: a value found in a code table is one of its strings.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from greenlane.domain.records import Event, SealReading
from greenlane.ingest.dcsa.codes import (
    ACTUAL,
    ARRIVAL_SIDE,
    EMPTY_INDICATORS,
    EQUIPMENT_REFERENCE,
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

SealCache = dict[tuple[Any, Any, Any], SealReading]

_GIVE_UP = (LookupError, TypeError, ValueError, AttributeError, OverflowError)


class _GiveUp(Exception):
    """The careful reader must take over."""


def _text_ok(values: tuple[Any, ...] | list[Any]) -> bool:
    """Every free-text value read is one the careful reader takes as is."""
    for value in values:
        if value is not None and (
            type(value) is not str
            or not value.isascii()
            or not value
            or value.isspace()
            or "\x00" in value
        ):
            return False
    return True


def _obj(value: Any) -> Any:
    if value is None or type(value) is dict:
        return value
    raise _GiveUp


def fast_event(raw: Any, source_message: str, seal_cache: SealCache) -> tuple[Event, bool] | None:
    """The event and whether its place is a port terminal; None when the careful reader must."""
    try:
        return _read(raw, source_message, seal_cache)
    except (_GiveUp, *_GIVE_UP):
        return None


def _read(raw: Any, source_message: str, seal_cache: SealCache) -> tuple[Event, bool] | None:
    if type(raw) is not dict or "metadata" in raw or "isRetracted" in raw or "location" in raw:
        return None
    get = raw.get
    kind: Any
    classifier: Any
    code: Any
    holder = get("eventClassification")
    if holder is None:  # v2.2 flat
        holder = raw
        kind = get("eventType")
        classifier = get("eventClassifierCode")
    elif type(holder) is dict:  # v3.0, either spelling
        kind = holder.get("eventTypeCode")
        if kind is None:
            kind = holder.get("eventType")
        classifier = holder.get("eventClassifierCode")
        if classifier is None:
            classifier = holder.get("eventClassifier")
    else:
        return None
    if classifier not in ACTUAL:
        return None
    first_key, second_key = KIND_CODE_KEYS[kind]
    code = holder.get(first_key)
    if code is None:
        code = holder.get(second_key)
    if kind == IOT:
        details = _obj(get("iotDetails"))
        door = details.get("iotEventCode") if details is not None else None
        if door is not None:
            code = door
    event_type = EVENT_CODES[kind][code]
    if event_type is None:
        return None
    when: Any = get("eventDateTime")
    moment = datetime.fromisoformat(when)
    if moment.tzinfo is None:
        return None
    event_id = get("eventID")
    if event_id is None:
        return None

    call = _obj(get("transportCall"))
    if call is None:
        details = _obj(get("transportDetails"))
        if details is not None:
            call = _obj(details.get("transportCall"))
    texts: list[Any] = []
    unlocode, facility, facility_type = _place(raw, call, texts)
    imo = name = voyage = None
    if call is not None:
        imo, name, voyage = _vessel(call, event_type in ARRIVAL_SIDE, texts)

    box = _obj(get("equipmentDetails"))
    box_holder = raw if box is None else box
    container = box_holder.get("equipmentReference")
    if container is None:
        container = _equipment_reference(raw)
    indicator = box_holder.get("emptyIndicatorCode")
    if indicator is None:
        indicator = box_holder.get("emptyIndicator")
    full = None if indicator is None else EMPTY_INDICATORS[indicator]
    movement = box_holder.get("movementType")
    if movement is None:
        movement = box_holder.get("transportPhase")
    if movement is not None and movement not in MOVEMENT_TYPES:
        return None
    flag = box_holder.get("isTransshipmentMove")
    outer = get("isTransshipmentMove") if box is not None else None
    if (flag is not None and type(flag) is not bool) or (
        outer is not None and type(outer) is not bool
    ):
        return None
    seals = box_holder.get("seals")
    seals = () if seals is None else _seals(seals, seal_cache)
    bill = _bill(raw)

    if not _text_ok((event_id, container, bill, facility_type, *texts)):
        return None
    # Positional, in the field order of Event (the fast path's one hot allocation).
    event = Event(
        event_id,
        event_type,
        moment.astimezone(UTC),
        container,
        unlocode,
        facility,
        imo,
        name,
        voyage,
        bill,
        full,
        seals,
        movement == TRANSSHIPMENT or flag is True or outer is True,
        "dcsa",
        source_message,
    )
    return event, facility_type in PORT_TERMINAL


def _place(raw: dict[str, Any], call: Any, texts: list[Any]) -> tuple[Any, Any, Any]:
    """The careful reader's ``details.place``: event location first, then the transport call."""
    candidates = []
    location = _obj(raw.get("eventLocation"))
    if location is not None:
        candidates.append(location)
    if call is not None:
        candidates.append(call)
        inner = _obj(call.get("location"))
        if inner is not None:
            candidates.append(inner)
    codes = []
    unlocode = None
    for candidate in candidates:
        code = candidate.get("UNLocationCode")
        if code is None:
            code = candidate.get("unLocationCode")
        codes.append(code)
        if unlocode is None:
            unlocode = code
    texts += codes
    facility = facility_type = None
    for candidate, code in zip(candidates, codes, strict=True):
        if code is not None and code != unlocode:
            continue
        if facility is None:
            facility = candidate.get("facilityCode")
            if facility is None:
                inner = _obj(candidate.get("facility"))
                if inner is not None:
                    facility = inner.get("facilityCode")
                    if facility is None:
                        facility = inner.get("facilityName")
                if facility is None:
                    facility = candidate.get("locationName")
            texts.append(facility)
        if facility_type is None:
            facility_type = candidate.get("facilityTypeCode")
            if facility_type is None:
                facility_type = candidate.get("facilityType")
    if facility_type is None:
        facility_type = raw.get("facilityTypeCode")
        if facility_type is None:
            facility_type = raw.get("facilityType")
    return unlocode, facility, facility_type


_EXPORT = (
    ("exportVoyageNumber", "carrierExportVoyageNumber", "carrierVoyageNumber"),
    "exportVoyageNumberOrReference",
    "universalExportVoyageReference",
)
_IMPORT = (
    ("importVoyageNumber", "carrierImportVoyageNumber"),
    "importVoyageNumberOrReference",
    "universalImportVoyageReference",
)


def _vessel(call: dict[str, Any], arrival_side: bool, texts: list[Any]) -> tuple[Any, Any, Any]:
    ship = _obj(call.get("vessel"))
    if ship is None:
        ship = _obj(call.get("vesselTransport"))
    imo = name = None
    if ship is not None:
        imo = ship.get("vesselIMONumber")
        name = ship.get("vesselName")
        if name is None:
            name = ship.get("name")
    export, import_ = _voyage(call, _EXPORT), _voyage(call, _IMPORT)
    texts += (imo, name, export, import_)
    first, second = (import_, export) if arrival_side else (export, import_)
    return imo, name, second if first is None else first


def _voyage(call: dict[str, Any], keys: tuple[tuple[str, ...], str, str]) -> Any:
    flat, nested, beta = keys
    for key in flat:
        voyage = call.get(key)
        if voyage is not None:
            return voyage
    reference = _obj(call.get(nested))
    if reference is not None:
        voyage = reference.get("carrierVoyageNumber")
        if voyage is None:
            voyage = reference.get("universalVoyageReference")
        if voyage is not None:
            return voyage
    return call.get(beta)


def _seals(items: Any, cache: SealCache) -> tuple[SealReading, ...]:
    if type(items) is not list:
        raise _GiveUp
    readings = []
    for seal in items:
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
        if reading is None:  # checked once per message for each distinct seal
            if number is None or not _text_ok(key) or (kind is not None and kind not in SEAL_TYPES):
                raise _GiveUp
            affixed_by = None if source is None else SEAL_SOURCES[source]
            reading = cache[key] = SealReading(number, affixed_by=affixed_by, type_code=kind)
        readings.append(reading)
    return tuple(readings)


def _refs(items: Any, type_keys: tuple[str, ...], value_keys: tuple[str, ...]) -> list[Any]:
    """(type, value) of each reference, flattened; each item must be an object."""
    if items is None:
        return []
    if type(items) is not list:
        raise _GiveUp
    out: list[Any] = []
    for ref in items:
        if type(ref) is not dict:
            raise _GiveUp
        for keys in (type_keys, value_keys):
            value = None
            for key in keys:
                value = ref.get(key)
                if value is not None:
                    break
            out.append(value)
    if not _text_ok(out):
        raise _GiveUp
    return out


_CODE_AND_TYPE = ("typeCode", "type")
_REFERENCE = ("reference",)


def _bill(raw: dict[str, Any]) -> Any:
    """The careful reader's ``details.bill_of_lading``: the first transport document."""
    details = _obj(raw.get("shipmentDetails"))
    primary = additional = None
    if details is not None:
        primary = _obj(details.get("documentReference"))
        additional = details.get("additionalDocumentReferences")
    flat = raw.get("documentReferences")
    related = raw.get("relatedDocumentReferences")
    lists = (additional, flat, related)
    if primary is None and lists == (None, None, None):
        return None
    for each in lists:  # the careful reader checks all four before looking inside
        if each is not None and type(each) is not list:
            raise _GiveUp
    if primary is not None:  # the common case: the event's own document is the B/L
        kind = primary.get("typeCode")
        if kind is None:
            kind = primary.get("type")
        value = primary.get("reference")
        if kind in TRANSPORT_DOCUMENT and value is not None:
            return value  # a free text: checked with the event's others
    for items, type_keys, value_keys in (
        ([primary] if primary is not None else None, _CODE_AND_TYPE, _REFERENCE),
        (additional, _CODE_AND_TYPE, _REFERENCE),
        (flat, ("documentReferenceType",), ("documentReferenceValue",)),
        (related, ("type",), ("value",)),
    ):
        pairs = _refs(items, type_keys, value_keys)
        for i in range(0, len(pairs), 2):
            if pairs[i] in TRANSPORT_DOCUMENT and pairs[i + 1] is not None:
                return pairs[i + 1]
    return None


def _equipment_reference(raw: dict[str, Any]) -> Any:
    """The careful reader's ``details.equipment_reference``: a lone EQ reference."""
    value_keys = ("referenceValue", "value", "reference")
    pairs = _refs(raw.get("references"), ("referenceType", "type"), value_keys)
    details = _obj(raw.get("shipmentDetails"))
    if details is not None:
        pairs += _refs(details.get("shipmentReferences"), _CODE_AND_TYPE, value_keys)
    found = {pairs[i + 1] for i in range(0, len(pairs), 2) if pairs[i] in EQUIPMENT_REFERENCE}
    found.discard(None)
    return found.pop() if len(found) == 1 else None
