"""Case files of a generated world written as Parquet frames (``greenlane world parquet``), for
the benchmarks: every earlier stage run over the frames the way a batch job over a customs store
would run it (visibility over the events, goods checks week by week on earlier weeks, screening
of every distinct party against the world's watch list), then the case files assembled by the
product's own ``greenlane.risk.build.case_files``."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import polars as pl

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.goods.assess import GoodsRules
from greenlane.goods.classifier import default_classifier
from greenlane.goods.stored import judge_in_windows
from greenlane.parties.lists import load_list
from greenlane.parties.screening import Party, Screener, ScreeningIndex
from greenlane.risk.build import case_files, observe_source
from greenlane.risk.casefile import CaseFiles
from greenlane.store.parquet import ParquetFrames
from greenlane.world.watchlist import watchlist_ftm_lines
from greenlane.world.world import World


def world_frames(folder: Path, world: World) -> ParquetFrames:
    """The world's frames in ``folder``, with its trusted-trader memberships and ports."""
    return ParquetFrames(folder, memberships=world.memberships, ports=world.ports)


def screening_hits(parties: pl.DataFrame, threshold: float | None = None) -> pl.DataFrame:
    """Every party of every filing screened against the world's watch list, each distinct
    (name, country, identifiers) once; one row per bill, role, party and entry."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "world-list.jsonl"
        path.write_text("\n".join(watchlist_ftm_lines()) + "\n", encoding="utf-8")
        entries = load_list(path, "ftm-jsonl").entries
    screener = Screener(ScreeningIndex(entries), threshold=threshold)
    key = ["name", "country", "identifier"]
    named = parties.select("master_bill", "role", *key, "identifiers").unique(
        ["master_bill", "role", *key]
    )
    distinct = named.select(*key, "identifiers").unique(key)
    rows = []
    for name, country, ident, ids in distinct.iter_rows():
        party = Party(name=name, countries=(country,) if country else (), identifiers=tuple(ids))
        for hit in screener.screen(party):
            rows.append((name, country, ident, hit.entry_key, hit.matched_name, hit.score))
    found = pl.DataFrame(
        rows,
        schema={**{c: pl.String for c in key}, "entry_key": pl.String,
                "matched_name": pl.String, "score": pl.Float64},
        orient="row",
    )  # fmt: skip
    return named.join(found, on=key, how="inner", nulls_equal=True).select(
        "master_bill", "role", "entry_key", "matched_name", "score", party_name="name"
    )


def world_case_files(folder: Path, world: World) -> tuple[CaseFiles, dict[str, float]]:
    """The case files of every shipment of the world in ``folder``, and the seconds each stage
    took."""
    frames = world_frames(folder, world)
    took: dict[str, float] = {}
    t = time.perf_counter()
    observed = observe_source(frames)
    took["visibility"] = time.perf_counter() - t
    t = time.perf_counter()
    lines = frames.goods_lines()
    goods = judge_in_windows(
        lines,
        set(lines["master_bill"].to_list()),
        GoodsRules(),
        observed.trips,
        classifier=default_classifier(),
    )
    took["goods"] = time.perf_counter() - t
    t = time.perf_counter()
    hits = screening_hits(frames.parties())
    took["screening"] = time.perf_counter() - t
    t = time.perf_counter()
    case = case_files(frames, observed=observed, goods=goods, hits=hits)
    took["assemble"] = time.perf_counter() - t
    return case, {k: round(v, 2) for k, v in took.items()}
