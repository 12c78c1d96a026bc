"""Benchmark: scoring and selection from stored case files, against a world's labelled threats.

    python bench/selection.py --shipments 100000 --capacity 0.02 --random-share 0.1 --json

Writes a world with labelled threats (``--threat-rate``, default 1%) to Parquet in a child
process, then assembles every shipment's case file (visibility, goods, screening against the
world's watch list; timed apart and reported, not part of the rate) and stores the case files as
Parquet. Then, timed:

- end to end: reading the case files, every indicator with its evidence, the national rule
  profile, scores with their reasons, and lanes within each port's daily capacity with their
  explanations, through the one decision pipeline (``greenlane.app.pipeline``) without program
  lists, so with no Green Lane benefit or mitigation (``bench/greenlane.py`` measures those);
- floor: reading the same case files, nothing else.

Examination capacity is ``--capacity`` of each port's shipments per day, of which
``--random-share`` is drawn at random. Shipments decided in the first ``--warmup-days`` are
scored (they use capacity) but not counted: the history indicators need a past. Precision is the
share of red (examined) shipments that carry a threat; recall the share of threatened shipments
sent red. ``checked_precision`` and ``checked_recall`` count red and yellow (documents check)
together: paperwork fraud is meant for the documents check. For each scenario,
``caught_by_scenario`` gives the share sent red, the share checked (red or yellow), and the
default rule that fires most often on it among rules that fire on at most 1% of clean
shipments.
The last line, with --json, is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import polars as pl

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.app.pipeline import decide
from greenlane.risk.casefile import read_case_files, write_case_files
from greenlane.risk.profiles import default_profile
from greenlane.risk.score import fired_rules
from greenlane.selection import Capacity, Limit, SelectionPolicy
from greenlane.world import WorldConfig, build_world
from machine import machine
from world_cases import world_case_files
from worlds import write_world

CLEAN_RATE_MAX = 0.01


def decide_all(folder: Path, policy: SelectionPolicy) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Case files to explained lane decisions: what the end-to-end rate measures."""
    decided = decide(read_case_files(folder), default_profile(), policy)
    return decided.lanes, decided.indicators


def floor(folder: Path) -> float:
    t = time.perf_counter()
    case = read_case_files(folder)
    assert case.shipments.height > 0
    return time.perf_counter() - t


def measure(
    decisions: pl.DataFrame, values: pl.DataFrame, labels: pl.DataFrame, warmup: timedelta
) -> dict[str, Any]:
    start = values["decided_at"].min()
    assert start is not None
    counted = values.filter(pl.col("decided_at") >= start + warmup).select("master_bill")
    d = decisions.join(counted, on="master_bill", how="semi")
    threats = labels.join(counted, on="master_bill", how="semi")
    threatened = set(threats["master_bill"].to_list())
    red = d.filter(pl.col("lane") == "red")
    red_bills = set(red["master_bill"].to_list())
    checked = set(d.filter(pl.col("lane").is_in(["red", "yellow"]))["master_bill"].to_list())
    fired = fired_rules(default_profile(), values).join(counted, on="master_bill", how="semi")
    clean = counted.filter(~pl.col("master_bill").is_in(list(threatened))).height
    clean_rate = (
        fired.filter(~pl.col("master_bill").is_in(list(threatened)))
        .group_by("rule")
        .agg(clean_rate=pl.len() / clean)
    )
    quiet = set(clean_rate.filter(pl.col("clean_rate") <= CLEAN_RATE_MAX)["rule"].to_list())
    quiet |= set(fired["rule"].unique().to_list()) - set(clean_rate["rule"].to_list())
    by_scenario: dict[str, Any] = {}
    for scenario, group in threats.group_by("scenario"):
        bills = set(group["master_bill"].to_list())
        per_rule = (
            fired.filter(pl.col("master_bill").is_in(list(bills)) & pl.col("rule").is_in(quiet))
            .group_by("rule")
            .agg(n=pl.col("master_bill").n_unique())
            .sort("n", "rule", descending=[True, False])
        )
        best = per_rule.row(0, named=True) if per_rule.height else None
        by_scenario[str(scenario[0])] = {
            "labelled": len(bills),
            "red": round(len(bills & red_bills) / len(bills), 4),
            "checked": round(len(bills & checked) / len(bills), 4),
            "rule": best["rule"] if best else None,
            "rule_recall": round(best["n"] / len(bills), 4) if best else 0.0,
        }
    rules = (
        fired.group_by("rule")
        .agg(
            hits=pl.len(),
            precision=pl.col("master_bill").is_in(list(threatened)).mean().round(4),
        )
        .join(clean_rate, on="rule", how="left")
        .with_columns(pl.col("clean_rate").fill_null(0.0).round(5))
        .sort("rule")
    )
    return {
        "counted_shipments": d.height,
        "threatened": len(threatened),
        "red": red.height,
        "red_by": dict(red.group_by("selected_by").len().sort("selected_by").iter_rows()),
        "precision": round(len(red_bills & threatened) / len(red_bills), 4) if red_bills else 0.0,
        "recall": round(len(red_bills & threatened) / len(threatened), 4) if threatened else 0.0,
        "checked_precision": round(len(checked & threatened) / len(checked), 4) if checked else 0.0,
        "checked_recall": round(len(checked & threatened) / len(threatened), 4)
        if threatened
        else 0.0,
        "lanes": dict(d.group_by("lane").len().sort("lane").iter_rows()),
        "caught_by_scenario": dict(sorted(by_scenario.items())),
        "rules": rules.to_dicts(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shipments", type=int, default=100_000)
    parser.add_argument("--capacity", type=float, default=0.02)
    parser.add_argument("--random-share", type=float, default=0.1)
    parser.add_argument("--threat-rate", type=float, default=0.01)
    parser.add_argument(
        "--red-threshold",
        type=float,
        default=SelectionPolicy().red_threshold,
        help="Lowest score examined for risk (default: the policy's).",
    )
    parser.add_argument("--warmup-days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2002)
    parser.add_argument("--workers", type=int, default=2, help="Processes writing the world.")
    parser.add_argument("--world", type=Path, help="Use the world already written in this folder.")
    parser.add_argument("--keep", type=Path, help="Write the world here and keep it.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    config = WorldConfig(seed=args.seed, shipments=args.shipments, threat_rate=args.threat_rate)
    policy = SelectionPolicy(
        examination=Capacity(Limit(share=args.capacity)),
        random_share=args.random_share,
        red_threshold=args.red_threshold,
    )
    with tempfile.TemporaryDirectory(prefix="greenlane-bench-") as tmp:
        folder = args.world or args.keep or Path(tmp)
        made = (
            {"reused": str(folder)}
            if args.world
            else write_world(
                folder,
                args.workers,
                seed=config.seed,
                shipments=config.shipments,
                threat_rate=config.threat_rate,
                include_seed_case=False,
            )
        )
        case, assembly = world_case_files(folder, build_world(config))
        cases = folder / "case"
        write_case_files(case, cases)
        n = case.shipments.height
        del case
        floor_seconds = min(floor(cases) for _ in range(3))
        t = time.perf_counter()
        decisions, values = decide_all(cases, policy)
        seconds = time.perf_counter() - t
        labels = pl.read_parquet(folder / "labels*.parquet", columns=["master_bill", "scenario"])
        result = {
            "world": {"shipments": n, "seed": args.seed, "threat_rate": args.threat_rate, **made},
            "capacity": args.capacity,
            "random_share": args.random_share,
            "red_threshold": args.red_threshold,
            "assembly_seconds": assembly,
            "seconds": round(seconds, 3),
            "shipments_per_s": round(n / seconds),
            "floor_seconds": round(floor_seconds, 3),
            "floor_shipments_per_s": round(n / floor_seconds),
            **measure(decisions, values, labels, timedelta(days=args.warmup_days)),
            "machine": machine(),
        }
    print(
        f"{n:,} shipments scored and selected in {result['seconds']} s "
        f"({result['shipments_per_s']:,}/s; reading the case files alone "
        f"{result['floor_shipments_per_s']:,}/s)"
    )
    print(
        f"red {result['red']:,} of {result['counted_shipments']:,} counted: precision "
        f"{result['precision']}, recall {result['recall']}; red or yellow: precision "
        f"{result['checked_precision']}, recall {result['checked_recall']}"
    )
    for name, s in result["caught_by_scenario"].items():
        print(
            f"  {name:24} red {s['red']:<7} checked {s['checked']:<7} best quiet rule "
            f"{s['rule'] or 'none'} (fires on {s['rule_recall']})"
        )
    if args.json:
        print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
