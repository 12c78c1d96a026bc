"""The drift monitor says when to retrain, and why."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

from greenlane.learn.drift import monitor, profile, psi


def frame(rng: np.random.Generator, shift: float = 0.0, n: int = 4000) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "log_net_mass": rng.normal(4 + shift, 1, n),
            "tax_rate": rng.choice([0.0, 8.0], n),
            "h_importer_rate": np.where(rng.random(n) < 0.3, np.nan, rng.random(n)),
        }
    )


def test_psi_is_zero_for_the_same_shares() -> None:
    assert psi([0.5, 0.5, 0.0], [0.5, 0.5, 0.0]) == 0.0
    assert psi([0.5, 0.5, 0.0], [0.9, 0.1, 0.0]) > 0.25


def test_a_stable_period_needs_no_retraining() -> None:
    rng = np.random.default_rng(0)
    p = rng.random(4000)
    y = (rng.random(4000) < p).astype(float)
    reference = profile(frame(rng), p, y)
    recent = rng.random(4000)
    report = monitor(reference, frame(rng), recent, (rng.random(4000) < recent).astype(float))
    assert not report.retrain, report.reasons
    assert report.score_psi < 0.1


def test_shifted_scores_features_and_weaker_picks_ask_for_retraining() -> None:
    rng = np.random.default_rng(1)
    p = rng.random(4000)
    y = (rng.random(4000) < p).astype(float)
    reference = profile(frame(rng), p, y)
    recent_p = rng.random(4000) ** 3  # scores pushed low
    recent_y = (rng.random(4000) < 0.3).astype(float)  # outcomes no longer follow the score
    report = monitor(
        reference,
        frame(rng, shift=2.0),
        recent_p,
        recent_y,
        trained_on=date(2024, 1, 1),
        today=date(2024, 12, 1),
    )
    assert report.retrain
    text = " ".join(report.reasons)
    assert "score distribution has shifted" in text
    assert "log_net_mass" in text
    assert "top picks find less" in text
    assert "days old" in text
    assert next(iter(report.feature_psi)) == "log_net_mass"


def test_unknown_outcomes_are_left_out_of_the_hit_rate() -> None:
    rng = np.random.default_rng(2)
    p = rng.random(1000)
    reference = profile(frame(rng, n=1000), p, (rng.random(1000) < p).astype(float))
    labels = np.full(1000, np.nan)
    labels[:100] = 1.0
    report = monitor(reference, frame(rng, n=1000), p, labels)
    assert report.hit_rate == 1.0
