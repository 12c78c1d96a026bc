"""Every decision explains itself in words that name the reason and its numbers."""

from __future__ import annotations

import polars as pl
from scored_frames import day_of, frame, shipment

from greenlane.selection import Capacity, Limit, SelectionPolicy, select_lanes


def explanations(rows: list[dict[str, object]], policy: SelectionPolicy) -> dict[str, str]:
    decisions = select_lanes(frame(rows), policy)
    return dict(decisions.select("master_bill", "explanation").iter_rows())


def test_risk_selection_names_rank_and_capacity() -> None:
    rows = day_of(588, score=0.1)
    rows += [shipment(f"HIGH{i}", score=0.95) for i in range(11)]
    rows.append(shipment("X", score=0.91, reasons=["filed after loading", "new importer"]))
    policy = SelectionPolicy(examination=Capacity(Limit(share=0.02)), random_share=0.0)
    assert explanations(rows, policy)["X"] == (
        "red: risk 0.91, among the 2% highest at USLAX on 2026-03-02 (capacity 12 of 600)"
        " — filed after loading; new importer"
    )


def test_only_the_top_reasons_are_repeated() -> None:
    rows = [shipment("X", score=0.95, reasons=["a", "b", "c", "d"])]
    policy = SelectionPolicy(examination=Capacity(Limit(count=1)), random_share=0.0)
    assert explanations(rows, policy)["X"].endswith(" — a; b; c")


def test_hard_stop_names_its_reason() -> None:
    rows = [shipment("X", hard_stop=True, hard_stop_reasons=["watch-list hit (OFAC SDN 'X')"])]
    policy = SelectionPolicy(examination=Capacity(Limit(count=1)))
    assert explanations(rows, policy)["X"] == "red: hard stop — watch-list hit (OFAC SDN 'X')"


def test_random_names_the_stratum() -> None:
    rows = [shipment("X", score=0.05, stratum="HS 61")]
    policy = SelectionPolicy(examination=Capacity(Limit(count=1)), random_share=1.0, seed=4)
    assert explanations(rows, policy)["X"] == (
        "red: random compliance sample, stratum HS 61 (risk 0.05, seed 4)"
    )


def test_green_names_the_threshold() -> None:
    assert explanations([shipment("X", score=0.03)], SelectionPolicy())["X"] == (
        "green: risk 0.03 below yellow threshold 0.3"
    )


def test_green_never_shows_a_score_equal_to_the_threshold() -> None:
    text = explanations([shipment("X", score=0.2999)], SelectionPolicy())["X"]
    assert text == "green: risk 0.299 below yellow threshold 0.3"


def test_yellow_names_paperwork_and_capacity() -> None:
    rows = [shipment("X", score=0.45, documents_score=0.3, reasons=["vague description"])]
    policy = SelectionPolicy(documents=Capacity(Limit(count=1)))
    assert explanations(rows, policy)["X"] == (
        "yellow: documents check, paperwork risk 0.3 of risk 0.45 at or above yellow threshold"
        " 0.3 at USLAX on 2026-03-02 (documents capacity 1 of 1) — vague description"
    )


def test_yellow_after_red_was_full_says_so() -> None:
    rows = [shipment("A", score=0.95), shipment("B", score=0.8, documents_score=0.1)]
    policy = SelectionPolicy(
        examination=Capacity(Limit(count=1)),
        documents=Capacity(Limit(count=1)),
        random_share=0.0,
    )
    assert explanations(rows, policy)["B"] == (
        "yellow: documents check, paperwork risk 0.1 of risk 0.8 at or above red threshold 0.5"
        " with the examination capacity 1 of 2 full at USLAX on 2026-03-02"
        " (documents capacity 1 of 2)"
    )


def test_every_decision_starts_with_its_lane() -> None:
    rows = day_of(3000, documents_score=0.1, reasons=["r"])
    for i, row in enumerate(rows):
        row["trusted_tier"] = i % 4 if i % 5 == 0 else 0
        row["stratum"] = f"HS {i % 7}"
        if i % 97 == 0:
            row.update(hard_stop=True, hard_stop_reasons=["seal changed without authority"])
        if i % 89 == 0:
            row["referral"] = "request_for_screening"
    decisions = select_lanes(frame(rows), SelectionPolicy(red_threshold=0.8))
    assert decisions["explanation"].null_count() == 0
    assert decisions.filter(~pl.col("explanation").str.starts_with(pl.col("lane") + ":")).is_empty()
    assert set(decisions["lane"]) == {"red", "yellow", "blue", "green"}
    assert set(decisions["selected_by"]) == {"hard_stop", "random", "risk", "referral", "none"}
