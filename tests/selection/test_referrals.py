"""ICS2 answers before loading: do not load is a hard stop, requests hold for at least yellow."""

from __future__ import annotations

import polars as pl
import pytest
from scored_frames import day_of, frame, shipment

from greenlane.selection import Capacity, Limit, SelectionPolicy, select_lanes

NO_CAPACITY = SelectionPolicy(
    examination=Capacity(Limit(count=0)), documents=Capacity(Limit(count=0))
)


def decide(rows: list[dict[str, object]], policy: SelectionPolicy) -> dict[str, dict[str, object]]:
    return {
        row["master_bill"]: row for row in select_lanes(frame(rows), policy).iter_rows(named=True)
    }


def test_do_not_load_is_a_hard_stop() -> None:
    decisions = decide(
        [shipment("DNL", score=0.01, trusted_tier=3, referral="do_not_load")], NO_CAPACITY
    )
    row = decisions["DNL"]
    assert (row["lane"], row["selected_by"], row["referral"]) == ("red", "hard_stop", "do_not_load")
    assert row["explanation"].startswith("red: hard stop — ICS2 do not load")


def test_do_not_load_with_other_hard_stop_reasons() -> None:
    rows = [
        shipment(
            "DNL",
            referral="do_not_load",
            hard_stop=True,
            hard_stop_reasons=["watch-list hit (UN 'Y')"],
        )
    ]
    explanation = decide(rows, NO_CAPACITY)["DNL"]["explanation"]
    assert explanation.startswith("red: hard stop — watch-list hit (UN 'Y'); ICS2 do not load")


@pytest.mark.parametrize("referral", ["request_for_information", "request_for_screening"])
def test_requests_hold_for_at_least_yellow(referral: str) -> None:
    rows = [
        shipment("LOW", score=0.01, referral=referral),
        shipment("TRUSTED", score=0.9, trusted_tier=3, referral=referral),
    ]
    decisions = decide(rows, NO_CAPACITY)
    for bill in ("LOW", "TRUSTED"):
        assert decisions[bill]["lane"] == "yellow"
        assert decisions[bill]["selected_by"] == "referral"
        assert decisions[bill]["referral"] == referral
    assert "ICS2 request for" in str(decisions["LOW"]["explanation"])
    assert "documents check whatever the capacity" in str(decisions["LOW"]["explanation"])


def test_referrals_use_document_capacity_first() -> None:
    rows = day_of(100, score=0.5, documents_score=0.4)
    rows += [shipment(f"R{i}", referral="request_for_information") for i in range(3)]
    policy = SelectionPolicy(
        documents=Capacity(Limit(count=5)), examination=Capacity(Limit(count=0))
    )
    decisions = select_lanes(frame(rows), policy)
    yellow = decisions.filter(pl.col("lane") == "yellow")
    assert yellow.group_by("selected_by").len().sort("selected_by").rows() == [
        ("referral", 3),
        ("risk", 2),
    ]


def test_referral_selected_red_says_so() -> None:
    rows = [shipment("HIGH", score=0.95, referral="request_for_screening")]
    row = decide(rows, SelectionPolicy(random_share=0.0, examination=Capacity(Limit(count=1))))
    assert row["HIGH"]["lane"] == "red"
    assert str(row["HIGH"]["explanation"]).endswith(
        "; also ICS2 request for high-risk cargo screening before loading"
    )


def test_assessment_complete_changes_nothing() -> None:
    decisions = decide([shipment("OK", referral="assessment_complete")], SelectionPolicy())
    assert decisions["OK"]["lane"] == "green"
    assert decisions["OK"]["referral"] == "assessment_complete"
