"""The EPCIS writer: what it writes, this adapter reads back unchanged; without the greenlane
extension a partner still reads the standard part (type, time, container, place, vessel, bill)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from greenlane.domain.codes import EventType, SealAffixer, SealClass, SealCondition
from greenlane.domain.records import Event, SealReading
from greenlane.ingest.epcis import ADAPTER, GREENLANE_NS, write_document

WHEN = datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=UTC)
SEAL = SealReading(
    "H53175",
    SealCondition.BROKEN,
    SealAffixer.CUSTOMS,
    SealClass.HIGH_SECURITY,
    electronic=True,
    type_code="BLT",
)


def hand_made() -> list[Event]:
    """Every event type, with the awkward values a real feed carries."""
    events = []
    for i, kind in enumerate(EventType):
        events.append(
            Event(
                event_id=f"W-{i:04d}",
                event_type=kind,
                occurred_at=WHEN.replace(minute=i),
                container_number="CSQU3054383" if i % 3 else "PLU775132",
                unlocode="NLRTM" if i % 4 else "NL RTM",
                facility="urn:epc:id:sgln:0614141.07346.1234" if i % 2 else "ECT Delta/2",
                vessel_imo="9176187" if i % 5 else "IMO 7654321",
                vessel_name="PEKING SENATOR",
                voyage="31E  ",
                bill_of_lading="3324803" if i % 2 else "MAEU 123/456",
                full=[True, False, None][i % 3],
                seals=(SEAL, SealReading("SI")) if i % 2 else (),
                transshipment=i == 6,
                source="world",
            )
        )
    events.append(Event("urn:uuid:ship", EventType.ARRIVED, WHEN, vessel_imo="9176187"))
    return events


def read_back(content: bytes) -> list[Event]:
    result = ADAPTER.parse(content, source_message="m")
    return [replace(e, source="world", source_message=None) for e in result.events]


def test_written_events_read_back_unchanged() -> None:
    events = hand_made()
    back = read_back(write_document(events))
    expected = [replace(e, source="world") for e in events]
    assert back == expected


def test_the_document_is_deterministic_standard_json_ld() -> None:
    content = write_document(hand_made())
    assert content == write_document(hand_made())
    assert ADAPTER.detect(content)
    doc = json.loads(content)
    assert doc["type"] == "EPCISDocument"
    assert doc["@context"][1] == {"greenlane": GREENLANE_NS}
    assert doc["creationDate"] == WHEN.replace(minute=len(EventType) - 1).isoformat()
    first = doc["epcisBody"]["eventList"][0]
    assert first["epcList"] == ["urn:epc:id:bic:PLU775132"]
    assert first["bizStep"] == "packing"
    assert first["readPoint"] == {"id": "urn:unece:unlocode:NL%20RTM"}
    assert first["greenlane:eventId"] == "W-0000"
    assert first["eventID"].startswith("urn:uuid:")


def test_without_extensions_the_standard_part_survives() -> None:
    events = [e for e in hand_made() if e.container_number is not None]
    content = write_document(events, extensions=False)
    assert b"greenlane:vesselName" not in content
    back = {e.occurred_at: e for e in read_back(content)}
    for event in events:
        got = back.get(event.occurred_at)
        if event.event_type in (EventType.TRANSSHIPPED,):
            assert got is None  # no CBV bizStep for it: a finding, not a guess
            continue
        assert got is not None
        standard = {
            EventType.SEAL_CHECKED: EventType.INSPECTED,
            EventType.SEAL_REMOVED: EventType.DOOR_OPENED,
            EventType.RESEALED: EventType.DOOR_CLOSED,
        }.get(event.event_type, event.event_type)
        assert got.event_type is standard
        assert (got.container_number, got.unlocode, got.facility, got.bill_of_lading) == (
            event.container_number,
            event.unlocode,
            event.facility,
            event.bill_of_lading,
        )
        vessel_is_standard = event.event_type in {
            EventType.LOADED,
            EventType.DISCHARGED,
            EventType.DEPARTED,
            EventType.ARRIVED,
        }
        assert got.vessel_imo == (event.vessel_imo if vessel_is_standard else None)
        assert (got.vessel_name, got.voyage, got.full, got.seals) == (None, None, None, ())


def test_an_empty_list_writes_an_empty_document() -> None:
    content = write_document([])
    assert json.loads(content)["epcisBody"]["eventList"] == []
    assert ADAPTER.parse(content, source_message="m").events == ()


@pytest.mark.parametrize(
    ("name", "value"),
    [("full", "yes"), ("vesselName", 7), ("eventType", "teleported"), ("seals", [{"x": 1}])],
)
def test_a_wrong_extension_value_is_a_finding_not_an_error(name: str, value: object) -> None:
    doc = json.loads(write_document(hand_made()[:1]))
    doc["epcisBody"]["eventList"][0][f"greenlane:{name}"] = value
    result = ADAPTER.parse(json.dumps(doc).encode(), source_message="m")
    assert len(result.events) == 1
    assert "epcis.extension_invalid" in [f.code for f in result.findings]
