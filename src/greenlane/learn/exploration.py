"""Exploration: inspect some declarations the model would not pick, so it keeps learning.

A model trained only on what it chose to inspect sees fewer and fewer of the declarations it
scores low, and cannot notice when it is wrong about them (the WCO BACUDA customs-selection
studies make this point and mix exploitation with exploration). ``select`` fills an inspection
capacity with the model's top picks and gives a share of it to exploration: a random draw from
the rest, or the rest's least sure. Least sure is p(1 - p) / (1 + n), n the earlier inspections
of identical declarations: a probability near one half on a declaration never inspected before,
not one the model has seen go both ways many times (which, with a cut near one half, would only
be the next top picks again).

``simulate`` replays labelled months as an administration would live them: month after month,
the model trained on the outcomes of the declarations inspected so far scores the month, the
capacity is filled, and only the inspected declarations' outcomes join the history. Per month
and exploration share it reports the hits found (what the share costs now) and the AUC of that
month's model on the whole month (what the share buys later: a model that still ranks well the
declarations it no longer picks, and whose top picks alone would find more).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import polars as pl

from greenlane.errors import ConfigurationError
from greenlane.learn.history import IDENTICAL
from greenlane.learn.metrics import auc, precision_at
from greenlane.learn.score import matrix, probability
from greenlane.learn.train import TrainConfig, train

Array = np.ndarray[Any, Any]
Mode = Literal["random", "uncertain"]
EVIDENCE = f"h_{IDENTICAL}_n"


def select(
    scores: Array,
    capacity: float,
    explore: float,
    mode: Mode = "random",
    rng: np.random.Generator | None = None,
    evidence: Array | None = None,
) -> tuple[Array, Array]:
    """(selected, explored) boolean masks: ``capacity`` (share of rows, at least one) inspected,
    ``explore`` of it (share of the capacity) chosen outside the model's top picks;
    ``evidence`` is n per row for the least-sure mode (none: every row counts as unseen)."""
    if not 0 <= explore <= 1 or not 0 < capacity <= 1:
        raise ConfigurationError("capacity must be in (0, 1] and the exploration share in [0, 1]")
    rng = rng or np.random.default_rng(0)
    p = np.asarray(scores, dtype=float)
    k = max(1, round(len(p) * capacity))
    k_explore = round(k * explore)
    order = np.argsort(-p, kind="stable")
    top, rest = order[: k - k_explore], order[k - k_explore :]
    if mode == "random":
        chosen = rng.choice(rest, size=min(k_explore, len(rest)), replace=False)
    else:
        n = np.zeros(len(p)) if evidence is None else np.nan_to_num(np.asarray(evidence, float))
        doubt = p * (1 - p) / (1 + n)
        chosen = rest[np.argsort(-doubt[rest], kind="stable")[:k_explore]]
    selected = np.zeros(len(p), dtype=bool)
    explored = np.zeros(len(p), dtype=bool)
    selected[top] = True
    selected[chosen] = True
    explored[chosen] = True
    return selected, explored


@dataclass(frozen=True)
class Simulation:
    capacity: float = 0.10
    shares: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3)
    mode: Mode = "random"
    seed: int = 0
    train: TrainConfig = field(
        default_factory=lambda: TrainConfig(select_groups=False, max_rounds=300, early_stopping=50)
    )


def _months(frame: pl.DataFrame) -> list[pl.DataFrame]:
    return frame.with_columns(m=pl.col("date").dt.truncate("1mo")).partition_by(
        "m", maintain_order=True, include_key=False
    )


def simulate(frame: pl.DataFrame, config: Simulation | None = None) -> list[dict[str, Any]]:
    """One row per exploration share and month (from the second): declarations, inspected,
    explored, hits, hits among explored, precision, and, on every declaration of the month
    (which a simulation knows and an administration does not), the month model's AUC and
    ``model_precision``: the precision its top picks alone would have had at that capacity.
    The first month is inspected at random (no model yet) at the same capacity."""
    config = config or Simulation()
    months = _months(frame.filter(pl.col("label").is_not_null()))
    if len(months) < 3:
        raise ConfigurationError("the simulation needs three months of labelled declarations")
    out = []
    for share in config.shares:
        rng = np.random.default_rng(config.seed)
        first = months[0]
        picked, _ = select(rng.random(first.height), config.capacity, 1.0, "random", rng)
        known = first.filter(pl.Series(picked))
        for index, month in enumerate(months[1:], start=1):
            settings = replace(config.train, seed=config.seed + index)
            model = train(known, settings)
            p = probability(model, month)
            seen = matrix(model, month)
            evidence = seen[EVIDENCE].to_numpy() if EVIDENCE in seen.columns else None
            selected, explored = select(p, config.capacity, share, config.mode, rng, evidence)
            y = month["label"].to_numpy()
            out.append(
                {
                    "explore": share,
                    "month": str(month["date"].min())[:7],
                    "declarations": month.height,
                    "inspected": int(selected.sum()),
                    "explored": int(explored.sum()),
                    "hits": int(y[selected].sum()),
                    "hits_explored": int(y[explored].sum()),
                    "precision": round(float(y[selected].mean()), 4),
                    "auc": round(auc(p, y), 4),
                    "model_precision": round(precision_at(p, y, config.capacity), 4),
                    "known_outcomes": known.height,
                }
            )
            known = pl.concat([known, month.filter(pl.Series(selected))])
    return out


def summarise(rows: list[dict[str, Any]], later_from: int = 6) -> list[dict[str, Any]]:
    """Per exploration share: hits and AUC over the first ``later_from - 1`` simulated months
    (now) and over the rest (later), and the hits against no exploration."""
    frame = pl.DataFrame(rows).with_columns(
        phase=pl.when(pl.int_range(pl.len()).over("explore") < later_from - 1)
        .then(pl.lit("now"))
        .otherwise(pl.lit("later"))
    )
    per = frame.group_by("explore", "phase").agg(
        pl.col("hits").sum(),
        pl.col("inspected").sum(),
        pl.col("auc").mean(),
        pl.col("model_precision").mean(),
    )
    base = per.filter(pl.col("explore") == 0).select("phase", base_hits="hits")
    return (
        per.join(base, on="phase", how="left")
        .with_columns(
            precision=(pl.col("hits") / pl.col("inspected")).round(4),
            hits_vs_no_exploration=pl.col("hits") - pl.col("base_hits"),
            auc=pl.col("auc").round(4),
            model_precision=pl.col("model_precision").round(4),
        )
        .drop("base_hits")
        .sort("explore", pl.col("phase") == "later")
        .to_dicts()
    )
