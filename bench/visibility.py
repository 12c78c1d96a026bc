"""Benchmark: journeys and seal chains for millions of events, and recall on labelled threats.

    python bench/visibility.py --events 10000000 --json [--seed N] [--keep DIR]
    python bench/visibility.py --shipments 100000 --json

Writes a generated world to Parquet (in a child process, not timed), then, in this process:
- floor: reading the events table from Parquet into Polars, nothing else;
- visibility: reading events, filings and goods from Parquet and building every frame of
  ``build_visibility`` (merged events, legs, transshipments, port calls, trip summaries, seal
  chains, findings), one part of the containers at a time (``build_visibility_in_parts``, about
  half a million events a part), writing each part's per-trip frames to Parquet and letting the
  per-event ones go.
Peak RSS is this process's peak, so it covers the reading and the build; the floor runs in a
process of its own.

Scenarios: each labelled shipment of the world counts as found when a finding of the kind that
answers its scenario names its bill; the false-positive rate is the share of shipments with no
label at all that get such a finding. The last line, with --json, is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.store.parquet import ParquetFrames
from greenlane.visibility.batch import Visibility, build_visibility_in_parts
from greenlane.visibility.frames import declared_from_frames
from greenlane.world.noise import ReportingNoise
from machine import machine
from worlds import write_world

EVENTS_PER_SHIPMENT = 16.5
"""About what the world generates, reporting noise included; only sizes the world."""

ANSWERS = {
    "seal_swapped": {"seal_changed_without_authority"},
    "origin_laundered": {"port_of_loading_differs"},
    "restuffed_in_transit": {
        "restuffing_in_transit",
        "left_terminal_in_transit",
        "empty_in_transit",
    },
    "irrational_routing": {"route_detour"},
    "door_opened_at_sea": {"door_opened_at_sea"},
}
"""The finding kinds that answer each labelled scenario."""

KEPT = ("legs", "transshipments", "trips", "seal_states", "findings")
"""Frames written to Parquet part by part, as a batch job would; the per-event ones are counted
and let go."""
EVENTS_PER_PART = 500_000


def read_inputs(folder: Path) -> tuple[pl.LazyFrame, pl.LazyFrame, pl.DataFrame]:
    """Events and seal readings (lazily: each part reads its own share) and the declared routes
    from the world's Parquet frames."""
    frames = ParquetFrames(folder)
    declared = declared_from_frames(frames.filings(), frames.goods_lines())
    scan = [
        pl.scan_parquet(p) for p in (frames.files_of("events"), frames.files_of("seal_readings"))
    ]
    return scan[0], scan[1], declared


def scenarios(v: Visibility, folder: Path) -> dict[str, dict[str, Any]]:
    labels = pl.read_parquet(folder / "labels*.parquet").select(
        pl.col("master_bill").alias("bill_of_lading"), "scenario"
    )
    bills = pl.read_parquet(folder / "shipments*.parquet", columns=["master_bill"])
    labelled = set(labels["bill_of_lading"].to_list())
    clean = bills.filter(~pl.col("master_bill").is_in(list(labelled))).height
    flagged = v.findings.select("bill_of_lading", "kind").unique()
    out: dict[str, dict[str, Any]] = {}
    for scenario, kinds in ANSWERS.items():
        mine = labels.filter(pl.col("scenario") == scenario)["bill_of_lading"].unique()
        hit = flagged.filter(pl.col("kind").is_in(list(kinds)))["bill_of_lading"].unique()
        found = mine.is_in(hit.implode()).sum()
        false = hit.filter(~hit.is_in(list(labelled))).len()
        out[scenario] = {
            "labelled": mine.len(),
            "found": int(found),
            "recall": round(found / mine.len(), 4) if mine.len() else None,
            "clean_flagged": int(false),
            "false_positive_rate": round(false / clean, 5) if clean else None,
        }
    return out


def findings_on_clean(v: Visibility, folder: Path) -> dict[str, float]:
    """Share of clean shipments with each finding kind: what an officer would see on them."""
    labels = pl.read_parquet(folder / "labels*.parquet")["master_bill"].unique()
    bills = pl.read_parquet(folder / "shipments*.parquet", columns=["master_bill"])
    clean = bills.filter(~pl.col("master_bill").is_in(labels.implode())).height
    per_kind = (
        v.findings.filter(~pl.col("bill_of_lading").is_in(labels.implode()))
        .select("bill_of_lading", "kind")
        .unique()
        .group_by("kind")
        .len()
        .sort("kind")
    )
    return {k: round(n / clean, 5) for k, n in per_kind.iter_rows()}


def floor(folder: Path) -> dict[str, Any]:
    """Reading every event from Parquet into Polars, nothing else, in a process of its own so
    that its memory does not count against the build's."""
    code = (
        "import json, resource, time; import polars as pl;"
        "t = time.perf_counter();"
        f"n = pl.read_parquet({str(folder / 'events*.parquet')!r}).height;"
        "s = time.perf_counter() - t;"
        "print(json.dumps({'rows': n, 'seconds': s,"
        " 'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(folder: Path, parts: int) -> tuple[Visibility, dict[str, Any]]:
    floor_run = floor(folder)
    rows = floor_run["rows"]
    t = time.perf_counter()
    events, readings, declared = read_inputs(folder)
    out = folder / "visibility"
    out.mkdir(exist_ok=True)
    counts = {"merged_events": 0, "port_calls": 0, "seal_timeline_rows": 0}
    parts_done = build_visibility_in_parts(events, readings, declared, parts)
    for k, part in enumerate(parts_done):
        for name in KEPT:
            getattr(part, name).write_parquet(out / f"{name}-{k}.parquet")
        counts["merged_events"] += part.events.height
        counts["port_calls"] += part.port_calls.height
        counts["seal_timeline_rows"] += part.seal_timeline.height
        del part
    seconds = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    whole = {name: pl.read_parquet(out / f"{name}-*.parquet") for name in KEPT}
    empty = pl.DataFrame()
    v = Visibility(
        events=empty,
        readings=empty,
        port_calls=empty,
        seal_timeline=empty,
        **whole,
    )
    return v, {
        "events": rows,
        "parts": parts,
        "seconds": round(seconds, 2),
        "floor_seconds": round(floor_run["seconds"], 2),
        "floor_peak_rss_mb": round(floor_run["peak_rss_mb"]),
        "peak_rss_mb": round(peak_mb),
        "trips": v.trips.height,
        "legs": v.legs.height,
        "transshipments": v.transshipments.height,
        "findings": v.findings.height,
        **counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--events", type=int, help="About this many events (sizes the world).")
    size.add_argument("--shipments", type=int, help="A world of this many shipments.")
    parser.add_argument("--seed", type=int, default=2002)
    parser.add_argument("--workers", type=int, default=2, help="Processes writing the world.")
    parser.add_argument("--keep", type=Path, help="Write the world here and keep it.")
    parser.add_argument(
        "--parts", type=int, help="Containers in this many parts (default: one per 500k events)."
    )
    parser.add_argument("--world", type=Path, help="Use the world already written in this folder.")
    parser.add_argument(
        "--misread",
        type=float,
        default=0.0,
        help="Share of seal readings misread in the world (ReportingNoise.misread_seals).",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    shipments = args.shipments or math.ceil((args.events or 1_000_000) / EVENTS_PER_SHIPMENT)
    with tempfile.TemporaryDirectory(prefix="greenlane-bench-") as tmp:
        folder = args.world or args.keep or Path(tmp)
        if args.world:
            rows = pl.scan_parquet(folder / "events*.parquet").select(pl.len()).collect().item()
            made = {"rows": {"events": rows}, "seconds": None, "reused": str(folder)}
            shipments = (
                pl.scan_parquet(folder / "shipments*.parquet").select(pl.len()).collect().item()
            )
        else:
            noise = {"noise": ReportingNoise(misread_seals=args.misread)} if args.misread else {}
            made = write_world(folder, args.workers, seed=args.seed, shipments=shipments, **noise)
        parts = args.parts or max(1, math.ceil(made["rows"]["events"] / EVENTS_PER_PART))
        v, result = run(folder, parts)
        result = {
            "world": {
                "shipments": shipments,
                "seed": args.seed,
                "misread_seals": args.misread,
                **made,
            },
            **result,
            "scenarios": scenarios(v, folder),
            "clean_finding_rates": findings_on_clean(v, folder),
            "machine": machine(),
        }
    print(
        f"{result['events']:,} events: visibility {result['seconds']} s, "
        f"floor (read Parquet) {result['floor_seconds']} s, peak RSS {result['peak_rss_mb']} MB"
    )
    for name, s in result["scenarios"].items():
        print(
            f"  {name:22} recall {s['recall']} ({s['found']}/{s['labelled']}), "
            f"false-positive rate {s['false_positive_rate']}"
        )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
