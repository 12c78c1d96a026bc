"""`greenlane screen`: the parties of shipments against the loaded watch lists."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console

if TYPE_CHECKING:
    from greenlane.app.screening import Screening
    from greenlane.parties.shipment_screening import ScreeningReport
    from greenlane.store.screening import StoredHit

SHOWN_SHIPMENTS = 20


@clear_errors
def screen(
    bill: Annotated[
        list[str] | None, typer.Option("--bill", help="A master bill to screen (repeatable).")
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Every shipment, not only the open ones.")
    ] = False,
    show: Annotated[
        bool,
        typer.Option("--show", help="Every hit of every shipment, not only which shipments hit."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Screen every party of the open shipments (or --all, or --bill) and store the hits."""
    from greenlane.app.screening import screen_all, screen_open, screen_shipments

    db = core.connect(database, migrate=True)
    if bill:
        screening = screen_shipments(db, bill)
    else:
        screening = screen_all(db) if everything else screen_open(db)
    if as_json:
        print(json.dumps(screening_json(screening)))
        return
    report = screening.report
    if screening.scope == "open" and not report.shipments:
        console.print(
            f"no open shipments: none filed or moved in the last {screening.open_days} days "
            "(GREENLANE_SCREENING_OPEN_DAYS); greenlane screen --all screens every shipment",
            highlight=False,
        )
        return
    console.print(summary(report), highlight=False)
    if screening.scope == "bills":
        hit = {s.master_bill: s for s in screening.shipments_hit}
        for asked in dict.fromkeys(b.strip() for b in bill or []):
            if asked in hit:
                console.print(hits_table(asked, hit[asked].hits))
            else:
                console.print(f"{asked}: no hits", highlight=False)
    elif not screening.shipments_hit:
        console.print("no hits: no party of these shipments matches a list entry", highlight=False)
    elif show:
        for one in screening.shipments_hit:
            console.print(hits_table(one.master_bill, one.hits))
    else:
        print_shipments_hit(screening)


def summary(report: ScreeningReport) -> str:
    lists = ", ".join(f"{k} v{v}" for k, v in sorted(report.list_versions.items()))
    return (
        f"screened {report.shipments:,} shipments ({report.distinct_parties:,} distinct parties) "
        f"against {lists} in {report.seconds} s: {report.hits:,} hits on "
        f"{report.shipments_with_hits:,} shipments"
    )


def print_shipments_hit(screening: Screening) -> None:
    """The shipments with hits, best first: the first ``SHOWN_SHIPMENTS`` and how to see one."""
    table = Table(title="Shipments with hits")
    for column in ("Master bill", "Hits", "Best score", "Parties", "List entries"):
        table.add_column(column, justify="right" if column in ("Hits", "Best score") else "left")
    shown = screening.shipments_hit[:SHOWN_SHIPMENTS]
    for one in shown:
        table.add_row(
            one.master_bill,
            str(len(one.hits)),
            f"{one.best:.2f}",
            "\n".join(dict.fromkeys(f"{h.role}: {h.party_name}" for h in one.hits)),
            "\n".join(dict.fromkeys(h.entry_key for h in one.hits)),
        )
    console.print(table)
    more = len(screening.shipments_hit) - len(shown)
    if more:
        console.print(f"and {more:,} more shipments with hits (--json lists them all)")
    console.print(
        "See a shipment's hits and why with: greenlane screen --bill BILL, or greenlane parties "
        "BILL",
        highlight=False,
    )


def hits_table(bill: str, hits: tuple[StoredHit, ...] | list[StoredHit]) -> Table:
    table = Table(title=f"Screening hits of {bill}")
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
    return table


def report_json(report: ScreeningReport) -> dict[str, Any]:
    """The report's counts (the hits themselves are listed by shipment)."""
    return {k: v for k, v in asdict(report).items() if k != "found"}


def hit_json(hit: StoredHit) -> dict[str, Any]:
    """A stored hit without its master bill, which the shipment it is listed under names."""
    return {k: v for k, v in asdict(hit).items() if k != "master_bill"}


def screening_json(screening: Screening) -> dict[str, Any]:
    """The JSON of ``greenlane screen --json`` (docs/parties.md)."""
    return {
        "scope": screening.scope,
        **report_json(screening.report),
        "shipments_hit": [
            {"master_bill": s.master_bill, "hits": [hit_json(h) for h in s.hits]}
            for s in screening.shipments_hit
        ],
    }
