"""Training with time-aware validation only: learn on earlier months, judge on later ones.

1. The labelled declarations are split by date: the last ``validation_share`` of them (whole
   days) is the validation period, the rest the fitting period. Fitting rows get their history
   as it stood before each of them; validation rows get the fitting period's history frozen,
   exactly as declarations scored after training will. The fitting period's hit rate is the
   prior every smoothed rate leans on, then and after.
2. Groups of history features (goods, route, parties) and the codes join the model one by one,
   each kept only if it raises the AUC on validation declarations with no identical earlier
   declaration (the ones a memory cannot answer) by at least ``min_gain`` (0.01: smaller
   differences are within what a few thousand novel rows can tell apart).
3. The booster stops adding trees when the log-loss on the novel validation rows stops
   falling (``stop_on="novel"``): on every row it keeps falling long after, because repeated
   declarations keep being memorised, while the ranking of new ones already gets worse. The
   validation margins fit the Platt calibration and give the recorded metrics.
4. The model is refitted on every labelled row with that many trees, and the history frozen
   from all of them is saved with it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

import lightgbm as lgb
import numpy as np
import polars as pl

from greenlane.errors import ConfigurationError
from greenlane.learn.artefact import Artefact
from greenlane.learn.calibrate import fit_platt, reliability
from greenlane.learn.drift import profile
from greenlane.learn.features import (
    GROUPS,
    FeatureSpec,
    learn_vocabulary,
    scoring_matrix,
    to_numpy,
    training_matrix,
)
from greenlane.learn.history import IDENTICAL, snapshot
from greenlane.learn.metrics import targeting_metrics

Array = np.ndarray[Any, Any]

DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.03,
    "num_leaves": 15,
    "feature_fraction": 0.7,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "force_col_wise": True,
}
"""Small trees, slow learning, row and column sampling: the history features are strong and
noisy, and these keep the model from trusting a single one too far. Leaves hold at least
``min_leaf(rows)`` rows unless ``min_data_in_leaf`` is given."""


def min_leaf(rows: int) -> int:
    """1% of the training rows, between 5 and 50: large enough that a leaf is not one importer's
    luck, small enough that a rare indicator (a broken seal on 1 in 20 inspected boxes) can
    still have a leaf of its own when only a few hundred inspections are known."""
    return max(5, min(50, rows // 100))


@dataclass(frozen=True)
class TrainConfig:
    spec: FeatureSpec = field(default_factory=FeatureSpec)
    params: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_PARAMS))
    max_rounds: int = 1000
    early_stopping: int = 100
    validation_share: float = 0.25
    select_groups: bool = True
    min_gain: float = 0.01
    stop_on: Literal["novel", "all"] = "novel"
    seed: int = 0
    threads: int = 2


def split_by_time(frame: pl.DataFrame, share: float) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(earlier, later): the later part holds the last ``share`` of rows, whole days only."""
    dates = frame["date"].sort()
    if dates.n_unique() < 2:
        raise ConfigurationError("time-aware validation needs declarations on two days at least")
    cut = dates[min(len(dates) - 1, int(len(dates) * (1 - share)))]
    if cut == dates[0]:
        cut = dates.unique().sort()[1]
    return frame.filter(pl.col("date") < cut), frame.filter(pl.col("date") >= cut)


def _rate(frame: pl.DataFrame) -> float:
    """Share of labelled rows where something was found."""
    return float(frame["label"].cast(pl.Float64).mean() or 0.0)  # type: ignore[arg-type]


def _params(config: TrainConfig, rows: int) -> dict[str, Any]:
    return {
        "min_data_in_leaf": min_leaf(rows),
        **config.params,
        "seed": config.seed,
        "num_threads": config.threads,
    }


def fit_booster(
    config: TrainConfig,
    x: Array,
    y: Array,
    names: list[str],
    rounds: int,
    valid: tuple[Array, Array] | None = None,
) -> lgb.Booster:
    """A booster on ``x``; with ``valid``, stopped when its log-loss stops falling."""
    data = lgb.Dataset(x, y, feature_name=names, free_raw_data=True)
    params = _params(config, len(y))
    if valid is None:
        return lgb.train(params, data, num_boost_round=rounds)
    check = lgb.Dataset(valid[0], valid[1], reference=data)
    return lgb.train(
        {**params, "metric": "binary_logloss"},
        data,
        num_boost_round=rounds,
        valid_sets=[check],
        callbacks=[lgb.early_stopping(config.early_stopping, verbose=False)],
    )


@dataclass
class _Split:
    spec: FeatureSpec
    prior: float
    fit: pl.DataFrame
    valid: pl.DataFrame
    x_fit: pl.DataFrame
    x_valid: pl.DataFrame

    def novel(self) -> Array:
        """Validation rows with no identical labelled declaration in the fitting period."""
        column = f"h_{IDENTICAL}_n"
        if column not in self.x_valid.columns:
            return np.ones(self.x_valid.height, dtype=bool)
        novel: Array = (self.x_valid[column] == 0).to_numpy()
        return novel


def _prepare(spec: FeatureSpec, frame: pl.DataFrame, share: float) -> _Split:
    fit, valid = split_by_time(frame, share)
    spec = learn_vocabulary(spec, fit)
    prior = _rate(fit)
    return _Split(
        spec,
        prior,
        fit,
        valid,
        training_matrix(spec, fit, prior),
        scoring_matrix(spec, valid, snapshot(fit, spec.keys), prior),
    )


def _validate(config: TrainConfig, split: _Split, spec: FeatureSpec) -> tuple[lgb.Booster, Array]:
    """A booster on the fitting period, stopped by the log-loss on the validation rows
    ``stop_on`` names, and its margins on every validation row."""
    names = spec.used
    watch = split.novel() if config.stop_on == "novel" else np.ones(split.valid.height, bool)
    y = split.valid["label"].to_numpy()
    if not watch.any() or len(set(y[watch].tolist())) < 2:
        watch = np.ones(split.valid.height, dtype=bool)
    booster = fit_booster(
        config,
        to_numpy(split.x_fit.select(names)),
        split.fit["label"].to_numpy(),
        names,
        config.max_rounds,
        valid=(to_numpy(split.x_valid.select(names))[watch], y[watch]),
    )
    margin = np.asarray(
        booster.predict(
            to_numpy(split.x_valid.select(names)),
            num_iteration=booster.best_iteration,
            raw_score=True,
        )
    )
    return booster, margin


def select_groups(
    config: TrainConfig, split: _Split
) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """Greedy forward choice of feature groups by validation AUC on novel declarations."""
    novel, y = split.novel(), split.valid["label"].to_numpy()
    if not novel.any() or len(set(y[novel].tolist())) < 2:
        novel = np.ones(len(y), dtype=bool)
    chosen: tuple[str, ...] = ()
    _, margin = _validate(config, split, split.spec.with_groups(chosen))
    best = targeting_metrics(margin[novel], y[novel])["auc"]
    log = [{"groups": [], "novel_auc": round(best, 4), "kept": True}]
    for group in ("codes", *GROUPS):
        trial = (*chosen, group)
        _, margin = _validate(config, split, split.spec.with_groups(trial))
        auc = targeting_metrics(margin[novel], y[novel])["auc"]
        kept = auc >= best + config.min_gain
        log.append({"groups": list(trial), "novel_auc": round(auc, 4), "kept": kept})
        if kept:
            chosen, best = trial, auc
    return chosen, log


def train(
    frame: pl.DataFrame, config: TrainConfig | None = None, data_version: str = ""
) -> Artefact:
    """A calibrated model from the labelled rows of the canonical ``frame``."""
    config = config or TrainConfig()
    started = time.perf_counter()
    labelled = frame.filter(pl.col("label").is_not_null())
    if labelled["label"].n_unique() < 2:
        raise ConfigurationError("training needs declarations with and without findings")
    split = _prepare(config.spec, labelled, config.validation_share)
    groups, selection = (
        select_groups(config, split) if config.select_groups else (config.spec.groups, [])
    )
    spec = split.spec.with_groups(groups)
    booster, margin = _validate(config, split, spec)
    y_valid = split.valid["label"].to_numpy()
    calibration = fit_platt(margin, y_valid)
    probability = calibration.apply(margin)
    novel = split.novel()
    rounds = max(1, round((booster.best_iteration or config.max_rounds) * 1.1))

    spec = learn_vocabulary(replace(spec, vocabulary={}), labelled)
    prior = split.prior  # one smoothing constant for validation, training and scoring
    x_all = training_matrix(spec, labelled, prior).select(spec.used)
    final = fit_booster(config, to_numpy(x_all), labelled["label"].to_numpy(), spec.used, rounds)
    dates = labelled["date"]
    meta = {
        "data_version": data_version,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": labelled.height,
        "period": [str(dates.min()), str(dates.max())],
        "validation_period": [str(split.valid["date"].min()), str(dates.max())],
        "params": {**_params(config, labelled.height), "rounds": rounds},
        "groups": list(groups),
        "selection": selection,
        "metrics": {
            "validation": {
                "all": targeting_metrics(probability, y_valid),
                "novel": targeting_metrics(probability[novel], y_valid[novel]),
            },
            "reliability": reliability(probability, y_valid),
        },
        "reference": profile(split.x_valid.select(spec.used), probability, y_valid),
        "seconds": round(time.perf_counter() - started, 2),
    }
    return Artefact(final, spec, snapshot(labelled, spec.keys), calibration, prior, meta)
