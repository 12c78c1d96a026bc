"""EPCIS 2.0 JSON reading: @context, CBV forms, container and vessel keys, places, event types,
sensor data, error declarations, and errors that name the JSON pointer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from greenlane.domain.codes import EventType
from greenlane.errors import ParseError
from greenlane.ingest.base import Adapter, ParsedMessage
from greenlane.ingest.epcis import ADAPTER, read_document
from greenlane.ingest.epcis.ids import container_of, unlocode_of, vessel_of

BOX = "urn:epc:id:bic:CSQU3054383"
SHIP = "urn:epc:id:imovn:9176187"
CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"


def event(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "ObjectEvent",
        "eventTime": "2024-05-01T10:00:00+02:00",
        "eventTimeZoneOffset": "+02:00",
        "epcList": [BOX],
        "action": "OBSERVE",
        "bizStep": "loading",
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def document(*events: dict[str, Any], context: Any = CONTEXT) -> bytes:
    doc: dict[str, Any] = {
        "@context": context,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2024-05-01T12:00:00Z",
        "epcisBody": {"eventList": list(events)},
    }
    return json.dumps(doc).encode()


def parse(content: bytes) -> ParsedMessage:
    return ADAPTER.parse(content, source_message="sha256:test")


def codes(result: ParsedMessage) -> list[str]:
    return [f.code for f in result.findings]


def test_a_loading_event_on_a_container_is_a_canonical_loaded_event() -> None:
    result = parse(
        document(
            event(
                eventID="urn:uuid:0001",
                readPoint={"id": "urn:unece:unlocode:NLRTM"},
                bizLocation={"id": "urn:epc:id:sgln:0614141.07346.1234"},
                destinationList=[{"type": "location", "destination": SHIP}],
                bizTransactionList=[
                    {"type": "bol", "bizTransaction": "urn:epcglobal:cbv:bt:0614141073467:MB42"}
                ],
            )
        )
    )
    assert result.format == "epcis:EPCISDocument"
    (loaded,) = result.events
    assert loaded.event_id == "urn:uuid:0001"
    assert loaded.event_type is EventType.LOADED
    assert loaded.occurred_at == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    assert loaded.container_number == "CSQU3054383"
    assert loaded.unlocode == "NLRTM"
    assert loaded.facility == "urn:epc:id:sgln:0614141.07346.1234"
    assert loaded.vessel_imo == "9176187"
    assert loaded.bill_of_lading == "MB42"
    assert (loaded.source, loaded.source_message) == ("epcis", "sha256:test")
    assert result.findings == ()


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("loading", EventType.LOADED),
        ("unloading", EventType.DISCHARGED),
        ("departing", EventType.DEPARTED),
        ("arriving", EventType.ARRIVED),
        ("receiving", EventType.GATE_IN),
        ("shipping", EventType.GATE_OUT),
        ("inspecting", EventType.INSPECTED),
        ("packing", EventType.STUFFED),
        ("unpacking", EventType.STRIPPED),
        ("cbv:BizStep-loading", EventType.LOADED),
        ("urn:epcglobal:cbv:bizstep:loading", EventType.LOADED),
        ("https://ref.gs1.org/cbv/BizStep-loading", EventType.LOADED),
    ],
)
def test_cbv_bizsteps_in_every_form_map_to_event_types(step: str, expected: EventType) -> None:
    result = parse(document(event(bizStep=step)))
    assert [e.event_type for e in result.events] == [expected]
    assert "epcis.bizstep_unknown" not in codes(result)


def test_context_prefixes_expand_and_a_redefined_cbv_prefix_is_respected() -> None:
    ours = {"x": "https://ref.gs1.org/cbv/BizStep-"}
    result = parse(document(event(bizStep="x:arriving"), context=[CONTEXT, ours]))
    assert [e.event_type for e in result.events] == [EventType.ARRIVED]
    moved = [CONTEXT, {"cbv": "https://example.com/not-cbv/"}]
    result = parse(document(event(bizStep="cbv:BizStep-arriving"), context=moved))
    assert result.events == ()
    assert "epcis.bizstep_unknown" in codes(result)


def test_a_bizstep_outside_the_cbv_is_kept_as_a_finding_not_an_error() -> None:
    result = parse(document(event(bizStep="transforming")))
    (finding,) = [f for f in result.findings if f.code == "epcis.bizstep_unknown"]
    assert finding.where == "/epcisBody/eventList/0/bizStep"
    assert finding.value == "transforming"


def test_disposition_gives_door_events_when_the_bizstep_is_no_milestone() -> None:
    opened = event(bizStep="other", disposition="container_open")
    closed = event(bizStep=None, disposition="cbv:Disp-container_closed")
    result = parse(document(opened, closed))
    assert [e.event_type for e in result.events] == [EventType.DOOR_OPENED, EventType.DOOR_CLOSED]


def test_a_non_cbv_sealing_bizstep_is_read_as_a_seal_move_with_a_finding() -> None:
    result = parse(document(event(bizStep="https://example.com/bizstep/seal_checking")))
    assert [e.event_type for e in result.events] == [EventType.SEAL_CHECKED]
    assert "epcis.bizstep_unknown" in codes(result)


def test_aggregation_into_a_container_is_stuffing_and_out_of_it_stripping() -> None:
    children = ["urn:epc:id:sscc:0614141.1234567890"]
    add = event(
        type="AggregationEvent",
        epcList=None,
        parentID=BOX,
        childEPCs=children,
        action="ADD",
        bizStep="loading",
    )
    delete = event(
        type="AggregationEvent",
        epcList=None,
        parentID=BOX,
        childEPCs=[],
        action="DELETE",
        bizStep="unpacking",
    )
    result = parse(document(add, delete))
    assert [(e.event_type, e.container_number) for e in result.events] == [
        (EventType.STUFFED, "CSQU3054383"),
        (EventType.STRIPPED, "CSQU3054383"),
    ]


def test_aggregation_onto_a_vessel_loads_each_child_container() -> None:
    other = "urn:epc:id:bic:APZU4812090"
    onto = event(
        type="AggregationEvent",
        epcList=None,
        parentID=SHIP,
        childEPCs=[BOX, other],
        action="ADD",
        bizStep=None,
        eventID="urn:uuid:agg",
    )
    result = parse(document(onto))
    assert [
        (e.event_id, e.event_type, e.container_number, e.vessel_imo) for e in result.events
    ] == [
        ("urn:uuid:agg#CSQU3054383", EventType.LOADED, "CSQU3054383", "9176187"),
        ("urn:uuid:agg#APZU4812090", EventType.LOADED, "APZU4812090", "9176187"),
    ]


def test_a_vessel_alone_departing_is_an_event_without_container() -> None:
    result = parse(document(event(epcList=[SHIP], bizStep="departing")))
    (departed,) = result.events
    assert (departed.event_type, departed.container_number, departed.vessel_imo) == (
        EventType.DEPARTED,
        None,
        "9176187",
    )


def test_an_event_on_goods_only_is_no_container_move_and_says_so() -> None:
    result = parse(document(event(epcList=["urn:epc:id:sgtin:0614141.107346.2017"])))
    assert result.events == ()
    (finding,) = result.findings
    assert (finding.code, finding.severity.value) == ("epcis.not_container", "info")
    assert finding.value == "urn:epc:id:sgtin:0614141.107346.2017"


def test_bad_check_digits_and_unknown_places_are_findings_on_kept_events() -> None:
    result = parse(
        document(
            event(
                epcList=["urn:epc:id:bic:CSQU3054384", "urn:epc:id:imovn:7654321"],
                bizStep="departing",
                readPoint={"id": "urn:unece:unlocode:NLRAM"},
            )
        )
    )
    assert [e.container_number for e in result.events] == ["CSQU3054384"]
    assert {"container.check_digit", "imo.check_digit", "unlocode.unknown_port"} <= set(
        codes(result)
    )
    assert all(f.where == "/epcisBody/eventList/0" for f in result.findings)


def test_an_error_declaration_is_a_finding_and_no_move() -> None:
    declared = {"declarationTime": "2024-05-02T00:00:00Z", "reason": "incorrect_data"}
    result = parse(document(event(eventID="urn:uuid:e1", errorDeclaration=declared)))
    assert result.events == ()
    (finding,) = result.findings
    assert (finding.code, finding.value) == ("epcis.error_declaration", "urn:uuid:e1")


def test_door_and_tamper_sensor_reports_on_a_container() -> None:
    sensors = [
        {
            "sensorMetadata": {"time": "2024-05-01T09:30:00Z"},
            "sensorReport": [
                {"type": "example:DoorOpen", "booleanValue": True},
                {"type": "example:DoorClosed", "booleanValue": True, "time": "2024-05-01T09:40Z"},
                {"type": "example:TamperAlert", "booleanValue": True},
                {"exception": "gs1:ALARM_CONDITION", "booleanValue": True},
                {"type": "gs1:Temperature", "value": 26.0, "uom": "CEL"},
            ],
        }
    ]
    ctx = [CONTEXT, {"example": "https://example.com/"}]
    result = parse(
        document(
            event(eventID="urn:uuid:s", bizStep="sensor_reporting", sensorElementList=sensors),
            context=ctx,
        )
    )
    assert [(e.event_id, e.event_type, e.occurred_at.minute) for e in result.events] == [
        ("urn:uuid:s#door-1", EventType.DOOR_OPENED, 30),
        ("urn:uuid:s#door-2", EventType.DOOR_CLOSED, 40),
    ]
    assert {"epcis.sensor_tamper", "epcis.sensor_alarm"} <= set(codes(result))
    (read,) = read_document(document(event(sensorElementList=sensors), context=ctx)).events
    assert len(read.sensor_reports) == 5
    assert read.sensor_reports[4].type == "https://gs1.org/voc/Temperature"


def test_an_event_without_event_id_gets_a_deterministic_hash() -> None:
    first = parse(document(event())).events[0].event_id
    again = parse(document(event())).events[0].event_id
    other = parse(document(event(eventTime="2024-05-01T11:00:00+02:00"))).events[0].event_id
    assert first.startswith("sha256:")
    assert first == again != other


def test_a_time_without_offset_is_read_at_the_stated_offset_with_a_finding() -> None:
    result = parse(document(event(eventTime="2024-05-01T10:00:00")))
    assert result.events[0].occurred_at == datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    assert codes(result) == ["epcis.time_without_offset"]


def test_query_documents_and_single_event_documents_are_read() -> None:
    query = {
        "@context": CONTEXT,
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": "2024-05-01T12:00:00Z",
        "epcisBody": {
            "queryResults": {
                "queryName": "SimpleEventQuery",
                "resultsBody": {"eventList": [event(bizStep="arriving")]},
            }
        },
    }
    result = parse(json.dumps(query).encode())
    assert result.format == "epcis:EPCISQueryDocument"
    assert [e.event_type for e in result.events] == [EventType.ARRIVED]
    single = parse(json.dumps({"@context": CONTEXT, **event(bizStep="unloading")}).encode())
    assert single.format == "epcis:ObjectEvent"
    assert [e.event_type for e in single.events] == [EventType.DISCHARGED]


def test_plain_json_without_context_is_read_with_an_info_finding() -> None:
    content = json.loads(document(event()))
    del content["@context"]
    result = parse(json.dumps(content).encode())
    assert len(result.events) == 1
    assert codes(result) == ["epcis.no_context"]


def test_an_extension_event_type_is_skipped_with_a_finding() -> None:
    result = parse(document(event(type="example:ShipmentEvent")))
    assert result.events == ()
    assert codes(result) == ["epcis.event_type_unknown"]


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"[1, 2]", "/"),
        (b'{"type": "Other"}', "/type"),
        (b'{"type": "EPCISDocument", "epcisBody": {}}', "/epcisBody/eventList"),
        (document({"eventTime": "2024-05-01T10:00:00Z"}), "/epcisBody/eventList/0/type"),
        (document(event(eventTime=None)), "/epcisBody/eventList/0/eventTime"),
        (document(event(eventTime="yesterday")), "/epcisBody/eventList/0/eventTime"),
        (document(event(action="MOVE")), "/epcisBody/eventList/0/action"),
        (document(event(bizStep=7)), "/epcisBody/eventList/0/bizStep"),
        (document(event(epcList=[BOX, 3])), "/epcisBody/eventList/0/epcList/1"),
        (document(event(readPoint={"name": "x"})), "/epcisBody/eventList/0/readPoint"),
        (
            document(event(sensorElementList=[{"sensorReport": [{"type": "T", "value": "1"}]}])),
            "/epcisBody/eventList/0/sensorElementList/0/sensorReport/0/value",
        ),
        (document(context=[CONTEXT, 5]), "/@context/1"),
        (b'{"type": "EPCISDocument",', "line 1 column 26"),
        (b'{"a": "\xff"}', "byte 7"),
    ],
)
def test_unreadable_documents_raise_parse_errors_that_name_the_place(
    content: bytes, where: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse(content)
    assert caught.value.where == where
    assert str(caught.value).startswith("epcis: ")
    assert caught.value.expected


def test_container_vessel_and_place_identifiers() -> None:
    assert container_of("urn:epc:id:bic:CSQU3054383") == "CSQU3054383"
    assert container_of("urn:epc:id:giai:4012345.CSQU3054383") == "CSQU3054383"
    assert container_of("https://id.gs1.org/8004/4012345CSQU3054383") == "CSQU3054383"
    assert container_of("urn:epc:id:sscc:0614141.1234567890") is None
    assert container_of("https://id.gs1.org/00/040123450000003338") is None
    assert vessel_of("urn:epc:id:imovn:9176187") == "9176187"
    assert vessel_of(BOX) is None
    assert unlocode_of("urn:unece:unlocode:NLRTM") == "NLRTM"
    assert unlocode_of("https://vocabulary.uncefact.org/unlocode#NLRTM") == "NLRTM"
    assert unlocode_of("urn:epc:id:sgln:0614141.07346.1234") is None


def test_the_adapter_keeps_the_contract() -> None:
    adapter: Adapter = ADAPTER  # mypy checks the protocol here
    assert adapter.name == "epcis"


def test_detect_finds_documents_wherever_the_type_key_is() -> None:
    assert ADAPTER.detect(document(event()))
    trailing = json.dumps({"epcisBody": {"eventList": []}, "type": "EPCISDocument"})
    assert ADAPTER.detect(b"\xef\xbb\xbf " + trailing.encode())
    assert not ADAPTER.detect(b'{"@context": {"EPCISDocument": "epcis:EPCISDocument"}}')
    assert not ADAPTER.detect(b'{"greenlane": "1", "events": []}')
