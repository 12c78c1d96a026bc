"""The command line: one typer app whose command groups live in their own modules."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console
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
from greenlane.cli.world import world_app
from greenlane.settings import get_settings

app = typer.Typer(
    help="greenlane: supply-chain security and trade facilitation for customs.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Database: migrations and contents.", no_args_is_help=True)
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
def _configure(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


@app.command()
@clear_errors
def demo(
    shipments: Annotated[
        int | None,
        typer.Option(
            help="Shipments in the generated world (default 2,000, or GREENLANE_WORLD_SHIPMENTS).",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            help="World seed; the same seed gives the same world (default 2002, or "
            "GREENLANE_WORLD_SEED).",
            show_default=False,
        ),
    ] = None,
    database: DatabaseOption = None,
) -> None:
    """Generate the demo world, send it through ingest, show the journey of container PLU775132
    and the day's targeting."""
    from greenlane.cli.demo import run_demo

    settings = get_settings()
    run_demo(
        console,
        database_url=database or settings.database_url,
        shipments=settings.world_shipments if shipments is None else shipments,
        seed=settings.world_seed if seed is None else seed,
    )


@app.command()
@clear_errors
def check(
    kind: Annotated[str, typer.Argument(help="container, imo, unlocode, hs, country or scac")],
    value: Annotated[str, typer.Argument(help="The identifier as written.")],
) -> None:
    """Check one identifier and explain what is wrong with it, if anything; exit 1 if it is
    not valid."""
    findings = core.check_identifier(kind, value)
    if not findings:
        console.print(f"{value}: valid {kind}", highlight=False, markup=False)
        return
    for finding in findings:
        console.print(f"{value}: [yellow]{finding.code}[/] {finding.message}", highlight=False)
    raise typer.Exit(1)


@db_app.command("upgrade")
@clear_errors
def db_upgrade(database: DatabaseOption = None) -> None:
    """Create or migrate the database schema to the latest version."""
    core.connect(database, migrate=True)
    console.print("database is at the latest schema version")


@db_app.command("counts")
@clear_errors
def db_counts(database: DatabaseOption = None) -> None:
    """Rows in each main table."""
    for table, rows in core.table_counts(core.connect(database)).items():
        console.print(f"{table:<28} {rows:>10,}", highlight=False)
