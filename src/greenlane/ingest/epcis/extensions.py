"""greenlane's extension fields on one event, type-checked: a value of the wrong kind is ignored
with a finding (it parsed, it is wrong), never a reason to refuse the document."""

from __future__ import annotations

from typing import Any, NamedTuple

from greenlane.domain.codes import EventType, SealAffixer, SealClass, SealCondition, Severity
from greenlane.domain.records import DataQualityFinding, SealReading
from greenlane.ingest.epcis.model import EpcisEvent

_CONDITIONS = {c.value: c for c in SealCondition}
_AFFIXERS = {a.value: a for a in SealAffixer}
_CLASSES = {c.value: c for c in SealClass}
_EVENT_TYPES = {t.value: t for t in EventType}
KINDS: dict[str, tuple[type, str]] = {  # field -> (the one JSON type it may have, in words)
    "eventType": (str, "a greenlane event type"),
    "eventId": (str, "a string"),
    "vesselIMO": (str, "a string"),
    "vesselName": (str, "a string"),
    "voyage": (str, "a string"),
    "full": (bool, "true or false"),
    "transshipment": (bool, "true or false"),
    "seals": (list, "a list of seals, each with a number and known codes"),
}


class Extended(NamedTuple):
    event_type: EventType | None = None
    event_id: str | None = None
    vessel_imo: str | None = None
    vessel_name: str | None = None
    voyage: str | None = None
    full: bool | None = None
    transshipment: bool = False
    seals: tuple[SealReading, ...] = ()


NONE = Extended()


def read_extensions(event: EpcisEvent, findings: list[DataQualityFinding]) -> Extended:
    """The greenlane fields of an event; each wrong value is left out with a finding."""
    got: dict[str, Any] = {}
    for name, value in event.extensions.items():
        kind, expected = KINDS[name]
        if type(value) is kind:
            got[name] = value
        else:
            _bad(event, name, value, expected, findings)
    if "eventType" in got:
        got["eventType"] = _EVENT_TYPES.get(got["eventType"])
        if got["eventType"] is None:
            _bad(event, "eventType", event.extensions["eventType"], KINDS["eventType"][1], findings)
    if "seals" in got:
        got["seals"] = _seals(event, got["seals"], findings)
    return Extended(
        got.get("eventType"),
        got.get("eventId"),
        got.get("vesselIMO"),
        got.get("vesselName"),
        got.get("voyage"),
        got.get("full"),
        got.get("transshipment", False),
        got.get("seals", ()),
    )


def _bad(
    event: EpcisEvent, name: str, value: Any, expected: str, findings: list[DataQualityFinding]
) -> None:
    findings.append(
        DataQualityFinding(
            "epcis.extension_invalid",
            f"greenlane extension {name} is not {expected}; ignored",
            name,
            str(value)[:80],
            Severity.WARNING,
            f"{event.where}/{event.extension_prefix}{name}",
        )
    )


def _seals(
    event: EpcisEvent, listed: list[Any], findings: list[DataQualityFinding]
) -> tuple[SealReading, ...]:
    seals: list[SealReading] = []
    for item in listed:
        try:
            seals.append(read_seal(item, event.extension_prefix))
        except (TypeError, KeyError, AttributeError):
            _bad(event, "seals", item, KINDS["seals"][1], findings)
    return tuple(seals)


def seal_keys(p: str) -> tuple[str, str, str, str, str, str]:
    """The keys of a seal's number, typeCode, condition, affixedBy, sealClass and electronic,
    written with prefix ``p``."""
    return (p + "number", p + "typeCode", p + "condition", p + "affixedBy", p + "sealClass",
            p + "electronic")  # fmt: skip


_SEAL_KEYS: dict[str, tuple[str, str, str, str, str, str]] = {}


def read_seal(item: Any, p: str) -> SealReading:
    """One seal; TypeError or KeyError when it is not one (the caller makes the finding)."""
    keys = _SEAL_KEYS.get(p)
    if keys is None:
        keys = _SEAL_KEYS[p] = seal_keys(p)
    number_key, type_key, condition_key, affixer_key, class_key, electronic_key = keys
    get = item.get
    number, type_code = item[number_key], get(type_key)
    condition = _CONDITIONS[get(condition_key, "intact")]
    affixer, seal_class = get(affixer_key), get(class_key)
    electronic = get(electronic_key, False)
    if type(number) is not str or type(electronic) is not bool:
        raise TypeError(item)
    if type_code is not None and type(type_code) is not str:
        raise TypeError(item)
    return SealReading(
        number,
        condition,
        None if affixer is None else _AFFIXERS[affixer],
        None if seal_class is None else _CLASSES[seal_class],
        electronic,
        type_code,
    )
