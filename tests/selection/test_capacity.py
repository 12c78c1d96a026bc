"""Red and yellow stay within each port-day's capacity; hard stops go beyond it, never displaced."""

from __future__ import annotations

import datetime as dt

import polars as pl
from scored_frames import DAY, day_of, frame, shipment

from greenlane.selection import Capacity, Limit, SelectionPolicy, select_lanes

NEXT_DAY = DAY + dt.timedelta(days=1)


def counts(decisions: pl.DataFrame, lane: str) -> dict[tuple[str, dt.date], int]:
    grouped = decisions.filter(pl.col("lane") == lane).group_by("port", "day").len()
    return {(r["port"], r["day"]): r["len"] for r in grouped.iter_rows(named=True)}


def test_capacity_respected_per_port_and_day() -> None:
    rows = (
        day_of(600, port="USLAX")
        + day_of(300, port="USLAX", day=NEXT_DAY)
        + day_of(1000, port="NLRTM")
    )
    policy = SelectionPolicy(
        examination=Capacity(Limit(share=0.02), ports={"NLRTM": Limit(count=7)}),
        documents=Capacity(Limit(count=20), ports={"NLRTM": Limit(share=0.01)}),
        red_threshold=0.5,
        yellow_threshold=0.2,
    )
    decisions = select_lanes(frame(rows), policy)
    # every port-day has far more candidates than capacity, so capacity is filled exactly
    assert counts(decisions, "red") == {
        ("USLAX", DAY): 12,
        ("USLAX", NEXT_DAY): 6,
        ("NLRTM", DAY): 7,
    }
    assert counts(decisions, "yellow") == {
        ("USLAX", DAY): 20,
        ("USLAX", NEXT_DAY): 20,
        ("NLRTM", DAY): 10,
    }


def test_red_by_risk_takes_the_highest_scores_above_the_threshold() -> None:
    policy = SelectionPolicy(examination=Capacity(Limit(count=10)), random_share=0.0)
    decisions = select_lanes(frame(day_of(500)), policy).join(
        frame(day_of(500)).select("master_bill", "score"), on="master_bill"
    )
    red = decisions.filter(pl.col("lane") == "red")
    assert set(red["selected_by"]) == {"risk"}
    assert red["score"].min() > decisions.filter(pl.col("lane") != "red")["score"].max()


def test_red_threshold_leaves_capacity_unused() -> None:
    rows = [shipment(f"B{i}", score=0.49) for i in range(100)]
    policy = SelectionPolicy(examination=Capacity(Limit(count=10)), random_share=0.0)
    decisions = select_lanes(frame(rows), policy)
    assert decisions.filter(pl.col("lane") == "red").height == 0


def test_hard_stops_count_first() -> None:
    rows = day_of(200, score=0.95)
    for row in rows[:4]:
        row.update(hard_stop=True, hard_stop_reasons=["seal changed without authority"])
    policy = SelectionPolicy(examination=Capacity(Limit(count=10)), random_share=0.0)
    decisions = select_lanes(frame(rows), policy)
    red = decisions.filter(pl.col("lane") == "red")
    assert red.group_by("selected_by").len().sort("selected_by").rows() == [
        ("hard_stop", 4),
        ("risk", 6),
    ]


def test_hard_stops_exceed_capacity_and_are_never_displaced() -> None:
    rows = day_of(100, score=0.99)
    for row in rows[:15]:
        row.update(
            hard_stop=True,
            score=0.01,
            trusted_tier=3,
            hard_stop_reasons=["watch-list hit (OFAC SDN 'X')"],
        )
    policy = SelectionPolicy(examination=Capacity(Limit(count=10)))
    decisions = select_lanes(frame(rows), policy)
    hard = decisions.filter(pl.col("selected_by") == "hard_stop")
    assert hard.height == 15
    assert set(hard["lane"]) == {"red"}
    # no room is left for risk or random, whatever the scores of the others
    assert decisions.filter(pl.col("lane") == "red").height == 15
    # a tier 3 benefit does not lower a hard stop's score
    assert hard["effective_score"].to_list() == [0.01] * 15
    assert "examined beyond capacity" in hard["explanation"][0]
    assert "tier 3 benefits never apply to a hard stop" in hard["explanation"][0]


def test_zero_capacity_still_examines_hard_stops() -> None:
    rows = [*day_of(50, score=0.99), shipment("HS", hard_stop=True, hard_stop_reasons=["x"])]
    policy = SelectionPolicy(examination=Capacity(Limit(count=0)))
    decisions = select_lanes(frame(rows), policy)
    assert decisions.filter(pl.col("lane") == "red")["master_bill"].to_list() == ["HS"]


def test_overflow_above_yellow_threshold_is_blue() -> None:
    rows = day_of(100, score=0.5, documents_score=0.2)
    policy = SelectionPolicy(
        documents=Capacity(Limit(count=5)), examination=Capacity(Limit(count=0))
    )
    decisions = select_lanes(frame(rows), policy)
    assert decisions.group_by("lane").len().sort("lane").rows() == [("blue", 95), ("yellow", 5)]
    blue = decisions.filter(pl.col("lane") == "blue")
    assert set(blue["selected_by"]) == {"risk"}
    assert (
        "documents capacity 5 of 100 full: release, post-clearance audit" in blue["explanation"][0]
    )


def test_yellow_prefers_paperwork_risk() -> None:
    rows = [
        shipment("PAPER", score=0.4, documents_score=0.35),
        shipment("CARGO", score=0.6, documents_score=0.05),
    ]
    policy = SelectionPolicy(
        documents=Capacity(Limit(count=1)), examination=Capacity(Limit(count=0))
    )
    decisions = select_lanes(frame(rows), policy)
    assert dict(decisions.select("master_bill", "lane").iter_rows()) == {
        "PAPER": "yellow",
        "CARGO": "blue",
    }
