"""Platt scaling: the booster's margin mapped to a probability fitted on later declarations.

A boosted model's raw probabilities are sharp where it memorised and off where it did not; an
officer reading "0.8" needs it to mean that about 8 in 10 such declarations hold something. Two
numbers, saved in the model's JSON, fitted on the validation months the model never trained on.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class Platt:
    slope: float = 1.0
    intercept: float = 0.0

    def apply(self, margin: Array) -> Array:
        z = self.slope * np.asarray(margin, dtype=float) + self.intercept
        out: Array = 1.0 / (1.0 + np.exp(-z))
        return out


def fit_platt(margin: Array, labels: Array) -> Platt:
    """The sigmoid that best turns ``margin`` into the observed outcome rate; the identity when
    the labels are all one class (nothing to fit)."""
    y = np.asarray(labels)
    if len(set(y.tolist())) < 2:
        return Platt()
    x, t = np.asarray(margin, dtype=float), y.astype(float)
    w = np.array([1.0, 0.0])
    for _ in range(100):  # Newton's method on the log-loss, a tiny ridge for separable data
        p = 1.0 / (1.0 + np.exp(-(w[0] * x + w[1])))
        d = p * (1 - p)
        grad = np.array([((p - t) * x).sum(), (p - t).sum()]) + 1e-6 * w
        hess = np.array([[(d * x * x).sum(), (d * x).sum()], [(d * x).sum(), d.sum()]])
        step = np.linalg.solve(hess + 1e-6 * np.eye(2), grad)
        w = w - step
        if np.abs(step).max() < 1e-10:
            break
    return Platt(float(w[0]), float(w[1]))


def reliability(probability: Array, labels: Array, bins: int = 10) -> list[dict[str, float]]:
    """Per probability decile: mean predicted, observed rate, rows; how calibration is shown."""
    p, y = np.asarray(probability, dtype=float), np.asarray(labels, dtype=float)
    edges = np.quantile(p, np.linspace(0, 1, bins + 1)) if len(p) else np.array([])
    out = []
    for lo, hi in itertools.pairwise(edges):
        inside = (p >= lo) & ((p < hi) | (hi == edges[-1]))
        if inside.any():
            out.append(
                {
                    "predicted": round(float(p[inside].mean()), 4),
                    "observed": round(float(y[inside].mean()), 4),
                    "rows": float(inside.sum()),
                }
            )
    return out
