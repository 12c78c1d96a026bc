"""A generated world written as EDIFACT and read back gives the same canonical events."""

from __future__ import annotations

from collections import Counter

import pytest

from greenlane.domain.codes import EventType, SealCondition
from greenlane.domain.records import Event
from greenlane.ingest.edifact import ADAPTER
from greenlane.ingest.edifact.writer import write_coarri, write_codeco, write_events
from greenlane.world import WorldConfig, build_world

# 4517 has no tamper alert: the writer sends the nearest code, faulty electronic seal.
_CONDITION = {SealCondition.TAMPER_ALERT: SealCondition.FAULTY_ELECTRONIC}


def canonical(e: Event) -> tuple[object, ...]:
    """What EDIFACT carries; seal class, electronic flag and type code it does not."""
    seals = tuple(
        (s.number, s.affixed_by, _CONDITION.get(s.condition, s.condition)) for s in e.seals
    )
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


@pytest.fixture(scope="module")
def world_events() -> list[Event]:
    world = build_world(WorldConfig(seed=1, shipments=50))
    return [event for shipment in world.shipments() for event in shipment.events]


def read_back(data: bytes) -> list[Event]:
    return list(ADAPTER.parse(data, source_message="world").events)


def test_the_world_has_moves_of_every_kind(world_events: list[Event]) -> None:
    kinds = Counter(e.event_type for e in world_events)
    for kind in (EventType.LOADED, EventType.DISCHARGED, EventType.GATE_IN, EventType.GATE_OUT):
        assert kinds[kind] > 0


def test_load_and_discharge_through_coarri(world_events: list[Event]) -> None:
    moves = [
        e
        for e in world_events
        if e.event_type in (EventType.LOADED, EventType.DISCHARGED) and e.container_number
    ]
    back = read_back(write_coarri(moves))
    assert Counter(map(canonical, back)) == Counter(map(canonical, moves))


def test_gate_moves_through_codeco(world_events: list[Event]) -> None:
    gates = [
        e
        for e in world_events
        if e.event_type in (EventType.GATE_IN, EventType.GATE_OUT) and e.container_number
    ]
    back = read_back(write_codeco(gates))
    assert Counter(map(canonical, back)) == Counter(map(canonical, gates))


def test_every_event_through_one_interchange(world_events: list[Event]) -> None:
    back = read_back(write_events(world_events))
    assert Counter(map(canonical, back)) == Counter(map(canonical, world_events))
