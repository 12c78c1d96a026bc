"""Sensor data on a container event: door reports become door events, alarms become findings.

The CBV has no door or tamper measurement type, so greenlane reads the report type's name: one
naming a door (``ex:DoorOpen``, ``ex:doorStatus``) says open when its booleanValue is true (or its
stringValue says ``open``, or its value is not 0); a name with ``clos`` in it reads the other way
round. A type naming tamper that does not say false, and an ALARM_CONDITION or ERROR_CONDITION
exception, are findings about the container's integrity. Other measurements (temperature,
humidity, ...) stay in the EPCIS-level record only.
"""

from __future__ import annotations

from datetime import datetime

from greenlane.domain.codes import EventType, Severity
from greenlane.domain.records import DataQualityFinding
from greenlane.ingest.epcis.model import EpcisEvent
from greenlane.ingest.epcis.vocab import local_name

_EXCEPTIONS = {"ALARM_CONDITION": "alarm", "ERROR_CONDITION": "error"}
_OPEN_WORDS = frozenset({"open", "opened", "true", "1"})
_CLOSED_WORDS = frozenset({"closed", "close", "shut", "false", "0"})


def _state(flag: bool | None, text: str | None, value: float | None) -> bool | None:
    if flag is not None:
        return flag
    if text is not None:
        low = text.strip().lower()
        return True if low in _OPEN_WORDS else False if low in _CLOSED_WORDS else None
    if value is not None:
        return value != 0
    return None


def door_events(
    event: EpcisEvent, findings: list[DataQualityFinding]
) -> list[tuple[EventType, datetime]]:
    """(door_opened or door_closed, when) per door report; alarm and tamper findings added."""
    doors: list[tuple[EventType, datetime]] = []
    for report in event.sensor_reports:
        measured = local_name(report.type) if report.type else None
        if report.exception is not None:
            said = local_name(report.exception)
            findings.append(
                DataQualityFinding(
                    f"epcis.sensor_{_EXCEPTIONS.get(said, 'exception')}",
                    f"sensor reported {said} on the container"
                    + (f" ({measured})" if measured else ""),
                    "seals",
                    report.exception,
                    Severity.WARNING,
                    event.where,
                )
            )
        if measured is None:
            continue
        name = measured.lower()
        state = _state(report.boolean_value, report.string_value, report.value)
        if "tamper" in name and state is not False:
            findings.append(
                DataQualityFinding(
                    "epcis.sensor_tamper",
                    f"sensor {measured} reported tampering on the container",
                    "seals",
                    measured,
                    Severity.WARNING,
                    event.where,
                )
            )
        elif "door" in name and state is not None:
            opened = state != ("clos" in name)  # a DoorClosed sensor saying true means closed
            kind = EventType.DOOR_OPENED if opened else EventType.DOOR_CLOSED
            doors.append((kind, report.time or event.event_time))
    return doors
