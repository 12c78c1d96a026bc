"""`greenlane lists`: load official watch-list files as new versions, show what is loaded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console

if TYPE_CHECKING:
    from greenlane.parties.shipment_screening import ScreeningReport
    from greenlane.store.watchlists import LoadResult, StoredVersion

lists_app = typer.Typer(
    help="Watch lists: load the official files as versions, see what is loaded.",
    no_args_is_help=True,
)

ListFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="ofac-sdn-csv, ofac-cons-csv, csl-csv, bis-dpl, un-xml or ftm-jsonl; "
        "detected when omitted.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]
SHOWN_IDS = 5


@lists_app.command("load")
@clear_errors
def lists_load(
    path: Annotated[Path, typer.Argument(help="A list file, or a folder of OFAC CSV files.")],
    format: ListFormatOption = None,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Store a list file as the list's next version; report what was added, changed, removed.
    A changed list builds the screening index of the current lists and screens the open
    shipments again."""
    from greenlane.app.screening import load_list

    db = core.connect(database, migrate=True)
    loaded = load_list(db, path, format)
    result, rescreened = loaded.result, loaded.rescreened
    if as_json:
        report = _load_json(result)
        report["rescreened"] = None if rescreened is None else _rescreen_json(rescreened)
        print(json.dumps(report))
        return
    stored, changes = result.version, result.changes
    if not result.stored:
        console.print(
            f"{stored.list_name}: unchanged, the same content as version {stored.number} "
            f"({stored.entry_count:,} entries, loaded {_when(stored)})",
            highlight=False,
        )
    else:
        since = f"version {result.previous.number}" if result.previous else "nothing loaded"
        console.print(
            f"{stored.list_name}: version {stored.number} stored, {stored.entry_count:,} entries "
            f"from {stored.source} ({stored.format})",
            highlight=False,
        )
        console.print(
            f"since {since}: {len(changes.added):,} added, {len(changes.changed):,} changed, "
            f"{len(changes.removed):,} removed",
            highlight=False,
        )
        for label, ids in (
            ("added", changes.added),
            ("changed", changes.changed),
            ("removed", changes.removed),
        ):
            if ids and result.previous is not None:
                more = f" and {len(ids) - SHOWN_IDS:,} more" if len(ids) > SHOWN_IDS else ""
                console.print(f"  {label}: {', '.join(ids[:SHOWN_IDS])}{more}", highlight=False)
    for note in result.notes:
        console.print(f"[dim]note: {note}[/]", highlight=False)
    if rescreened is not None and not rescreened.shipments:
        console.print("no open shipments to screen again", highlight=False)
    elif rescreened is not None:
        console.print(
            f"open shipments screened again: {rescreened.shipments:,} shipments, "
            f"{rescreened.hits:,} hits on {rescreened.shipments_with_hits:,} of them",
            highlight=False,
        )
        bills = _bills_hit(rescreened)
        if bills:
            more = f" and {len(bills) - SHOWN_IDS:,} more" if len(bills) > SHOWN_IDS else ""
            console.print(
                f"  with hits: {', '.join(bills[:SHOWN_IDS])}{more} (greenlane screen --bill BILL)",
                highlight=False,
            )


@lists_app.command("show")
@clear_errors
def lists_show(as_json: JsonOption = False, database: DatabaseOption = None) -> None:
    """The loaded lists and their versions, newest last."""
    from greenlane.app.screening import watch_lists

    versions = watch_lists(core.connect(database, migrate=True))
    current = {v.list_name: v.number for v in versions}  # by number, the last one wins
    if as_json:
        lists: dict[str, list[dict[str, Any]]] = {}
        for v in versions:
            lists.setdefault(v.list_name, []).append(_version_json(v))
        print(
            json.dumps(
                {
                    "lists": [
                        {"list": name, "current_version": current[name], "versions": items}
                        for name, items in lists.items()
                    ]
                }
            )
        )
        return
    if not versions:
        console.print("no watch lists loaded: greenlane lists load PATH")
        return
    table = Table(title="Watch lists")
    for column in ("List", "Version", "Entries", "Format", "Loaded", "Content", "Source"):
        table.add_column(column, justify="right" if column in ("Version", "Entries") else "left")
    for v in versions:
        mark = " (current)" if current[v.list_name] == v.number else ""
        table.add_row(
            v.list_name,
            f"{v.number}{mark}",
            f"{v.entry_count:,}",
            v.format,
            _when(v),
            v.content_hash[:12],
            v.source,
        )
    console.print(table)


def _when(version: StoredVersion) -> str:
    return version.loaded_at.isoformat(timespec="seconds")


def _version_json(version: StoredVersion) -> dict[str, Any]:
    return {
        "version": version.number,
        "version_id": version.version_id,
        "format": version.format,
        "loaded_at": version.loaded_at.isoformat(),
        "content_hash": version.content_hash,
        "source": version.source,
        "entries": version.entry_count,
    }


def _load_json(result: LoadResult) -> dict[str, Any]:
    changes = result.changes
    return {
        "list": result.version.list_name,
        "status": "stored" if result.stored else "unchanged",
        **_version_json(result.version),
        "previous_version": result.previous.number if result.previous else None,
        "counts": changes.counts,
        "added": list(changes.added),
        "changed": list(changes.changed),
        "removed": list(changes.removed),
        "notes": list(result.notes),
    }


def _bills_hit(report: ScreeningReport) -> list[str]:
    return list(dict.fromkeys(h.master_bill for h in report.found))


def _rescreen_json(report: ScreeningReport) -> dict[str, Any]:
    from greenlane.cli.screen import report_json

    return {**report_json(report), "shipments_hit": _bills_hit(report)}
