"""Stream a world to Parquet, batch by batch, never holding the whole world.

One file per table (shipments, filings, events, goods, parties, inspections, labels). With
several workers each process writes its own range of shipments to its own set of files,
``<table>-<part>.parquet``; read them together with a glob such as ``events*.parquet``.
"""

from __future__ import annotations

import multiprocessing
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq  # type: ignore[import-untyped]

from greenlane.collector import collector_paused
from greenlane.world.columns import SCHEMAS, Columns
from greenlane.world.world import World, WorldConfig, build_world

TABLES = tuple(SCHEMAS)


def write_range(
    world: World, out_dir: Path, start: int, stop: int, batch_size: int, suffix: str = ""
) -> dict[str, int]:
    """Write shipments ``start`` to ``stop``; returns rows written per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = dict.fromkeys(TABLES, 0)
    columns = Columns()
    # Generation allocates millions of small objects and makes no reference cycles; left on,
    # the cycle collector rescans the growing column lists and costs more than the work itself.
    with collector_paused():
        _write(world, out_dir, start, stop, batch_size, suffix, rows, columns)
    return rows


def _write(
    world: World,
    out_dir: Path,
    start: int,
    stop: int,
    batch_size: int,
    suffix: str,
    rows: dict[str, int],
    columns: Columns,
) -> None:
    with ExitStack() as stack:
        writers = {
            t: stack.enter_context(pq.ParquetWriter(out_dir / f"{t}{suffix}.parquet", SCHEMAS[t]))
            for t in TABLES
        }
        pending = 0
        for ws in world.shipments(start, stop):
            columns.add(ws)
            pending += 1
            if pending == batch_size:
                _flush(columns, writers, rows)
                pending = 0
        if pending:
            _flush(columns, writers, rows)


def _flush(columns: Columns, writers: dict[str, pq.ParquetWriter], rows: dict[str, int]) -> None:
    for table, data in columns.tables().items():
        writers[table].write_table(data)
        rows[table] += data.num_rows


def _worker(args: tuple[WorldConfig, str, int, int, int, str]) -> dict[str, int]:
    config, out_dir, start, stop, batch_size, suffix = args
    return write_range(build_world(config), Path(out_dir), start, stop, batch_size, suffix)


def write_parquet(
    world: World, out_dir: Path | str, batch_size: int = 20_000, workers: int = 1
) -> dict[str, Any]:
    """Write the whole world; returns shipments, rows per table, files and seconds taken.

    A process holds one batch of rows at a time: about 300 MB per 10,000 shipments.

    Shipment i depends only on (seed, i), so splitting the index range across worker processes
    gives the same rows as one process, only in several files.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    n = len(world)
    workers = max(1, min(workers, n or 1))
    if workers == 1:
        rows = write_range(world, out, 0, n, batch_size)
        files = [str(out / f"{t}.parquet") for t in TABLES]
    else:
        bounds = [n * k // workers for k in range(workers + 1)]
        jobs = [
            (world.config, str(out), bounds[k], bounds[k + 1], batch_size, f"-{k}")
            for k in range(workers)
        ]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_worker, jobs)
        rows = {t: sum(p[t] for p in parts) for t in TABLES}
        files = [str(out / f"{t}-{k}.parquet") for k in range(workers) for t in TABLES]
    return {
        "shipments": n,
        "rows": rows,
        "files": files,
        "seconds": round(time.perf_counter() - started, 3),
    }
