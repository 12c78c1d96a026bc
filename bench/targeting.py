"""Benchmark: learned targeting on the Korea Customs Service synthetic declarations.

    python bench/targeting.py --train FILE [FILE...] --eval FILE [--seeds 5] [--json]

Trains greenlane's model (``greenlane.learn.train``) on the train files, scores the eval file
with the history of the training period only (no outcome of the eval period is ever used), and
reports for ``all`` eval rows and for ``unseen`` rows (whose (HS6, departure, origin, tax rate,
tax type, net mass) combination never occurs in training): precision at 1, 2, 5 and 10% of rows
inspected, recall at 5 and 10%, AUC, rows, and the share of the fraudulent declarations' duty
(Item Price x Tax Rate) that inspecting the top 5 and 10% would examine (``duty_recall_at_*``;
``--rank-by duty_at_risk`` ranks our model by probability x duty instead of probability).
In the same run, on the same rows, the baselines:

- ``label_encoded_lightgbm``: the paper's setting (Jeong et al. 2022, arXiv:2208.02484): every
  declared column label-encoded in order of first appearance in training (a value training never
  saw is missing), LightGBM with its default parameters and 0.8 row and column sampling so that
  seeds differ;
- ``lookup``: the combination's share of fraud in training, the training rate where unseen;
- ``random``.

Per seed every method's ties are broken by the same random order of the eval rows. With
``--seeds N``, each figure is the mean over N seeds and ``spread`` holds the standard deviation.
Times are for our model: training (with its time-aware validation) and scoring, per seed.

``--simulate-seeds N`` adds the exploration simulation (``greenlane.learn.exploration``) over
every month of the train and eval files together: month by month a model trained only on the
outcomes of what was inspected so far fills a ``--capacity`` share, with 0, 10, 20 and 30% of
it explored (``--mode random`` or ``uncertain``); figures are sums (hits) and means (AUC, top-pick
precision) over N seeds, for the first five simulated months (now) and the rest (later).

``--world-shipments N`` adds the same pipeline on a generated world (``--world-seed``): the
world is written to Parquet (not timed), its case files assembled and the indicators computed
(``greenlane.risk``); the model trains on the examination outcomes of the shipments filed in the
first 70% of the period (what an administration knows) and is scored against the injected
threats of the rest (the truth), with and without the case-file indicators as features.

The last line, with --json, is one JSON object.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_WAIT_POLICY", "passive")  # shared cores: idle threads must not spin

import argparse
import json
import time
from pathlib import Path
from typing import Any

# script in this folder: import the package with the folder off the path.
import lightgbm as lgb
import numpy as np
import polars as pl

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.learn import TrainConfig, read_kcs, score, train
from greenlane.learn.exploration import Simulation, simulate, summarise
from greenlane.learn.history import KCS_IDENTICAL
from greenlane.learn.kcs import data_version
from greenlane.learn.metrics import targeting_metrics, top_k
from machine import machine

Array = np.ndarray[Any, Any]

PAPER_COLUMNS = (
    "office",
    "process_type",
    "import_type",
    "import_use",
    "payment_type",
    "transport_mode",
    "declarant",
    "importer",
    "seller",
    "courier",
    "hs6",
    "departure",
    "origin",
    "tax_rate",
    "tax_type",
    "origin_indicator",
    "net_mass",
    "item_price",
)
"""The declared columns the paper's models read (ID, date and the two labels left out)."""


def combination(frame: pl.DataFrame) -> pl.Series:
    return frame.select(
        pl.concat_str([pl.col(c).cast(pl.String) for c in KCS_IDENTICAL], separator="|")
    ).to_series()


def label_encoded(train_rows: pl.DataFrame, rows: pl.DataFrame) -> Array:
    """The paper's encoding: codes in order of first appearance in training; mass and price
    as numbers (their min-max scaling changes nothing for trees)."""
    out = []
    for c in PAPER_COLUMNS:
        if c in ("net_mass", "item_price"):
            out.append(rows[c].to_numpy().astype(float))
            continue
        values = train_rows[c].cast(pl.String).unique(maintain_order=True).drop_nulls()
        codes = (
            rows[c]
            .cast(pl.String)
            .replace_strict(values, range(len(values)), default=None, return_dtype=pl.Float64)
        )
        out.append(codes.fill_null(float("nan")).to_numpy())
    return np.column_stack(out)


def paper_lightgbm(train_rows: pl.DataFrame, rows: pl.DataFrame, seed: int) -> Array:
    params = {
        "objective": "binary",
        "seed": seed,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "feature_fraction": 0.8,
        "num_threads": 2,
        "verbose": -1,
    }
    data = lgb.Dataset(label_encoded(train_rows, train_rows), train_rows["label"].to_numpy())
    booster = lgb.train(params, data, num_boost_round=100)
    scores: Array = np.asarray(booster.predict(label_encoded(train_rows, rows)))
    return scores


def lookup(train_rows: pl.DataFrame, rows: pl.DataFrame) -> Array:
    past = (
        train_rows.with_columns(k=combination(train_rows))
        .group_by("k")
        .agg(rate=pl.col("label").cast(pl.Float64).mean())
    )
    prior = float(train_rows["label"].mean() or 0.0)
    found = rows.with_columns(k=combination(rows)).join(past, on="k", how="left")
    scores: Array = found["rate"].fill_null(prior).to_numpy()
    return scores


def duty_recall(scores: Array, labels: Array, duty: Array, share: float) -> float:
    """Share of the duty on fraudulent declarations that the top ``share`` inspects."""
    found = duty * (labels == 1)
    total = float(found.sum())
    return float(found[top_k(scores, share)].sum() / total) if total else float("nan")


def measured(
    scores: Array, labels: Array, unseen: Array, duty: Array, order: Array
) -> dict[str, Any]:
    s, y, u, d = scores[order], labels[order], unseen[order], duty[order]
    out = {"all": targeting_metrics(s, y), "unseen": targeting_metrics(s[u], y[u])}
    for part, rows in (("all", slice(None)), ("unseen", u)):
        for share in (5, 10):
            out[part][f"duty_recall_at_{share}"] = duty_recall(
                s[rows], y[rows], d[rows], share / 100
            )
    return out


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean per figure, and the standard deviation over seeds under ``spread``."""
    out: dict[str, Any] = {"spread": {}}
    for part in ("all", "unseen"):
        keys = runs[0][part].keys()
        values = {k: np.array([r[part][k] for r in runs]) for k in keys}
        out[part] = {k: round(float(v.mean()), 4) for k, v in values.items()}
        out["spread"][part] = {
            k: round(float(v.std()), 4) for k, v in values.items() if k != "rows"
        }
    return out


def table(result: dict[str, Any]) -> str:
    rows = [("greenlane", result), *result["baselines"].items()]
    head = "| method | rows | P@1% | P@2% | P@5% | P@10% | R@5% | R@10% | AUC | D@5% | D@10% |"
    lines = [head, "|" + "---|" * 11]
    for name, r in rows:
        for part in ("all", "unseen"):
            m, sd = r[part], r["spread"][part]
            cells = [
                f"{m[k]:.3f} ± {sd[k]:.3f}"
                for k in (
                    "p_at_1",
                    "p_at_2",
                    "p_at_5",
                    "p_at_10",
                    "recall_at_5",
                    "recall_at_10",
                    "auc",
                    "duty_recall_at_5",
                    "duty_recall_at_10",
                )
            ]
            lines.append(f"| {name} ({part}) | {m['rows']:.0f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def exploration(frame: pl.DataFrame, seeds: int, capacity: float, mode: str) -> dict[str, Any]:
    """The simulation per seed, summed (hits, inspected) or averaged (AUC, precision)."""
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    for seed in range(seeds):
        config = Simulation(capacity=capacity, mode=mode, seed=seed)  # type: ignore[arg-type]
        rows += [dict(r, seed=seed) for r in summarise(simulate(frame, config))]
    per = (
        pl.DataFrame(rows)
        .group_by("explore", "phase", maintain_order=True)
        .agg(
            pl.col("hits").mean(),
            pl.col("hits_vs_no_exploration").mean(),
            pl.col("hits_vs_no_exploration").std().alias("hits_vs_no_exploration_std"),
            pl.col("inspected").mean(),
            pl.col("precision").mean().round(4),
            pl.col("auc").mean().round(4),
            pl.col("auc").std().round(4).alias("auc_std"),
            pl.col("model_precision").mean().round(4),
        )
    )
    return {
        "capacity": capacity,
        "mode": mode,
        "seeds": seeds,
        "seconds": round(time.perf_counter() - started, 1),
        "summary": per.to_dicts(),
    }


def world_run(shipments: int, seed: int) -> dict[str, Any]:
    """Train on a world's examination outcomes, score its later shipments against the threats."""
    import tempfile

    from greenlane.learn.declarations import declarations, shipment_spec
    from greenlane.risk.indicators import compute_indicators
    from greenlane.store.parquet import ParquetFrames
    from greenlane.world import WorldConfig, build_world, write_parquet
    from world_cases import world_case_files

    out: dict[str, Any] = {"shipments": shipments, "seed": seed}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        world = build_world(WorldConfig(seed=seed, shipments=shipments))
        write_parquet(world, folder)
        t = time.perf_counter()
        indicators, _ = compute_indicators(world_case_files(folder, world)[0])
        frames = ParquetFrames(folder)
        out["case_files_seconds"] = round(time.perf_counter() - t, 1)
        for name, extra in (("declarations_only", None), ("with_case_file", indicators)):
            seen = declarations(frames, "inspections", extra)
            truth = declarations(frames, "threats", extra)
            cut = seen["date"].sort()[int(seen.height * 0.7)]
            past = seen.filter(pl.col("date") < cut)
            later = truth.filter(pl.col("date") >= cut)
            t = time.perf_counter()
            model = train(past, TrainConfig(spec=shipment_spec()))
            p = score(model, later, explain=False)["probability"].to_numpy()
            out[name] = {
                **targeting_metrics(p, later["label"].to_numpy()),
                "trained_on_outcomes": int(past["label"].is_not_null().sum()),
                "outcomes_found": int(past["label"].sum() or 0),
                "threat_rate": float(later["label"].mean() or 0.0),  # type: ignore[arg-type]
                "groups": model.meta["groups"],
                "seconds": round(time.perf_counter() - t, 2),
            }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", nargs="+", required=True, type=Path)
    parser.add_argument("--eval", required=True, type=Path)
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--rank-by", choices=["probability", "duty_at_risk"], default="probability")
    parser.add_argument("--simulate-seeds", type=int, default=0)
    parser.add_argument("--capacity", type=float, default=0.10)
    parser.add_argument("--mode", choices=["random", "uncertain"], default="random")
    parser.add_argument("--world-shipments", type=int, default=0)
    parser.add_argument("--world-seed", type=int, default=11)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    t0 = time.perf_counter()
    train_rows, eval_rows = read_kcs(args.train), read_kcs([args.eval])
    read_s = time.perf_counter() - t0
    labels = eval_rows["label"].to_numpy()
    duty = eval_rows["duty"].fill_null(0.0).to_numpy()
    unseen = (~combination(eval_rows).is_in(combination(train_rows).implode())).to_numpy()
    ours, paper, memory, chance, seconds = [], [], [], [], []
    model_meta: dict[str, Any] = {}
    for seed in range(args.seeds):
        order = np.random.default_rng(seed).permutation(eval_rows.height)
        t = time.perf_counter()
        model = train(train_rows, TrainConfig(seed=seed), data_version(args.train))
        scored = score(model, eval_rows, rank_by=args.rank_by, explain=False)
        seconds.append(time.perf_counter() - t)
        key = "probability" if args.rank_by == "probability" else "duty_at_risk"
        ours.append(measured(scored[key].fill_null(0.0).to_numpy(), labels, unseen, duty, order))
        model_meta = {k: model.meta[k] for k in ("groups", "selection", "params")}
        paper_scores = paper_lightgbm(train_rows, eval_rows, seed)
        paper.append(measured(paper_scores, labels, unseen, duty, order))
        memory.append(measured(lookup(train_rows, eval_rows), labels, unseen, duty, order))
        noise = np.random.default_rng(1000 + seed).random(eval_rows.height)
        chance.append(measured(noise, labels, unseen, duty, order))
    result = summary(ours)
    result["baselines"] = {
        "label_encoded_lightgbm": summary(paper),
        "lookup": summary(memory),
        "random": summary(chance),
    }
    result["seeds"] = args.seeds
    result["rank_by"] = args.rank_by
    result["seconds"] = {
        "read": round(read_s, 2),
        "train_and_score_mean": round(float(np.mean(seconds)), 2),
        "train_and_score_max": round(float(np.max(seconds)), 2),
        "total": round(time.perf_counter() - t0, 2),
    }
    result["data"] = {
        "train": [str(p) for p in args.train],
        "eval": str(args.eval),
        "train_rows": train_rows.height,
        "eval_rows": eval_rows.height,
        "unseen_rows": int(unseen.sum()),
        "train_version": data_version(args.train),
        "eval_version": data_version([args.eval]),
        "history": "training period only",
    }
    result["model"] = model_meta
    result["machine"] = machine()
    print(table(result))
    if args.simulate_seeds:
        both = pl.concat([train_rows, eval_rows])
        result["exploration"] = exploration(both, args.simulate_seeds, args.capacity, args.mode)
        print(pl.DataFrame(result["exploration"]["summary"]))
    if args.world_shipments:
        result["world"] = world_run(args.world_shipments, args.world_seed)
        for name in ("declarations_only", "with_case_file"):
            w = result["world"][name]
            print(
                f"world, {name}: AUC {w['auc']:.3f}, P@5% {w['p_at_5']:.3f}, "
                f"R@5% {w['recall_at_5']:.3f} ({w['trained_on_outcomes']} outcomes)"
            )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
