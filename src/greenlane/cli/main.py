"""The root's own commands: the options before any command, ``demo``, ``check`` and ``db``."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console
from greenlane.settings import get_settings

db_app = typer.Typer(help="Database: migrations and contents.", no_args_is_help=True)


def configure(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


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
