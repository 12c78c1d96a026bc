"""The parts of one DCSA event: place, transport call, references, equipment and seals.

Each reader looks in the places the versions put a value: v2.2 and 3.0.0-beta1 keep it flat on
the event (``equipmentReference``, ``transportCall.vessel``), v3.0 nests it
(``equipmentDetails``, ``transportDetails.transportCall.vesselTransport``). Each returns the value
and the JSON pointer it came from, so that findings point at the value itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding, SealReading
from greenlane.ingest.base import finding, shown
from greenlane.ingest.dcsa.codes import (
    EMPTY_INDICATORS,
    EQUIPMENT_REFERENCE,
    MOVEMENT_TYPES,
    SEAL_SOURCES,
    SEAL_TYPES,
    TRANSPORT_DOCUMENT,
    TRANSSHIPMENT,
)
from greenlane.ingest.dcsa.fields import JsonObject, arr, first, flag, item, obj, text

_UNLOCODE_KEYS = ("UNLocationCode", "unLocationCode")
_FACILITY_TYPE_KEYS = ("facilityTypeCode", "facilityType")


@dataclass(slots=True)
class Place:
    unlocode: str | None = None
    unlocode_at: str | None = None
    facility: str | None = None
    facility_type: str | None = None


def transport_call(body: JsonObject, ptr: str) -> tuple[JsonObject | None, str]:
    """v2.2 and beta ``transportCall``, or v3.0 ``transportDetails.transportCall``."""
    call = obj(body, "transportCall", ptr)
    if call is not None:
        return call, f"{ptr}/transportCall"
    details = obj(body, "transportDetails", ptr)
    where = f"{ptr}/transportDetails"
    return obj(details, "transportCall", where), f"{where}/transportCall"


def place(body: JsonObject, ptr: str, call: JsonObject | None, call_at: str) -> Place:
    """UN/LOCODE and facility: the event's location first, then its transport call's.

    The facility is taken only from a location at the same UN/LOCODE (or one that names none),
    so a terminal code never lands on another port.
    """
    candidates: list[tuple[JsonObject, str]] = []
    for parent, key, at in (
        (body, "eventLocation", ptr),
        (body, "location", ptr),  # 3.0.0-beta1 equipment events
    ):
        loc = obj(parent, key, at)
        if loc is not None:
            candidates.append((loc, f"{at}/{key}"))
    if call is not None:
        candidates.append((call, call_at))
        loc = obj(call, "location", call_at)
        if loc is not None:
            candidates.append((loc, f"{call_at}/location"))
    found = Place()
    codes: list[str | None] = []
    for loc, at in candidates:
        code, key = first(loc, _UNLOCODE_KEYS, at)
        codes.append(code)
        if found.unlocode is None and code is not None:
            found.unlocode, found.unlocode_at = code, f"{at}/{key}"
    for (loc, at), code in zip(candidates, codes, strict=True):
        if code is not None and code != found.unlocode:
            continue
        if found.facility is None:
            found.facility = _facility(loc, at)
        if found.facility_type is None:
            found.facility_type, _ = first(loc, _FACILITY_TYPE_KEYS, at)
    if found.facility_type is None:  # 3.0.0-beta1 puts it beside the location
        found.facility_type, _ = first(body, _FACILITY_TYPE_KEYS, ptr)
    return found


def _facility(loc: JsonObject, at: str) -> str | None:
    """The facility's code (SMDG or BIC), else its name, else the location's name."""
    code = text(loc, "facilityCode", at)  # v2.2
    if code is not None:
        return code
    facility = obj(loc, "facility", at)  # v3.0
    named, _ = first(facility, ("facilityCode", "facilityName"), f"{at}/facility")
    return named if named is not None else text(loc, "locationName", at)


@dataclass(slots=True)
class Vessel:
    imo: str | None = None
    imo_at: str | None = None
    name: str | None = None
    voyage: str | None = None


_EXPORT_VOYAGE = ("exportVoyageNumber", "carrierExportVoyageNumber", "carrierVoyageNumber")
_IMPORT_VOYAGE = ("importVoyageNumber", "carrierImportVoyageNumber")
_VOYAGE_REF = ("carrierVoyageNumber", "universalVoyageReference")


def vessel(call: JsonObject | None, call_at: str, *, arrival_side: bool) -> Vessel:
    """IMO, name and voyage; arrivals and discharges read the import voyage first."""
    found = Vessel()
    if call is None:
        return found
    ship = obj(call, "vessel", call_at)
    ship_at = f"{call_at}/vessel"
    if ship is None:
        ship = obj(call, "vesselTransport", call_at)
        ship_at = f"{call_at}/vesselTransport"
    if ship is not None:
        found.imo = text(ship, "vesselIMONumber", ship_at)
        found.imo_at = f"{ship_at}/vesselIMONumber"
        found.name, _ = first(ship, ("vesselName", "name"), ship_at)
    export = _voyage(call, call_at, _EXPORT_VOYAGE, "export")
    import_ = _voyage(call, call_at, _IMPORT_VOYAGE, "import")
    found.voyage = (import_ or export) if arrival_side else (export or import_)
    return found


def _voyage(call: JsonObject, call_at: str, flat_keys: tuple[str, ...], side: str) -> str | None:
    voyage, _ = first(call, flat_keys, call_at)
    if voyage is not None:
        return voyage
    key = f"{side}VoyageNumberOrReference"  # v3.0
    voyage, _ = first(obj(call, key, call_at), _VOYAGE_REF, f"{call_at}/{key}")
    if voyage is not None:
        return voyage
    key = f"universal{side.capitalize()}VoyageReference"  # 3.0.0-beta1
    return text(call, key, call_at)


def _references(
    items: list[Any], at: str, type_keys: tuple[str, ...], value_keys: tuple[str, ...]
) -> Iterator[tuple[str | None, str | None]]:
    for i, raw in enumerate(items):
        where = f"{at}/{i}"
        ref = item(raw, where)
        kind, _ = first(ref, type_keys, where)
        value, _ = first(ref, value_keys, where)
        yield kind, value


def bill_of_lading(body: JsonObject, ptr: str) -> str | None:
    """The transport document (B/L) number among the event's document references."""
    details = obj(body, "shipmentDetails", ptr)
    details_at = f"{ptr}/shipmentDetails"
    primary = obj(details, "documentReference", details_at)
    sources = (
        # v3.0: shipmentDetails.documentReference and additionalDocumentReferences
        (
            [primary] if primary is not None else [],
            f"{details_at}/documentReference",
            ("typeCode", "type"),
            ("reference",),
        ),
        (
            arr(details, "additionalDocumentReferences", details_at),
            f"{details_at}/additionalDocumentReferences",
            ("typeCode", "type"),
            ("reference",),
        ),
        # v2.2 documentReferences, 3.0.0-beta1 relatedDocumentReferences
        (
            arr(body, "documentReferences", ptr),
            f"{ptr}/documentReferences",
            ("documentReferenceType",),
            ("documentReferenceValue",),
        ),
        (
            arr(body, "relatedDocumentReferences", ptr),
            f"{ptr}/relatedDocumentReferences",
            ("type",),
            ("value",),
        ),
    )
    for items, at, type_keys, value_keys in sources:
        for kind, value in _references(items, at, type_keys, value_keys):
            if kind in TRANSPORT_DOCUMENT and value is not None:
                return value
    return None


def equipment_reference(body: JsonObject, ptr: str) -> tuple[str | None, str]:
    """The one equipment (EQ) reference of an event that has no equipmentReference of its own.

    Transport events name their containers this way; several different ones name none.
    """
    details = obj(body, "shipmentDetails", ptr)
    details_at = f"{ptr}/shipmentDetails"
    sources = (
        (arr(body, "references", ptr), f"{ptr}/references", ("referenceType", "type")),
        (
            arr(details, "shipmentReferences", details_at),
            f"{details_at}/shipmentReferences",
            ("typeCode", "type"),
        ),
    )
    found: dict[str, str] = {}
    for items, at, type_keys in sources:
        value_keys = ("referenceValue", "value", "reference")
        for i, (kind, value) in enumerate(_references(items, at, type_keys, value_keys)):
            if kind in EQUIPMENT_REFERENCE and value is not None:
                found.setdefault(value, f"{at}/{i}")
    if len(found) == 1:
        (value, at), *_ = found.items()
        return value, at
    return None, ptr


@dataclass(slots=True)
class Equipment:
    container: str | None = None
    container_at: str = ""
    full: bool | None = None
    transshipment: bool = False
    seals: tuple[SealReading, ...] = ()
    seal_at: dict[int, str] = field(default_factory=dict)


def equipment(body: JsonObject, ptr: str, findings: list[DataQualityFinding]) -> Equipment:
    """Container, empty/laden, transshipment and seals: v3.0 equipmentDetails or flat."""
    holder = obj(body, "equipmentDetails", ptr)
    at = f"{ptr}/equipmentDetails"
    if holder is None:
        holder, at = body, ptr
    found = Equipment()
    found.container = text(holder, "equipmentReference", at)
    found.container_at = f"{at}/equipmentReference"
    if found.container is None:
        found.container, found.container_at = equipment_reference(body, ptr)

    indicator, key = first(holder, ("emptyIndicatorCode", "emptyIndicator"), at)
    if indicator is not None:
        found.full = EMPTY_INDICATORS.get(indicator)
        if found.full is None:
            findings.append(unknown_code("empty indicator", indicator, "full", f"{at}/{key}"))

    movement, key = first(holder, ("movementType", "transportPhase"), at)
    if movement is not None and movement not in MOVEMENT_TYPES:
        findings.append(unknown_code("movement type", movement, "transshipment", f"{at}/{key}"))
    found.transshipment = (
        movement == TRANSSHIPMENT
        or flag(holder, "isTransshipmentMove", at)
        or (holder is not body and flag(body, "isTransshipmentMove", ptr))
    )
    found.seals, found.seal_at = _seals(arr(holder, "seals", at), f"{at}/seals", findings)
    return found


def _seals(
    items: list[Any], at: str, findings: list[DataQualityFinding]
) -> tuple[tuple[SealReading, ...], dict[int, str]]:
    readings: list[SealReading] = []
    where_of: dict[int, str] = {}
    for j, raw in enumerate(items):
        where = f"{at}/{j}"
        seal = item(raw, where)
        number, number_key = first(seal, ("sealNumber", "number"), where)
        if number is None:
            # name the key the way this seal's siblings do: v3.0 and beta ``number``
            if not seal.keys().isdisjoint(("source", "type", "placement")):
                number_key = "number"
            findings.append(
                finding(
                    "dcsa.seal_without_number",
                    "seal entry has no seal number; it is left out of the event",
                    "seals",
                    None,
                    f"{where}/{number_key}",
                )
            )
            continue
        source, source_key = first(seal, ("sealSource", "source"), where)
        affixed_by = None
        if source is not None:
            affixed_by = SEAL_SOURCES.get(source)
            if affixed_by is None:
                field_name = f"seals[{len(readings)}].affixed_by"
                at_source = f"{where}/{source_key}"
                findings.append(unknown_code("seal source", source, field_name, at_source))
        kind, kind_key = first(seal, ("sealType", "type"), where)
        if kind is not None and kind not in SEAL_TYPES:
            field_name = f"seals[{len(readings)}].type_code"
            findings.append(unknown_code("seal type", kind, field_name, f"{where}/{kind_key}"))
        where_of[len(readings)] = f"{where}/{number_key}"
        readings.append(SealReading(number=number, affixed_by=affixed_by, type_code=kind))
    return tuple(readings), where_of


def unknown_code(what: str, value: str, field_name: str, where: str) -> DataQualityFinding:
    return finding(
        "dcsa.code_unknown",
        f"{what} {shown(value)} is not in the DCSA code list",
        field_name,
        value,
        where,
        Severity.WARNING,
    )
