"""Trusted-trader benefits: lower effective score, fewer exams, front of the queue, blue lane."""

from __future__ import annotations

import polars as pl
import pytest
from scored_frames import day_of, frame, shipment

from greenlane.selection import Capacity, Limit, SelectionPolicy, TierBenefit, select_lanes

ROOMY = {
    "examination": Capacity(Limit(count=10)),
    "documents": Capacity(Limit(count=10)),
    "random_share": 0.0,
}


def by_bill(decisions: pl.DataFrame) -> dict[str, dict[str, object]]:
    return {row["master_bill"]: row for row in decisions.iter_rows(named=True)}


def test_trusted_shipments_get_a_lower_effective_score() -> None:
    rows = [shipment(f"T{tier}", score=0.8, trusted_tier=tier) for tier in range(4)]
    decisions = by_bill(select_lanes(frame(rows), SelectionPolicy(red_threshold=0.7)))
    effective = {bill: row["effective_score"] for bill, row in decisions.items()}
    # tier 1: 0.8 x 0.8 = 0.64, but the reduction is capped at 20% of 0.7 = 0.14 -> 0.66
    assert effective == pytest.approx({"T0": 0.8, "T1": 0.66, "T2": 0.52, "T3": 0.4})
    assert "risk 0.4 (0.8 before tier 3 benefit)" in str(decisions["T3"]["explanation"])


def test_benefit_can_move_a_shipment_out_of_red() -> None:
    rows = [shipment("PLAIN", score=0.9), shipment("TRUSTED", score=0.95, trusted_tier=3)]
    policy = SelectionPolicy(examination=Capacity(Limit(count=1)), random_share=0.0)
    decisions = by_bill(select_lanes(frame(rows), policy))
    assert decisions["PLAIN"]["lane"] == "red"
    assert decisions["TRUSTED"]["lane"] == "blue"


def test_trusted_shipments_go_first_in_the_red_queue() -> None:
    rows = [
        shipment("PLAIN-HIGH", score=0.99),
        shipment("PLAIN-LOW", score=0.9),
        shipment("TIER2", score=0.95, trusted_tier=2),  # effective 0.75: reduction capped
        shipment("TIER3", score=1.0, trusted_tier=3, hard_stop=False),
        shipment("STOP", score=0.3, hard_stop=True, hard_stop_reasons=["watch-list hit"]),
        shipment("STOP-TIER3", score=0.2, trusted_tier=3, hard_stop=True, hard_stop_reasons=["x"]),
    ]
    policy = SelectionPolicy(red_threshold=0.5, yellow_threshold=0.2, **ROOMY)
    decisions = select_lanes(frame(rows), policy)
    queue = decisions.filter(pl.col("lane") == "red").sort("queue_priority")
    assert queue["master_bill"].to_list() == [
        "TIER3",  # front of line: Green Lane shipment first
        "TIER2",
        "STOP",  # then hard stops (a hard stop earns no tier benefit)
        "STOP-TIER3",
        "PLAIN-HIGH",
        "PLAIN-LOW",
    ]
    assert queue["queue_priority"].to_list() == [1, 2, 3, 4, 5, 6]


def test_tier_one_is_not_front_of_line_by_default() -> None:
    rows = [shipment("PLAIN", score=0.99), shipment("TIER1", score=0.95, trusted_tier=1)]
    decisions = select_lanes(frame(rows), SelectionPolicy(red_threshold=0.5, **ROOMY))
    queue = decisions.filter(pl.col("lane") == "red").sort("queue_priority")
    assert queue["master_bill"].to_list() == ["PLAIN", "TIER1"]


def test_certified_importers_get_blue_instead_of_yellow() -> None:
    rows = [
        shipment("PLAIN", score=0.4, documents_score=0.3),
        shipment("CERTIFIED", score=0.8, documents_score=0.6, trusted_tier=3),
    ]
    decisions = by_bill(select_lanes(frame(rows), SelectionPolicy(**ROOMY)))
    assert decisions["PLAIN"]["lane"] == "yellow"
    assert decisions["CERTIFIED"]["lane"] == "blue"
    assert decisions["CERTIFIED"]["explanation"] == (
        "blue: certified importer (tier 3), risk 0.4 (0.8 before tier 3 benefit):"
        " release, post-clearance audit"
    )


def test_trusted_below_yellow_is_green() -> None:
    decisions = by_bill(select_lanes(frame([shipment("T", score=0.5, trusted_tier=3)])))
    assert decisions["T"]["lane"] == "green"


def test_tiers_are_configurable() -> None:
    policy = SelectionPolicy(tiers={5: TierBenefit(score_multiplier=0.1)}, **ROOMY)
    rows = [shipment("T5", score=0.9, trusted_tier=5), shipment("T3", score=0.9, trusted_tier=3)]
    decisions = by_bill(select_lanes(frame(rows), policy))
    assert decisions["T5"]["effective_score"] == pytest.approx(0.09)
    assert decisions["T3"]["effective_score"] == 0.9  # tier 3 not in this policy: no benefit
    assert decisions["T3"]["lane"] == "red"


def test_trusted_share_of_exams_is_lower() -> None:
    """Across a busy day, trusted traders with the same risk are examined less often."""
    rows = day_of(5000, prefix="N") + day_of(5000, prefix="T", trusted_tier=2)
    policy = SelectionPolicy(examination=Capacity(Limit(count=500)))
    red = select_lanes(frame(rows), policy).filter(pl.col("lane") == "red")
    trusted = red.filter(pl.col("master_bill").str.starts_with("T")).height
    assert trusted < 0.2 * red.height
