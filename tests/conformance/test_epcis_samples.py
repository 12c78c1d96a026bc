"""Every published EPCIS 2.0 sample in ../shared/samples/epcis ingests and yields what it should.

The samples are GS1's and OpenEPCIS's: trade items (SGTIN), pallets (SSCC) and returnable assets,
never a freight container (SOURCE.md found no public sample with a BIC or IMO key). So as they
are they give no container events, each event an info finding; the EPCIS-level reading (event
types, bizSteps, sensor reports) is checked in full. Then the same documents with their SGTIN and
SSCC keys swapped for a BIC container give the container events their bizSteps say.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from greenlane.domain.codes import EventType
from greenlane.domain.records import Event
from greenlane.errors import ParseError
from greenlane.ingest.epcis import ADAPTER, read_document, write_document
from greenlane.ingest.epcis.mapping import Mapper

NOT_DOCUMENTS = {
    "gs1/EPCIS-JSON-Schema.json",
    "gs1/cbv-context-bizstep.jsonld",
    "gs1/cbv-context-disposition.jsonld",
    "gs1/cbv-context-biztransaction-type.jsonld",
    "gs1/epcis-context-root.jsonld",
}

OBJECT, AGGREGATION = "ObjectEvent", "AggregationEvent"
TRANSACTION, TRANSFORMATION = "TransactionEvent", "TransformationEvent"
FOREIGN_STEP = "http://epcis.example.org/hc/bizstep/summarising_discharge"

# file -> (event types, bizSteps, sensor reports, findings by code)
EXPECTED: dict[str, tuple[dict[str, int], dict[str, int], int, dict[str, int]]] = {
    "gs1/EPCISQueryDocument.jsonld": (
        {OBJECT: 2},
        {"shipping": 1, "receiving": 1},
        0,
        {"epcis.not_container": 2},
    ),
    "gs1/Example-TransactionEvents-2020_07_03y.jsonld": (
        {TRANSACTION: 2},
        {FOREIGN_STEP: 1, "transporting": 1},
        0,
        {"epcis.bizstep_unknown": 1, "epcis.not_container": 2},
    ),
    "gs1/Example_9.6.1-ObjectEvent-with-error-declaration.jsonld": (
        {OBJECT: 2},
        {"shipping": 1, "receiving": 1},
        0,
        {"epcis.error_declaration": 1, "epcis.not_container": 1},
    ),
    "gs1/Example_9.6.1-ObjectEvent.jsonld": (
        {OBJECT: 2},
        {"shipping": 1, "receiving": 1},
        0,
        {"epcis.not_container": 2},
    ),
    "gs1/Example_9.6.2-ObjectEvent.jsonld": (
        {OBJECT: 1},
        {"receiving": 1},
        0,
        {"epcis.not_container": 1},
    ),
    "gs1/Example_9.6.3-AggregationEvent.jsonld": (
        {AGGREGATION: 1},
        {"receiving": 1},
        0,
        {"epcis.not_container": 1},
    ),
    "gs1/SensorDataExample1.jsonld": (
        {OBJECT: 1},
        {"inspecting": 1},
        12,
        {"epcis.not_container": 1},
    ),
    "gs1/SensorDataExample8.jsonld": (
        {AGGREGATION: 1},
        {"packing": 1},
        7,
        {"epcis.not_container": 1},
    ),
    "gs1/aggregation_event_all_possible_fields.jsonld": (
        {AGGREGATION: 1},
        {"receiving": 1},
        1,
        {"epcis.error_declaration": 1},
    ),
    "gs1/object_event_all_possible_fields.jsonld": (
        {OBJECT: 1},
        {"receiving": 1},
        1,
        {"epcis.error_declaration": 1},
    ),
    "gs1/transaction_event_all_possible_fields.jsonld": (
        {TRANSACTION: 1},
        {"shipping": 1},
        1,
        {"epcis.error_declaration": 1},
    ),
    "openepcis/ObjectEvent_with_non_standard_bizStep.json": (
        {OBJECT: 1},
        {"transforming": 1},
        0,
        {"epcis.bizstep_unknown": 1, "epcis.not_container": 1},
    ),
    "openepcis/SensorData_with_combined_events.json": (
        {OBJECT: 10, AGGREGATION: 1, TRANSACTION: 1, TRANSFORMATION: 1},
        {"inspecting": 8, "sensor_reporting": 3, "packing": 1, "commissioning": 1},
        53,
        {"epcis.not_container": 12, "epcis.error_declaration": 1},
    ),
    "openepcis/TransactionEvent_all_possible_fields.json": (
        {TRANSACTION: 1},
        {"shipping": 1},
        1,
        {"epcis.error_declaration": 1},
    ),
    "openepcis/epcisDocWithAllGS1Keys.json": (
        {OBJECT: 1},
        {"other": 1},
        0,
        {"epcis.not_container": 1},
    ),
}

# The same documents with SGTIN / SSCC keys replaced by the BIC urn:epc:id:bic:CSQU3054383.
AS_CONTAINERS: dict[str, list[EventType]] = {
    "gs1/EPCISQueryDocument.jsonld": [EventType.GATE_OUT, EventType.GATE_IN],
    "gs1/Example_9.6.1-ObjectEvent.jsonld": [EventType.GATE_OUT, EventType.GATE_IN],
    "gs1/Example_9.6.1-ObjectEvent-with-error-declaration.jsonld": [EventType.GATE_IN],
    "gs1/Example_9.6.3-AggregationEvent.jsonld": [EventType.GATE_IN],
    "gs1/SensorDataExample1.jsonld": [EventType.INSPECTED],
    "gs1/SensorDataExample8.jsonld": [EventType.STUFFED],
    "gs1/object_event_all_possible_fields.jsonld": [],
    "openepcis/SensorData_with_combined_events.json": [EventType.INSPECTED] * 4
    + [EventType.STUFFED, EventType.INSPECTED],
    "openepcis/epcisDocWithAllGS1Keys.json": [],
}
_GOODS_KEYS = re.compile(rb'urn:epc:id:(?:sgtin|sscc):[^"]+')


def _files(samples_dir: Path) -> list[str]:
    root = samples_dir / "epcis"
    return sorted(str(p.relative_to(root)) for p in root.glob("*/*.json*"))


def test_every_sample_file_is_known_here(samples_dir: Path) -> None:
    assert set(_files(samples_dir)) == set(EXPECTED) | NOT_DOCUMENTS


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_ingests_with_the_expected_reading(samples_dir: Path, name: str) -> None:
    content = (samples_dir / "epcis" / name).read_bytes()
    kinds, steps, reports, findings = EXPECTED[name]
    assert ADAPTER.detect(content)
    document = read_document(content)
    assert Counter(e.kind for e in document.events) == kinds
    assert Counter(e.biz_step for e in document.events) == steps
    assert sum(len(e.sensor_reports) for e in document.events) == reports
    result = ADAPTER.parse(content, source_message="sha256:sample")
    assert result.events == ()  # no container in any published sample
    assert Counter(f.code for f in result.findings) == findings
    assert all(f.where and f.where.startswith("/epcisBody/") for f in result.findings)


@pytest.mark.parametrize("name", sorted(NOT_DOCUMENTS))
def test_context_and_schema_files_are_not_documents(samples_dir: Path, name: str) -> None:
    content = (samples_dir / "epcis" / name).read_bytes()
    assert not ADAPTER.detect(content)
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(content, source_message="sha256:sample")
    assert caught.value.where == "/type"


def test_the_non_standard_bizstep_is_a_finding_at_its_place(samples_dir: Path) -> None:
    content = (
        samples_dir / "epcis/openepcis/ObjectEvent_with_non_standard_bizStep.json"
    ).read_bytes()
    result = ADAPTER.parse(content, source_message="sha256:sample")
    (finding,) = [f for f in result.findings if f.code == "epcis.bizstep_unknown"]
    assert (finding.value, finding.where) == ("transforming", "/epcisBody/eventList/0/bizStep")


def test_combined_sensor_data_keeps_its_reports(samples_dir: Path) -> None:
    content = (samples_dir / "epcis/openepcis/SensorData_with_combined_events.json").read_bytes()
    events = read_document(content).events
    first = events[0].sensor_reports
    assert [(r.type, r.value, r.uom) for r in first[:2]] == [
        ("https://gs1.org/voc/Temperature", 26.0, "CEL"),
        ("https://gs1.org/voc/AbsoluteHumidity", 12.1, "A93"),
    ]
    assert first[0].time is not None and first[0].time.isoformat() == "2019-04-02T13:05:00+00:00"
    # The two reports the GS1 schema rejects (no type) are alarm and error conditions: kept.
    alarms = [r for e in events for r in e.sensor_reports if r.exception]
    assert [(r.type, r.exception, r.boolean_value) for r in alarms] == [
        (None, "https://gs1.org/voc/ERROR_CONDITION", None),
        (None, "https://gs1.org/voc/ALARM_CONDITION", True),
    ]
    assert events[12].biz_step == "sensor_reporting"  # written as its full CBV URI
    assert events[12].biz_step_cbv


@pytest.mark.parametrize("name", sorted(AS_CONTAINERS))
def test_the_samples_on_a_container_give_container_events(samples_dir: Path, name: str) -> None:
    content = (samples_dir / "epcis" / name).read_bytes()
    boxed = _GOODS_KEYS.sub(b"urn:epc:id:bic:CSQU3054383", content)
    result = ADAPTER.parse(boxed, source_message="sha256:sample")
    assert [e.event_type for e in result.events] == AS_CONTAINERS[name]
    assert {e.container_number for e in result.events} <= {"CSQU3054383"}
    assert not [f for f in result.findings if f.code.startswith("container.")]


def _careful(content: bytes) -> tuple[tuple[Event, ...], tuple[str, ...]]:
    """Records and finding places as the careful reader and the mapper alone make them."""
    document = read_document(content)
    mapper = Mapper("sha256:sample", escapes=document.escapes)
    for event in document.events:
        mapper.add(event)
    findings = (*document.findings, *mapper.findings)
    return tuple(mapper.events), tuple(f"{f.code} {f.where}" for f in findings)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_typed_path_reads_the_samples_as_the_careful_path(samples_dir: Path, name: str) -> None:
    """As published and on a container: the typed path takes what is plain, and changes nothing."""
    content = (samples_dir / "epcis" / name).read_bytes()
    for document in (content, _GOODS_KEYS.sub(b"urn:epc:id:bic:CSQU3054383", content)):
        result = ADAPTER.parse(document, source_message="sha256:sample")
        found = tuple(f"{f.code} {f.where}" for f in result.findings)
        assert (result.events, found) == _careful(document)


def test_written_documents_validate_against_the_gs1_schema(samples_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((samples_dir / "epcis/gs1/EPCIS-JSON-Schema.json").read_bytes())
    from datetime import UTC, datetime

    when = datetime(2024, 5, 1, tzinfo=UTC)
    events = [
        Event(
            f"E{i}",
            kind,
            when,
            "CSQU3054383",
            unlocode="NLRTM",
            vessel_imo="9176187",
            bill_of_lading="B1",
            facility="T1",
        )
        for i, kind in enumerate(EventType)
    ]
    for extensions in (True, False):
        doc = json.loads(write_document(events, extensions=extensions))
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(doc))
        assert errors == []
