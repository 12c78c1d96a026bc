"""`greenlane demo`: generate the demo world, send it through ingest as messages, and show what
the manifest did not say and what the day's targeting chose."""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from greenlane.ingest.batch import IngestReport, ingest_paths
from greenlane.store import Database
from greenlane.visibility.render import print_journey
from greenlane.visibility.report import container_reports
from greenlane.world import SEED_CONTAINER, WorldConfig, build_world
from greenlane.world.load import load_reference
from greenlane.world.messages import MessagesWritten, write_messages

DEMO_START = date(2026, 1, 5)


def _print_summary(
    console: Console, written: MessagesWritten, report: IngestReport, threats: Counter[str]
) -> None:
    table = Table(title="Demo world sent as messages and ingested")
    table.add_column("What")
    table.add_column("Written", justify="right")
    table.add_column("Ingested", justify="right")
    table.add_row("messages", f"{written.files:,}", f"{report.stored:,} stored")
    table.add_row("filings", f"{written.filings:,}", f"{report.records['filings']:,}")
    table.add_row("container events", f"{written.events:,}", f"{report.records['events']:,}")
    table.add_row(
        "inspection results", f"{written.inspections:,}", f"{report.records['inspections']:,}"
    )
    table.add_row("memberships", f"{written.memberships:,}", f"{report.records['memberships']:,}")
    console.print(table)
    if report.quarantined:
        console.print(
            f"[red]{report.quarantined} messages quarantined[/red]: greenlane quarantine list"
        )
    if report.findings:
        console.print(
            "Data-quality findings kept with the records: "
            + ", ".join(f"{code} {n:,}" for code, n in sorted(report.findings.items())),
            highlight=False,
        )
    labels = Table(title="Injected threats (ground truth for measuring later stages)")
    labels.add_column("Scenario")
    labels.add_column("Shipments", justify="right")
    for scenario, n in sorted(threats.items()):
        labels.add_row(scenario, f"{n:,}")
    console.print(labels)


def run_demo(console: Console, *, database_url: str, shipments: int, seed: int) -> None:
    """The world as the messages an administration receives (native filings, DCSA events),
    ingested as real traffic is; then the seed case's journey and the day's targeting."""
    world = build_world(WorldConfig(seed=seed, shipments=shipments, start=DEMO_START))
    db = Database.connect(database_url)
    db.upgrade()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as inbox:
        written = write_messages(world, Path(inbox), events_as="dcsa", batch_size=250)
        columns = (
            *Progress.get_default_columns()[:1],
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("ingesting messages", total=written.files)
            report = ingest_paths(db, [inbox], on_file=lambda *_: progress.advance(task))
    threats = load_reference(db, world)
    _print_summary(console, written, report, threats)
    console.print(f"Written and ingested in {time.perf_counter() - started:.1f} s.")
    console.print()
    for item in container_reports(db, SEED_CONTAINER):
        print_journey(console, item)
    console.print()
    _assess(console, db)


def _assess(console: Console, db: Database) -> None:
    """The day's targeting on the demo world: screen every party against the world's watch list,
    check the goods, score every shipment with the national profile and choose what to examine
    within each port's capacity; then show the lanes and why a few shipments were chosen."""
    from datetime import UTC, datetime

    import polars as pl

    from greenlane.goods.stored import assess_stored
    from greenlane.parties.lists import load_list
    from greenlane.parties.shipment_screening import screen_bills
    from greenlane.programs.benefits import decide_green_lane
    from greenlane.programs.frames import programs_from_frames
    from greenlane.risk.build import case_files
    from greenlane.risk.profiles import default_profile
    from greenlane.store.decisions import replace_decisions
    from greenlane.store.frames import StoreFrames
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
    decided = decide_green_lane(
        case_files(StoreFrames(db)), profile, programs_from_frames(StoreFrames(db))
    )
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
