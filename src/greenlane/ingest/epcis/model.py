"""EPCIS-level records: one event as the document says it, before any customs meaning is given.

Kept separate from the canonical records so that what the standard says (all five event types,
every bizStep, sensor data) can be inspected and tested even when it is no container move.
Named tuples rather than dataclasses: one is built per event, and they build several times faster.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from greenlane.domain.records import DataQualityFinding


class Place(NamedTuple):
    """A readPoint or bizLocation: its id and any UN/LOCODE given in an extension field."""

    id: str
    unlocode: str | None = None
    facility: str | None = None


class SensorReport(NamedTuple):
    type: str | None
    """Measurement type, expanded (``https://gs1.org/voc/Temperature``) or as written."""
    exception: str | None = None
    """``https://gs1.org/voc/ALARM_CONDITION`` or ``..ERROR_CONDITION`` when the report is one."""
    value: float | None = None
    boolean_value: bool | None = None
    string_value: str | None = None
    uom: str | None = None
    time: datetime | None = None
    """The report's time, else its sensor element's metadata time, else None."""


class ErrorDeclaration(NamedTuple):
    declared_at: datetime
    reason: str | None = None
    corrective_event_ids: tuple[str, ...] = ()


class EpcisEvent(NamedTuple):
    where: str
    """Place of the event in the document: a JSON pointer or an XPath."""
    kind: str
    """ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or AssociationEvent."""
    event_time: datetime
    """Timezone-aware; a time written without offset is read at eventTimeZoneOffset, else UTC."""
    event_id: str | None = None
    action: str | None = None
    biz_step: str | None = None
    """The CBV term (``loading``) when standard, else the expanded URI as written."""
    biz_step_cbv: bool = False
    disposition: str | None = None
    disposition_cbv: bool = False
    parent_id: str | None = None
    objects: tuple[str, ...] = ()
    """epcList, childEPCs, inputEPCList and outputEPCList together, in document order."""
    read_point: Place | None = None
    biz_location: Place | None = None
    biz_transactions: tuple[tuple[str | None, str], ...] = ()
    """(type: CBV term or URI, identifier)."""
    sources: tuple[tuple[str | None, str], ...] = ()
    destinations: tuple[tuple[str | None, str], ...] = ()
    sensor_reports: tuple[SensorReport, ...] = ()
    error_declaration: ErrorDeclaration | None = None
    extensions: Mapping[str, Any] = {}
    """greenlane extension fields by name (``vesselName`` ...), values as written."""
    extension_prefix: str = ""
    """How this document writes greenlane keys (``greenlane:``), for nested extension objects."""
    raw: Mapping[str, Any] = {}
    """The event object as read, for the deterministic id of an event without eventID."""


@dataclass(frozen=True, slots=True)
class EpcisDocument:
    kind: str
    """EPCISDocument, EPCISQueryDocument, or the event type of a single-event document."""
    binding: str
    """``json`` or ``xml``."""
    events: tuple[EpcisEvent, ...]
    findings: tuple[DataQualityFinding, ...] = ()
    """Findings met while reading: unknown vocabulary, times without offset, extension events."""
    escapes: bool = True
    """The text holds ``\\u`` escapes, so strings may hold unpaired surrogates."""
