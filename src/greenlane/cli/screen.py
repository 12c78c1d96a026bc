"""`greenlane screen`: the parties of shipments against the loaded watch lists."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from greenlane.cli.common import DatabaseOption, clear_errors, console, open_database


@clear_errors
def screen(
    bill: Annotated[
        list[str] | None, typer.Option("--bill", help="A master bill to screen (repeatable).")
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Every shipment, not only the open ones.")
    ] = False,
    show: Annotated[bool, typer.Option("--show", help="List the hits of each bill.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Screen every party of the open shipments (or --all, or --bill) and store the hits."""
    from greenlane.parties.shipment_screening import screen_bills, screen_open_shipments
    from greenlane.store.screening import hits_for_bill

    db = open_database(database, migrate=True)
    report = screen_bills(db, bill) if bill else screen_open_shipments(db, everything=everything)
    if as_json:
        print(json.dumps(asdict(report)))
        return
    console.print(
        f"screened {report.shipments:,} shipments ({report.distinct_parties:,} distinct parties) "
        f"against {', '.join(f'{k} v{v}' for k, v in report.list_versions.items()) or 'no list'}"
        f" in {report.seconds} s: {report.hits:,} hits on {report.shipments_with_hits:,} "
        "shipments",
        highlight=False,
    )
    for one in bill or []:
        hits = hits_for_bill(db, one)
        if not hits and not show:
            continue
        table = Table(title=f"Screening hits of {one}")
        for column in ("Role", "Party", "List entry", "Matched name", "Score", "Why"):
            table.add_column(column)
        for h in hits:
            table.add_row(
                h.role,
                h.party_name,
                h.entry_key,
                h.matched_name,
                f"{h.score:.2f}",
                "\n".join(h.explanation),
            )
        console.print(table)
