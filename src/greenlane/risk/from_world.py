"""Case files for a generated world written to Parquet (``greenlane world parquet``).

Runs every earlier stage over the world's tables the way a batch job over a customs store would:
visibility over the events, goods checks week by week on earlier weeks, screening of every
distinct party against the world's watch list; then assembles the case files.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import polars as pl

from greenlane.goods.assess import GoodsRules
from greenlane.goods.classifier import default_classifier
from greenlane.goods.stored import judge_in_windows
from greenlane.parties.lists import load_list
from greenlane.parties.screening import Party, Screener, ScreeningIndex
from greenlane.risk.assemble import assemble
from greenlane.risk.casefile import CaseFiles
from greenlane.store.goods import LINE_COLUMNS
from greenlane.visibility.batch import build_visibility_in_parts
from greenlane.world.watchlist import watchlist_ftm_lines
from greenlane.world.world import World

_KEY = ["master_bill", "filing_type", "reference", "version"]
EVENTS_PER_PART = 1_000_000


def goods_lines(folder: Path) -> pl.DataFrame:
    """Every goods line of every filing, with its filing's time, seller and manufacturer, in the
    columns the store gives (``greenlane.store.goods.LINE_COLUMNS``)."""
    filings = pl.read_parquet(folder / "filings*.parquet", columns=[*_KEY, "filed_at"])
    parties = pl.read_parquet(
        folder / "parties*.parquet", columns=[*_KEY, "role", "name", "country", "identifier"]
    )
    seller = parties.filter(pl.col("role") == "seller").select(
        *_KEY, seller=pl.coalesce("identifier", "name"), seller_country=pl.col("country")
    )
    maker = parties.filter(pl.col("role") == "manufacturer").select(
        *_KEY, manufacturer_country=pl.col("country")
    )
    goods = pl.read_parquet(folder / "goods*.parquet")
    return (
        goods.join(filings, on=_KEY, how="left")
        .join(seller.unique(_KEY), on=_KEY, how="left")
        .join(maker.unique(_KEY), on=_KEY, how="left")
        .with_columns(
            filing=pl.concat_str(
                "filing_type", pl.lit(" "), "reference", pl.lit(" v"), pl.col("version")
            )
        )
        .select([pl.col(c).cast(d) for c, d in LINE_COLUMNS.items()])
    )


def declared_routes(folder: Path) -> pl.DataFrame:
    """Each bill's latest declared route and the goods' declared origins, as visibility reads
    them (``greenlane.visibility.frames.DECLARED``)."""
    route = (
        "place_of_receipt",
        "port_of_loading",
        "transshipment_ports",
        "port_of_discharge",
        "place_of_delivery",
    )
    latest = (
        pl.scan_parquet(folder / "filings*.parquet")
        .filter(pl.col("filing_type") == "cargo_declaration")
        .sort("version", "filed_at")
        .group_by("master_bill")
        .agg(pl.col(["filing_type", "reference", "version", *route]).last())
    )
    origins = (
        pl.scan_parquet(folder / "goods*.parquet")
        .group_by("master_bill")
        .agg(pl.col("origin_country").drop_nulls().unique().sort().alias("origin_countries"))
    )
    return (
        latest.join(origins, on="master_bill", how="left")
        .select(
            pl.col("master_bill").alias("bill_of_lading"),
            pl.concat_str(
                "filing_type", pl.lit(" "), "reference", pl.lit(" v"), pl.col("version")
            ).alias("declared_in"),
            *route,
            "origin_countries",
        )
        .collect()
    )


def screening_hits(folder: Path, threshold: float | None = None) -> pl.DataFrame:
    """Every party of every filing screened against the world's watch list, each distinct
    (name, country, identifier) once; one row per bill, role, party and entry."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "world-list.jsonl"
        path.write_text("\n".join(watchlist_ftm_lines()) + "\n", encoding="utf-8")
        entries = load_list(path, "ftm-jsonl").entries
    screener = Screener(ScreeningIndex(entries), threshold=threshold)
    parties = pl.read_parquet(
        folder / "parties*.parquet",
        columns=["master_bill", "role", "name", "country", "identifier_scheme", "identifier"],
    ).unique(["master_bill", "role", "name", "country", "identifier"])
    distinct = parties.select("name", "country", "identifier_scheme", "identifier").unique()
    rows = []
    for name, country, scheme, ident in distinct.iter_rows():
        ids = (f"{scheme}:{ident}",) if scheme and ident else ()
        for hit in screener.screen(
            Party(name=name, countries=(country,) if country else (), identifiers=ids)
        ):
            rows.append((name, country, ident, hit.entry_key, hit.matched_name, hit.score))
    found = pl.DataFrame(
        rows,
        schema={
            "name": pl.String,
            "country": pl.String,
            "identifier": pl.String,
            "entry_key": pl.String,
            "matched_name": pl.String,
            "score": pl.Float64,
        },
        orient="row",
    )
    return parties.join(
        found, on=["name", "country", "identifier"], how="inner", nulls_equal=True
    ).select("master_bill", "role", party_name="name", entry_key="entry_key",
             matched_name="matched_name", score="score")  # fmt: skip


def case_from_world(folder: Path, world: World) -> tuple[CaseFiles, dict[str, float]]:
    """The case files of every shipment of the world in ``folder``, and the seconds each stage
    took."""
    took: dict[str, float] = {}
    t = time.perf_counter()
    events = pl.scan_parquet(folder / "events*.parquet")
    n_events = events.select(pl.len()).collect().item()
    parts = max(1, -(-n_events // EVENTS_PER_PART))
    built = list(build_visibility_in_parts(events, None, declared_routes(folder), parts))
    trips = pl.concat([b.trips for b in built])
    seal_states = pl.concat([b.seal_states for b in built])
    visibility = pl.concat([b.findings for b in built])
    took["visibility"] = time.perf_counter() - t
    t = time.perf_counter()
    lines = goods_lines(folder)
    goods = judge_in_windows(
        lines,
        set(lines["master_bill"].to_list()),
        GoodsRules(),
        trips,
        classifier=default_classifier(),
    )
    took["goods"] = time.perf_counter() - t
    t = time.perf_counter()
    hits = screening_hits(folder)
    took["screening"] = time.perf_counter() - t
    t = time.perf_counter()
    filings = pl.read_parquet(folder / "filings*.parquet")
    parties = pl.read_parquet(folder / "parties*.parquet")
    inspections = pl.read_parquet(folder / "inspections*.parquet")
    case = assemble(
        filings=filings,
        lines=lines,
        parties=parties,
        trips=trips,
        seal_states=seal_states,
        visibility=visibility,
        goods=goods,
        hits=hits,
        inspections=inspections,
        memberships=world.memberships,
        ports=world.ports,
    )
    took["assemble"] = time.perf_counter() - t
    return case, {k: round(v, 2) for k, v in took.items()}
