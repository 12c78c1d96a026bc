"""Legs rebuilt from events, whatever order the events arrived in."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from greenlane.model.codes import EventType
from greenlane.model.records import Event, SealReading
from greenlane.visibility.legs import (
    legs_of,
    observed_destination,
    observed_origin,
    seal_type_at_stuffing,
)

BOX = "PLU775132"


def ev(n: int, kind: EventType, day: int, port: str, vessel: str | None = None,
       voyage: str | None = None) -> Event:  # fmt: skip
    return Event(
        event_id=f"e{n}",
        event_type=kind,
        occurred_at=datetime(2002, 1, day, 8, tzinfo=UTC),
        container_number=BOX,
        unlocode=port,
        vessel_name=vessel,
        voyage=voyage,
        bill_of_lading="3324803",
        seals=(SealReading("KHI001", type_code="IT"),) if kind is EventType.STUFFED else (),
    )


EVENTS = [
    ev(1, EventType.STUFFED, 12, "PKKHI"),
    ev(2, EventType.GATE_IN, 13, "PKKHI"),
    ev(3, EventType.LOADED, 15, "PKKHI", "PEKING SENATOR", "31E"),
    ev(4, EventType.DISCHARGED, 22, "SGSIN", "PEKING SENATOR", "31E"),
    ev(5, EventType.LOADED, 25, "SGSIN", "LONG PENNSYLVANIA", "14E"),
    # Another vessel's discharge at a port in between must not close the leg.
    ev(6, EventType.DISCHARGED, 27, "HKHKG", "OTHER SHIP", "9X"),
    ev(7, EventType.DISCHARGED, 30, "USLGB", "LONG PENNSYLVANIA", "14E"),
]


def test_two_legs_with_transshipment_at_singapore() -> None:
    shuffled = EVENTS[:]
    random.Random(7).shuffle(shuffled)
    legs = legs_of(BOX, shuffled)
    assert [(leg.load_port, leg.discharge_port, leg.vessel_name, leg.voyage) for leg in legs] == [
        ("PKKHI", "SGSIN", "PEKING SENATOR", "31E"),
        ("SGSIN", "USLGB", "LONG PENNSYLVANIA", "14E"),
    ]
    assert legs[0].loaded_at == datetime(2002, 1, 15, 8, tzinfo=UTC)


def test_origin_destination_and_seal_type() -> None:
    assert observed_origin(EVENTS) == "PKKHI"
    assert observed_destination(EVENTS) == "USLGB"
    assert seal_type_at_stuffing(EVENTS) == "IT"


def test_load_without_discharge_is_an_open_leg() -> None:
    legs = legs_of(BOX, EVENTS[:3])
    assert len(legs) == 1
    assert legs[0].discharge_port is None and legs[0].discharged_at is None
