"""The command line: a thin edge over the stage functions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from greenlane.cli.common import DatabaseOption, clear_errors, console, open_database
from greenlane.cli.entities import entities_app
from greenlane.cli.goods import goods_app
from greenlane.cli.ingest import ingest, quarantine_app
from greenlane.cli.lists import lists_app
from greenlane.cli.model import model_app
from greenlane.cli.parties import parties
from greenlane.cli.profile import profile_app
from greenlane.cli.programs import eligibility, path_to_green_lane, programs_app, resume
from greenlane.cli.risk import assess, backtest, decision
from greenlane.cli.screen import screen
from greenlane.cli.visibility import journey, seals
from greenlane.settings import get_settings

app = typer.Typer(
    help="greenlane: supply-chain security and trade facilitation for customs.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Database: migrations and contents.", no_args_is_help=True)
world_app = typer.Typer(help="The generated world behind the demo and the benchmarks.")
app.add_typer(db_app, name="db")
app.add_typer(world_app, name="world")
app.add_typer(quarantine_app, name="quarantine")
app.add_typer(entities_app, name="entities")
app.add_typer(lists_app, name="lists")
app.add_typer(goods_app, name="goods")
app.add_typer(profile_app, name="profile")
app.add_typer(programs_app, name="programs")
app.add_typer(model_app, name="model")
app.command()(ingest)
app.command()(journey)
app.command()(seals)
app.command()(screen)
app.command()(parties)
app.command()(assess)
app.command()(decision)
app.command()(backtest)
app.command()(eligibility)
app.command("path-to-green-lane")(path_to_green_lane)
app.command()(resume)


@app.callback()
def _configure(verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


@app.command()
@clear_errors
def demo(
    shipments: Annotated[int, typer.Option(help="Shipments in the generated world.")] = 0,
    seed: Annotated[int, typer.Option(help="World seed; the same seed gives the same world.")] = 0,
    database: DatabaseOption = None,
) -> None:
    """Generate the demo world, load it, and show the journey of container PLU775132."""
    from greenlane.cli.demo import run_demo

    settings = get_settings()
    run_demo(
        console,
        database_url=database or settings.database_url,
        shipments=shipments or settings.world_shipments,
        seed=seed or settings.world_seed,
    )


@app.command()
def check(
    kind: Annotated[str, typer.Argument(help="container, imo, unlocode, hs, country or scac")],
    value: Annotated[str, typer.Argument(help="The identifier as written.")],
) -> None:
    """Check one identifier and explain what is wrong with it, if anything."""
    from greenlane.model import identifiers

    checks: dict[str, Callable[[str], list[Any]]] = {
        "container": identifiers.check_container_number,
        "imo": identifiers.check_imo,
        "unlocode": identifiers.check_unlocode,
        "hs": identifiers.check_hs_code,
        "country": identifiers.check_country,
        "scac": identifiers.check_scac,
    }
    if kind not in checks:
        console.print(
            f"[bold red]error:[/] unknown kind {kind!r}; expected one of {', '.join(checks)}"
        )
        raise typer.Exit(2)
    findings = checks[kind](value)
    if not findings:
        console.print(f"{value}: valid {kind}", highlight=False)
        return
    for finding in findings:
        console.print(f"{value}: [yellow]{finding.code}[/] {finding.message}", highlight=False)
    raise typer.Exit(1)


@db_app.command("upgrade")
@clear_errors
def db_upgrade(database: DatabaseOption = None) -> None:
    """Create or migrate the database schema to the latest version."""
    open_database(database, migrate=True)
    console.print("database is at the latest schema version")


@db_app.command("counts")
@clear_errors
def db_counts(database: DatabaseOption = None) -> None:
    """Rows in each main table."""
    for table, rows in open_database(database).counts().items():
        console.print(f"{table:<28} {rows:>10,}", highlight=False)


@world_app.command("parquet")
@clear_errors
def world_parquet(
    out: Annotated[Path, typer.Option(help="Folder for the Parquet files.")],
    shipments: Annotated[int, typer.Option()] = 10_000,
    seed: Annotated[int, typer.Option()] = 2002,
    start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")] = "2026-01-05",
) -> None:
    """Stream a generated world to Parquet files, batch by batch."""
    from greenlane.world import WorldConfig, build_world, write_parquet

    world = build_world(
        WorldConfig(seed=seed, shipments=shipments, start=date.fromisoformat(start))
    )
    console.print(write_parquet(world, out))


@world_app.command("messages")
@clear_errors
def world_messages(
    out: Annotated[Path, typer.Argument(help="Folder for the message files.")],
    shipments: Annotated[int, typer.Option()] = 2_000,
    seed: Annotated[int, typer.Option()] = 2002,
    start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")] = "2026-01-05",
    events_as: Annotated[
        str, typer.Option("--events", help="Events as dcsa, epcis or edifact.")
    ] = "dcsa",
    batch: Annotated[int, typer.Option(help="Shipments to a message file.")] = 500,
) -> None:
    """Write a generated world as messages (native filings, DCSA/EPCIS/EDIFACT events), for
    `greenlane ingest`."""
    from greenlane.errors import ConfigurationError
    from greenlane.world import WorldConfig, build_world
    from greenlane.world.messages import EVENT_FORMATS, write_messages

    chosen = next((fmt for fmt in EVENT_FORMATS if fmt == events_as), None)
    if chosen is None:
        raise ConfigurationError(
            f"--events {events_as!r} is not a format greenlane writes events in",
            expected=" or ".join(EVENT_FORMATS),
        )
    world = build_world(
        WorldConfig(seed=seed, shipments=shipments, start=date.fromisoformat(start))
    )
    console.print(str(write_messages(world, out, events_as=chosen, batch_size=batch)))


@world_app.command("watchlist")
@clear_errors
def world_watchlist(
    out: Annotated[Path, typer.Argument(help="File to write (FollowTheMoney JSON lines).")],
) -> None:
    """Write the world's invented watch list, to load with `greenlane lists load`."""
    from greenlane.world.watchlist import watchlist_ftm_lines

    lines = watchlist_ftm_lines()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    console.print(f"{len(lines)} entries written to {out}", highlight=False)
