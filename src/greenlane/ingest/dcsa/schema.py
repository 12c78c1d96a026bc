"""What breaks the published Track & Trace schemas (v2.2 and v3.0) but still reads: findings.

The careful reader reads what a sender means where it can; these checks say, with the JSON
pointer of the field, where an event is not what the schemas publish: an event without
``eventID`` (required by both; greenlane keeps the id it makes from the event's content), an
``eventID`` that is a number (a string in both), and a place whose UN/LOCODE names another
country than its address's ``countryCode`` (v3.0). The typed path reads none of these events
(its schemas require a string ``eventID`` and leave locations with an address to the careful
reader), so the findings are the careful reader's alone.
"""

from __future__ import annotations

from typing import Any

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding
from greenlane.ingest.base import finding, shown

_LOCATIONS = ("eventLocation",)


def event_id_findings(
    holder: dict[str, Any], event_id: str, where: str
) -> list[DataQualityFinding]:
    """The event's own eventID (in ``holder``, at ``where``) against the schemas; ``event_id``
    is the id greenlane keeps."""
    value = holder.get("eventID")
    at = f"{where}/eventID"
    if value is None or (isinstance(value, str) and (not value or value.isspace())):
        return [
            finding(
                "dcsa.missing_event_id",
                f"event has no eventID, which the Track & Trace schemas require; greenlane "
                f"keeps it as {shown(event_id, 80)}, made from its content",
                "event_id",
                None,
                at,
            )
        ]
    if isinstance(value, int) and not isinstance(value, bool):
        return [
            finding(
                "dcsa.event_id_type",
                f"eventID {value} is a number; the Track & Trace schemas want a string",
                "event_id",
                str(value),
                at,
            )
        ]
    return []


def country_findings(body: dict[str, Any], where: str) -> list[DataQualityFinding]:
    """A location whose UN/LOCODE's country part is not its address's countryCode."""
    found = []
    for key in _LOCATIONS:
        location = body.get(key)
        if not isinstance(location, dict):
            continue
        code = location.get("UNLocationCode", location.get("unLocationCode"))
        address = location.get("address")
        country = address.get("countryCode") if isinstance(address, dict) else None
        if not isinstance(code, str) or not isinstance(country, str) or len(code) < 2:
            continue
        if code[:2].upper() != country.strip().upper():
            found.append(
                finding(
                    "dcsa.unlocode_country",
                    f"UN/LOCODE {shown(code)} is in {shown(code[:2])}, but the address's "
                    f"countryCode is {shown(country)}",
                    "unlocode",
                    code,
                    f"{where}/{key}/address/countryCode",
                    Severity.WARNING,
                )
            )
    return found
