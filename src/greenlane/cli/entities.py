"""`greenlane entities`: trade parties resolved into entities across filings."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console

entities_app = typer.Typer(help="Trade parties resolved into entities.", no_args_is_help=True)


@entities_app.command("resolve")
@clear_errors
def entities_resolve(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Resolve every party of every stored filing into entities (Splink on DuckDB) and store
    which entity each party record belongs to; show the entities that span most shipments."""
    found = core.resolve_entities(core.connect(database, migrate=True))
    report = found.report
    if as_json:
        print(json.dumps({**asdict(report), "widest": [asdict(w) for w in found.widest]}))
        return
    console.print(
        f"{report.records:,} party records of {report.shipments:,} shipments resolved into "
        f"{report.entities:,} entities ({report.merged_links:,} links merged) in "
        f"{report.seconds} s",
        highlight=False,
    )
    if not found.widest:
        console.print("No party records to resolve in the stored filings.")
        return
    table = Table(title="Entities that span the most shipments")
    for column in ("Entity", "Shipments", "Names as written", "For example"):
        table.add_column(column)
    for w in found.widest:
        table.add_row(w.entity_id, f"{w.shipments:,}", f"{w.names:,}", w.example_name)
    console.print(table)
    console.print("Every record of one entity: greenlane entities show ENTITY")


@entities_app.command("show")
@clear_errors
def entities_show(
    entity_id: Annotated[str, typer.Argument(help="An entity id.")],
    database: DatabaseOption = None,
) -> None:
    """Every party record of an entity: the shipment, the role and the name as written."""
    found = core.entity_records(core.connect(database), entity_id)
    table = Table(title=f"Entity {entity_id.strip()}")
    for column in ("Shipment", "Role", "Name as written"):
        table.add_column(column)
    for bill, role, name in found:
        table.add_row(bill, role, name)
    console.print(table)
