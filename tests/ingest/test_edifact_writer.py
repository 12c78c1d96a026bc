"""EDIFACT writers: what is written is read back as the same canonical events."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from greenlane.domain.codes import EventType, SealAffixer, SealCondition
from greenlane.domain.records import Event, SealReading
from greenlane.ingest.edifact import ADAPTER
from greenlane.ingest.edifact.writer import write_coarri, write_codeco, write_events, write_iftsta

T0 = datetime(2024, 3, 1, 8, 30, tzinfo=UTC)


def event(kind: EventType, hours: int = 0, **fields: object) -> Event:
    values: dict[str, object] = {
        "container_number": "CSQU3054383",
        "unlocode": "NLRTM",
        "facility": "ECT",
        "vessel_imo": "9074729",
        "vessel_name": "NORDIC STAR",
        "voyage": "12W",
        "bill_of_lading": "BL1",
        "full": True,
        "seals": (SealReading("SL1", affixed_by=SealAffixer.SHIPPER),),
    }
    values.update(fields)
    return Event(f"e-{kind.value}-{hours}", kind, T0 + timedelta(hours=hours), **values)  # type: ignore[arg-type]


def canonical(e: Event) -> tuple[object, ...]:
    seals = tuple((s.number, s.affixed_by, s.condition) for s in e.seals)
    return (
        e.event_type,
        e.occurred_at.replace(second=0, microsecond=0),
        e.container_number,
        e.unlocode,
        e.facility,
        e.vessel_imo,
        e.vessel_name,
        e.voyage,
        e.bill_of_lading,
        e.full,
        seals,
        e.transshipment,
    )


def round_trip(data: bytes, events: list[Event]) -> None:
    result = ADAPTER.parse(data, source_message="hash")
    assert [f.code for f in result.findings if f.code.startswith("edifact.")] == []
    assert sorted(map(canonical, result.events), key=repr) == sorted(
        map(canonical, events), key=repr
    )


def test_coarri_round_trip() -> None:
    events = [
        event(EventType.LOADED),
        event(EventType.LOADED, 1, container_number="APZU4812090", seals=()),
        event(EventType.DISCHARGED, 100, unlocode="SGSIN", facility=None, transshipment=True),
        event(EventType.LOADED, 120, unlocode="SGSIN", facility="PPT", vessel_name="OTHER"),
    ]
    data = write_coarri(events)
    assert data.count(b"UNH+") == 3
    assert b"BGM+46+" in data and b"BGM+44+" in data
    round_trip(data, events)


def test_codeco_round_trip() -> None:
    events = [
        event(EventType.GATE_IN, -20, vessel_imo=None, vessel_name=None, voyage=None),
        event(EventType.GATE_OUT, 200, unlocode="SGSIN", full=False, seals=()),
    ]
    data = write_codeco(events)
    assert b"BGM+34+" in data and b"LOC+165+NLRTM" in data and b"DTM+7:" in data
    round_trip(data, events)


def test_iftsta_round_trip_for_every_event_type() -> None:
    events = [event(kind, i) for i, kind in enumerate(EventType)]
    events.append(event(EventType.DEPARTED, 50, container_number=None, full=None, seals=()))
    round_trip(write_iftsta(events), events)


def test_write_events_routes_each_event_to_its_message() -> None:
    events = [event(kind, i) for i, kind in enumerate(EventType)]
    data = write_events(events)
    result = ADAPTER.parse(data, source_message="hash")
    assert result.format == "edifact:COARRI+CODECO+IFTSTA"
    round_trip(data, events)


def test_seal_parties_and_conditions() -> None:
    seals = tuple(
        SealReading(f"S{i}", condition, party)
        for i, (condition, party) in enumerate(
            [
                (SealCondition.INTACT, None),
                (SealCondition.DAMAGED, SealAffixer.CUSTOMS),
                (SealCondition.MISSING, SealAffixer.TERMINAL),
                (SealCondition.BROKEN, SealAffixer.CARRIER),
                (SealCondition.FAULTY_ELECTRONIC, SealAffixer.CONSOLIDATOR),
                (SealCondition.INTACT, SealAffixer.UNKNOWN),
            ]
        )
    )
    events = [event(EventType.DISCHARGED, seals=seals)]
    round_trip(write_coarri(events), events)


def test_tamper_alert_is_written_as_the_nearest_code() -> None:
    seal = SealReading("S1", SealCondition.TAMPER_ALERT, SealAffixer.CARRIER)
    data = write_coarri([event(EventType.DISCHARGED, seals=(seal,))])
    read = ADAPTER.parse(data, source_message="hash").events[0].seals[0]
    assert read.condition is SealCondition.FAULTY_ELECTRONIC


def test_service_characters_in_values_are_released() -> None:
    events = [event(EventType.LOADED, vessel_name="O'NEIL + CO: 50?", facility="Pier 7, Berth 'A'")]
    data = write_coarri(events)
    assert b"O?'NEIL ?+ CO?: 50??" in data
    round_trip(data, events)


def test_latin1_and_beyond() -> None:
    latin = [event(EventType.LOADED, vessel_name="SÃO PAULO")]
    data = write_coarri(latin)
    assert b"UNB+UNOC:3+" in data
    assert "SÃO".encode("latin-1") in data
    round_trip(data, latin)
    wide = [event(EventType.LOADED, vessel_name="ŁÓDŹ 号")]
    data = write_coarri(wide)
    assert b"UNB+UNOY:4+" in data
    round_trip(data, wide)


def test_times_are_written_in_utc_and_say_so() -> None:
    local = datetime(2024, 3, 1, 16, 45, tzinfo=timezone(timedelta(hours=8)))
    data = write_coarri([replace(event(EventType.LOADED), occurred_at=local)])
    assert b"DTM+203:202403010845UTC:303" in data


def test_envelope_is_deterministic_and_can_be_set() -> None:
    events = [event(EventType.LOADED)]
    assert write_coarri(events) == write_coarri(events)
    data = write_coarri(
        events, sender="ITGOAVTE", recipient="COS", control_ref="42", prepared_at=T0
    )
    assert data.startswith(b"UNA:+.? '\nUNB+UNOC:3+ITGOAVTE+COS+240301:0830+42'")
    assert ADAPTER.parse(data, source_message="h").events[0].event_id == "ITGOAVTE:42:1:1"


def test_writers_refuse_events_their_message_cannot_carry() -> None:
    with pytest.raises(ValueError, match="COARRI"):
        write_coarri([event(EventType.GATE_IN)])
    with pytest.raises(ValueError, match="CODECO"):
        write_codeco([event(EventType.LOADED)])
    with pytest.raises(ValueError, match="COARRI"):
        write_coarri([event(EventType.LOADED, container_number=None)])
