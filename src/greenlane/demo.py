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
