"""Journeys rebuilt from events of several sources, whatever order they arrived in."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import polars as pl
import pytest

from greenlane.domain.codes import EventType, FilingType
from greenlane.domain.records import DeclaredRoute, Event, Filing, GoodsItem, SealReading
from greenlane.visibility.batch import Visibility, build_visibility
from greenlane.visibility.frames import declared_from_filings, events_from_records

BOX = "PLU775132"
BILL = "3324803"
T0 = datetime(2002, 1, 12, 8, tzinfo=UTC)
E = EventType
DISTANCES = {
    ("PKKHI", "SGSIN"): 2600.0,
    ("SGSIN", "USLGB"): 7700.0,
    ("PKKHI", "USLGB"): 9700.0,
    ("PKKHI", "AEJEA"): 650.0,
    ("AEJEA", "USLGB"): 10200.0,
}


def distance(a: str, b: str) -> float | None:
    return DISTANCES.get((a, b)) or DISTANCES.get((b, a))


def ev(n: int, kind: EventType, hours: float, port: str | None, vessel: str | None = None,
       voyage: str | None = None, source: str = "dcsa", **more: object) -> Event:  # fmt: skip
    return Event(
        event_id=f"e{n}",
        event_type=kind,
        occurred_at=T0 + timedelta(hours=hours),
        container_number=BOX,
        unlocode=port,
        vessel_name=vessel,
        voyage=voyage,
        bill_of_lading=BILL,
        source=source,
        **more,  # type: ignore[arg-type]
    )


SEAL = (SealReading("KHI001", type_code="IT"),)
HONEST = [
    ev(1, E.STUFFED, 0, "PKKHI", facility="Shipper site", seals=SEAL, full=True),
    ev(2, E.GATE_IN, 24, "PKKHI", seals=SEAL),
    ev(3, E.LOADED, 72, "PKKHI", "PEKING SENATOR", "31E", seals=SEAL),
    ev(4, E.DEPARTED, 80, "PKKHI", "PEKING SENATOR", "31E"),
    ev(5, E.ARRIVED, 240, "SGSIN", "PEKING SENATOR", "31E"),
    ev(6, E.DISCHARGED, 250, "SGSIN", "PEKING SENATOR", "31E", seals=SEAL),
    ev(7, E.LOADED, 320, "SGSIN", "LONG PENNSYLVANIA", "14E", seals=SEAL),
    # Another vessel's discharge at a port in between must not close the leg.
    ev(8, E.DISCHARGED, 700, "USLGB", "LONG PENNSYLVANIA", "14E", seals=SEAL),
    ev(9, E.GATE_OUT, 760, "USLGB", seals=SEAL),
]


def manifest(pol: str = "SGSIN", hubs: tuple[str, ...] = (), origin: str = "SG") -> Filing:
    return Filing(
        filing_type=FilingType.CARGO_DECLARATION,
        reference="M-1",
        version=1,
        filed_at=T0,
        master_bill=BILL,
        route=DeclaredRoute(
            place_of_receipt=pol,
            port_of_loading=pol,
            transshipment_ports=hubs,
            port_of_discharge="USLGB",
        ),
        goods=(GoodsItem(1, "cotton shirts", origin_country=origin),),
    )


def build(events: list[Event], filing: Filing | None = None) -> Visibility:
    frame, readings = events_from_records(events)
    declared = declared_from_filings([filing] if filing else [])
    return build_visibility(frame, readings, declared, distance=distance)


def kinds(v: Visibility) -> list[str]:
    return sorted(v.findings["kind"].to_list())


def test_seed_case_two_legs_true_origin_karachi_declared_singapore() -> None:
    shuffled = HONEST[:]
    random.Random(7).shuffle(shuffled)
    v = build(shuffled, manifest())
    legs = v.legs.select("load_port", "discharge_port", "vessel_name", "voyage").rows()
    assert legs == [
        ("PKKHI", "SGSIN", "PEKING SENATOR", "31E"),
        ("SGSIN", "USLGB", "LONG PENNSYLVANIA", "14E"),
    ]
    first = v.legs.row(0, named=True)
    assert first["departed"] == T0 + timedelta(hours=80)
    assert first["arrived"] == T0 + timedelta(hours=240)
    trip = v.trips.row(0, named=True)
    assert (trip["true_origin"], trip["origin_basis"], trip["port_of_loading"]) == (
        "PKKHI",
        "stuffing",
        "SGSIN",
    )
    assert trip["observed_ports"] == ["PKKHI", "SGSIN", "USLGB"]
    hub = v.transshipments.row(0, named=True)
    assert (hub["unlocode"], hub["dwell_hours"], hub["to_vessel"]) == (
        "SGSIN",
        70.0,
        "LONG PENNSYLVANIA",
    )
    found = kinds(v)
    assert "port_of_loading_differs" in found
    assert "origin_country_differs" in found
    assert "undeclared_port" in found
    pol = v.findings.filter(pl.col("kind") == "port_of_loading_differs").row(0, named=True)
    assert pol["evidence"] == ["dcsa:e3"]
    assert "PKKHI" in pol["message"] and "SGSIN" in pol["message"]


def test_honest_declaration_gives_no_route_findings() -> None:
    v = build(HONEST, manifest(pol="PKKHI", hubs=("SGSIN",), origin="PK"))
    assert not [k for k in kinds(v) if not k.startswith("seal_")]


def test_same_move_from_two_sources_counts_once_and_conflicts_are_kept() -> None:
    coarri = "edifact:COARRI"
    terminal = [
        replace(HONEST[2], event_id="c3", source=coarri, occurred_at=T0 + timedelta(hours=72.5)),
        replace(HONEST[5], event_id="c6", source=coarri, occurred_at=T0 + timedelta(hours=262)),
    ]
    v = build(HONEST + terminal, manifest(pol="PKKHI", hubs=("SGSIN",), origin="PK"))
    assert v.legs.height == 2
    loads = v.events.filter(pl.col("event_type") == "loaded")
    assert loads.height == 2
    assert sorted(loads.row(0, named=True)["refs"]) == ["dcsa:e3", "edifact:COARRI:c3"]
    conflict = v.findings.filter(pl.col("kind") == "conflicting_reports")
    assert conflict.height == 1
    assert conflict.row(0, named=True)["unlocode"] == "SGSIN"
    assert v.events.filter(pl.col("event_type") == "discharged")["occurred_at"].min() == (
        T0 + timedelta(hours=250)
    )


def test_irrational_routing_is_measured_against_the_direct_sea_route() -> None:
    detour = [
        ev(3, E.LOADED, 72, "PKKHI", "A", "1"),
        ev(4, E.DISCHARGED, 250, "SGSIN", "A", "1"),
        ev(5, E.LOADED, 300, "SGSIN", "B", "2"),
        ev(6, E.DISCHARGED, 450, "AEJEA", "B", "2"),
        ev(7, E.LOADED, 500, "AEJEA", "C", "3"),
        ev(8, E.DISCHARGED, 900, "USLGB", "C", "3"),
    ]
    v = build(detour, manifest(pol="PKKHI", hubs=("AEJEA", "SGSIN"), origin="PK"))
    trip = v.trips.row(0, named=True)
    assert trip["sailed_nm"] is None
    assert "route_detour" not in kinds(v)  # SGSIN-AEJEA unknown: no sailed distance, no claim
    DISTANCES[("AEJEA", "SGSIN")] = 3300.0
    try:
        v = build(detour, manifest(pol="PKKHI", hubs=("AEJEA", "SGSIN"), origin="PK"))
    finally:
        del DISTANCES[("AEJEA", "SGSIN")]
    assert v.trips.row(0, named=True)["detour_ratio"] == pytest.approx(
        (2600 + 3300 + 10200) / 9700, abs=0.01
    )
    assert "route_detour" in kinds(v)


def test_restuffing_at_the_hub_is_found() -> None:
    restuffed = [
        *HONEST[:6],
        ev(20, E.GATE_OUT, 260, "SGSIN", facility="Terminal"),
        ev(21, E.STRIPPED, 270, "SGSIN", facility="Free zone CFS", full=False),
        ev(22, E.STUFFED, 280, "SGSIN", facility="Free zone CFS", full=True),
        ev(23, E.GATE_IN, 300, "SGSIN", facility="Terminal"),
        *HONEST[6:],
    ]
    found = kinds(build(restuffed, manifest(pol="PKKHI", hubs=("SGSIN",), origin="PK")))
    assert "left_terminal_in_transit" in found
    assert found.count("restuffing_in_transit") == 2
    assert "empty_in_transit" in found


def test_silence_longer_than_the_route_explains_is_a_gap() -> None:
    late = [*HONEST[:7], replace(HONEST[7], occurred_at=T0 + timedelta(days=90))]
    found = build(late, manifest(pol="PKKHI", hubs=("SGSIN",), origin="PK")).findings
    gap = found.filter(pl.col("kind") == "time_gap")
    assert gap.height == 1
    assert gap.row(0, named=True)["evidence"] == ["dcsa:e7", "dcsa:e8"]


def test_event_off_the_route() -> None:
    inland = [*HONEST, ev(30, E.GATE_IN, 780, "USSYR", facility="Rail yard")]
    found = build(inland, manifest(pol="PKKHI", hubs=("SGSIN",), origin="PK")).findings
    off = found.filter(pl.col("kind") == "event_off_route")
    assert off["unlocode"].to_list() == ["USSYR"]


def test_a_container_used_twice_makes_two_trips() -> None:
    later = timedelta(days=60)
    again = [
        replace(
            e, event_id=f"x{e.event_id}", bill_of_lading="NEXT", occurred_at=e.occurred_at + later
        )
        for e in HONEST
    ]
    v = build(HONEST + again)
    assert v.trips.height == 2
    assert v.legs.group_by("trip_id").len()["len"].to_list() == [2, 2]


def test_discharge_without_a_reported_load_is_a_leg_from_an_unknown_port() -> None:
    v = build([HONEST[5], HONEST[6], HONEST[7]])
    assert v.legs.select("load_port", "discharge_port").rows() == [
        (None, "SGSIN"),
        ("SGSIN", "USLGB"),
    ]


def test_parts_give_the_same_results_as_one_pass() -> None:
    from greenlane.visibility.batch import build_visibility_in_parts
    from greenlane.world import WorldConfig, build_world

    ships = list(build_world(WorldConfig(seed=11, shipments=300)).shipments())
    frame, readings = events_from_records([e for s in ships for e in s.events])
    declared = declared_from_filings([f for s in ships for f in s.filings])
    whole = build_visibility(frame, readings, declared, distance=distance)
    parts = list(build_visibility_in_parts(frame, readings, declared, 3, distance=distance))
    assert len(parts) == 3

    def rows(frames: list[pl.DataFrame], key: list[str]) -> list[tuple[object, ...]]:
        return pl.concat(frames).drop("trip_no", strict=False).sort(key).rows()

    for name, key in (
        ("findings", ["trip_id", "kind", "occurred_at", "message"]),
        ("legs", ["trip_id", "leg"]),
        ("seal_states", ["trip_id"]),
    ):
        split = [getattr(p, name) for p in parts]
        assert rows(split, key) == rows([getattr(whole, name)], key), name
    assert whole.findings.height > 0


def test_events_years_apart_are_different_trips_though_only_one_names_the_bill() -> None:
    """The old trip's bill is not lent to events five years later that name none: a box silent
    for longer than a trip takes has begun another trip."""
    later = [
        replace(e, event_id=f"y{e.event_id}", bill_of_lading=None, occurred_at=e.occurred_at + gap)
        for e, gap in ((HONEST[2], timedelta(days=5 * 365)), (HONEST[7], timedelta(days=1826)))
    ]
    v = build(HONEST + later)
    assert v.trips.height == 2
    ids = sorted(v.trips["trip_id"].to_list())
    assert ids[0] == f"{BOX}/{BILL}"
    assert ids[1].startswith(f"{BOX}/@") and "time_gap" not in kinds(v)


def test_events_weeks_apart_without_a_bill_stay_one_trip() -> None:
    """A long wait at a hub is not a new trip: the bill of the trip's other events holds."""
    slow = [replace(e, bill_of_lading=None) if e.event_id != "e1" else e for e in HONEST]
    slow = [replace(e, occurred_at=e.occurred_at + timedelta(days=30)) if n >= 6 else e
            for n, e in enumerate(slow)]  # fmt: skip
    v = build(slow)
    assert v.trips["trip_id"].to_list() == [f"{BOX}/{BILL}"]
