"""`greenlane demo`: generate the demo world, load it, and show what the manifest did not say."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from greenlane.store import Database
from greenlane.visibility.render import print_journey
from greenlane.visibility.report import container_reports
from greenlane.world import SEED_CONTAINER, WorldConfig, build_world
from greenlane.world.load import LoadSummary, load_world

DEMO_START = date(2026, 1, 5)


def _print_summary(console: Console, summary: LoadSummary, counts: dict[str, int]) -> None:
    table = Table(title="Demo world loaded")
    table.add_column("What")
    table.add_column("Generated", justify="right")
    table.add_column("Newly stored", justify="right")
    table.add_row("shipments", f"{summary.shipments:,}", "")
    table.add_row("filings", f"{summary.filings:,}", f"{summary.new_filings:,}")
    table.add_row("container events", f"{summary.events:,}", f"{summary.new_events:,}")
    table.add_row("inspection results", f"{summary.inspections:,}", "")
    console.print(table)
    threats = Table(title="Injected threats (ground truth for measuring later stages)")
    threats.add_column("Scenario")
    threats.add_column("Shipments", justify="right")
    for scenario, n in sorted(summary.threats.items()):
        threats.add_row(scenario, f"{n:,}")
    console.print(threats)
    console.print(
        "Stored: " + ", ".join(f"{name} {rows:,}" for name, rows in counts.items()),
        highlight=False,
    )
    console.print(f"Loaded in {summary.seconds:.1f} s.")


def run_demo(console: Console, *, database_url: str, shipments: int, seed: int) -> None:
    world = build_world(WorldConfig(seed=seed, shipments=shipments, start=DEMO_START))
    db = Database.connect(database_url)
    db.upgrade()
    columns = (
        *Progress.get_default_columns()[:1],
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("generating and loading shipments", total=shipments)
        summary = load_world(db, world, on_progress=lambda n: progress.advance(task, n))
    _print_summary(console, summary, db.counts())
    console.print()
    for item in container_reports(db, SEED_CONTAINER):
        print_journey(console, item)
    console.print()
    _assess(console, db)


def _assess(console: Console, db: Database) -> None:
    """The day's targeting on the demo world: screen every party against the world's watch list,
    check the goods, score every shipment with the national profile and choose what to examine
    within each port's capacity; then show the lanes and why a few shipments were chosen."""
    import tempfile
    from datetime import UTC, datetime
    from pathlib import Path

    import polars as pl

    from greenlane.goods.stored import assess_stored
    from greenlane.parties.lists import load_list
    from greenlane.parties.shipment_screening import screen_bills
    from greenlane.programs.benefits import decide_green_lane
    from greenlane.programs.store import programs_from_store
    from greenlane.risk.from_store import case_from_store
    from greenlane.risk.profiles import default_profile
    from greenlane.store.decisions import replace_decisions
    from greenlane.store.screening import all_bills
    from greenlane.store.watchlists import store_list_version
    from greenlane.world.watchlist import watchlist_ftm_lines

    with tempfile.TemporaryDirectory() as tmp:
        listed = Path(tmp) / "world-watchlist.jsonl"
        listed.write_text("\n".join(watchlist_ftm_lines()) + "\n", encoding="utf-8")
        store_list_version(db, load_list(listed, "ftm-jsonl"))
    screened = screen_bills(db, all_bills(db))
    goods = assess_stored(db)
    profile = default_profile()
    decided = decide_green_lane(case_from_store(db), profile, programs_from_store(db))
    joined = decided.decisions.joined()
    replace_decisions(db, joined, profile.key, datetime.now(UTC))
    console.print(
        f"Screened {screened.distinct_parties:,} parties ({screened.hits:,} hits); checked "
        f"{goods.lines:,} goods lines ({goods.findings:,} findings); scored every shipment with "
        f"{profile.key} ({len(profile.rules)} rules).",
        highlight=False,
    )
    lanes = Table(title="Lanes (examination capacity 2% of each port-day)")
    lanes.add_column("Lane")
    lanes.add_column("Shipments", justify="right")
    lanes.add_column("Chosen by")
    for lane in ("red", "yellow", "blue", "green"):
        mine = joined.filter(pl.col("lane") == lane)
        by = ", ".join(
            f"{k} {n}"
            for k, n in mine.group_by("selected_by").len().sort("selected_by").iter_rows()
        )
        lanes.add_row(lane, f"{mine.height:,}", by)
    console.print(lanes)
    shown = pl.concat(
        [
            joined.filter((pl.col("lane") == "red") & (pl.col("selected_by") == by)).head(1)
            for by in ("hard_stop", "risk", "random")
        ]
    )
    for row in shown.iter_rows(named=True):
        console.print(f"[bold]{row['master_bill']}[/bold]: {row['explanation']}", highlight=False)
        for reason in row["reasons"][:4]:
            console.print(f"  - {reason}", highlight=False)
    console.print("See any shipment with: greenlane decision BILL")
