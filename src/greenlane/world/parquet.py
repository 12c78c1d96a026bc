"""Stream a world to Parquet, batch by batch, never holding the whole world.

The files are the frame contract (``greenlane.domain.frames``), one file per frame (shipments,
filings, parties, goods_lines, events, seal_readings, inspections, labels), in exactly its
columns and types, so ``greenlane.store.parquet.ParquetFrames`` reads a world as the stages read
the store. With several workers each process writes its own range of shipments to its own set of
files, ``<frame>-<part>.parquet``; the source reads the parts together.
"""

from __future__ import annotations

import multiprocessing
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from greenlane.collector import collector_paused
from greenlane.domain.frames import (
    CONTRACT,
    EVENTS,
    FILING_KEY,
    FILINGS,
    INSPECTIONS,
    LABELS,
    PARTIES,
    SHIPMENTS,
    conformed,
    filing_label,
    with_sellers,
)
from greenlane.visibility.frames import readings_from_flat
from greenlane.world.columns import Columns
from greenlane.world.world import World, WorldConfig, build_world

FRAMES: dict[str, dict[str, pl.DataType]] = {
    name: CONTRACT[name]
    for name in (
        "shipments", "filings", "parties", "goods_lines", "events", "seal_readings",
        "inspections", "labels",
    )
}  # fmt: skip
TABLES = tuple(FRAMES)
SCHEMAS: dict[str, pa.Schema] = {
    name: pl.DataFrame(schema=schema).to_arrow().schema for name, schema in FRAMES.items()
}
"""The Arrow schema of each file: its frame's."""


def contract_frames(tables: dict[str, pa.Table]) -> dict[str, pl.DataFrame]:
    """The world's tables of one batch of shipments (``greenlane.world.columns``) as the frames
    of the contract: a batch holds every filing of its shipments, so parties and goods lines
    find their filing in it."""
    world = {name: pl.DataFrame(table) for name, table in tables.items()}
    key = list(FILING_KEY)
    filings = conformed(world["filings"].with_columns(filing=filing_label()), FILINGS)
    when = filings.select(*key, "filed_at", "filing")
    ident = pl.col("identifier")
    parties = conformed(
        world["parties"]
        .with_columns(pl.col("version").cast(pl.Int32))
        .join(when, on=key, how="left", maintain_order="left")
        .with_columns(
            position=pl.int_range(pl.len()).over(key),
            identifiers=pl.when(ident.is_not_null())
            .then(pl.concat_list(pl.format("{}:{}", "identifier_scheme", ident)))
            .otherwise(pl.lit([], pl.List(pl.String()))),
        ),
        PARTIES,
    )
    lines = (
        world["goods"]
        .with_columns(pl.col("version").cast(pl.Int32))
        .join(when, on=key, how="left", maintain_order="left")
    )
    return {
        "shipments": conformed(world["shipments"], SHIPMENTS),
        "filings": filings,
        "parties": parties,
        "goods_lines": with_sellers(lines, parties),
        "events": conformed(world["events"], EVENTS),
        "seal_readings": readings_from_flat(world["events"]).collect(),
        "inspections": conformed(world["inspections"], INSPECTIONS),
        "labels": conformed(world["labels"], LABELS),
    }


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
    for name, frame in contract_frames(columns.tables()).items():
        writers[name].write_table(frame.to_arrow().cast(SCHEMAS[name]))
        rows[name] += frame.height


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
        # Spawned, not forked: the frames are made with Polars, whose thread pool a forked child
        # inherits locked when the parent has used it.
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            parts = pool.map(_worker, jobs)
        rows = {t: sum(p[t] for p in parts) for t in TABLES}
        files = [str(out / f"{t}-{k}.parquet") for k in range(workers) for t in TABLES]
    return {
        "shipments": n,
        "rows": rows,
        "files": files,
        "seconds": round(time.perf_counter() - started, 3),
    }
