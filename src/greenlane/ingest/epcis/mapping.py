"""EPCIS events to canonical container events: what each one means for a customs journey.

* bizStep (CBV) -> event type: loading -> loaded, unloading -> discharged, departing -> departed,
  arriving -> arrived, receiving -> gate_in, shipping -> gate_out, inspecting -> inspected,
  packing -> stuffed, unpacking -> stripped. An AggregationEvent whose parent is a container is
  stuffing (ADD) or stripping (DELETE) whatever its bizStep; one whose parent is a vessel loads
  (ADD) or discharges (DELETE) its child containers unless the bizStep says otherwise.
* Without a milestone bizStep, disposition container_open / container_closed -> door_opened /
  door_closed. Seal moves have no CBV bizStep: a non-CBV bizStep whose last part is ``sealing``,
  ``resealing``, ``unsealing``, ``seal_removing`` or ``seal_checking`` is read as one (after the
  unknown-bizStep finding). greenlane's own ``greenlane:eventType`` overrides all of this.
* Sensor reports on a container: see sensors.py (door events, alarm and tamper findings).
* An event with an errorDeclaration is not a move: a finding and no event.
* An event whose objects hold no container and no vessel is no container move: an info finding.
  A vessel alone (``urn:epc:id:imovn:``) departing or arriving is an event without container.
* One canonical event per container; event_id is the EPCIS eventID (``#<container>`` appended
  when one EPCIS event names several), else ``sha256:`` of the event's canonical JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime

from greenlane.domain.codes import EventType, Severity
from greenlane.domain.records import DataQualityFinding, Event
from greenlane.domain.validate import check_seal_number, validate_event
from greenlane.ingest.base import shown
from greenlane.ingest.epcis import ids
from greenlane.ingest.epcis.extensions import NONE, read_extensions
from greenlane.ingest.epcis.model import EpcisEvent, Place
from greenlane.ingest.epcis.reader import error
from greenlane.ingest.epcis.sensors import door_events
from greenlane.ingest.epcis.vocab import local_name
from greenlane.ingest.quick import clean_container

SOURCE = "epcis"

BIZ_STEP_EVENTS: Mapping[str, EventType] = {
    "loading": EventType.LOADED,
    "unloading": EventType.DISCHARGED,
    "departing": EventType.DEPARTED,
    "arriving": EventType.ARRIVED,
    "receiving": EventType.GATE_IN,
    "shipping": EventType.GATE_OUT,
    "inspecting": EventType.INSPECTED,
    "packing": EventType.STUFFED,
    "unpacking": EventType.STRIPPED,
}
DISPOSITION_EVENTS: Mapping[str, EventType] = {
    "container_open": EventType.DOOR_OPENED,
    "container_closed": EventType.DOOR_CLOSED,
}
SEAL_STEPS: Mapping[str, EventType] = {
    "sealing": EventType.RESEALED,
    "resealing": EventType.RESEALED,
    "unsealing": EventType.SEAL_REMOVED,
    "seal_removing": EventType.SEAL_REMOVED,
    "seal_removal": EventType.SEAL_REMOVED,
    "seal_checking": EventType.SEAL_CHECKED,
    "seal_inspecting": EventType.SEAL_CHECKED,
}
_PARENT_CONTAINER = {"ADD": EventType.STUFFED, "DELETE": EventType.STRIPPED}
_PARENT_VESSEL = {"ADD": EventType.LOADED, "DELETE": EventType.DISCHARGED}

_Located = tuple[str | None, str | None, str | None]
Subjects = list[tuple[str | None, EventType | None]]
"""(container number or None for the vessel itself, event type the EPCIS fields give)."""


def milestone(event: EpcisEvent) -> EventType | None:
    """The event type the bizStep (or, failing that, the disposition) gives, if any."""
    found = None
    if event.biz_step is not None:
        if event.biz_step_cbv:
            found = BIZ_STEP_EVENTS.get(event.biz_step)
        else:
            found = SEAL_STEPS.get(local_name(event.biz_step).lower())
    if found is None and event.disposition_cbv and event.disposition is not None:
        found = DISPOSITION_EVENTS.get(event.disposition)
    return found


class Mapper:
    """Maps the events of one document; caches identifier and validation work across them.

    ``escapes`` says the text held ``\\u`` escapes, the only way an unpaired surrogate gets in;
    without them the per-event check for one is skipped.
    """

    def __init__(self, source_message: str, *, escapes: bool = True) -> None:
        self.source_message = source_message
        self.escapes = escapes
        self.events: list[Event] = []
        self.findings: list[DataQualityFinding] = []
        self._ids: dict[str, tuple[str | None, str | None]] = {}
        self._places: dict[tuple[Place | None, Place | None], _Located] = {}
        self._place_ids: dict[str, _Located] = {}
        self._probe = Event("", _ANY_TYPE, _ANY_TIME)
        self._bills: dict[str, str] = {}
        # validation findings (without place) by container number, IMO, (LOCODE, type), seal
        self._numbers: dict[str, list[DataQualityFinding]] = {}
        self._imos: dict[str, list[DataQualityFinding]] = {}
        self._unlocodes: dict[tuple[str, EventType], list[DataQualityFinding]] = {}
        self._seals: dict[tuple[int, str], list[DataQualityFinding]] = {}

    def _info(self, code: str, message: str, field: str, value: str | None, where: str) -> None:
        self.findings.append(DataQualityFinding(code, message, field, value, Severity.INFO, where))

    def identify(self, epc: str) -> tuple[str | None, str | None]:
        """(container number, vessel IMO) an EPC names; at most one of them."""
        found = self._ids.get(epc)
        if found is None:
            container = ids.container_of(epc)
            found = self._ids[epc] = (container, None if container else ids.vessel_of(epc))
        return found

    def add(self, event: EpcisEvent) -> None:
        if event.error_declaration is not None:
            declared = event.error_declaration
            corrective = (
                shown(declared.corrective_event_ids) if declared.corrective_event_ids else "none"
            )
            self.findings.append(
                DataQualityFinding(
                    "epcis.error_declaration",
                    f"{event.kind} {shown(event.event_id)} was declared in error on "
                    f"{declared.declared_at:%Y-%m-%d} (reason: {shown(declared.reason)};"
                    f" corrective events: {corrective}); not counted as a move",
                    "event_id",
                    event.event_id,
                    Severity.WARNING,
                    event.where,
                )
            )
            return
        subjects, vessel = self._subjects(event)
        if not subjects:
            step = shown(event.biz_step) if event.biz_step else "no bizStep"
            self._info(
                "epcis.not_container",
                f"{event.kind} ({step}) on {len(event.objects)} "
                "object(s), none a container (BIC) or vessel (IMOVN): not a container move",
                "container_number",
                event.objects[0] if event.objects else event.parent_id,
                event.where,
            )
            return
        self._emit(event, subjects, vessel)

    def _subjects(self, event: EpcisEvent) -> tuple[Subjects, str | None]:
        """Which containers the event moves and how, and the vessel it names as an object."""
        containers: list[str] = []
        vessels: list[str] = []
        for epc in event.objects:
            container, vessel = self.identify(epc)
            if container is not None:
                if container not in containers:
                    containers.append(container)
            elif vessel is not None and vessel not in vessels:
                vessels.append(vessel)
        parent_container = parent_vessel = None
        if event.parent_id is not None:
            parent_container, parent_vessel = self.identify(event.parent_id)
        vessel = parent_vessel or (vessels[0] if vessels else None)
        step = milestone(event)
        aggregation = event.kind == "AggregationEvent"
        if aggregation and parent_container is not None:
            return [(parent_container, _PARENT_CONTAINER.get(event.action or "", step))], vessel
        if containers:
            if step is None and aggregation and parent_vessel is not None:
                step = _PARENT_VESSEL.get(event.action or "")
            return [(c, step) for c in containers], vessel
        if parent_container is not None:  # a TransactionEvent or AssociationEvent on a container
            return [(parent_container, step)], vessel
        if vessels or (parent_vessel is not None and not event.objects):
            return [(None, step)], vessel  # the vessel itself moves (departing, arriving)
        return [], None

    def _emit(self, event: EpcisEvent, subjects: Subjects, vessel: str | None) -> None:
        ext = read_extensions(event, self.findings) if event.extensions else NONE
        base_id = ext.event_id or event.event_id or _hash(event)
        unlocode, facility, place_vessel = self.located(event.biz_location, event.read_point)
        vessel = ext.vessel_imo or vessel or place_vessel or self._vessel_elsewhere(event)
        bill = None
        for kind, uri in event.biz_transactions:
            if kind == "bol":
                bill = self.bill(uri)
                break
        # Everything after the container, in Event's field order.
        rest = (unlocode, facility, vessel, ext.vessel_name, ext.voyage, bill, ext.full,
                ext.seals, ext.transshipment, SOURCE, self.source_message)  # fmt: skip
        doors = door_events(event, self.findings) if event.sensor_reports else []
        several = len(subjects) > 1
        for container, step in subjects:
            event_id = f"{base_id}#{container}" if several else base_id
            kind = ext.event_type or step
            if kind is not None:
                self.record(Event(event_id, kind, event.event_time, container, *rest), event.where)
            if container is not None:  # a door is a container's
                for n, (door, at) in enumerate(doors, 1):
                    door_id = f"{event_id}#door-{n}"
                    self.record(Event(door_id, door, at, container, *rest), event.where)
            if kind is None and not (doors and container):
                self._info(
                    "epcis.no_milestone",
                    f"{event.kind} with bizStep {shown(event.biz_step)} and disposition "
                    f"{shown(event.disposition)} is no container milestone greenlane records",
                    "event_type",
                    event.biz_step,
                    event.where,
                )

    def record(self, record: Event, where: str) -> None:
        """Keep a canonical event, with its validation findings placed at ``where``."""
        if self.escapes:
            _check_text(record, where)
        self.events.append(record)
        self._validate(record, where)

    # ``record``'s checks one identifier at a time, through the same caches: the typed path
    # keeps only records they find nothing in. Numbers and IMOs are checked alike whatever the
    # event type and time; a place is checked for the type (quay moves need a sea port).

    def clean_number(self, number: str) -> bool:
        if clean_container(number):
            return True
        result = self._numbers.get(number)
        if result is None:
            result = self._numbers[number] = self._check(_ANY_TYPE, _ANY_TIME, number=number)
        return not result

    def clean_imo(self, imo: str) -> bool:
        result = self._imos.get(imo)
        if result is None:
            result = self._imos[imo] = self._check(_ANY_TYPE, _ANY_TIME, imo=imo)
        return not result

    def clean_place(self, unlocode: str, event_type: EventType) -> bool:
        place = (unlocode, event_type)
        result = self._unlocodes.get(place)
        if result is None:
            result = self._unlocodes[place] = self._check(event_type, _ANY_TIME, unlocode=unlocode)
        return not result

    def _probe_of(
        self,
        record: Event,
        number: str | None = None,
        imo: str | None = None,
        unlocode: str | None = None,
    ) -> list[DataQualityFinding]:
        """validate_event's findings on an event holding only the one identifier given."""
        return self._check(record.event_type, record.occurred_at, number, imo, unlocode)

    def _check(
        self,
        event_type: EventType,
        occurred_at: datetime,
        number: str | None = None,
        imo: str | None = None,
        unlocode: str | None = None,
    ) -> list[DataQualityFinding]:
        """validate_event's findings on an event holding only the identifiers given: this
        mapper's probe, its slots set in place (a record is built slot by slot too, see
        ingest.build; validate_event keeps no reference to it)."""
        probe = self._probe
        _SET_TYPE(probe, event_type)
        _SET_TIME(probe, occurred_at)
        _SET_NUMBER(probe, number)
        _SET_UNLOCODE(probe, unlocode)
        _SET_IMO(probe, imo)
        return validate_event(probe)

    def located(self, biz_location: Place | None, read_point: Place | None) -> _Located:
        """(UN/LOCODE, facility, vessel) of the event's places, worked out once per pair."""
        places = (biz_location, read_point)
        found = self._places.get(places)
        if found is None:
            found = self._places[places] = self._location(*places)
        return found

    def _location(self, biz_location: Place | None, read_point: Place | None) -> _Located:
        """(UN/LOCODE, facility, vessel): the business location first, then the read point."""
        unlocode = facility = vessel = None
        for place in (biz_location, read_point):
            if place is None:
                continue
            named, on_board, facility_named = self._place_id(place.id)
            unlocode = unlocode or place.unlocode or named
            vessel = vessel or on_board
            if facility is None:
                if place.facility is not None:
                    facility = place.facility
                elif named is None and on_board is None:
                    facility = facility_named
        return unlocode, facility, vessel

    def _place_id(self, uri: str) -> _Located:
        """(UN/LOCODE, vessel, facility) a place id names, worked out once per id: one port
        is the read point of many business locations."""
        found = self._place_ids.get(uri)
        if found is None:
            named, on_board = ids.unlocode_of(uri), ids.vessel_of(uri)
            facility = ids.facility_of(uri) if named is None and on_board is None else None
            found = self._place_ids[uri] = (named, on_board, facility)
        return found

    def bill(self, uri: str) -> str:
        found = self._bills.get(uri)
        if found is None:
            found = self._bills[uri] = ids.bill_of(uri)
        return found

    def _vessel_elsewhere(self, event: EpcisEvent) -> str | None:
        """A vessel named as a business transaction, a source or a destination."""
        for _, uri in (*event.destinations, *event.sources, *event.biz_transactions):
            vessel = self.identify(uri)[1]
            if vessel is not None:
                return vessel
        return None

    def _validate(self, record: Event, where: str) -> None:
        """validate_event's findings, worked out once per distinct identifier in the document.

        Each identifier is checked on a probe event holding only it (and the event type, which
        decides whether the place must be a sea port), so the findings are validate_event's own;
        seals with the same check_seal_number it uses.
        """
        found: list[DataQualityFinding] = []
        number, imo, unlocode = record.container_number, record.vessel_imo, record.unlocode
        if number is not None:
            result = self._numbers.get(number)
            if result is None:
                result = self._numbers[number] = self._probe_of(record, number=number)
            found += result
        if imo is not None:
            result = self._imos.get(imo)
            if result is None:
                result = self._imos[imo] = self._probe_of(record, imo=imo)
            found += result
        if unlocode is not None:
            place = (unlocode, record.event_type)
            result = self._unlocodes.get(place)
            if result is None:
                result = self._unlocodes[place] = self._probe_of(record, unlocode=unlocode)
            found += result
        for j, seal in enumerate(record.seals):
            key = (j, seal.number)
            result = self._seals.get(key)
            if result is None:
                result = self._seals[key] = check_seal_number(seal.number, f"seals[{j}].number")
            found += result
        if found:
            self.findings += [replace(f, where=where) for f in found]


_ANY_TYPE = EventType.LOADED
_ANY_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_SET_TYPE, _SET_TIME, _SET_NUMBER, _SET_UNLOCODE, _SET_IMO = (
    Event.__dict__[name].__set__
    for name in ("event_type", "occurred_at", "container_number", "unlocode", "vessel_imo")
)


def _hash(event: EpcisEvent) -> str:
    """A deterministic id for an event without eventID: its JSON with sorted keys, hashed."""
    try:
        text = json.dumps(event.raw, sort_keys=True, separators=(",", ":"), default=str)
    except (RecursionError, ValueError, TypeError):
        raise error("event cannot be hashed for an id", event.where, "an eventID") from None
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _check_text(record: Event, where: str) -> None:
    """Refuse unpaired surrogates (legal JSON escapes, not storable text) before storage."""
    texts = [
        record.event_id,
        record.container_number,
        record.unlocode,
        record.facility,
        record.vessel_imo,
        record.vessel_name,
        record.voyage,
        record.bill_of_lading,
        *(s.number for s in record.seals),
        *(s.type_code for s in record.seals),
    ]
    for text in texts:
        if text is not None and not text.isascii():
            try:
                text.encode()
            except UnicodeEncodeError:
                raise error("text holds an unpaired surrogate", where, "Unicode text") from None
