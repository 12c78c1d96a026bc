"""A trader's path to the Green Lane from its own shipments, and the expedited rulings queue."""

from __future__ import annotations

from datetime import UTC, datetime

from program_cases import (
    BROKER,
    IMPORTER,
    MAKER,
    case_files,
    chain_parties,
    container,
    member,
    programs,
    shipment,
)

from greenlane.programs import (
    RulingRequest,
    assess_eligibility,
    path_to_green_lane,
    ruling_queue,
)


def test_the_path_names_the_requirement_failed_most_often_and_its_fix() -> None:
    china = ("CN-MAKER-1", "Ningbo Baoli Machinery Co. Ltd.", "CN")
    rows, parties, boxes = [], [], []
    for k in range(6):
        bill = f"B{k}"
        # four of six from a Chinese maker the US does not recognise; one from a non-CSI port
        maker = china if k < 4 else MAKER
        rows.append(shipment(bill, day=k, first_load_port="VNCMT" if k == 5 else "JPUKB"))
        parties += chain_parties(bill, manufacturer=maker)
        boxes.append(container(bill, f"MSKU{k:06d}5", day=k))
    eligibility = assess_eligibility(case_files(rows, parties, boxes), programs())
    found = path_to_green_lane(eligibility, IMPORTER[0])
    assert found.shipments == 6 and found.eligible == 1
    assert found.most_failed == "chain"
    chain = next(r for r in found.requirements if r.requirement == "chain")
    assert chain.not_met == 4 and chain.met == 2
    top = chain.causes[0]
    assert top.shipments == 4 and "Ningbo Baoli" in top.example and top.fix
    assert "Most often failed: every party in the chain" in found.advice[1]
    assert any("not a CSI port" in line for line in found.advice)
    assert path_to_green_lane(eligibility, IMPORTER[0], last=1).shipments == 1
    nobody = path_to_green_lane(eligibility, "NOBODY")
    assert nobody.shipments == 0 and nobody.most_failed is None


def test_rulings_of_certified_traders_are_worked_first() -> None:
    at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    unknown = ("US-IMP-7", "Newcomer Imports Inc.", "US")
    requests = [
        RulingRequest("R1", unknown[0], unknown[1], "US", at, "HS 8466.93 for a tool holder"),
        RulingRequest("R2", IMPORTER[0], IMPORTER[1], "US", at.replace(hour=11), "origin"),
        RulingRequest("R3", MAKER[0], MAKER[1], "JP", at.replace(hour=10), "valuation"),
        RulingRequest("R4", "TRI-PORT CUSTOMS SERVICES LLC", BROKER[1], "US", at, "HS 9403"),
    ]
    progs = programs([member(IMPORTER, tier=3), member(MAKER, "aeo", "JP"), member(BROKER)])
    queue = ruling_queue(requests, progs, "US")
    # tier 3 importer, then the certified broker and the recognised Japanese AEO (no tiers)
    # in the order they came, then the uncertified newcomer
    assert [q.request.request_id for q in queue] == ["R2", "R4", "R3", "R1"]
    assert [q.position for q in queue] == [1, 2, 3, 4]
    assert queue[0].certified and queue[0].tier == 3 and queue[0].why.startswith("certified")
    assert not queue[-1].certified and "no membership" in queue[-1].why
    # in the EU, the US and Japanese members count only through mutual recognition: none here
    eu = ruling_queue(requests, programs(recognitions=()), "EU")
    assert not any(q.certified for q in eu)
    assert [q.request.request_id for q in eu] == ["R1", "R4", "R3", "R2"]
    assert ruling_queue([], progs) == []
