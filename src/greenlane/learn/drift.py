"""Drift: is the model still looking at the world it learnt from, and still finding things?

At training, the validation months (scored exactly as new declarations are) give a reference
profile: the score's deciles and each feature's deciles and missing share, and the hit rate.
``monitor`` puts recent declarations through the same bins and reports the population
stability index (PSI, sum of (recent - reference) x ln(recent / reference) over bins) of the
score and of every feature, and, where recent inspections have outcomes, the hit rate of those
inspected and the precision of the model's top picks against the reference.

Reading PSI the usual way: below 0.1 stable, 0.1 to 0.25 moving, above 0.25 shifted. The
monitor says retrain when the score has shifted, when a quarter of the features have, when
the model's top picks find markedly less than in validation, or when the model is older than
``max_age_days``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import polars as pl

from greenlane.learn.metrics import precision_at

Array = np.ndarray[Any, Any]
EPS = 1e-4
STABLE, SHIFTED = 0.1, 0.25


def _edges(values: Array, bins: int = 10) -> list[float]:
    finite = values[np.isfinite(values)]
    if not len(finite):
        return []
    return sorted(set(np.quantile(finite, np.linspace(0, 1, bins + 1))[1:-1].round(9).tolist()))


def _shares(values: Array, edges: list[float]) -> list[float]:
    """Share of rows per bin (``edges`` cut the finite values), and last the missing share."""
    finite = np.isfinite(values)
    counts = np.bincount(
        np.searchsorted(edges, values[finite], side="right"), minlength=len(edges) + 1
    )
    total = max(1, len(values))
    return [*(float(c) / total for c in counts), float((~finite).sum()) / total]


def psi(reference: list[float], recent: list[float]) -> float:
    return float(
        sum(
            (b - a) * math.log((b + EPS) / (a + EPS))
            for a, b in zip(reference, recent, strict=True)
        )
    )


def profile(matrix: pl.DataFrame, probability: Array, labels: Array | None) -> dict[str, Any]:
    """The reference: score and feature bins with their shares, hit rate, top-pick precision."""
    x = matrix.cast(pl.Float64).fill_null(float("nan")).to_numpy()
    out: dict[str, Any] = {"rows": len(probability), "features": {}}
    edges = _edges(np.asarray(probability))
    out["score"] = {"edges": edges, "shares": _shares(np.asarray(probability), edges)}
    for i, name in enumerate(matrix.columns):
        e = _edges(x[:, i])
        out["features"][name] = {"edges": e, "shares": _shares(x[:, i], e)}
    if labels is not None and len(labels):
        y = np.asarray(labels, dtype=float)
        out["hit_rate"] = float(y.mean())
        out["precision_at_10"] = precision_at(np.asarray(probability), y, 0.10)
    return out


@dataclass
class DriftReport:
    rows: int
    score_psi: float
    feature_psi: dict[str, float]
    hit_rate: float | None
    reference_hit_rate: float | None
    precision_at_10: float | None
    reference_precision_at_10: float | None
    age_days: int | None
    retrain: bool
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def monitor(
    reference: dict[str, Any],
    matrix: pl.DataFrame,
    probability: Array,
    labels: Array | None = None,
    trained_on: date | None = None,
    today: date | None = None,
    max_age_days: int = 180,
    precision_drop: float = 0.2,
) -> DriftReport:
    """Recent declarations (their features, scores and any known outcomes) against the
    reference profile; ``retrain`` with every reason that says so."""
    p = np.asarray(probability, dtype=float)
    x = matrix.cast(pl.Float64).fill_null(float("nan")).to_numpy()
    score_psi = psi(reference["score"]["shares"], _shares(p, reference["score"]["edges"]))
    features = {}
    for i, name in enumerate(matrix.columns):
        ref = reference["features"].get(name)
        if ref is not None:
            features[name] = round(psi(ref["shares"], _shares(x[:, i], ref["edges"])), 4)
    why = []
    if score_psi > SHIFTED:
        why.append(f"the score distribution has shifted (PSI {score_psi:.2f} > {SHIFTED})")
    moved = sorted((v, k) for k, v in features.items() if v > SHIFTED)
    if features and len(moved) >= max(1, len(features) // 4):
        names = ", ".join(k for _, k in moved[::-1][:5])
        why.append(f"{len(moved)} of {len(features)} features have shifted (most: {names})")
    hit = prec = None
    if labels is not None:
        known = ~np.isnan(np.asarray(labels, dtype=float))
        if known.sum() >= 20:
            y = np.asarray(labels, dtype=float)[known]
            hit = float(y.mean())
            prec = precision_at(p[known], y, 0.10)
            ref_prec = reference.get("precision_at_10")
            if ref_prec and prec < ref_prec * (1 - precision_drop):
                why.append(
                    f"top picks find less: precision at 10% {prec:.2f} against {ref_prec:.2f}"
                    " in validation"
                )
    age = (today - trained_on).days if trained_on and today else None
    if age is not None and age > max_age_days:
        why.append(f"the model is {age} days old (more than {max_age_days})")
    return DriftReport(
        rows=len(p),
        score_psi=round(score_psi, 4),
        feature_psi=dict(sorted(features.items(), key=lambda kv: -kv[1])),
        hit_rate=hit,
        reference_hit_rate=reference.get("hit_rate"),
        precision_at_10=prec,
        reference_precision_at_10=reference.get("precision_at_10"),
        age_days=age,
        retrain=bool(why),
        reasons=why,
    )
