"""`greenlane entities`: trade parties resolved into entities across filings."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from greenlane.cli.common import DatabaseOption, clear_errors, console, open_database
from greenlane.errors import NotFoundError

entities_app = typer.Typer(help="Trade parties resolved into entities.", no_args_is_help=True)


@entities_app.command("resolve")
@clear_errors
def entities_resolve(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Resolve every party of every stored filing into entities (Splink on DuckDB) and store
    which entity each party record belongs to."""
    from greenlane.parties.resolve_stored import resolve_stored_parties

    report = resolve_stored_parties(open_database(database, migrate=True))
    if as_json:
        print(json.dumps(asdict(report)))
        return
    console.print(
        f"{report.records:,} party records of {report.shipments:,} shipments resolved into "
        f"{report.entities:,} entities ({report.merged_links:,} links merged) in "
        f"{report.seconds} s",
        highlight=False,
    )


@entities_app.command("show")
@clear_errors
def entities_show(
    entity_id: Annotated[str, typer.Argument(help="An entity id.")],
    database: DatabaseOption = None,
) -> None:
    """Every party record of an entity: the shipment, the role and the name as written."""
    from greenlane.store.entities import records_of_entity

    found = records_of_entity(open_database(database), entity_id.strip())
    if not found:
        raise NotFoundError(f"no entity {entity_id.strip()!r}; run greenlane entities resolve")
    table = Table(title=f"Entity {entity_id.strip()}")
    for column in ("Shipment", "Role", "Name as written"):
        table.add_column(column)
    for bill, role, name in found:
        table.add_row(bill, role, name)
    console.print(table)
