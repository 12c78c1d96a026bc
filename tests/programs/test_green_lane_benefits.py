"""Benefits in selection and release: only eligible shipments earn their tier, minor
discrepancies of certified importers weigh less (and say so), and no benefit ever suppresses a
hard stop: a watch-list hit, a seal changed without authority, a do-not-load."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import polars as pl
from program_cases import (
    case_files,
    chain_parties,
    container,
    member,
    programs,
    shipment,
    standard_members,
)

from greenlane.app.pipeline import decide
from greenlane.programs import (
    Eligibility,
    assess_eligibility,
    release_times,
    resumption_order,
    selection_input,
)
from greenlane.programs.mitigation import Mitigation
from greenlane.risk.casefile import CaseFiles
from greenlane.risk.profiles import default_profile
from greenlane.selection import Capacity, Limit, SelectionPolicy, select_lanes
from greenlane.selection.schema import SCORED_SHIPMENTS

# No random draws and room for everything: lanes follow scores and hard stops alone.
ONE_DAY = timedelta(days=1)
POLICY = SelectionPolicy(examination=Capacity(Limit(count=50)), random_share=0.0)


def _fleet(n: int = 12, **boxes: dict[str, object]) -> CaseFiles:
    """n shipments of the standard chain on one day; ``boxes`` changes a bill's container."""
    bills = [f"B{k:02d}" for k in range(n)]
    return case_files(
        [shipment(b) for b in bills],
        [p for b in bills for p in chain_parties(b)],
        [container(b, f"MSKU{k:06d}5", **boxes.get(b, {})) for k, b in enumerate(bills)],
    )


def test_only_eligible_shipments_carry_their_tier_into_selection() -> None:
    case = case_files(
        [shipment("B1"), shipment("B2", first_load_port="VNCMT")],
        chain_parties("B1") + chain_parties("B2"),
        [container("B1"), container("B2", "MSKU0000025")],
    )
    decided = decide(case, default_profile(), POLICY, programs=programs())
    tiers = dict(
        selection_input(decided.scored, decided.indicators, decided.eligibility)
        .select("master_bill", "trusted_tier")
        .iter_rows()
    )
    assert tiers == {"B1": 3, "B2": 0}  # the same tier-3 importer; B2 left from a non-CSI port
    joined = decided.joined().sort("master_bill")
    assert joined["eligible"].to_list() == [True, False]
    assert joined["importer_tier"].to_list() == [3, 3]


def _forced(case: CaseFiles, tier: int = 3) -> Eligibility:
    """Eligibility as if every shipment were eligible: to show selection holds even then."""
    real = assess_eligibility(case, programs())
    return Eligibility(
        real.shipments.with_columns(eligible=pl.lit(True), benefit_tier=pl.lit(tier, pl.Int8)),
        real.evidence,
    )


def test_no_benefit_suppresses_a_hard_stop() -> None:
    hit = ("B03", "screening", "watchlist_hit", "shipper 'X' matches world:001 'X'", 0.99)
    case = _fleet(
        8,
        B01={"seal_state": "changed_without_authority"},
    )
    findings = [hit, ("B01", "visibility", "seal_changed_without_authority", "changed", 0.0)]
    case = replace(case, findings=pl.DataFrame(findings, schema=case.findings.schema, orient="row"))
    # The real verdict: neither is eligible (seal, compliance) ...
    real = assess_eligibility(case, programs()).shipments.filter(
        pl.col("master_bill").is_in(["B01", "B03"])
    )
    assert not real["eligible"].any()
    # ... and even an eligibility that claims they are changes nothing for them.
    for eligibility in (None, _forced(case)):
        decided = decide(
            case, default_profile(), POLICY, programs=programs(), eligibility=eligibility
        )
        lanes = decided.joined().sort("master_bill")
        stops = lanes.filter(pl.col("master_bill").is_in(["B01", "B03"]))
        assert stops["lane"].to_list() == ["red", "red"]
        assert stops["selected_by"].to_list() == ["hard_stop", "hard_stop"]
        assert (stops["mitigated_points"] == 0).all()
        released = release_times(lanes).filter(pl.col("master_bill").is_in(["B01", "B03"]))
        assert (released["release_hours"] >= 48).all()
        assert released["how"].str.starts_with("held: hard stop").all()
        start = lanes["decided_at"].min()
        order = resumption_order(lanes, "USLAX", start, start + ONE_DAY)
        held = order.filter(pl.col("master_bill").is_in(["B01", "B03"]))
        assert held["benefit_tier"].to_list() == [0, 0]
        assert held["action"].to_list() == ["examination (hard stop)"] * 2


def test_a_do_not_load_with_the_highest_tier_is_red() -> None:
    frame = pl.DataFrame(
        {
            "master_bill": ["A", "B"],
            "port": ["USLAX", "USLAX"],
            "day": [date(2026, 3, 1)] * 2,
            "score": [0.2, 0.1],
            "hard_stop": [False, False],
            "hard_stop_reasons": [[], []],
            "referral": ["do_not_load", None],
            "documents_score": [0.0, 0.0],
            "trusted_tier": [3, 3],
            "stratum": ["84", "84"],
            "reasons": [[], []],
        },
        schema=SCORED_SHIPMENTS,
    )
    lanes = select_lanes(frame, POLICY)
    assert lanes["lane"].to_list() == ["red", "green"]
    assert lanes["selected_by"].to_list()[0] == "hard_stop"


def test_minor_discrepancies_of_a_certified_importer_weigh_less_and_say_so() -> None:
    amended = {"manifest_versions": 2, "entry_gross_kg": 1080.0}  # 8% heavier: small
    big = {"manifest_versions": 2, "entry_gross_kg": 1500.0}  # 50% heavier: not minor
    case = case_files(
        [shipment("B1", **amended), shipment("B2", **big)],
        chain_parties("B1") + chain_parties("B2"),
        [container("B1"), container("B2", "MSKU0000025")],
    )
    certified = decide(case, default_profile(), POLICY, programs=programs())
    scored = certified.scored.sort("master_bill")
    b1, b2 = scored.row(0, named=True), scored.row(1, named=True)
    # the same shipments of an importer that is not certified keep every point
    uncertified = programs(standard_members()[1:])
    plain = decide(case, default_profile(), POLICY, programs=uncertified).scored
    plain = plain.sort("master_bill")
    assert plain["mitigated_points"].to_list() == [0.0, 0.0]
    # AMENDED (5) and MANIFEST-DISAGREES (15) weigh half for B1: 10 points off
    assert b1["mitigated_points"] == 10.0 and b1["points"] == plain["points"][0] - 10.0
    assert b1["score"] < plain["score"][0]
    assert any(
        "penalty mitigation" in r and "AMENDED, MANIFEST-DISAGREES" in r for r in b1["reasons"]
    )
    # B2's masses differ by half: only AMENDED is minor
    assert b2["mitigated_points"] == 2.5
    none = decide(
        case, default_profile(), POLICY, programs=programs(), mitigation=Mitigation(factor=1.0)
    ).scored
    assert none.sort("master_bill")["points"].to_list() == plain["points"].to_list()


def test_release_is_paperless_for_the_green_lane_and_queued_for_the_rest() -> None:
    case = case_files(
        [shipment("B1"), shipment("B2", first_load_port="VNCMT")],
        chain_parties("B1") + chain_parties("B2"),
        [container("B1"), container("B2", "MSKU0000025")],
    )
    decided = decide(case, default_profile(), POLICY, programs=programs())
    released = release_times(decided.joined()).sort("master_bill")
    assert released["release_hours"].to_list() == [0.25, 4.0]
    assert released["how"][0] == "automatic paperless release at arrival"
    assert released["green_lane"].to_list() == [True, False]


def test_resumption_orders_the_backlog_by_tier_then_risk() -> None:
    tier2 = ("US-IMP-2", "Gulf Coast Hardware Inc.", "US")
    bills = ["B1", "B2", "B3", "B4"]
    rows = [
        shipment("B1"),
        shipment("B2", importer=tier2[0]),
        shipment("B3", first_load_port="VNCMT"),  # no benefit
        shipment("B4", first_load_port="VNCMT", manifest_versions=2),  # no benefit, riskier
    ]
    parties = [
        *chain_parties("B1"),
        *chain_parties("B2", importer_of_record=tier2, consignee=tier2),
        *chain_parties("B3"),
        *chain_parties("B4"),
    ]
    boxes = [container(b, f"MSKU{k:06d}5") for k, b in enumerate(bills)]
    case = case_files(rows, parties, boxes)
    progs = programs([*standard_members(), member(tier2, tier=2)])
    lanes = decide(case, default_profile(), POLICY, programs=progs).joined()
    start = lanes["decided_at"].min()
    order = resumption_order(lanes, "USLAX", start, start + ONE_DAY)
    assert order["master_bill"].to_list() == ["B1", "B2", "B4", "B3"]
    assert order["benefit_tier"].to_list() == [3, 2, 0, 0]
    assert order["why"][0].startswith("Green Lane tier 3")
    assert resumption_order(lanes, "NLRTM", start, start + ONE_DAY).height == 0


def test_without_programs_the_pipeline_gives_no_benefit_and_mitigates_nothing() -> None:
    amended = {"manifest_versions": 2, "entry_gross_kg": 1080.0}
    case = case_files(
        [shipment("B1", **amended), shipment("B2")],
        chain_parties("B1") + chain_parties("B2"),
        [container("B1"), container("B2", "MSKU0000025")],
    )
    bare = decide(case, default_profile(), POLICY)
    assert bare.eligibility is None
    assert bare.scored["mitigated_points"].to_list() == [0.0, 0.0]
    joined = bare.joined().sort("master_bill")
    assert joined["eligible"].is_null().all() and joined["benefit_tier"].to_list() == [0, 0]
    # the same shipments with the programs: B1 is eligible, its tier's benefits and mitigation
    judged = decide(case, default_profile(), POLICY, programs=programs()).joined()
    assert judged.sort("master_bill")["benefit_tier"].to_list()[0] == 3
    assert judged.sort("master_bill")["mitigated_points"][0] > 0
