"""Scoring with a saved model: calibrated probability, expected duty at risk, reasons.

``rank_by="duty_at_risk"`` orders by probability x duty, for an administration that weighs
revenue; the default orders by probability, for one that weighs compliance.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
import polars as pl

from greenlane.learn.artefact import Artefact
from greenlane.learn.explain import Context, reasons
from greenlane.learn.features import scoring_matrix, to_numpy
from greenlane.learn.history import IDENTICAL
from greenlane.learn.schema import conform

Array = np.ndarray[Any, Any]
RankBy = Literal["probability", "duty_at_risk"]


def context(artefact: Artefact) -> Context:
    """What the reasons need to speak of counts rather than smoothed rates."""
    same = next((k.columns for k in artefact.spec.keys if k.name == IDENTICAL), ())
    return Context(same, artefact.spec.smoothing, artefact.prior)


def matrix(artefact: Artefact, frame: pl.DataFrame) -> pl.DataFrame:
    """The features the model reads, for ``frame``, from its frozen history."""
    return scoring_matrix(artefact.spec, frame, artefact.history, artefact.prior).select(
        artefact.features
    )


def probability(artefact: Artefact, frame: pl.DataFrame) -> Array:
    """Calibrated probability that an inspection of each row finds something."""
    margin = np.asarray(artefact.booster.predict(to_numpy(matrix(artefact, frame)), raw_score=True))
    return artefact.calibration.apply(margin)


def score(
    artefact: Artefact,
    frame: pl.DataFrame,
    rank_by: RankBy = "probability",
    explain: bool = True,
) -> pl.DataFrame:
    """Per declaration of the canonical ``frame``: ``probability``, ``duty_at_risk``
    (probability x duty, null without a duty), ``rank`` (1 = inspect first) and ``reasons``."""
    frame = conform(frame)
    x = to_numpy(matrix(artefact, frame))
    p = artefact.calibration.apply(np.asarray(artefact.booster.predict(x, raw_score=True)))
    out = (
        frame.select("declaration_id", "date", "duty")
        .with_columns(probability=pl.Series(p, dtype=pl.Float64))
        .with_columns(duty_at_risk=pl.col("probability") * pl.col("duty"))
    )
    key = "probability" if rank_by == "probability" else "duty_at_risk"
    out = out.with_columns(
        rank=pl.col(key).fill_null(0.0).rank("ordinal", descending=True).cast(pl.Int64)
    )
    if explain:
        contributions = artefact.booster.predict(x, pred_contrib=True)
        out = out.with_columns(
            reasons=pl.Series(
                reasons(np.asarray(contributions), x, artefact.features, context(artefact)),
                dtype=pl.List(pl.String),
            )
        )
    return out.drop("duty")


def risk_input(scored: pl.DataFrame) -> pl.DataFrame:
    """Scores in the shape ``greenlane.risk.score.score(model=...)`` reads (master_bill,
    probability): for world shipments, whose declaration id is the master bill."""
    return scored.select(master_bill="declaration_id", probability="probability")
