"""The input frame is checked on entry, with errors that name the column."""

from __future__ import annotations

import polars as pl
import pytest
from scored_frames import frame, shipment

from greenlane.errors import ConfigurationError
from greenlane.selection import (
    LANE_DECISIONS,
    Capacity,
    Limit,
    SelectionInputError,
    SelectionPolicy,
    TierBenefit,
    check_scored,
    select_lanes,
)


def test_missing_columns_are_named() -> None:
    scored = frame([shipment("A")]).drop("stratum", "trusted_tier")
    with pytest.raises(SelectionInputError, match="lack columns trusted_tier, stratum"):
        select_lanes(scored)


def test_wrong_type_names_the_column() -> None:
    scored = frame([shipment("A")]).with_columns(pl.lit("high").alias("score"))
    with pytest.raises(SelectionInputError, match="column score is String"):
        select_lanes(scored)


def test_compatible_types_are_cast() -> None:
    scored = frame([shipment("A")]).with_columns(
        pl.col("day").cast(pl.String), pl.col("trusted_tier").cast(pl.Int64)
    )
    assert select_lanes(scored).schema == pl.Schema(LANE_DECISIONS)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"score": None}, "column score has 1 null"),
        ({"score": 1.5}, "scores outside 0..1, first 1.5 for A"),
        ({"referral": "hold"}, "unknown referral hold"),
        ({"trusted_tier": -1}, "negative trusted_tier"),
    ],
)
def test_bad_values_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(SelectionInputError, match=message):
        select_lanes(frame([shipment("A", **change), shipment("B")]))


def test_one_row_per_shipment() -> None:
    with pytest.raises(SelectionInputError, match="master bill A appears more than once"):
        select_lanes(frame([shipment("A"), shipment("A")]))


def test_optional_values_are_filled_and_extra_columns_dropped() -> None:
    scored = frame(
        [
            shipment(
                "A",
                documents_score=None,
                trusted_tier=None,
                stratum=None,
                reasons=None,
                hard_stop_reasons=None,
            )
        ]
    ).with_columns(pl.lit(1).alias("extra"))
    checked = check_scored(scored)
    assert "extra" not in checked.columns
    assert checked.row(0, named=True) | {"day": None} == shipment("A", stratum="unknown", day=None)


def test_output_has_one_row_per_input_in_order() -> None:
    rows = [shipment(f"B{i}", score=i / 10) for i in range(10)][::-1]
    decisions = select_lanes(frame(rows))
    assert decisions.schema == pl.Schema(LANE_DECISIONS)
    assert decisions["master_bill"].to_list() == [r["master_bill"] for r in rows]


def test_empty_frame_gives_empty_decisions() -> None:
    assert select_lanes(frame([])).schema == pl.Schema(LANE_DECISIONS)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Limit(),
        lambda: Limit(share=0.1, count=3),
        lambda: Limit(share=1.5),
        lambda: Limit(count=-1),
        lambda: TierBenefit(score_multiplier=0),
        lambda: TierBenefit(random_multiplier=2),
        lambda: SelectionPolicy(yellow_threshold=0.8, red_threshold=0.7),
        lambda: SelectionPolicy(random_share=-0.1),
    ],
)
def test_bad_policy_is_refused(build: object) -> None:
    with pytest.raises(ConfigurationError):
        build()  # type: ignore[operator]


def test_capacity_limits() -> None:
    capacity = Capacity(Limit(share=0.02), ports={"NLRTM": Limit(count=5)})
    assert capacity.limit_for("USLAX") == Limit(share=0.02)
    assert capacity.limit_for("NLRTM") == Limit(count=5)
