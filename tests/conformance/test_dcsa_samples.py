"""Every published DCSA T&T sample in ../shared/samples/dcsa ingests and yields the expected
records: counts, container numbers, event types, places, vessels, seals and findings.

Only actual (ACT) events become records; the samples' planned and estimated events, shipment
(document) events and reefer readings are reported as info findings instead.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from greenlane.domain.codes import EventType, SealAffixer
from greenlane.domain.records import SealReading
from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.dcsa import ADAPTER, write_events

BETA = "tnt-v3.0.0-beta1_openapi-examples.json"


@dataclass(frozen=True)
class Expected:
    events: list[tuple[EventType, str | None, str | None]]
    """(type, container, UN/LOCODE) of each record, in message order."""
    findings: dict[str, int] = field(default_factory=dict)
    """How many findings of each code."""


SAMPLES: dict[str, Expected] = {
    "tnt-220-response.json": Expected(
        [(EventType.ARRIVED, "APZU4812090", "FRPAR")] * 2,
        {"dcsa.not_a_move": 3, "dcsa.not_actual": 2, "unlocode.unknown_port": 2},
    ),
    "tnt-300-request-equipment.json": Expected([(EventType.LOADED, "APZU4812090", "NLRTM")]),
    "tnt-300-request-iot.json": Expected([(EventType.DOOR_OPENED, "APZU4812090", None)]),
    "tnt-300-request-reefer.json": Expected([], {"dcsa.not_a_move": 1}),
    "tnt-300-request-shipment.json": Expected([], {"dcsa.not_a_move": 1}),
    "tnt-300-request-transport.json": Expected([(EventType.ARRIVED, None, "DEHAM")]),
}

# The beta file is an extraction of the OpenAPI examples keyed by path#name; each value is one
# GET response (an array of events or one event).
BETA_EXAMPLES: dict[str, Expected] = {
    "bookingExample": Expected([], {"dcsa.not_a_move": 1, "dcsa.not_actual": 1}),
    "dropPickExample": Expected(
        [
            (EventType.GATE_IN, "APZU4812090", "NLRAM"),  # DROP
            (EventType.GATE_OUT, "APNR7744962", "NLRAM"),  # PICK
        ],
        {
            "dcsa.duplicate_event_id": 1,
            "container.check_digit": 1,
            "container.category": 1,
            "unlocode.unknown_port": 2,
        },
    ),
    "transportEventListExample": Expected([], {"dcsa.retracted": 1, "dcsa.not_actual": 1}),
    "shipmentEventExample": Expected([], {"dcsa.not_a_move": 1}),
    "transshipmentExample": Expected([], {"dcsa.not_actual": 1}),
    "railTransportExample": Expected([], {"dcsa.not_actual": 1}),
    "truckTransportExample": Expected([], {"dcsa.not_actual": 1}),
    "retractedTransportEventExample": Expected([], {"dcsa.retracted": 1}),
}


@pytest.fixture(scope="module")
def dcsa_dir(samples_dir: Path) -> Path:
    return samples_dir / "dcsa"


def _parse(content: bytes) -> ParsedMessage:
    assert ADAPTER.detect(content)
    parsed = ADAPTER.parse(content, source_message="sample")
    assert all(e.source == "dcsa" and e.source_message == "sample" for e in parsed.events)
    return parsed


def _check(parsed: ParsedMessage, expected: Expected) -> None:
    got = [(e.event_type, e.container_number, e.unlocode) for e in parsed.events]
    assert got == expected.events
    assert Counter(f.code for f in parsed.findings) == Counter(expected.findings)
    assert all(f.where is not None for f in parsed.findings)


def _beta_examples(dcsa_dir: Path) -> dict[str, Any]:
    raw = json.loads((dcsa_dir / BETA).read_text(encoding="utf-8"))
    return {key.split("#", 1)[1]: value["value"] for key, value in raw.items()}


def test_every_sample_file_is_covered(dcsa_dir: Path) -> None:
    assert {p.name for p in dcsa_dir.glob("*.json")} == {*SAMPLES, BETA}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample(dcsa_dir: Path, name: str) -> None:
    _check(_parse((dcsa_dir / name).read_bytes()), SAMPLES[name])


@pytest.mark.parametrize("name", sorted(BETA_EXAMPLES))
def test_beta_example(dcsa_dir: Path, name: str) -> None:
    examples = _beta_examples(dcsa_dir)
    assert set(examples) == set(BETA_EXAMPLES)
    _check(_parse(json.dumps(examples[name]).encode()), BETA_EXAMPLES[name])


def test_beta_file_itself_is_quarantined_not_crashed(dcsa_dir: Path) -> None:
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse((dcsa_dir / BETA).read_bytes(), source_message="sample")
    assert caught.value.where == "top level" and "dcsa" in str(caught.value)


def test_v3_equipment_event_details(dcsa_dir: Path) -> None:
    (event,) = _parse((dcsa_dir / "tnt-300-request-equipment.json").read_bytes()).events
    assert event.event_id == "evt-equip-001-2026-01-20T14:15:00Z"
    assert event.full is True and not event.transshipment
    assert event.facility == "Example Container Yard"  # no facility code: the location's name
    assert event.occurred_at.isoformat() == "2026-01-20T14:15:00+00:00"


def test_v3_transport_event_details(dcsa_dir: Path) -> None:
    (event,) = _parse((dcsa_dir / "tnt-300-request-transport.json").read_bytes()).events
    assert (event.vessel_imo, event.vessel_name) == ("1234567", "Example Vessel Alpha")
    assert (event.voyage, event.bill_of_lading) == ("V001N", "HHL71800000")
    assert event.facility == "Sample Port Terminal"


def test_v22_transport_events_details(dcsa_dir: Path) -> None:
    parsed = _parse((dcsa_dir / "tnt-220-response.json").read_bytes())
    first = parsed.events[0]
    assert first.event_id == "3cecb101-7a1a-43a4-9d62-e88a131651e2"
    assert (first.vessel_imo, first.vessel_name, first.voyage) == (
        "9321483",
        "King of the Seas",
        "2103N",
    )
    assert (first.facility, first.bill_of_lading) == ("ADT", "reserved-HHL123")
    assert first.occurred_at.isoformat() == "2021-01-09T13:12:56+00:00"
    skipped = {f.where for f in parsed.findings if f.code == "dcsa.not_actual"}
    assert skipped == {"/2/eventClassifierCode", "/5/eventClassifierCode"}


def test_v22_placeholder_seal_string_is_kept_when_the_move_is_actual(dcsa_dir: Path) -> None:
    """The sample's seal "string" sits on estimated loads; made actual, the seal is kept."""
    events = json.loads((dcsa_dir / "tnt-220-response.json").read_text(encoding="utf-8"))
    load = events[2]
    load["eventClassifierCode"] = "ACT"
    parsed = _parse(json.dumps([load]).encode())
    (event,) = parsed.events
    assert (event.event_type, event.container_number, event.full) == (
        EventType.LOADED,
        "APZU4812090",
        False,
    )
    assert event.seals == (SealReading("string", affixed_by=SealAffixer.CUSTOMS, type_code="WIR"),)
    placeholder = [f for f in parsed.findings if f.code == "seal.placeholder"]
    assert [f.where for f in placeholder] == ["/0/seals/0/sealNumber"]


def test_beta_drop_pick_details(dcsa_dir: Path) -> None:
    parsed = _parse(json.dumps(_beta_examples(dcsa_dir)["dropPickExample"]).encode())
    drop, pick = parsed.events
    assert drop.seals == (SealReading("133534", affixed_by=SealAffixer.CUSTOMS, type_code="WIR"),)
    assert drop.transshipment and drop.full is True and drop.bill_of_lading == "85943567"
    assert (drop.vessel_imo, drop.voyage) == ("9321483", "2103S")
    assert pick.full is False and not pick.transshipment
    assert drop.facility == pick.facility == "Port of Amsterdam"
    assert drop.event_id != pick.event_id  # the example reuses one eventID for both
    bad_box = [f for f in parsed.findings if f.code == "container.check_digit"]
    assert [(f.value, f.where) for f in bad_box] == [
        ("APNR7744962", "/1/payload/equipmentReference")
    ]


def test_other_formats_are_not_taken_for_dcsa(samples_dir: Path) -> None:
    others = [
        p
        for family in ("epcis", "edifact", "x12")
        for p in (samples_dir / family).rglob("*")
        if p.is_file() and p.suffix in (".json", ".jsonld", ".edi")
    ]
    assert others
    assert [p.name for p in others if ADAPTER.detect(p.read_bytes())] == []


_ENUM_KEYS = frozenset(
    {
        "eventTypeCode",
        "eventType",
        "eventClassifierCode",
        "equipmentEventTypeCode",
        "transportEventTypeCode",
        "iotEventTypeCode",
        "iotEventCode",
        "emptyIndicatorCode",
        "movementType",
        "modeOfTransport",
        "typeCode",
        "documentReferenceType",
        "referenceType",
        "facilityCodeListProvider",
        "source",
        "sealSource",
        "type",
        "sealType",
    }
)


def _keys_and_codes(node: Any, keys: set[str], codes: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            keys.add(key)
            if key in _ENUM_KEYS and isinstance(value, str):
                codes.add(value)
            _keys_and_codes(value, keys, codes)
    elif isinstance(node, list):
        for value in node:
            _keys_and_codes(value, keys, codes)


@pytest.mark.parametrize(
    ("version", "spec", "extra_keys"),
    [
        ("3.0", "TNT_v3.0.0_conformance-gateway-2026-01.yaml", set()),
        # v2.2 has no transshipment field; the writer borrows the 3.0.0-beta1 flag.
        ("2.2", "TNT_v2.2.0-resolved.yaml", {"isTransshipmentMove"}),
    ],
)
def test_writer_uses_only_the_specs_names_and_codes(
    dcsa_dir: Path, version: Any, spec: str, extra_keys: set[str]
) -> None:
    """Every key the writer emits is a property of the spec; every code is one it lists."""
    events = [e for name in SAMPLES for e in _parse((dcsa_dir / name).read_bytes()).events]
    examples = _beta_examples(dcsa_dir)
    events += _parse(json.dumps(examples["dropPickExample"]).encode()).events
    keys: set[str] = set()
    codes: set[str] = set()
    _keys_and_codes(json.loads(write_events(events, version, unsupported="skip")), keys, codes)
    text = (dcsa_dir / "spec" / spec).read_text(encoding="utf-8")
    properties = set(re.findall(r"^\s+([A-Za-z][A-Za-z0-9]*):\s*$", text, re.MULTILINE))
    assert keys - properties == extra_keys
    assert {"LOAD", "ARRI", "ACT", "LADEN", "CUS", "WIR"} <= codes
    assert {c for c in codes if not re.search(rf"\b{c}\b", text)} == set()
