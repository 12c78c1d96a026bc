"""Targeting metrics: precision and recall when the top k% of declarations are inspected, AUC.

Precision at k% is the share of hits among the ``round(k% x rows)`` highest-scored rows (at
least one), the paper's Precision@k%. Ties are broken by row order, so callers that want a fair
draw among equal scores shuffle first (``bench/targeting.py`` does, per seed).
"""

from __future__ import annotations

from typing import Any

import numpy as np

Array = np.ndarray[Any, Any]

SHARES = (1, 2, 5, 10)


def top_k(scores: Array, share: float) -> Array:
    """Indices of the ``share`` (0..1) highest scores, highest first, ties in row order."""
    k = max(1, round(len(scores) * share))
    return np.argsort(-np.asarray(scores, dtype=float), kind="stable")[:k]


def precision_at(scores: Array, labels: Array, share: float) -> float:
    if len(labels) == 0:
        return float("nan")
    return float(np.asarray(labels)[top_k(scores, share)].mean())


def recall_at(scores: Array, labels: Array, share: float) -> float:
    total = float(np.asarray(labels).sum())
    if total == 0:
        return float("nan")
    return float(np.asarray(labels)[top_k(scores, share)].sum() / total)


def auc(scores: Array, labels: Array) -> float:
    """Area under the ROC curve by the rank-sum (Mann-Whitney) formula, ties counted half."""
    y = np.asarray(labels) == 1
    hits, misses = int(y.sum()), int((~y).sum())
    if hits == 0 or misses == 0:
        return float("nan")
    _, inverse, counts = np.unique(
        np.asarray(scores, dtype=float), return_inverse=True, return_counts=True
    )
    ends = np.cumsum(counts)
    ranks = ((ends - counts + 1 + ends) / 2)[inverse]
    return float((ranks[y].sum() - hits * (hits + 1) / 2) / (hits * misses))


def targeting_metrics(scores: Array, labels: Array) -> dict[str, float]:
    """``p_at_1, p_at_2, p_at_5, p_at_10, recall_at_5, recall_at_10, auc, rows``."""
    out = {f"p_at_{s}": precision_at(scores, labels, s / 100) for s in SHARES}
    out["recall_at_5"] = recall_at(scores, labels, 0.05)
    out["recall_at_10"] = recall_at(scores, labels, 0.10)
    out["auc"] = auc(scores, labels)
    out["rows"] = float(len(labels))
    return out
