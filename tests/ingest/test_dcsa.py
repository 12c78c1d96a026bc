"""DCSA Track & Trace adapter and writer: shapes, code mapping, findings, errors, round trip and
hostile input (every mutated message gives records or a ParseError, never another exception)."""

from __future__ import annotations

import copy
import gc
import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec import Raw

from greenlane.domain.codes import EventType, SealAffixer, Severity
from greenlane.domain.records import Event, SealReading
from greenlane.errors import ParseError
from greenlane.ingest.base import Adapter, ParsedMessage
from greenlane.ingest.dcsa import ADAPTER, supported_types, write_events
from greenlane.ingest.dcsa.checks import Checks, all_clean, event_findings
from greenlane.ingest.dcsa.event import read_event
from greenlane.ingest.dcsa.typed_flat import FlatReader
from greenlane.ingest.dcsa.typed_records import read_events

T0 = datetime(2026, 1, 20, 14, 15, tzinfo=UTC)


def v3_event(**extra: Any) -> dict[str, Any]:
    """A valid v3.0 (conformance) equipment event; ``extra`` replaces top-level parts."""
    event: dict[str, Any] = {
        "eventID": "evt-1",
        "eventDateTime": "2026-01-20T14:15:00Z",
        "eventLocation": {"UNLocationCode": "NLRTM", "facilityTypeCode": "POTE"},
        "eventClassification": {
            "eventTypeCode": "EQUIPMENT",
            "eventClassifierCode": "ACT",
            "equipmentEventTypeCode": "LOAD",
        },
        "equipmentDetails": {
            "equipmentReference": "APZU4812090",
            "emptyIndicatorCode": "LADEN",
            "movementType": "EXPORT",
        },
    }
    event.update(extra)
    return event


def classified(**classification: str) -> dict[str, Any]:
    return v3_event(eventClassification=classification)


def v22_event(**extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "eventID": "3cecb101-0000-0000-0000-000000000001",
        "eventCreatedDateTime": "2021-01-23T12:34:56Z",
        "eventType": "EQUIPMENT",
        "eventClassifierCode": "ACT",
        "eventDateTime": "2021-01-09T14:12:56+01:00",
        "equipmentEventTypeCode": "DISC",
        "equipmentReference": "CSQU3054383",
        "emptyIndicatorCode": "LADEN",
        "eventLocation": {"UNLocationCode": "DEHAM", "facilityCode": "CTA"},
        "transportCall": {
            "transportCallID": "123e4567-e89b-12d3-a456-426614174000",
            "exportVoyageNumber": "2103S",
            "importVoyageNumber": "2103N",
            "modeOfTransport": "VESSEL",
            "vessel": {"vesselIMONumber": "9321483", "vesselName": "King of the Seas"},
        },
        "documentReferences": [
            {"documentReferenceType": "BKG", "documentReferenceValue": "ABC123"},
            {"documentReferenceType": "TRD", "documentReferenceValue": "HHL123"},
        ],
        "seals": [{"sealNumber": "SL123456", "sealSource": "SHI", "sealType": "BLT"}],
    }
    event.update(extra)
    return event


def parse(document: Any) -> ParsedMessage:
    return ADAPTER.parse(json.dumps(document).encode(), source_message="msg-hash")


def one(document: Any) -> Event:
    (event,) = parse(document).events
    return event


def codes(parsed: ParsedMessage) -> list[str]:
    return [f.code for f in parsed.findings]


# --- shapes -------------------------------------------------------------------------------


def test_adapter_keeps_the_contract() -> None:
    adapter: Adapter = ADAPTER
    assert adapter.name == "dcsa"


def test_v3_post_body_gives_a_loaded_event() -> None:
    parsed = parse({"events": [v3_event()]})
    assert parsed.format == "dcsa"
    (event,) = parsed.events
    assert event == Event(
        event_id="evt-1",
        event_type=EventType.LOADED,
        occurred_at=T0,
        container_number="APZU4812090",
        unlocode="NLRTM",
        full=True,
        source="dcsa",
        source_message="msg-hash",
    )
    assert parsed.findings == ()


def test_top_level_list_single_event_and_beta_metadata_payload() -> None:
    assert one([v3_event()]).event_type is EventType.LOADED
    assert one(v3_event()).event_type is EventType.LOADED
    beta = {
        "metadata": {"eventID": "beta-1", "eventType": "EQUIPMENT"},
        "payload": {
            "eventClassifierCode": "ACT",
            "eventDateTime": "2019-11-12T07:41:00+08:30",
            "equipmentEventTypeCode": "DISC",
            "equipmentReference": "APZU4812090",
            "emptyIndicatorCode": "EMPTY",
            "isTransshipmentMove": True,
            "transportCall": {
                "carrierExportVoyageNumber": "2103S",
                "carrierImportVoyageNumber": "2104N",
                "location": {"UNLocationCode": "NLRTM"},
                "vessel": {"vesselIMONumber": "9321483", "name": "King of the Seas"},
            },
            "relatedDocumentReferences": [{"type": "TRD", "value": "85943567"}],
            "seals": [{"number": "133534", "source": "CUS", "type": "WIR"}],
        },
    }
    event = one([beta])
    assert (event.event_id, event.event_type, event.full) == ("beta-1", EventType.DISCHARGED, False)
    assert (event.unlocode, event.vessel_imo, event.vessel_name) == (
        "NLRTM",
        "9321483",
        "King of the Seas",
    )
    assert event.voyage == "2104N"  # a discharge belongs to the import voyage
    assert event.transshipment and event.bill_of_lading == "85943567"
    assert event.seals == (SealReading("133534", affixed_by=SealAffixer.CUSTOMS, type_code="WIR"),)
    assert event.occurred_at == datetime(2019, 11, 11, 23, 11, tzinfo=UTC)


def test_empty_pages_are_messages_without_records() -> None:
    assert parse([]).record_count == 0
    assert parse({"events": [], "feedbackElements": []}).record_count == 0


# --- codes --------------------------------------------------------------------------------

EQUIPMENT_CODES = [
    ("LOAD", "LOADED", EventType.LOADED),
    ("DISC", "DISCHARGED", EventType.DISCHARGED),
    ("GTIN", "GATED_IN", EventType.GATE_IN),
    ("GTOT", "GATED_OUT", EventType.GATE_OUT),
    ("STUF", "STUFFED", EventType.STUFFED),
    ("STRP", "STRIPPED", EventType.STRIPPED),
    ("PICK", "PICKED_UP", EventType.GATE_OUT),
    ("DROP", "DROPPED_OFF", EventType.GATE_IN),
    ("INSP", "INSPECTED", EventType.SEAL_CHECKED),
    ("RMVD", "REMOVED", EventType.SEAL_REMOVED),
    ("RSEA", "RESEALED", EventType.RESEALED),
]


@pytest.mark.parametrize(("short", "word", "expected"), EQUIPMENT_CODES)
def test_equipment_codes_short_and_spelled_out(short: str, word: str, expected: EventType) -> None:
    conformance = classified(
        eventTypeCode="EQUIPMENT", eventClassifierCode="ACT", equipmentEventTypeCode=short
    )
    draft = classified(eventType="EQUIPMENT", eventClassifier="ACTUAL", equipmentEventType=word)
    flat = v22_event(equipmentEventTypeCode=short)
    assert one(conformance).event_type is expected
    assert one(draft).event_type is expected
    assert one(flat).event_type is expected


def test_deprecated_v22_event_type_code_is_read() -> None:
    event = v22_event(eventTypeCode="GTIN")
    del event["equipmentEventTypeCode"]
    assert one(event).event_type is EventType.GATE_IN


@pytest.mark.parametrize(
    ("classification", "iot", "expected"),
    [
        ({"eventTypeCode": "IOT", "iotEventTypeCode": "DETC"}, {"iotEventCode": "DRO"}, "opened"),
        ({"eventTypeCode": "IOT", "iotEventTypeCode": "DETC"}, {"iotEventCode": "DRC"}, "closed"),
        ({"eventType": "IOT", "iotEventType": "DOOR_OPENED"}, None, "opened"),
        ({"eventType": "IOT", "iotEventType": "DOOR_CLOSED"}, None, "closed"),
    ],
)
def test_iot_door_events(classification: dict[str, str], iot: Any, expected: str) -> None:
    event = v3_event(eventClassification={**classification, "eventClassifierCode": "ACT"})
    if iot is not None:
        event["iotDetails"] = iot
    assert one(event).event_type.value == f"door_{expected}"


def test_transport_events_take_vessel_voyage_and_equipment_reference() -> None:
    v3 = v3_event(
        eventClassification={
            "eventTypeCode": "TRANSPORT",
            "eventClassifierCode": "ACT",
            "transportEventTypeCode": "DEPA",
        },
        transportDetails={
            "transportCall": {
                "modeOfTransport": "VESSEL",
                "exportVoyageNumberOrReference": {"carrierVoyageNumber": "V001E"},
                "importVoyageNumberOrReference": {"carrierVoyageNumber": "V001N"},
                "vesselTransport": {"vesselIMONumber": "9074729", "vesselName": "Alpha"},
            }
        },
        shipmentDetails={"shipmentReferences": [{"typeCode": "EQ", "reference": "CSQU3054383"}]},
    )
    del v3["equipmentDetails"]
    event = one(v3)
    assert (event.event_type, event.voyage, event.vessel_imo) == (
        EventType.DEPARTED,
        "V001E",
        "9074729",
    )
    assert event.container_number == "CSQU3054383"
    arrival = v22_event(eventType="TRANSPORT", transportEventTypeCode="ARRI")
    for key in ("equipmentEventTypeCode", "equipmentReference", "eventLocation"):
        del arrival[key]
    arrival["transportCall"]["UNLocationCode"] = "DEHAM"
    arrival["references"] = [{"referenceType": "EQ", "referenceValue": "APZU4812090"}]
    event = one([arrival])
    assert (event.event_type, event.voyage, event.unlocode) == (EventType.ARRIVED, "2103N", "DEHAM")
    assert event.container_number == "APZU4812090"


def test_status_events_are_skipped_with_info_findings() -> None:
    shipment = classified(
        eventTypeCode="SHIPMENT", eventClassifierCode="ACT", shipmentEventTypeCode="CONF"
    )
    reefer = classified(
        eventTypeCode="REEFER", eventClassifierCode="ACT", reeferEventTypeCode="MEAS"
    )
    customs = v22_event(equipmentEventTypeCode="CUSI")
    approaching = classified(
        eventType="TRANSPORT", eventClassifier="ACTUAL", transportEventType="APPROACHING"
    )
    parsed = parse([shipment, reefer, customs, approaching])
    assert parsed.events == ()
    assert codes(parsed) == ["dcsa.not_a_move"] * 4
    assert all(f.severity is Severity.INFO for f in parsed.findings)
    assert parsed.findings[0].where == "/0/eventClassification/shipmentEventTypeCode"


@pytest.mark.parametrize("classifier", ["PLN", "EST", "REQ", "PLANNED", "ESTIMATED"])
def test_planned_and_estimated_are_not_moves(classifier: str) -> None:
    parsed = parse([v22_event(eventClassifierCode=classifier)])
    assert parsed.events == ()
    (found,) = parsed.findings
    assert (found.code, found.severity, found.where) == (
        "dcsa.not_actual",
        Severity.INFO,
        "/0/eventClassifierCode",
    )


def test_missing_classifier_reads_as_actual_unknown_one_is_skipped() -> None:
    event = v22_event()
    del event["eventClassifierCode"]
    parsed = parse([event, v22_event(eventClassifierCode="MAYBE")])
    assert len(parsed.events) == 1
    assert codes(parsed) == ["dcsa.classifier_missing", "dcsa.code_unknown"]


def test_unknown_codes_are_findings_not_errors() -> None:
    unknown_move = v22_event(equipmentEventTypeCode="TELEPORT")
    unknown_kind = v22_event(eventType="DRONE")
    parsed = parse([unknown_move, unknown_kind])
    assert parsed.events == ()
    assert codes(parsed) == ["dcsa.code_unknown", "dcsa.code_unknown"]
    assert parsed.findings[0].where == "/0/equipmentEventTypeCode"
    assert all(f.severity is Severity.WARNING for f in parsed.findings)


# --- fields -------------------------------------------------------------------------------


def test_seals_sources_types_and_unknown_codes() -> None:
    seals = [
        {"number": "A1", "source": "CAR", "type": "KLP"},
        {"number": "A2", "source": "CNS"},
        {"number": "A3", "source": "TERMINAL", "type": "BOLT"},
        {"number": "A4", "source": "VET"},
        {"number": "A5", "source": "CST"},
        {"number": "A6", "source": "XYZ", "type": "GLUE"},
        {"number": "A7"},
        {"source": "SHI"},
    ]
    event = v3_event()
    event["equipmentDetails"]["seals"] = seals
    parsed = parse({"events": [event]})
    (got,) = parsed.events
    assert [(s.number, s.affixed_by, s.type_code) for s in got.seals] == [
        ("A1", SealAffixer.CARRIER, "KLP"),
        ("A2", SealAffixer.CONSOLIDATOR, None),
        ("A3", SealAffixer.TERMINAL, "BOLT"),
        ("A4", SealAffixer.UNKNOWN, None),
        ("A5", SealAffixer.SHIPPER, None),
        ("A6", None, "GLUE"),
        ("A7", None, None),
    ]
    where = {(f.code, f.field): f.where for f in parsed.findings}
    seals_at = "/events/0/equipmentDetails/seals"
    assert where[("dcsa.code_unknown", "seals[5].affixed_by")] == f"{seals_at}/5/source"
    assert where[("dcsa.code_unknown", "seals[5].type_code")] == f"{seals_at}/5/type"
    assert where[("dcsa.seal_without_number", "seals")] == f"{seals_at}/7/number"


def test_placeholder_seal_is_kept_with_a_finding() -> None:
    parsed = parse([v22_event(seals=[{"sealNumber": "string", "sealSource": "CUS"}])])
    assert parsed.events[0].seals[0].number == "string"
    (found,) = parsed.findings
    assert (found.code, found.where) == ("seal.placeholder", "/0/seals/0/sealNumber")


@pytest.mark.parametrize(
    "details",
    [
        {"movementType": "TRANSSHIPMENT"},
        {"transportPhase": "TRANSSHIPMENT"},
        {"isTransshipmentMove": True},
    ],
)
def test_transshipment_flags(details: dict[str, Any]) -> None:
    event = v3_event(equipmentDetails={"equipmentReference": "APZU4812090", **details})
    assert one(event).transshipment


def test_empty_indicator_words_and_unknown_values() -> None:
    empty = v3_event(
        equipmentDetails={"equipmentReference": "APZU4812090", "emptyIndicator": "EMPTY"}
    )
    odd = v3_event(
        equipmentDetails={"equipmentReference": "APZU4812090", "emptyIndicatorCode": "HALF"}
    )
    parsed = parse({"events": [empty, odd]})
    assert [e.full for e in parsed.events] == [False, None]
    assert parsed.findings[0].where == "/events/1/equipmentDetails/emptyIndicatorCode"


def test_location_spellings_facility_and_bill() -> None:
    event = v3_event(
        eventLocation={
            "unLocationCode": "NLRTM",
            "facility": {"facilityCode": "ECTDE", "facilityCodeListProvider": "SMDG"},
        },
        shipmentDetails={
            "documentReference": {"type": "BOOKING", "reference": "BK1"},
            "additionalDocumentReferences": [{"type": "TRANSPORT_DOCUMENT", "reference": "BL9"}],
        },
    )
    got = one(event)
    assert (got.unlocode, got.facility, got.bill_of_lading) == ("NLRTM", "ECTDE", "BL9")


def test_validator_findings_point_at_the_value() -> None:
    event = v22_event(equipmentReference="APNR7744962")
    event["transportCall"]["vessel"]["vesselIMONumber"] = "7654321"
    event["eventLocation"]["UNLocationCode"] = "NLRAM"
    parsed = parse([event])
    where = {f.code: f.where for f in parsed.findings}
    assert where["container.check_digit"] == "/0/equipmentReference"
    assert where["imo.check_digit"] == "/0/transportCall/vessel/vesselIMONumber"
    assert where["unlocode.unknown_port"] == "/0/eventLocation/UNLocationCode"
    assert parsed.events[0].container_number == "APNR7744962"  # kept as received


def test_port_terminal_gate_move_checks_the_port_table() -> None:
    event = v3_event(eventLocation={"UNLocationCode": "NLRAM", "facilityTypeCode": "POTE"})
    event["eventClassification"]["equipmentEventTypeCode"] = "GTIN"
    depot = copy.deepcopy(event)
    depot["eventLocation"]["facilityTypeCode"] = "DEPO"
    assert codes(parse([event])) == ["unlocode.unknown_port"]
    assert codes(parse([depot])) == []


def test_retractions_are_findings() -> None:
    v3 = {"eventID": "evt-9", "isRetracted": True}
    beta = {"metadata": {"eventID": "m-1", "retractedEventID": "evt-8", "eventType": "TRANSPORT"}}
    parsed = parse([v3, beta])
    assert parsed.events == ()
    assert [(f.code, f.value, f.where) for f in parsed.findings] == [
        ("dcsa.retracted", "evt-9", "/0/isRetracted"),
        ("dcsa.retracted", "evt-8", "/1/metadata/retractedEventID"),
    ]


def test_missing_event_id_is_a_stable_content_hash() -> None:
    event = v3_event()
    del event["eventID"]
    first, second = one(event), one(copy.deepcopy(event))
    assert first.event_id.startswith("sha256:") and first.event_id == second.event_id
    event["eventDateTime"] = "2026-01-20T14:16:00Z"
    assert one(event).event_id != first.event_id


def test_duplicate_event_ids_in_one_message() -> None:
    repeated = parse([v22_event(), v22_event()])
    assert len(repeated.events) == 1 and codes(repeated) == ["dcsa.duplicate_event"]
    clash = parse([v22_event(), v22_event(equipmentEventTypeCode="GTOT")])
    assert len({e.event_id for e in clash.events}) == 2
    assert codes(clash) == ["dcsa.duplicate_event_id"]


def test_time_without_offset_is_read_as_utc_with_a_finding() -> None:
    parsed = parse([v22_event(eventDateTime="2021-01-09T14:12:56")])
    assert parsed.events[0].occurred_at == datetime(2021, 1, 9, 14, 12, 56, tzinfo=UTC)
    assert codes(parsed) == ["dcsa.time_without_offset"]


def test_null_values_read_as_absent() -> None:
    event = v22_event()
    event["transportCall"]["vessel"]["vesselIMONumber"] = None
    event["equipmentReference"] = ""
    got = one([event])
    assert got.vessel_imo is None and got.container_number is None


# --- structural errors --------------------------------------------------------------------


def _error(content: bytes) -> ParseError:
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(content, source_message="h")
    assert str(caught.value).startswith("dcsa: ")
    assert caught.value.expected
    return caught.value


def _error_of(document: Any) -> ParseError:
    return _error(json.dumps(document).encode())


def test_not_json_names_line_and_column() -> None:
    assert _error(b'{"events": [\n  {"eventID": }]}').where == "line 2 column 15"
    assert _error(b"\xff\xfe\x00garbage").where is not None


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ("just text", "top level"),
        ({"hello": "world"}, "top level"),
        ({"events": {"eventID": "x"}}, "/events"),
        ({"events": [v3_event(), "not an event"]}, "/events/1"),
        ([v22_event(eventDateTime=None)], "/0/eventDateTime"),
        ([v22_event(), v22_event(eventDateTime="yesterday")], "/1/eventDateTime"),
        ([v22_event(eventDateTime=20210109)], "/0/eventDateTime"),
        ([v22_event(eventType=None, equipmentEventTypeCode=None)], "/0/eventType"),
        ([v22_event(equipmentEventTypeCode=None)], "/0/equipmentEventTypeCode"),
        ({"events": [v3_event(eventClassification={"eventClassifierCode": "ACT"})]},
         "/events/0/eventClassification/eventTypeCode"),
        ([v22_event(equipmentReference={"id": 1})], "/0/equipmentReference"),
        ([v22_event(seals={"sealNumber": "1"})], "/0/seals"),
        ([v22_event(seals=["1"])], "/0/seals/0"),
        ([v22_event(isTransshipmentMove="yes")], "/0/isTransshipmentMove"),
        ([{"metadata": {"eventID": "m"}}], "/0/payload"),
        ([v22_event(equipmentReference="APZU\x004812090")], "/0/equipmentReference"),
    ],
)  # fmt: skip
def test_structural_errors_quarantine_the_message(document: Any, where: str) -> None:
    assert _error_of(document).where == where


def test_a_bad_event_in_a_planned_event_still_quarantines() -> None:
    assert _error_of([v22_event(eventClassifierCode="EST", eventDateTime="soon")]).where == (
        "/0/eventDateTime"
    )


# --- detection ----------------------------------------------------------------------------


def test_detect() -> None:
    assert ADAPTER.detect(json.dumps({"events": [v3_event()]}).encode())
    assert ADAPTER.detect(json.dumps([v22_event()], indent=2).encode("utf-16"))
    assert ADAPTER.detect(b"\xef\xbb\xbf" + json.dumps(v3_event()).encode())
    assert not ADAPTER.detect(b'{"@context": "epcis", "eventList": [{"eventTime": "x"}]}')
    assert not ADAPTER.detect(b"UNB+UNOA:2+SENDER+RECEIVER+200101:1200+1'")
    assert not ADAPTER.detect(b"")
    assert not ADAPTER.detect(b'{"format": "greenlane", "events": [{"occurred_at": "x"}]}')


# --- writer -------------------------------------------------------------------------------


def _event(event_type: EventType, n: int, **extra: Any) -> Event:
    return Event(
        event_id=f"ev-{n}",
        event_type=event_type,
        occurred_at=datetime(2026, 3, 1, 8, n, 30, 123000, tzinfo=UTC),
        source="dcsa",
        source_message="msg-hash",
        **extra,
    )


def handmade_events() -> list[Event]:
    """One event of every type the writer supports, with every field it carries."""
    seals = (
        SealReading("SL0001", affixed_by=SealAffixer.SHIPPER, type_code="BLT"),
        SealReading("CU77", affixed_by=SealAffixer.CUSTOMS),
        SealReading("TR5", affixed_by=SealAffixer.TERMINAL, type_code="WIR"),
        SealReading("NS123456"),
    )
    ship = {"vessel_imo": "9321483", "vessel_name": "King of the Seas", "voyage": "2103S"}
    bare = {"container_number": "APZU4812090"}
    box = {**bare, "bill_of_lading": "HLCUBL1", "seals": seals}
    events = [
        _event(EventType.STUFFED, 1, unlocode="CNSHA", facility="CFS1", full=True, **box),
        _event(EventType.GATE_IN, 2, unlocode="CNSHA", facility="YSH", full=True, **box),
        _event(EventType.LOADED, 3, unlocode="CNSHA", full=True, **box, **ship),
        _event(EventType.DEPARTED, 4, unlocode="CNSHA", facility="Yangshan Phase IV", **ship),
        _event(EventType.ARRIVED, 5, unlocode="SGSIN", facility="PSA", **bare, **ship),
        _event(EventType.DISCHARGED, 6, unlocode="SGSIN", transshipment=True, full=True, **box),
        _event(EventType.SEAL_REMOVED, 7, unlocode="SGSIN", **box),
        _event(EventType.SEAL_CHECKED, 8, unlocode="SGSIN", **bare),
        _event(EventType.RESEALED, 9, unlocode="SGSIN", **box),
        _event(EventType.DOOR_OPENED, 10, **bare),
        _event(EventType.DOOR_CLOSED, 11, **bare),
        _event(EventType.GATE_OUT, 12, unlocode="NLRTM", facility="Euromax Terminal", full=True,
               **box),
        _event(EventType.STRIPPED, 13, unlocode="NLRTM", full=False, **bare),
        _event(EventType.GATE_IN, 14, unlocode="NLRTM", facility="DEPOT9", full=False, **bare),
    ]  # fmt: skip
    assert {e.event_type for e in events} == supported_types("3.0")
    return events


@pytest.mark.parametrize("version", ["2.2", "3.0"])
def test_writer_round_trip(version: Any) -> None:
    events = [e for e in handmade_events() if e.event_type in supported_types(version)]
    content = write_events(events, version)
    assert ADAPTER.detect(content)
    parsed = ADAPTER.parse(content, source_message="msg-hash")
    assert list(parsed.events) == events
    assert all(f.severity is not Severity.ERROR for f in parsed.findings)


def test_writer_shapes() -> None:
    events = handmade_events()
    v3 = json.loads(write_events(events, "3.0"))
    assert set(v3) == {"events"}
    loaded = v3["events"][2]
    assert loaded["eventClassification"] == {
        "eventTypeCode": "EQUIPMENT",
        "eventClassifierCode": "ACT",
        "equipmentEventTypeCode": "LOAD",
    }
    assert loaded["eventDateTime"] == "2026-03-01T08:03:30.123000Z"
    assert loaded["equipmentDetails"]["seals"][0] == {
        "number": "SL0001",
        "source": "SHI",
        "type": "BLT",
    }
    v22 = json.loads(write_events(events[:9], "2.2"))
    assert isinstance(v22, list)
    assert v22[3]["transportCall"]["modeOfTransport"] == "VESSEL"
    assert v22[3]["transportCall"]["transportCallID"]
    assert v22[2]["seals"][0] == {"sealNumber": "SL0001", "sealSource": "SHI", "sealType": "BLT"}
    # Facilities: a short code is a facility code, anything else is the location's name.
    assert v3["events"][0]["eventLocation"]["facility"]["facilityCode"] == "CFS1"
    assert v3["events"][3]["eventLocation"]["locationName"] == "Yangshan Phase IV"
    assert v22[0]["eventLocation"]["facilityCode"] == "CFS1"
    assert v22[3]["transportCall"]["location"] == {"locationName": "Yangshan Phase IV"}
    assert v22[4]["transportCall"]["facilityCode"] == "PSA"


def test_writer_refuses_or_skips_what_dcsa_cannot_say() -> None:
    door = _event(EventType.DOOR_OPENED, 1, container_number="APZU4812090")
    inspected = _event(EventType.INSPECTED, 2, container_number="APZU4812090")
    with pytest.raises(ValueError, match="door_opened"):
        write_events([door], "2.2")
    with pytest.raises(ValueError, match="inspected"):
        write_events([inspected], "3.0")
    assert json.loads(write_events([door, inspected], "2.2", unsupported="skip")) == []
    with pytest.raises(ValueError, match="version"):
        write_events([], "4.0")  # type: ignore[arg-type]
    assert EventType.TRANSSHIPPED not in supported_types("3.0")


# --- hostile input ------------------------------------------------------------------------


def _seed_messages() -> list[bytes]:
    events = handmade_events()
    beta = {
        "metadata": {"eventID": "b1", "eventType": "EQUIPMENT"},
        "payload": {
            "eventClassifierCode": "ACT",
            "eventDateTime": "2019-11-12T07:41:00+08:30",
            "equipmentEventTypeCode": "PICK",
            "equipmentReference": "APNR7744962",
            "emptyIndicatorCode": "EMPTY",
            "location": {"UNLocationCode": "NLRAM"},
            "facilityTypeCode": "POTE",
        },
    }
    return [
        write_events(events, "3.0"),
        write_events(events, "2.2", unsupported="skip"),
        json.dumps(
            [v22_event(), v22_event(eventType="SHIPMENT", shipmentEventTypeCode="DRFT")]
        ).encode(),
        json.dumps([beta, {"metadata": {"eventID": "r", "retractedEventID": "x"}}]).encode(),
    ]


SEEDS = _seed_messages()
HOSTILE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome(content: bytes) -> None:
    """Records or a quarantine with its error: nothing else may escape."""
    try:
        parsed = ADAPTER.parse(content, source_message="h")
    except ParseError as error:
        assert str(error).startswith("dcsa: ") and error.where is not None
        return
    assert isinstance(parsed, ParsedMessage)
    for event in parsed.events:
        assert event.occurred_at.tzinfo is not None and event.source == "dcsa"
    ADAPTER.detect(content)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*path, i))
    return found


@HOSTILE
@given(seed=st.sampled_from(SEEDS), data=st.data())
def test_hostile_truncated_and_byte_corrupted(seed: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(seed)))
    _outcome(seed[:cut])
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(seed) - 1), st.integers(0, 255)),
                               max_size=6))  # fmt: skip
    corrupted = bytearray(seed)
    for position, value in flips:
        corrupted[position] = value
    _outcome(bytes(corrupted))


@HOSTILE
@given(seed=st.sampled_from(SEEDS), data=st.data())
def test_hostile_values_replaced_removed_and_reordered(seed: bytes, data: st.DataObject) -> None:
    document = json.loads(seed)
    paths = _paths(document)
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(paths))
        if not path:
            continue
        parent = document
        try:
            for step in path[:-1]:
                parent = parent[step]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    events = document.get("events") if isinstance(document, dict) else document
    if isinstance(events, list):
        events[:] = data.draw(st.permutations(events))
    _outcome(json.dumps(document).encode())


@HOSTILE
@given(
    seed=st.sampled_from(SEEDS),
    encoding=st.sampled_from(["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "latin-1", "cp500"]),
    depth=st.integers(1, 5000),
    repeat=st.integers(1, 50),
)
def test_hostile_reencoded_and_inflated(
    seed: bytes, encoding: str, depth: int, repeat: int
) -> None:
    text = seed.decode("utf-8")
    _outcome(text.encode(encoding, errors="replace"))
    _outcome(b"[" * depth + seed + b"]" * depth)
    document = json.loads(seed)
    events = document["events"] if isinstance(document, dict) else document
    _outcome(json.dumps(events * repeat).encode())
    big = json.dumps(events).replace("APZU4812090", "APZU4812090" * repeat * 100)
    _outcome(big.encode())


def test_deep_nesting_and_huge_numbers_are_quarantined() -> None:
    _error(b"[" * 100_000 + b"]" * 100_000)
    _error(b'[{"eventDateTime": ' + b"9" * 10_000 + b"}]")
    deep_field = [v22_event(eventLocation={"UNLocationCode": [[[[["NLRTM"]]]]]})]
    assert _error_of(deep_field).where == "/0/eventLocation/UNLocationCode"


def test_round_trip_is_stable_for_times_with_offsets() -> None:
    event = replace(
        handmade_events()[2], occurred_at=datetime.fromisoformat("2026-03-01T10:00:00+02:00")
    )
    (back,) = ADAPTER.parse(write_events([event]), source_message="msg-hash").events
    assert back.occurred_at == event.occurred_at and back.occurred_at.tzinfo is UTC


# --- the typed path and the careful reader --------------------------------------------------


def typed_events(items: list[Any]) -> list[tuple[Event, bool, bool] | None]:
    """The typed path's reading of each event (as one message): the event, whether its place
    is a port terminal, and whether it was read by the flat schema (whose events the message
    checks for findings); None where the careful reader reads it."""
    raws = [Raw(json.dumps(raw).encode()) for raw in items]
    cache: dict[Any, Any] = {}
    flat = FlatReader(cache)
    found: list[tuple[Event, bool, bool] | None] = []
    for one, raw in zip(read_events(raws, "h", cache), raws, strict=True):
        if one is not None:
            found.append((*one, False))
            continue
        read = flat.read(raw, "h")
        found.append(None if read is None else (*read, True))
    return found


def careful_event(raw: Any) -> tuple[Event, bool] | None:
    """The careful reader's event and port terminal flag, where it reads one without a
    finding of its own (validation findings aside); None otherwise."""
    findings: list[Any] = []
    try:
        read = read_event(raw, "/0", "h", findings)
    except ParseError:
        return None
    if read is None or findings:
        return None
    return read.event, read.port_terminal


def test_typed_path_reads_the_writers_output() -> None:
    """The common case must not fall back to the careful reader (that is the speed)."""
    for version in ("2.2", "3.0"):
        document = json.loads(write_events(handmade_events(), version, unsupported="skip"))
        raw_events = document["events"] if isinstance(document, dict) else document
        for raw, typed in zip(raw_events, typed_events(raw_events), strict=True):
            assert typed is not None, raw


def _readers_agree(raw: Any) -> None:
    (typed,) = typed_events([raw])
    if typed is None:
        return  # the careful reader decides alone
    event, port_terminal, flat = typed
    assert careful_event(raw) == (event, port_terminal)  # neither raises nor reports
    assert flat or not event_findings(event, port_terminal, "")


DCSA_KEYS = [
    "eventID", "eventDateTime", "eventType", "eventClassifierCode", "eventClassification",
    "eventTypeCode", "equipmentEventTypeCode", "transportEventTypeCode", "iotDetails",
    "iotEventCode", "eventLocation", "location", "UNLocationCode", "unLocationCode",
    "facilityCode", "facility", "facilityName", "locationName", "facilityTypeCode",
    "facilityType", "transportCall", "transportDetails", "vessel", "vesselTransport",
    "vesselIMONumber", "vesselName", "name", "exportVoyageNumber", "importVoyageNumber",
    "carrierVoyageNumber", "exportVoyageNumberOrReference", "universalExportVoyageReference",
    "equipmentDetails", "equipmentReference", "emptyIndicatorCode", "emptyIndicator",
    "movementType", "transportPhase", "isTransshipmentMove", "seals", "sealNumber", "number",
    "sealSource", "source", "sealType", "type", "typeCode", "reference", "shipmentDetails",
    "documentReference", "additionalDocumentReferences", "documentReferences",
    "documentReferenceType", "documentReferenceValue", "relatedDocumentReferences", "value",
    "references", "referenceType", "referenceValue", "shipmentReferences", "isRetracted",
]  # fmt: skip
DCSA_VALUES: st.SearchStrategy[Any] = st.sampled_from(
    ["", " ", "TRD", "EQ", "LOAD", "DISC", "ACT", "EST", "LADEN", "EMPTY", "TRANSSHIPMENT",
     "POTE", "CUS", "WIR", "NLRTM", "APZU4812090", "2026-01-20T14:15:00Z", "2026-01-20T14:15",
     "EQUIPMENT", "TRANSPORT", "IOT", "DRO", 0, 1, True, False, None, [], {}, [{}]]
)  # fmt: skip
mutation_values = DCSA_VALUES | json_values


def _objects(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


@HOSTILE
@given(seed=st.sampled_from(SEEDS), data=st.data())
def test_typed_path_agrees_with_the_careful_reader(seed: bytes, data: st.DataObject) -> None:
    document = json.loads(seed)
    raw_events = document["events"] if isinstance(document, dict) else document
    raw = copy.deepcopy(data.draw(st.sampled_from(raw_events)))
    for _ in range(data.draw(st.integers(0, 4))):
        target = data.draw(st.sampled_from(_objects(raw)))
        key = data.draw(st.sampled_from(DCSA_KEYS))
        if data.draw(st.booleans()):
            target.pop(key, None)
        else:
            target[key] = copy.deepcopy(data.draw(mutation_values))
    _readers_agree(raw)


# Events holding identifiers with and without findings, to compare the remembered checks with
# the model's validators.
CHECKED_EVENTS = st.lists(
    st.builds(
        Event,
        event_id=st.just("e"),
        event_type=st.sampled_from(EventType),
        occurred_at=st.just(T0),
        container_number=st.sampled_from(
            [None, "APZU4812090", "APNR7744962", "X1", "apzu 4812090"]
        ),
        unlocode=st.sampled_from([None, "NLRTM", "NLRAM", "FRPAR", "nl rtm", "XX123", "DEHAM"]),
        vessel_imo=st.sampled_from([None, "9321483", "7654321", "12"]),
        seals=st.lists(
            st.builds(SealReading, st.sampled_from(["SL1", "string", " ", "CA"])), max_size=2
        ).map(tuple),
    ),
    max_size=12,
)


@HOSTILE
@given(events=CHECKED_EVENTS, port_terminal=st.booleans())
def test_remembered_checks_agree_with_validate_event(
    events: list[Event], port_terminal: bool
) -> None:
    checks = Checks()
    for event in events:
        assert checks.clean(event, port_terminal) == (not event_findings(event, port_terminal, ""))


@HOSTILE
@given(events=CHECKED_EVENTS, port_terminals=st.lists(st.booleans(), min_size=12, max_size=12))
def test_all_clean_agrees_with_event_findings(
    events: list[Event], port_terminals: list[bool]
) -> None:
    ports = port_terminals[: len(events)]
    expected = not any(event_findings(e, p, "") for e, p in zip(events, ports, strict=True))
    assert all_clean(events, ports) == expected


def test_collector_state_is_restored() -> None:
    content = write_events(handmade_events())
    assert gc.isenabled()
    ADAPTER.parse(content, source_message="h")
    assert gc.isenabled()
    gc.disable()
    try:
        ADAPTER.parse(content, source_message="h")
        assert not gc.isenabled()
        with pytest.raises(ParseError):
            ADAPTER.parse(b"{", source_message="h")
        assert not gc.isenabled()
    finally:
        gc.enable()
