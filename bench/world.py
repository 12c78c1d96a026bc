"""Benchmark: stream a generated world to Parquet.

    python bench/world.py --shipments 1000000 --json [--out DIR] [--seed N] [--workers N]

Prints a table, and with --json a last line holding one JSON object. The speed figure stands
beside a floor measured in the same run, because these machines are shared and noisy: the time
to write the same number of rows per table to Parquet from rows already built (the first batch
written, repeated), so what is left is the cost of generating the world. Reading every file back
is timed too. Peak memory is the largest sum of resident memory over this process and its
workers while the world is written, sampled every 50 ms, and never less than what getrusage
reports for any one of them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import shutil
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import psutil
import pyarrow as pa
import pyarrow.parquet as pq

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.world import WorldConfig, build_world, write_parquet
from greenlane.world.parquet import TABLES
from machine import machine


class PeakMemory:
    """Samples the resident memory of this process and all its children."""

    def __init__(self, every: float = 0.05) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a worker may just have ended
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def floor_seconds(out: Path, rows: dict[str, int], scratch: Path) -> float:
    """Write the same rows per table from pre-built data: the first row group, repeated."""
    scratch.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for table in TABLES:
        source = sorted(out.glob(f"{table}*.parquet"))[0]
        block = pq.ParquetFile(source).read_row_group(0)
        left = rows[table]
        with pq.ParquetWriter(scratch / f"{table}.parquet", block.schema) as writer:
            while left > 0:
                chunk = block if block.num_rows <= left else block.slice(0, left)
                if chunk.num_rows == 0:
                    break
                writer.write_table(chunk)
                left -= chunk.num_rows
    return time.perf_counter() - started


def read_back_seconds(out: Path) -> float:
    """Read every file back, batch by batch (a whole events file would not fit in 2 GB)."""
    started = time.perf_counter()
    for path in sorted(out.glob("*.parquet")):
        for _batch in pq.ParquetFile(path).iter_batches(batch_size=200_000):
            pass
    return time.perf_counter() - started


def max_rss_mb() -> float:
    """Largest resident set of this process, and of any one finished worker (getrusage)."""
    return (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )


def machine_with_arrow() -> dict[str, Any]:
    return {**machine(), "pyarrow": pa.__version__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shipments", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2002)
    parser.add_argument("--threat-rate", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--out", type=Path, help="keep the Parquet files here")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args(argv)

    out = args.out or Path(tempfile.mkdtemp(prefix="greenlane-world-"))
    scratch = Path(tempfile.mkdtemp(prefix="greenlane-floor-"))
    config = WorldConfig(
        seed=args.seed,
        shipments=args.shipments,
        threat_rate=args.threat_rate,
        start=date(2026, 1, 5),
        days=90,
    )
    try:
        with PeakMemory() as memory:
            started = time.perf_counter()
            world = build_world(config)
            catalog = time.perf_counter() - started
            summary = write_parquet(world, out, batch_size=args.batch_size, workers=args.workers)
            seconds = time.perf_counter() - started
        usage_mb = max_rss_mb()  # before the baselines, which are not part of the figure
        rows: dict[str, int] = summary["rows"]
        floor = floor_seconds(out, rows, scratch)
        read_back = read_back_seconds(out)
        size_mb = sum(p.stat().st_size for p in out.glob("*.parquet")) / 2**20
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
    peak_mb = max(memory.peak / 2**20, usage_mb)
    result = {
        "shipments": args.shipments,
        "events": rows["events"],
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak_mb),
        "baseline": "write the same rows per table to Parquet from pre-built data",
        "baseline_seconds": round(floor, 1),
        "read_back_seconds": round(read_back, 1),
        "catalog_seconds": round(catalog, 2),
        "shipments_per_second": round(args.shipments / seconds),
        "rows": rows,
        "parquet_mb": round(size_mb),
        "workers": args.workers,
        "batch_size": args.batch_size,
        "seed": args.seed,
        "threat_rate": args.threat_rate,
        "machine": machine_with_arrow(),
        "date": time.strftime("%Y-%m-%d"),
    }
    width = 62
    print(
        f"greenlane world to Parquet: {args.shipments:,} shipments, seed {args.seed}, "
        f"threat rate {args.threat_rate}, {args.workers} workers, batch {args.batch_size:,}"
    )
    print("-" * (width + 12))
    print(f"{'generate the world and write it to Parquet (greenlane)':<{width}}{seconds:>9.1f} s")
    print(f"{'baseline: write the same rows from pre-built data (floor)':<{width}}{floor:>9.1f} s")
    print(f"{'read every file back':<{width}}{read_back:>9.1f} s")
    print(f"{'build the catalog (included above)':<{width}}{catalog:>9.2f} s")
    print("-" * (width + 12))
    for table in TABLES:
        print(f"{'rows: ' + table:<{width}}{rows[table]:>12,}")
    print(f"{'shipments per second':<{width}}{args.shipments / seconds:>12,.0f}")
    print(f"{'Parquet on disk':<{width}}{size_mb:>9.0f} MB")
    print(f"{'peak resident memory, this process and its workers':<{width}}{peak_mb:>9.0f} MB")
    m = result["machine"]
    print(
        f"machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM, Python {m['python']}, "
        f"pyarrow {m['pyarrow']}"
    )
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
