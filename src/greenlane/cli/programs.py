"""`greenlane programs load | show`, `eligibility`, `path-to-green-lane` and `resume`: the
trusted-trader lists, each shipment's Green Lane requirements with their evidence, what a trader
would have to fix, and the order in which to clear a port's backlog after a disruption."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console
from greenlane.errors import ConfigurationError

programs_app = typer.Typer(
    help="Trusted-trader programs: load C-TPAT, AEO, mutual recognition and CSI lists.",
    no_args_is_help=True,
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
LookbackOption = Annotated[
    int, typer.Option("--lookback-days", help="Days of compliance history that count.")
]
_MARK = {"met": "[green]met[/]", "not_met": "[red]not met[/]", "unknown": "[yellow]unknown[/]"}


@programs_app.command("load")
@clear_errors
def programs_load(
    path: Annotated[Path, typer.Argument(help="A CSV file in the layout of its kind.")],
    kind: Annotated[str, typer.Option("--kind", help="ctpat, aeo, mra or csi.")],
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Store a program list: C-TPAT or AEO members (added or replaced), the mutual recognition
    arrangements (replaced whole) or the CSI ports (the whole list). A bad row stores nothing."""
    from greenlane.app.programs import load_programs

    report = load_programs(core.connect(database, migrate=True), path, kind)
    if as_json:
        print(json.dumps(asdict(report)))
        return
    console.print(
        f"{report.rows:,} {report.kind} rows loaded from {report.source} ({report.new:,} new)",
        highlight=False,
    )


@programs_app.command("show")
@clear_errors
def programs_show(as_json: JsonOption = False, database: DatabaseOption = None) -> None:
    """What is loaded: members per program and tier, the arrangements, the CSI ports."""
    from greenlane.app.programs import show_programs

    summary = show_programs(core.connect(database, migrate=True))
    if as_json:
        print(json.dumps(summary))
        return
    for m in summary["members"]:
        console.print(
            f"{m['program']}/{m['jurisdiction']} tier {m['tier']}: {m['members']:,} members"
            f" ({m['suspended']:,} suspended)",
            highlight=False,
        )
    for r in summary["recognitions"]:
        console.print(
            f"mutual recognition {r['between']} from {r['in_force_from']}"
            + (f" ({r['note']})" if r["note"] else ""),
            highlight=False,
        )
    console.print(f"{summary['csi_ports']} CSI ports", highlight=False)


@clear_errors
def eligibility(
    bill: Annotated[str, typer.Argument(help="A master bill.")],
    lookback_days: LookbackOption = 365,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """The shipment's Green Lane eligibility: the five requirements, each met, not met or
    unknown, with every fact checked and, where not met, what would fix it."""
    from greenlane.app.programs import eligibility as eligibility_of

    doc = eligibility_of(core.connect(database, migrate=True), bill, lookback_days)
    if as_json:
        print(json.dumps(doc))
        return
    verdict = (
        f"[bold green]Green Lane eligible[/] (benefits of tier {doc['benefit_tier']})"
        if doc["eligible"]
        else "[bold]not eligible[/]: "
        + ", ".join(
            [*(f"{n} not met" for n in doc["not_met"]), *(f"{n} unknown" for n in doc["unknown"])]
        )
    )
    console.print(f"{doc['master_bill']} at {doc['port']}, decided {doc['decided_at']}: {verdict}")
    for k, r in enumerate(doc["requirements"], start=1):
        console.print(f"{k}. {r['title']}: {_MARK[r['status']]}")
        for fact in r["facts"]:
            console.print(
                f"   - {_MARK[fact['status']]} {escape(fact['evidence'])}", highlight=False
            )
            if fact["fix"]:
                console.print(f"     fix: {escape(fact['fix'])}", highlight=False)


@clear_errors
def path_to_green_lane(
    importer: Annotated[str, typer.Argument(help="The importer's identifier or name.")],
    last: Annotated[int, typer.Option("--last", help="How many recent shipments to read.")] = 50,
    lookback_days: LookbackOption = 365,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """For a trader: over its recent shipments, which Green Lane requirement failed most often,
    why, and what would fix it."""
    from greenlane.app.programs import path_to_green_lane as path_for

    found = path_for(core.connect(database, migrate=True), importer, last, lookback_days)
    if as_json:
        print(json.dumps(asdict(found)))
        return
    console.print(f"[bold]{escape(found.importer)}[/] ({found.first_day} to {found.last_day})")
    for line in found.advice:
        console.print(escape(line), highlight=False)


@clear_errors
def resume(
    port: Annotated[str, typer.Argument(help="The port (UN/LOCODE) that reopens.")],
    start: Annotated[str, typer.Option("--from", help="Start of the disruption (ISO time).")],
    end: Annotated[str, typer.Option("--to", help="When the port reopens (ISO time).")],
    capacity: Annotated[
        float, typer.Option("--capacity", help="Examination capacity: share of each port-day.")
    ] = 0.02,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the random draws.")] = 0,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Priority recovery: the shipments that arrived at PORT during a disruption, in the order
    to work them when it reopens: Green Lane tier first, then risk. Each keeps its lane; a hard
    stop keeps its examination."""
    from greenlane.app.assessment import selection_policy
    from greenlane.app.programs import resume as resume_order

    rows = resume_order(
        core.connect(database, migrate=True),
        port,
        _time(start, "--from"),
        _time(end, "--to"),
        selection_policy(capacity, seed=seed),
    )
    if as_json:
        print(json.dumps(rows))
        return
    if not rows:
        console.print(
            f"No shipment arrived at {port.strip().upper()} between {start} and {end}.",
            highlight=False,
        )
        return
    console.print(
        f"{len(rows):,} shipments in the backlog of {port.strip().upper()}", highlight=False
    )
    for r in rows:
        console.print(
            f"{r['resume_order']:>5} {r['master_bill']} {r['action']}: {escape(r['why'])}",
            highlight=False,
        )


def _time(text: str, option: str) -> datetime:
    from datetime import UTC

    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigurationError(
            f"{option} {text!r} is not a time", expected="YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
