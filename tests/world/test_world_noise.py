"""Doors opened at sea, and the reporting noise every shipment's events go through."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

import pytest

from greenlane.domain.codes import EventType, SealCondition
from greenlane.domain.records import Event
from greenlane.errors import ConfigurationError
from greenlane.world import ThreatScenario, WorldConfig, WorldShipment, build_world
from greenlane.world.noise import COARRI, CODECO, NO_NOISE, ReportingNoise

T = ThreatScenario
OWN = "world"
TERMINAL_MOVES = {
    EventType.LOADED: COARRI,
    EventType.DISCHARGED: COARRI,
    EventType.GATE_IN: CODECO,
    EventType.GATE_OUT: CODECO,
}
ALL_GONE = ReportingNoise(
    second_source=1.0,
    conflicts=1.0,
    missing_vessel_moves=1.0,
    missing_gate_moves=1.0,
    missing_stuffing=1.0,
    missing_seals=1.0,
)
"""Every event noise may drop is dropped: what is left is what the labels rest on."""


def _own(ws: WorldShipment) -> list[Event]:
    return [e for e in ws.events if e.source == OWN]


def _key(e: Event) -> tuple[object, ...]:
    """A move as it happened, whoever reported it and whatever seal they read."""
    return (e.event_type, e.occurred_at, e.container_number, e.unlocode, e.vessel_name, e.voyage)


def _with(scenario: ThreatScenario, shipments: list[WorldShipment]) -> list[WorldShipment]:
    return [ws for ws in shipments if any(t.scenario is scenario for t in ws.threats)]


@pytest.fixture(scope="module")
def threatened() -> list[WorldShipment]:
    """Every shipment a threat, under the harshest noise there is."""
    config = WorldConfig(shipments=1500, threat_rate=1.0, include_seed_case=False, noise=ALL_GONE)
    return list(build_world(config).shipments())


def _check_door_opened_at_sea(ws: WorldShipment) -> None:
    label = next(t for t in ws.threats if t.scenario is T.DOOR_OPENED_AT_SEA)
    doors = [e for e in ws.events if e.event_type is EventType.DOOR_OPENED]
    assert len(doors) == 1, ws
    door = doors[0]
    assert door.unlocode is None and door.facility is None
    assert door.vessel_imo and door.vessel_name and door.voyage
    assert door.source == OWN
    assert door.container_number in label.detail and door.vessel_name in label.detail
    box = [e for e in _own(ws) if e.container_number == door.container_number]
    same_voyage = [e for e in box if (e.vessel_name, e.voyage) == (door.vessel_name, door.voyage)]
    kinds = {e.event_type: e for e in same_voyage}
    assert kinds[EventType.LOADED].occurred_at < kinds[EventType.DEPARTED].occurred_at
    assert kinds[EventType.DEPARTED].occurred_at < door.occurred_at
    assert door.occurred_at < kinds[EventType.ARRIVED].occurred_at
    assert kinds[EventType.ARRIVED].occurred_at < kinds[EventType.DISCHARGED].occurred_at
    (reading,) = door.seals
    assert reading.electronic
    assert reading.condition in (SealCondition.TAMPER_ALERT, SealCondition.INTACT)
    # The e-seal is the one fitted at stuffing and declared on the manifest.
    declared = {
        s.number: s
        for f in ws.filings
        for c in f.containers
        if c.number == door.container_number
        for s in c.seals
    }
    assert reading.number in declared and declared[reading.number].electronic


def test_doors_opened_at_sea_show_between_departure_and_arrival(
    shipments: list[WorldShipment],
) -> None:
    doors = _with(T.DOOR_OPENED_AT_SEA, shipments)
    assert len(doors) > 5
    for ws in doors:
        _check_door_opened_at_sea(ws)
    alerts = Counter(
        e.seals[0].condition
        for ws in doors
        for e in ws.events
        if e.event_type is EventType.DOOR_OPENED
    )
    assert alerts[SealCondition.TAMPER_ALERT] > alerts[SealCondition.INTACT]


def test_only_doors_opened_at_sea_report_no_port(shipments: list[WorldShipment]) -> None:
    for ws in shipments:
        at_sea = [e for e in ws.events if e.unlocode is None]
        labelled = any(t.scenario is T.DOOR_OPENED_AT_SEA for t in ws.threats)
        assert len(at_sea) == (1 if labelled else 0), ws


def test_noise_never_removes_what_a_label_rests_on(threatened: list[WorldShipment]) -> None:
    seen: Counter[ThreatScenario] = Counter()
    for ws in threatened:
        scenarios = {t.scenario for t in ws.threats}
        own = _own(ws)
        kinds = Counter(e.event_type for e in own)
        declared = {s.number for f in ws.filings for c in f.containers for s in c.seals}
        if T.DOOR_OPENED_AT_SEA in scenarios:
            _check_door_opened_at_sea(ws)
            seen[T.DOOR_OPENED_AT_SEA] += 1
        if T.SEAL_SWAPPED in scenarios or T.RESTUFFED_IN_TRANSIT in scenarios:
            # Some seal read on a move after the hub is not the declared one.
            read = {
                s.number
                for e in own
                if e.event_type in (EventType.LOADED, EventType.GATE_IN)
                for s in e.seals
            }
            assert read - declared, ws
            seen[T.SEAL_SWAPPED] += 1
        if T.RESTUFFED_IN_TRANSIT in scenarios:
            assert kinds[EventType.GATE_OUT] >= 1 and kinds[EventType.GATE_IN] >= 1
            assert all(e.seals for e in own if e.event_type is EventType.GATE_IN)
            seen[T.RESTUFFED_IN_TRANSIT] += 1
        if T.ORIGIN_LAUNDERED in scenarios:
            boxes = {e.container_number for e in own}
            assert kinds[EventType.STUFFED] == len(boxes)
            first_loads = {
                e.container_number: e.unlocode
                for e in reversed(own)
                if e.event_type is EventType.LOADED
            }
            declared_pol = ws.filings[0].route.port_of_loading
            assert all(pol != declared_pol for pol in first_loads.values())
            seen[T.ORIGIN_LAUNDERED] += 1
        if not scenarios & {T.DOOR_OPENED_AT_SEA, T.ORIGIN_LAUNDERED, T.RESTUFFED_IN_TRANSIT}:
            # Nothing else is protected: every drop-able event is gone.
            assert not kinds[EventType.DEPARTED] and not kinds[EventType.ARRIVED]
            assert not kinds[EventType.STUFFED]
        if T.IRRATIONAL_ROUTING in scenarios:
            # Loads and discharges are never dropped: the route is always there to see.
            legs = sum(1 for e in own if e.event_type is EventType.LOADED)
            assert legs == sum(1 for e in own if e.event_type is EventType.DISCHARGED) >= 2
            seen[T.IRRATIONAL_ROUTING] += 1
    assert min(seen.values()) > 50, seen


def _first_report(e: Event, own: list[Event]) -> Event:
    """The world's own report of the move a terminal reported again."""
    return next(
        f
        for f in own
        if (f.event_type, f.container_number, f.unlocode, f.facility, f.vessel_imo)
        == (e.event_type, e.container_number, e.unlocode, e.facility, e.vessel_imo)
        and abs(f.occurred_at - e.occurred_at) <= timedelta(hours=10)
    )


def _shares(shipments: list[WorldShipment]) -> dict[str, float]:
    own: Counter[EventType] = Counter()
    seconds = conflicts = sealed = unsealed = boxes = 0
    for ws in shipments:
        firsts = _own(ws)
        boxes += len({e.container_number for e in ws.events})
        for e in ws.events:
            if e.event_type in (EventType.LOADED, EventType.DISCHARGED, EventType.GATE_OUT):
                sealed += bool(e.seals)
                unsealed += not e.seals
            if e.source == OWN:
                own[e.event_type] += 1
                continue
            assert e.source == TERMINAL_MOVES[e.event_type]
            seconds += 1
            first = _first_report(e, firsts)
            assert e.event_id != first.event_id
            near = abs(first.occurred_at - e.occurred_at) <= timedelta(minutes=90)
            conflicts += not near or first.voyage != e.voyage
    moves = sum(own[k] for k in TERMINAL_MOVES)
    vessel_moves = own[EventType.DEPARTED] + own[EventType.ARRIVED]
    gate_moves = own[EventType.GATE_IN] + own[EventType.GATE_OUT]  # one of each per clean box
    return {
        "second_source": seconds / moves,
        "conflicts": conflicts / seconds,
        "missing_vessel_moves": 1 - vessel_moves / (2 * own[EventType.LOADED]),
        "missing_gate_moves": 1 - gate_moves / (2 * boxes),
        "missing_stuffing": 1 - own[EventType.STUFFED] / boxes,
        "missing_seals": unsealed / (sealed + unsealed),
    }


def test_noise_appears_at_about_the_configured_shares(shipments: list[WorldShipment]) -> None:
    noise = ReportingNoise()
    assert noise == WorldConfig().noise
    measured = _shares([ws for ws in shipments[1:] if not ws.threats])
    assert measured["second_source"] == pytest.approx(noise.second_source, abs=0.02)
    assert measured["conflicts"] == pytest.approx(noise.conflicts, abs=0.006)
    assert measured["missing_vessel_moves"] == pytest.approx(noise.missing_vessel_moves, abs=0.006)
    assert measured["missing_gate_moves"] == pytest.approx(noise.missing_gate_moves, abs=0.006)
    assert measured["missing_stuffing"] == pytest.approx(noise.missing_stuffing, abs=0.005)
    assert measured["missing_seals"] == pytest.approx(noise.missing_seals, abs=0.015)


def test_second_reports_conflict_by_voyage_or_by_hours(small: WorldConfig) -> None:
    loud = replace(small, shipments=300, noise=replace(ReportingNoise(), conflicts=1.0))
    voyages = hours = 0
    for ws in build_world(loud).shipments(1):
        firsts = {(e.event_type, e.container_number, e.unlocode): e for e in _own(ws)}
        for e in ws.events:
            first = firsts.get((e.event_type, e.container_number, e.unlocode))
            if e.source == OWN or first is None:
                continue
            gap = abs(first.occurred_at - e.occurred_at)
            if first.voyage != e.voyage:
                voyages += 1
                assert gap <= timedelta(minutes=90)
            else:
                hours += gap >= timedelta(hours=3)
    assert voyages > 100 and hours > 100


def test_zero_shares_give_no_noise(small: WorldConfig) -> None:
    quiet = build_world(replace(small, shipments=300, noise=NO_NOISE))
    for ws in quiet.shipments(1):
        assert {e.source for e in ws.events} == {OWN}
        for box in {e.container_number for e in ws.events}:
            kinds = Counter(e.event_type for e in ws.events if e.container_number == box)
            assert kinds[EventType.LOADED] == kinds[EventType.DEPARTED] == kinds[EventType.ARRIVED]
            assert kinds[EventType.STUFFED] >= 1 and kinds[EventType.GATE_IN] >= 1
        for e in ws.events:
            if e.event_type in TERMINAL_MOVES or e.event_type is EventType.STUFFED:
                assert e.seals, e


def test_noise_changes_only_the_events_and_is_deterministic(small: WorldConfig) -> None:
    noisy = build_world(replace(small, shipments=200))
    quiet = build_world(replace(small, shipments=200, noise=NO_NOISE))
    again = build_world(replace(small, shipments=200))
    droppable = {EventType.DEPARTED, EventType.ARRIVED, EventType.GATE_IN, EventType.GATE_OUT}
    droppable.add(EventType.STUFFED)
    for i in range(1, 200):
        a, b = noisy.shipment(i), quiet.shipment(i)
        assert a == again.shipment(i)
        assert (a.filings, a.inspections, a.threats) == (b.filings, b.inspections, b.threats)
        truth = Counter(_key(e) for e in b.events)
        reported = Counter(_key(e) for e in _own(a))
        assert not reported - truth  # the world's own feed reports only what happened...
        assert {k[0] for k in truth - reported} <= droppable  # ...and loses only these


def test_noise_shares_are_checked() -> None:
    with pytest.raises(ConfigurationError):
        ReportingNoise(missing_seals=1.5)
    with pytest.raises(ConfigurationError):
        WorldConfig(noise=ReportingNoise(second_source=-0.1))
    assert not NO_NOISE.active and ReportingNoise().active


def test_misread_seals_change_one_reading_each_and_nothing_else() -> None:
    """Misreads come after every other draw: the same moves, the same seals read, only some
    numbers read wrongly (one slip each), at about the configured share."""
    from greenlane.visibility.seal_lookalikes import similar

    plain = WorldConfig(seed=7, shipments=300)
    misread = replace(plain, noise=replace(ReportingNoise(), misread_seals=0.05))
    a = [e for s in build_world(plain).shipments() for e in s.events]
    b = [e for s in build_world(misread).shipments() for e in s.events]
    assert [_key(e) for e in a] == [_key(e) for e in b]
    pairs = [(x.seals[0].number, y.seals[0].number) for x, y in zip(a, b, strict=True) if x.seals]
    changed = [(x, y) for x, y in pairs if x != y]
    assert 0.03 < len(changed) / len(pairs) < 0.07
    assert all(similar(x.lstrip("0"), y.lstrip("0")) or x.lstrip("0") == y.lstrip("0")
               for x, y in changed)  # fmt: skip
