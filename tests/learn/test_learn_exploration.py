"""Exploration: the capacity split between top picks and exploration; the simulation."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from greenlane.errors import ConfigurationError
from greenlane.learn.exploration import Simulation, select, simulate, summarise
from greenlane.learn.train import TrainConfig


def test_capacity_is_filled_with_top_picks_and_exploration() -> None:
    scores = np.linspace(1, 0, 1000)
    selected, explored = select(scores, 0.1, 0.2, "random", np.random.default_rng(0))
    assert selected.sum() == 100 and explored.sum() == 20
    assert selected[:80].all()  # the 80 highest scores
    assert not (explored & (np.arange(1000) < 80)).any()


def test_least_sure_exploration_takes_scores_nearest_one_half() -> None:
    scores = np.linspace(1, 0, 101)
    _, explored = select(scores, 0.1, 0.5, "uncertain")
    assert sorted(np.round(scores[explored], 2).tolist()) == [0.48, 0.49, 0.5, 0.51, 0.52]


def test_least_sure_prefers_declarations_never_inspected() -> None:
    scores = np.linspace(1, 0, 101)
    evidence = np.where(np.abs(scores - 0.5) < 0.05, 30.0, 0.0)  # seen often around one half
    _, explored = select(scores, 0.1, 0.5, "uncertain", evidence=evidence)
    picked = np.round(scores[explored], 2)
    assert not ((picked > 0.45) & (picked < 0.55)).any()
    assert len(picked) == 5


def test_no_exploration_is_pure_ranking_and_bad_shares_are_refused() -> None:
    selected, explored = select(np.array([0.1, 0.9, 0.5]), 0.34, 0.0)
    assert selected.tolist() == [False, True, False] and not explored.any()
    with pytest.raises(ConfigurationError):
        select(np.array([0.1]), 0.1, 1.5)


def test_simulation_over_months(make_declarations) -> None:  # type: ignore[no-untyped-def]
    frame = make_declarations(2400, days=120, seed=3)
    config = Simulation(
        capacity=0.2,
        shares=(0.0, 0.3),
        train=TrainConfig(select_groups=False, max_rounds=40, early_stopping=10, threads=1),
    )
    rows = simulate(frame, config)
    months = frame["date"].dt.truncate("1mo").n_unique()
    assert len(rows) == 2 * (months - 1)
    first = next(r for r in rows if r["explore"] == 0.3)
    assert first["explored"] == round(first["inspected"] * 0.3)
    assert all(r["hits"] <= r["inspected"] for r in rows)
    # known outcomes grow by what was inspected, never by what was not
    known = [r["known_outcomes"] for r in rows if r["explore"] == 0.0]
    inspected = [r["inspected"] for r in rows if r["explore"] == 0.0]
    assert all(b - a == i for a, b, i in zip(known, known[1:], inspected, strict=False))
    summary = pl.DataFrame(summarise(rows, later_from=3))
    assert set(summary["phase"]) == {"now", "later"}
    assert summary.filter(pl.col("explore") == 0)["hits_vs_no_exploration"].to_list() == [0, 0]
