"""Precision and recall at k% inspected, and AUC."""

from __future__ import annotations

import numpy as np
import pytest

from greenlane.learn.calibrate import fit_platt
from greenlane.learn.metrics import auc, precision_at, recall_at, targeting_metrics


def test_precision_and_recall_at_a_share() -> None:
    scores = np.arange(100, dtype=float)[::-1]  # row 0 scores highest
    labels = np.zeros(100)
    labels[[0, 1, 2, 50]] = 1
    assert precision_at(scores, labels, 0.05) == pytest.approx(3 / 5)
    assert recall_at(scores, labels, 0.05) == pytest.approx(3 / 4)
    assert targeting_metrics(scores, labels)["rows"] == 100


def test_auc_counts_ties_half() -> None:
    assert auc(np.array([1.0, 1.0]), np.array([0, 1])) == 0.5
    assert auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1])) == 0.75
    assert np.isnan(auc(np.array([0.1, 0.2]), np.array([1, 1])))


def test_platt_recovers_a_known_sigmoid() -> None:
    rng = np.random.default_rng(1)
    margin = rng.normal(size=5000)
    labels = (rng.random(5000) < 1 / (1 + np.exp(-(2 * margin - 1)))).astype(int)
    fitted = fit_platt(margin, labels)
    assert fitted.slope == pytest.approx(2, abs=0.2)
    assert fitted.intercept == pytest.approx(-1, abs=0.15)
