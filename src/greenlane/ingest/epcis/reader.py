"""EPCIS events in their JSON shape to EPCIS-level records: structure checked, nothing interpreted.

The XML binding converts its elements to the same shape and reuses this reader, so both bindings
agree on what is an error. A field greenlane reads that has the wrong JSON type, or a required one
that is missing (type, eventTime, action, a readPoint without id) is a ParseError naming the place;
a value of the right type that is not standard (a bizStep outside the CBV) is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding
from greenlane.errors import ParseError
from greenlane.ingest.base import finding, parse_error, shown
from greenlane.ingest.epcis.model import EpcisEvent, ErrorDeclaration, Place, SensorReport
from greenlane.ingest.epcis.vocab import (
    EPCIS_NS,
    FORMAT,
    GREENLANE_NS,
    GS1_VOC,
    Context,
    local_name,
)

EVENT_TYPES = frozenset(
    {
        "ObjectEvent",
        "AggregationEvent",
        "TransactionEvent",
        "TransformationEvent",
        "AssociationEvent",
    }
)
_EVENT_TYPES_TEXT = "ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or " + (
    "AssociationEvent"
)
_NEEDS_ACTION = EVENT_TYPES - {"TransformationEvent"}
ACTIONS = frozenset({"ADD", "OBSERVE", "DELETE"})
_OBJECT_KEYS = ("epcList", "childEPCs", "inputEPCList", "outputEPCList")
_TIME_TEXT = "an ISO 8601 date-time with offset, e.g. 2024-05-01T10:00:00Z"
_OFFSET = re.compile(r"([+-])(\d\d):(\d\d)")
_LOCODE_KEYS = frozenset({"unlocode", "unlocationcode", "locode"})
_TRANSACTIONS = ("bizTransactionList", "bizTransaction", "bizTransactionType")
_SOURCES = ("sourceList", "source", "sourceDestType")
_DESTINATIONS = ("destinationList", "destination", "sourceDestType")

ItemPath = Callable[[str, str, int], str]
"""(path of the parent, key of a list, index) -> path of the item, in the binding's notation."""


TOP_LEVEL = "top level"
"""The place of an error in the whole document (whose JSON pointer is empty)."""


def json_item(base: str, key: str, index: int) -> str:
    return f"{base}/{key}/{index}"


def error(message: str, where: str, expected: str | None = None) -> ParseError:
    """The error of an unreadable message; the whole document's JSON pointer (the empty one)
    is named "top level", so that every quarantine names its place."""
    return parse_error(FORMAT, message, where=where or TOP_LEVEL, expected=expected)


def parse_time(value: Any, where: str) -> datetime:
    """A date-time as written; naive when the text has no offset (the caller decides)."""
    if not isinstance(value, str):
        raise error("date-time is not a string", where, _TIME_TEXT)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise error(f"{shown(value)} is not a date-time", where, _TIME_TEXT) from None


def to_utc(moment: datetime, where: str) -> datetime:
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise error("date-time is out of range once converted to UTC", where, _TIME_TEXT) from None


class EventReader:
    """Reads event objects of one document; collects the findings met on the way."""

    def __init__(self, context: Context, item: ItemPath = json_item) -> None:
        self.context = context
        self.item = item
        self.findings: list[DataQualityFinding] = []

    def read(self, ev: Any, base: str) -> EpcisEvent | None:
        """One event; None (with a finding) for an extension event type greenlane cannot read.

        Written for speed (one call per event of every message): absent fields cost one lookup.
        """
        if type(ev) is not dict:
            raise error("event is not an object", base or "/", "a JSON object with a type")
        ctx = self.context
        get = ev.get
        if "@context" in ev:
            ctx = Context.from_jsonld(ev["@context"], f"{base}/@context", ctx)
        kind = get("type")
        if type(kind) is not str or kind not in EVENT_TYPES:
            kind = self._kind(ctx, kind, base)
            if kind is None:
                return None
        action = get("action")
        if action is None:
            if kind in _NEEDS_ACTION:
                raise error(f"{kind} has no action", f"{base}/action", "ADD, OBSERVE or DELETE")
        elif type(action) is not str or action not in ACTIONS:
            raise error(
                f"action {shown(action)} is not an EPCIS action",
                f"{base}/action",
                "ADD, OBSERVE or DELETE",
            )
        value = get("bizStep")
        biz_step, step_cbv = (
            (None, False) if value is None else self._vocab(ctx, value, "bizStep", base)
        )
        value = get("disposition")
        disposition, disp_cbv = (
            (None, False) if value is None else self._vocab(ctx, value, "disposition", base)
        )
        objects: tuple[str, ...] = ()
        for key in _OBJECT_KEYS:
            value = get(key)
            if value is not None:
                objects += self._strings(value, base, key)
        ext: dict[str, Any] = {}
        prefix = ""
        for key, name in ctx.ext_keys.items():
            if key in ev:
                ext[name] = ev[key]
                prefix = key[: len(key) - len(name)]
        event_id = get("eventID")
        if event_id is not None and type(event_id) is not str:
            raise error("eventID is not a string", f"{base}/eventID", "a URI")
        parent = get("parentID")
        if parent is not None and type(parent) is not str:
            raise error("parentID is not a string", f"{base}/parentID", "a URI")
        read_point, biz_location = get("readPoint"), get("bizLocation")
        transactions, sources, destinations = (
            get("bizTransactionList"),
            get("sourceList"),
            get("destinationList"),
        )
        sensors, declared = get("sensorElementList"), get("errorDeclaration")
        return EpcisEvent(
            base,
            kind,
            self._event_time(get("eventTime"), ev, base),
            event_id or None,
            action,
            biz_step,
            step_cbv,
            disposition,
            disp_cbv,
            parent,
            objects,
            None if read_point is None else self._place(ctx, read_point, base, "readPoint"),
            None if biz_location is None else self._place(ctx, biz_location, base, "bizLocation"),
            () if transactions is None else self._pairs(ctx, transactions, base, _TRANSACTIONS),
            () if sources is None else self._pairs(ctx, sources, base, _SOURCES),
            () if destinations is None else self._pairs(ctx, destinations, base, _DESTINATIONS),
            () if sensors is None else self._sensors(ctx, sensors, base),
            None if declared is None else self._error_declaration(declared, base),
            ext,
            prefix,
            ev,
        )

    def _kind(self, ctx: Context, kind: Any, base: str) -> str | None:
        """The event type of a ``type`` that is not a plain EPCIS name; None for an extension."""
        if type(kind) is not str:
            raise error("event has no type", f"{base}/type", _EVENT_TYPES_TEXT)
        expanded = ctx.expand(kind)
        if expanded.startswith(EPCIS_NS) and expanded[len(EPCIS_NS) :] in EVENT_TYPES:
            return expanded[len(EPCIS_NS) :]
        self.findings.append(
            finding(
                "epcis.event_type_unknown",
                f"event type {shown(kind)} is an extension greenlane does not read; skipped",
                "event_type",
                kind,
                base,
                Severity.INFO,
            )
        )
        return None

    # --- fields -----------------------------------------------------------------------------

    def _string(self, obj: dict[str, Any], key: str, base: str) -> str | None:
        value = obj.get(key)
        if value is None or isinstance(value, str):
            return value
        raise error(f"{key} is not a string", f"{base}/{key}", "a string")

    def _strings(self, value: Any, base: str, key: str) -> tuple[str, ...]:
        if type(value) is not list:
            raise error(f"{key} is not a list", f"{base}/{key}", "a list of URIs")
        for i, item in enumerate(value):
            if type(item) is not str:
                raise error(f"{key} entry is not a string", self.item(base, key, i), "a URI")
        return tuple(value)

    def _event_time(self, value: Any, ev: dict[str, Any], base: str) -> datetime:
        if type(value) is str:
            try:
                moment = datetime.fromisoformat(value)
                if moment.tzinfo is not None:
                    return moment.astimezone(UTC)
            except (ValueError, OverflowError):
                pass
        where = f"{base}/eventTime"
        if value is None:
            raise error("event has no eventTime", where, _TIME_TEXT)
        moment = parse_time(value, where)
        if moment.tzinfo is None:
            offset = ev.get("eventTimeZoneOffset")
            found = _OFFSET.fullmatch(offset) if isinstance(offset, str) else None
            zone = UTC
            if found:
                sign = -1 if found[1] == "-" else 1
                zone = timezone(sign * timedelta(hours=int(found[2]), minutes=int(found[3])))
            moment = moment.replace(tzinfo=zone)
            said = f"eventTimeZoneOffset {offset}" if found else "UTC"
            self.findings.append(
                finding(
                    "epcis.time_without_offset",
                    f"eventTime {shown(value)} has no UTC offset; read as {said}",
                    "occurred_at",
                    str(value),
                    where,
                )
            )
        return to_utc(moment, where)

    def _vocab(self, ctx: Context, value: Any, key: str, base: str) -> tuple[str, bool]:
        if type(value) is not str:
            raise error(f"{key} is not a string", f"{base}/{key}", "a CBV term or URI")
        term, standard = ctx.term(key, value)
        if not standard:
            self.findings.append(
                finding(
                    f"epcis.{key.lower()}_unknown",
                    f"{key} {shown(value)} is not in the CBV 2.0 vocabulary",
                    "event_type",
                    value,
                    f"{base}/{key}",
                )
            )
        return term, standard

    def _place(self, ctx: Context, value: Any, base: str, key: str) -> Place:
        place = type(value) is dict and value.get("id")
        if type(place) is not str:
            raise error(f"{key} has no id", f"{base}/{key}", "an object with an id URI")
        unlocode = facility = None
        if len(value) > 1:  # extension fields beside the id, e.g. greenlane:unlocode
            for name, text in value.items():
                if name == "id" or not isinstance(text, str):
                    continue
                iri = ctx.expand(name)
                low = local_name(iri).lower()
                if low in _LOCODE_KEYS:
                    unlocode = text
                elif low == "facility" and iri.startswith(GREENLANE_NS):
                    facility = text
        return Place(ctx.expand(place), unlocode, facility)

    def _pairs(
        self, ctx: Context, value: Any, base: str, names: tuple[str, str, str]
    ) -> tuple[tuple[str | None, str], ...]:
        key, id_key, vocab = names
        if type(value) is not list:
            raise error(f"{key} is not a list", f"{base}/{key}", "a list of objects")
        pairs: list[tuple[str | None, str]] = []
        for i, item in enumerate(value):
            uri = type(item) is dict and item.get(id_key)
            kind = item.get("type") if uri else None
            if type(uri) is not str or (kind is not None and type(kind) is not str):
                raise error(
                    f"{key} entry needs a {id_key} and may have a type, both strings",
                    self.item(base, key, i),
                    f"an object with a {id_key} URI",
                )
            pairs.append((ctx.term(vocab, kind)[0] if kind else None, uri))
        return tuple(pairs)

    def _sensors(self, ctx: Context, value: Any, base: str) -> tuple[SensorReport, ...]:
        key = "sensorElementList"
        if not isinstance(value, list):
            raise error(f"{key} is not a list", f"{base}/{key}", "a list of sensor elements")
        reports: list[SensorReport] = []
        for i, element in enumerate(value):
            where = self.item(base, key, i)
            if not isinstance(element, dict):
                raise error("sensor element is not an object", where, "an object")
            meta, meta_time = element.get("sensorMetadata"), None
            if meta is not None:
                if not isinstance(meta, dict):
                    raise error("sensorMetadata is not an object", f"{where}/sensorMetadata")
                if "time" in meta:
                    at = f"{where}/sensorMetadata/time"
                    meta_time = to_utc(_aware(parse_time(meta["time"], at)), at)
            listed = element.get("sensorReport")
            if not isinstance(listed, list):
                raise error(
                    "sensor element has no sensorReport list",
                    f"{where}/sensorReport",
                    "a list of sensor reports",
                )
            for j, report in enumerate(listed):
                reports.append(
                    self._report(ctx, report, self.item(where, "sensorReport", j), meta_time)
                )
        return tuple(reports)

    def _report(
        self, ctx: Context, report: Any, where: str, meta_time: datetime | None
    ) -> SensorReport:
        if not isinstance(report, dict):
            raise error("sensor report is not an object", where, "an object")
        kind = self._string(report, "type", where)
        exception = self._string(report, "exception", where)
        value = report.get("value")
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise error("sensor value is not a number", f"{where}/value", "a number")
            try:
                value = float(value)
            except OverflowError:
                raise error("sensor value is too large", f"{where}/value", "a number") from None
        flag = report.get("booleanValue")
        if flag is not None and not isinstance(flag, bool):
            raise error("booleanValue is not true or false", f"{where}/booleanValue", "a boolean")
        time = meta_time
        if "time" in report:
            time = to_utc(_aware(parse_time(report["time"], f"{where}/time")), f"{where}/time")
        return SensorReport(
            type=_gs1_term(ctx, kind) if kind else None,
            exception=_gs1_term(ctx, exception) if exception else None,
            value=value,
            boolean_value=flag,
            string_value=self._string(report, "stringValue", where),
            uom=self._string(report, "uom", where),
            time=time,
        )

    def _error_declaration(self, value: Any, base: str) -> ErrorDeclaration:
        where = f"{base}/errorDeclaration"
        if not isinstance(value, dict):
            raise error("errorDeclaration is not an object", where, "an object")
        if "declarationTime" not in value:
            raise error(
                "errorDeclaration has no declarationTime", f"{where}/declarationTime", _TIME_TEXT
            )
        at = f"{where}/declarationTime"
        corrective = value.get("correctiveEventIDs")
        return ErrorDeclaration(
            declared_at=to_utc(_aware(parse_time(value["declarationTime"], at)), at),
            reason=self._string(value, "reason", where),
            corrective_event_ids=tuple(
                self._strings(corrective, where, "correctiveEventIDs") if corrective else ()
            ),
        )


def _gs1_term(ctx: Context, value: str) -> str:
    """Measurement types and sensor alerts are GS1 Web Vocabulary terms: ``Temperature`` is
    ``https://gs1.org/voc/Temperature`` (the EPCIS context's @vocab for them)."""
    return GS1_VOC + value if ":" not in value else ctx.expand(value)


def _aware(moment: datetime) -> datetime:
    """Times other than eventTime carry no finding: without offset they are read as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
