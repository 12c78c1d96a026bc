"""Benchmark: the goods checks against a generated world's labelled goods scenarios.

    python bench/goods.py --json [--shipments 50000] [--seed 2002] [--history 0.6]

Writes a world to Parquet (in a child process, not timed), then judges its shipments the way a
customs office would over time: shipments are ordered by when their first filing came in, the
first ``--history`` share is the history (the references for unit values and package masses are
built from it alone), and every goods check runs on the lines of the rest. Journeys come from the
world's events through ``build_visibility`` (for the observed origin).

Scenarios: a judged shipment labelled with a scenario counts as found when a finding of a kind that
answers it names its bill; the false-positive rate is the share of judged shipments with no label
at all that get such a finding. The HS heading classifier is the default model (the HS
nomenclature and the package's trade phrase file), scored on the judged world's descriptions
that its phrases do not contain. The last line, with --json, is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.goods.assess import FINDINGS, GoodsRules, assess_goods
from greenlane.goods.classifier import (
    default_classifier,
    evaluate,
    goods_words,
    phrase_examples,
    split_phrases,
)
from greenlane.goods.consistency import evaluate_unseen_goods
from greenlane.store.parquet import ParquetFrames
from greenlane.visibility.batch import build_visibility_in_parts
from greenlane.visibility.frames import declared_from_frames
from machine import machine
from wording import world_examples
from worlds import write_world

ANSWERS = {
    "vague_description": (
        "vague_description",
        {
            "goods.description_vague",
            "goods.description_missing",
            "goods.description_too_short",
            "goods.description_code_only",
        },
    ),
    "wrong_hs_code": ("wrong_hs_code", {"goods.hs_description_mismatch"}),
    "undervaluation": ("undervaluation", {"goods.undervalued"}),
    "origin_laundering": ("origin_laundered", {"goods.origin_laundering"}),
}
"""Per reported scenario: the world's label, and the finding codes that answer it."""


def split_by_time(lines: pl.DataFrame, history_share: float) -> tuple[pl.DataFrame, set[str]]:
    """The bills whose first filing falls after the history share of all bills, in filing order."""
    first = lines.group_by("master_bill").agg(pl.col("filed_at").min()).sort("filed_at")
    cut = int(first.height * history_share)
    judged = set(first["master_bill"][cut:].to_list())
    return lines.filter(~pl.col("master_bill").is_in(list(judged))), judged


def scenarios(
    findings: pl.DataFrame, labels: pl.DataFrame, judged: set[str]
) -> dict[str, dict[str, Any]]:
    labels = labels.filter(pl.col("master_bill").is_in(list(judged)))
    labelled = set(labels["master_bill"].to_list())
    clean = judged - labelled
    out: dict[str, dict[str, Any]] = {}
    for name, (scenario, codes) in ANSWERS.items():
        mine = set(labels.filter(pl.col("scenario") == scenario)["master_bill"].to_list())
        hit = set(findings.filter(pl.col("code").is_in(list(codes)))["master_bill"].to_list())
        out[name] = {
            "labelled": len(mine),
            "found": len(mine & hit),
            "recall": round(len(mine & hit) / len(mine), 4) if mine else None,
            "clean_flagged": len(clean & hit),
            "false_positive_rate": round(len(clean & hit) / len(clean), 5) if clean else None,
        }
    return out


def clean_finding_rates(
    findings: pl.DataFrame, labels: pl.DataFrame, judged: set[str]
) -> dict[str, float]:
    """Share of judged clean shipments with each finding code: what an officer would see."""
    clean = judged - set(labels["master_bill"].to_list())
    per_code = (
        findings.filter(pl.col("master_bill").is_in(list(clean)))
        .select("master_bill", "code")
        .unique()
        .group_by("code")
        .len()
        .sort("code")
    )
    return {c: round(n / len(clean), 5) for c, n in per_code.iter_rows()} if clean else {}


def run(folder: Path, history_share: float) -> dict[str, Any]:
    frames = ParquetFrames(folder)
    lines = frames.goods_lines()
    history, judged = split_by_time(lines, history_share)
    batch = lines.filter(pl.col("master_bill").is_in(list(judged)))
    declared = declared_from_frames(frames.filings(), lines)
    t = time.perf_counter()
    built = build_visibility_in_parts(frames.events(), frames.seal_readings(), declared, 1)
    trips = pl.concat(p.trips for p in built)
    visibility_seconds = time.perf_counter() - t
    classifier = default_classifier()
    t = time.perf_counter()
    findings = assess_goods(batch, history, GoodsRules(), trips=trips, classifier=classifier)
    seconds = time.perf_counter() - t
    labels = pl.read_parquet(folder / "labels*.parquet", columns=["master_bill", "scenario"])
    assert set(findings.columns) == set(FINDINGS)
    priced = (
        findings.drop_nulls("duty_at_risk")
        .group_by("code", "currency")
        .agg(findings=pl.len(), duty_at_risk=pl.col("duty_at_risk").sum().round(2))
        .sort("code", "currency")
    )
    return {
        "lines": lines.height,
        "judged_shipments": len(judged),
        "judged_lines": batch.height,
        "seconds": round(seconds, 2),
        "lines_per_s": round(batch.height / seconds),
        "visibility_seconds": round(visibility_seconds, 2),
        "findings": findings.height,
        "scenarios": scenarios(findings, labels, judged),
        "clean_finding_rates": clean_finding_rates(findings, labels, judged),
        "duty_at_risk": priced.to_dicts(),
    }


def kcs_values(folder: Path) -> dict[str, Any]:
    """The unit-value check on the KCS declarations: 2020 as the reference, 2021 Q1 judged.
    Their Item Price is derived from the net mass (SOURCE.txt), so this shows what the check
    does on such data, not whether it finds undervaluation."""
    from greenlane.goods.values import value_findings, value_reference

    def lines(path: Path) -> pl.DataFrame:
        raw = pl.read_csv(path, infer_schema_length=0)
        return raw.select(
            master_bill=pl.col("Declaration ID"),
            line_number=pl.lit(1, pl.Int32),
            hs_code=pl.col("HS6 Code").str.zfill(6),
            origin_country=pl.col("Country of Origin"),
            value=pl.col("Item Price").cast(pl.Float64),
            currency=pl.lit("KRW"),
            net_mass_kg=pl.col("Net Mass").cast(pl.Float64),
            gross_mass_kg=pl.col("Net Mass").cast(pl.Float64),
            seller=pl.col("Seller ID"),
            fraud=pl.col("Fraud").cast(pl.Int32),
        )

    train = lines(folder / "df_syn_train_eng.csv")
    valid = lines(folder / "df_syn_valid_eng.csv")
    found = value_findings(valid.drop("fraud"), value_reference(train.drop("fraud")))
    under = found.filter(pl.col("code") == "goods.undervalued")["master_bill"]
    flagged = valid.filter(pl.col("master_bill").is_in(under.implode()))
    return {
        "judged": valid.height,
        "findings": dict(found.group_by("code").len().sort("code").iter_rows()),
        "undervalued_fraud_rate": round(flagged["fraud"].mean() or 0.0, 4),
        "base_fraud_rate": round(valid["fraud"].mean() or 0.0, 4),
    }


def classifier_accuracy(seed: int, shipments: int) -> dict[str, Any]:
    """Top-1 and top-3 heading accuracy on the manifest wording of a generated world (the
    heading of the goods really in the box), over all its lines and over the descriptions
    that never appear in the classifier's training wording."""
    classifier = default_classifier()
    texts, headings = world_examples(seed, shipments)
    phrases = phrase_examples()
    trained = {goods_words(t) for t in phrases[0]}
    # Lines the phrase file does not contain as written (counts, case and the like aside).
    unseen = [(t, h) for t, h in zip(texts, headings, strict=True) if goods_words(t) not in trained]
    held = evaluate(classifier, [t for t, _ in unseen], [h for _, h in unseen])
    every = evaluate(classifier, texts, headings)
    # Goods whose wording the model never saw: each third of the world's headings left out of
    # training in turn (the nomenclature texts stay), read with their true heading declared.
    wording, validation = split_phrases(*phrases)
    unseen_goods = evaluate_unseen_goods(texts, headings, wording, validation)
    return {
        "lines": every["n"],
        "top1_all": round(every["top1"], 4),
        "top3_all": round(every["top3"], 4),
        "held_out_lines": held["n"],
        "distinct_held_out": len({t for t, _ in unseen}),
        "hs_heading_top1": round(held["top1"], 4),
        "hs_heading_top3": round(held["top3"], 4),
        "unseen_goods": {k: round(v, 4) for k, v in unseen_goods.items()},
        "training": {k: v for k, v in classifier.info.items() if k != "validation"},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shipments", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2002)
    parser.add_argument("--history", type=float, default=0.6, help="Share used as history.")
    parser.add_argument("--workers", type=int, default=2, help="Processes writing the world.")
    parser.add_argument("--world", type=Path, help="Use the world already written in this folder.")
    parser.add_argument("--keep", type=Path, help="Write the world here and keep it.")
    parser.add_argument(
        "--kcs", type=Path, help="Also run the value check on the KCS declarations in this folder."
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="greenlane-bench-") as tmp:
        folder = args.world or args.keep or Path(tmp)
        made = (
            {"reused": str(folder)}
            if args.world
            else write_world(folder, args.workers, seed=args.seed, shipments=args.shipments)
        )
        accuracy = classifier_accuracy(args.seed, min(args.shipments, 20_000))
        result = {
            "world": {"shipments": args.shipments, "seed": args.seed, **made},
            **run(folder, args.history),
            "hs_heading_top1": accuracy["hs_heading_top1"],
            "hs_heading_top3": accuracy["hs_heading_top3"],
            "classifier": accuracy,
            "kcs": kcs_values(args.kcs) if args.kcs else None,
            "machine": machine(),
        }
    print(
        f"{result['judged_lines']:,} goods lines of {result['judged_shipments']:,} shipments "
        f"judged in {result['seconds']} s ({result['lines_per_s']:,} lines/s)"
    )
    print(
        f"HS heading from the description, held-out wording: top-1 {result['hs_heading_top1']}"
        f", top-3 {result['hs_heading_top3']}; goods whose wording it never saw: "
        f"{result['classifier']['unseen_goods']}"
    )
    for name, s in result["scenarios"].items():
        print(
            f"  {name:20} recall {s['recall']} ({s['found']}/{s['labelled']}), "
            f"false-positive rate {s['false_positive_rate']}"
        )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
