"""The random compliance sample: present, stratified, weighted by tier, reproducible."""

from __future__ import annotations

import datetime as dt

import polars as pl
from scored_frames import DAY, day_of, frame, shipment

from greenlane.selection import Capacity, Limit, SelectionPolicy, select_lanes
from greenlane.selection.draws import _fnv1a, uniform_draws


def strata_rows(sizes: dict[str, int], **fields: object) -> list[dict[str, object]]:
    rows = []
    for stratum, size in sizes.items():
        rows += day_of(size, prefix=f"{stratum}-", stratum=stratum, **fields)
    return rows


def random_bills(decisions: pl.DataFrame) -> set[str]:
    return set(decisions.filter(pl.col("selected_by") == "random")["master_bill"])


def test_random_share_of_red_capacity_is_drawn() -> None:
    policy = SelectionPolicy(examination=Capacity(Limit(share=0.02)), random_share=0.1)
    decisions = select_lanes(frame(day_of(1500)), policy)
    red = decisions.filter(pl.col("lane") == "red")
    assert red.height == 30
    assert red.filter(pl.col("selected_by") == "random").height == 3
    # drawn whatever the score: the sample measures compliance, not risk
    assert (
        "red: random compliance sample, stratum HS 61"
        in red.filter(pl.col("selected_by") == "random")["explanation"][0]
    )


def test_random_share_is_met_on_average_however_small_the_day() -> None:
    # 1.2 random slots a day: each day draws 1 or 2, and 60 days draw about 72 in all.
    days = [DAY + dt.timedelta(days=k) for k in range(60)]
    rows = [r for d in days for r in day_of(100, day=d, prefix=f"{d}-")]
    policy = SelectionPolicy(examination=Capacity(Limit(count=12)), random_share=0.1)
    decisions = select_lanes(frame(rows), policy)
    per_day = (
        decisions.filter(pl.col("selected_by") == "random").group_by("day").len()["len"].to_list()
    )
    assert set(per_day) == {1, 2} and len(per_day) == 60
    assert 60 <= sum(per_day) <= 84


def test_random_sample_ignores_scores() -> None:
    rows = day_of(1000, score=0.01)
    policy = SelectionPolicy(examination=Capacity(Limit(count=20)), random_share=0.5)
    decisions = select_lanes(frame(rows), policy)
    assert len(random_bills(decisions)) == 10
    assert decisions.filter(pl.col("selected_by") == "risk").height == 0


def test_each_stratum_gets_its_proportional_share() -> None:
    rows = strata_rows({"HS 61": 5000, "HS 85": 3000, "HS 94": 2000})
    policy = SelectionPolicy(examination=Capacity(Limit(count=1000)), random_share=0.5)
    decisions = select_lanes(frame(rows), policy).join(
        frame(rows).select("master_bill", "stratum"), on="master_bill"
    )
    drawn = decisions.filter(pl.col("selected_by") == "random").group_by("stratum").len()
    assert dict(drawn.iter_rows()) == {"HS 61": 250, "HS 85": 150, "HS 94": 100}


def test_leftover_slots_go_to_the_largest_remainders() -> None:
    rows = strata_rows({"A": 60, "B": 30, "C": 10})
    policy = SelectionPolicy(examination=Capacity(Limit(count=40)), random_share=0.1)
    decisions = select_lanes(frame(rows), policy).join(
        frame(rows).select("master_bill", "stratum"), on="master_bill"
    )
    drawn = decisions.filter(pl.col("selected_by") == "random").group_by("stratum").len()
    # 4 slots: quotas 2.4, 1.2, 0.4 -> 2, 1, 0 and the leftover to C (remainder 0.4)
    assert dict(drawn.iter_rows()) == {"A": 2, "B": 1, "C": 1}


def test_same_seed_same_sample_other_seed_other_sample() -> None:
    rows = strata_rows({"HS 61": 3000, "HS 85": 2000})
    scored = frame(rows)
    policy = SelectionPolicy(examination=Capacity(Limit(count=200)), random_share=0.5, seed=11)
    first = select_lanes(scored, policy)
    again = select_lanes(scored, policy)
    assert first.equals(again)
    other = select_lanes(scored, SelectionPolicy(examination=policy.examination, random_share=0.5))
    assert len(random_bills(first)) == len(random_bills(other)) == 100
    assert random_bills(first) != random_bills(other)


def test_sample_does_not_depend_on_row_order_or_other_port_days() -> None:
    """A port-day selected alone (one Spark partition) gets the same sample as in a batch."""
    alone = day_of(2000)
    others = day_of(3000, port="SGSIN") + day_of(1000, day=DAY + dt.timedelta(days=1))
    policy = SelectionPolicy(examination=Capacity(Limit(count=100)), random_share=0.3, seed=5)
    by_itself = select_lanes(frame(alone), policy)
    in_batch = select_lanes(frame(others + alone[::-1]), policy).filter(
        (pl.col("port") == "USLAX") & (pl.col("day") == DAY)
    )
    assert random_bills(by_itself) == random_bills(in_batch)
    assert by_itself.sort("master_bill").equals(in_batch.sort("master_bill"))


def test_trusted_tiers_are_drawn_less_often_but_still_drawn() -> None:
    rows = day_of(20000, prefix="N") + day_of(20000, prefix="T", trusted_tier=3)
    policy = SelectionPolicy(examination=Capacity(Limit(count=4000)), random_share=0.5)
    decisions = select_lanes(frame(rows), policy)
    drawn = random_bills(decisions)
    trusted = sum(bill.startswith("T") for bill in drawn)
    assert len(drawn) == 2000
    # weight 0.4 against 1: about 0.4 / 1.4 of the draws, sampled without replacement
    assert 0.25 < trusted / len(drawn) < 0.33


def test_hard_stops_are_not_in_the_random_pool() -> None:
    rows = [shipment(f"H{i}", hard_stop=True, hard_stop_reasons=["x"]) for i in range(5)]
    rows += day_of(100)
    policy = SelectionPolicy(examination=Capacity(Limit(count=10)), random_share=1.0)
    decisions = select_lanes(frame(rows), policy)
    assert len(random_bills(decisions)) == 5
    assert not any(bill.startswith("H") for bill in random_bills(decisions))


def test_fnv1a_matches_the_published_vectors() -> None:
    hashes = _fnv1a(pl.Series(["", "a", "foobar", None]))
    assert [int(h) for h in hashes] == [
        0xCBF29CE484222325,
        0xAF63DC4C8601EC8C,
        0x85944171F73967E8,
        0xCBF29CE484222325,
    ]


def test_fnv1a_of_a_slice_reads_the_right_bytes() -> None:
    keys = pl.Series(["skip", "a", "foobar"])[1:]
    assert [int(h) for h in _fnv1a(keys)] == [0xAF63DC4C8601EC8C, 0x85944171F73967E8]


def test_draws_are_pinned() -> None:
    """The draws are part of the audit trail: a change here changes past selections."""
    draws = uniform_draws(pl.Series(["MAEU123456789", "", "é"]), seed=7, stream="random")
    assert [round(d, 12) for d in draws.to_list()] == PINNED
    assert uniform_draws(pl.Series(["x"] * 3), 7).n_unique() == 1


PINNED = [0.602311348564, 0.580848400496, 0.621428111118]
