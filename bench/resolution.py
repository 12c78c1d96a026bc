"""Benchmark: trade-party entity resolution on the labelled benchmark the world generator builds.

    python bench/resolution.py --json [--records 100000] [--seed 2]
    python bench/resolution.py --train [--train-seed 1] [--train-records 100000]

``er_bench`` (bench/er_bench.py) writes the world's companies the way filings do: legal
forms rewritten or dropped, abbreviations, typing slips, other scripts and romanisations, moved
and missing addresses, identifiers mostly missing and sometimes mistyped; with sister companies
and companies at one formation agent's address as hard negatives. Generating it is not timed.

Timed, in this process: ``resolve`` on all records (normalising, blocking, Splink on DuckDB,
clustering, entity ids) and, as the baseline, grouping the records by their normalised name
(legal form removed): the same normalisation, without the model. Precision and recall are
pairwise over records: a pair is a true pair when both records are the same entity.

Then incremental mode: the records of the last ``--incremental`` share of time are taken out,
the rest resolved in batch, and the held-out ones matched against that index ten at a time (a
filing's parties); the entity each gets is compared with the one the full batch gives it.

``--train`` fits the packaged model (u from random pairs, m from the labels) on a benchmark
generated with another seed and rewrites src/greenlane/parties/resolution/trained.py.
The last line, with --json, is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import polars as pl

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from er_bench import er_bench
from greenlane.parties.resolution import EntityIndex, resolve
from greenlane.parties.resolution.cluster import Groups
from greenlane.parties.resolution.features import record_features, variants
from greenlane.parties.resolution.model import model_source
from greenlane.parties.resolution.splink_run import train
from greenlane.parties.resolution.trained import MODEL
from machine import machine

TRAINED = Path(__file__).parents[1] / "src/greenlane/parties/resolution/trained.py"


def pairs(frame: pl.DataFrame, by: Iterable[str]) -> int:
    sizes = frame.group_by(list(by)).len()["len"]
    return int((sizes * (sizes - 1) // 2).sum())


def pairwise(assigned: pl.DataFrame) -> dict[str, float]:
    """Pairwise precision and recall of ``cluster`` against ``entity``."""
    tp = pairs(assigned, ["entity", "cluster"])
    predicted, true = pairs(assigned, ["cluster"]), pairs(assigned, ["entity"])
    return {
        "precision": tp / predicted if predicted else 1.0,
        "recall": tp / true if true else 1.0,
        "true_pairs": true,
        "predicted_pairs": predicted,
    }


def by_alteration(assigned: pl.DataFrame) -> pl.DataFrame:
    """Per alteration: the share of each altered record's true partners found with it."""
    sizes = assigned.group_by("entity").len().rename({"len": "n"})
    both = assigned.group_by("entity", "cluster").len().rename({"len": "k"})
    rec = assigned.join(sizes, on="entity").join(both, on=["entity", "cluster"])
    rec = rec.filter(pl.col("n") > 1).with_columns(r=(pl.col("k") - 1) / (pl.col("n") - 1))
    return (
        rec.explode("alterations")
        .group_by(pl.col("alterations").fill_null("none").alias("alteration"))
        .agg(pl.len().alias("records"), pl.col("r").mean().alias("recall"))
        .sort("recall")
    )


def false_merges(assigned: pl.DataFrame, names: pl.DataFrame) -> dict[str, int]:
    """Record pairs of two entities put together, by kind: sisters, one agent's address,
    namesakes (one normalised name), other."""
    counts = assigned.group_by("cluster", "entity").agg(
        pl.len().alias("n"), pl.col("group").first()
    )
    norm = dict(zip(names["entity"].to_list(), names["name_norm"].to_list(), strict=True))
    out = {"sister": 0, "agent": 0, "namesake": 0, "other": 0}
    for _cluster, part in counts.group_by("cluster"):
        rows = part.rows(named=True)
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                ga, gb = a["group"] or "", b["group"] or ""
                family = {ga.removeprefix("sister:"), gb.removeprefix("sister:")}
                if ga.startswith("agent") and ga == gb:
                    kind = "agent"
                elif (ga.startswith("sister") or gb.startswith("sister")) and (
                    len(family) == 1 or {a["entity"], b["entity"]} & family
                ):
                    kind = "sister"
                elif norm.get(a["entity"]) == norm.get(b["entity"]):
                    kind = "namesake"
                else:
                    kind = "other"
                out[kind] += a["n"] * b["n"]
    return out


def baseline_names(features: pl.DataFrame) -> pl.DataFrame:
    """Records with the same normalised name are one entity; a record without one is alone."""
    return features.select(
        "record_key",
        cluster=pl.coalesce(pl.col("name_norm"), pl.lit("\x00") + pl.col("record_key")),
    )


def baseline_identifiers(features: pl.DataFrame) -> pl.DataFrame:
    """Records sharing an identifier value are one entity (transitively)."""
    groups = Groups()
    keys = features["record_key"].to_list()
    for key in keys:
        groups.add(key, None)
    first: dict[str, str] = {}
    for key, ids in zip(keys, features["ids"].to_list(), strict=True):
        for ident in ids or ():
            if ident in first:
                groups.union(first[ident], key)
            else:
                first[ident] = key
    return pl.DataFrame({"record_key": keys, "cluster": [groups.find(k) for k in keys]})


def incremental(bench: pl.DataFrame, share: float, full: pl.DataFrame) -> dict[str, Any]:
    cut = bench["seen_at"].quantile(1 - share)
    known = bench.filter(pl.col("seen_at") < cut)
    new = bench.filter(pl.col("seen_at") >= cut).sort("seen_at", "record_key")
    index = EntityIndex(resolve(known))
    t0 = time.perf_counter()
    parts = [index.match(new.slice(i, 10)) for i in range(0, new.height, 10)]
    seconds = time.perf_counter() - t0
    got = pl.concat(parts).join(full.select("record_key", batch="entity_id"), on="record_key")
    return {
        "known_records": known.height,
        "new_records": new.height,
        "ms_per_filing_of_10": round(1000 * seconds / max(1, len(parts)), 1),
        "agreement": round(float((got["entity_id"] == got["batch"]).mean() or 0), 4),
        "how": dict(got.group_by("how").len().iter_rows()),
    }


def run(records: int, seed: int, share: float) -> dict[str, Any]:
    bench = er_bench(seed, records)
    truth = bench.select("record_key", "entity", "alterations", "group")

    t0 = time.perf_counter()
    res = resolve(bench)
    seconds = time.perf_counter() - t0
    assigned = truth.join(res.records.select("record_key", cluster="entity_id"), on="record_key")

    t0 = time.perf_counter()
    feats = record_features(bench)
    base = baseline_names(feats)
    base_seconds = time.perf_counter() - t0
    base_assigned = truth.join(base, on="record_key")
    ids_assigned = truth.join(baseline_identifiers(feats), on="record_key")
    names = feats.group_by("entity").agg(pl.col("name_norm").mode().sort().first())

    ours, baseline = pairwise(assigned), pairwise(base_assigned)
    return {
        "machine": machine(),
        "data": {
            "seed": seed,
            "records": bench.height,
            "entities": bench["entity"].n_unique(),
            "variants": res.variants.height,
            "true_pairs": ours["true_pairs"],
            "hard_negative_entities": dict(
                bench.select(pl.col("group").str.split(":").list.first(), "entity")
                .unique()
                .group_by("group")
                .len()
                .drop_nulls()
                .iter_rows()
            ),
        },
        "model": {
            "trained_on": MODEL.trained_on,
            "threshold": MODEL.threshold,
            "attach": MODEL.attach,
        },
        "er_precision": round(ours["precision"], 4),
        "er_recall": round(ours["recall"], 4),
        "baseline_precision": round(baseline["precision"], 4),
        "baseline_recall": round(baseline["recall"], 4),
        "identifier_baseline_precision": round(pairwise(ids_assigned)["precision"], 4),
        "identifier_baseline_recall": round(pairwise(ids_assigned)["recall"], 4),
        "seconds": round(seconds, 2),
        "baseline_seconds": round(base_seconds, 2),
        "entities_found": res.entities.height,
        "link_outcomes": dict(res.links.group_by("outcome").len().iter_rows()),
        "false_merges": false_merges(assigned, names),
        "baseline_false_merges": false_merges(base_assigned, names),
        "recall_by_alteration": {
            r["alteration"]: [r["records"], round(r["recall"], 4)]
            for r in by_alteration(assigned).iter_rows(named=True)
        },
        "incremental": incremental(bench, share, res.records),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def retrain(seed: int, records: int, threshold: float, attach: float) -> None:
    bench = er_bench(seed, records)
    feats = record_features(bench)
    var = variants(feats)
    label = feats.group_by("unique_id").agg(pl.col("entity").mode().sort().first())
    model = train(
        var.join(label, on="unique_id"),
        "entity",
        threshold=threshold,
        attach=attach,
        trained_on=f"er_bench(seed={seed}, records={records})",
    )
    TRAINED.write_text(model_source(model))
    print(f"wrote {TRAINED} ({model.metrics})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--incremental", type=float, default=0.01, help="Share held out.")
    parser.add_argument("--train", action="store_true", help="Refit the packaged model.")
    parser.add_argument("--train-seed", type=int, default=1)
    parser.add_argument("--train-records", type=int, default=100_000)
    parser.add_argument("--threshold", type=float, default=0.97, help="With --train.")
    parser.add_argument("--attach", type=float, default=0.8, help="With --train.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.train:
        retrain(args.train_seed, args.train_records, args.threshold, args.attach)
        return
    result = run(args.records, args.seed, args.incremental)
    d = result["data"]
    print(f"{d['records']:,} records of {d['entities']:,} entities ({d['variants']:,} variants)")
    print("| | precision | recall | seconds |\n|---|---:|---:|---:|")
    print(
        f"| greenlane | {result['er_precision']:.4f} | {result['er_recall']:.4f} "
        f"| {result['seconds']:.1f} |"
    )
    print(
        f"| exact normalised name | {result['baseline_precision']:.4f} "
        f"| {result['baseline_recall']:.4f} | {result['baseline_seconds']:.1f} |"
    )
    print(
        f"| shared identifier | {result['identifier_baseline_precision']:.4f} "
        f"| {result['identifier_baseline_recall']:.4f} | |"
    )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
