"""`greenlane ingest` and `greenlane quarantine`: receive messages and look after the unreadable."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from greenlane.cli.common import DatabaseOption, clear_errors, console, open_database
from greenlane.settings import get_settings

if TYPE_CHECKING:
    from greenlane.store import Database

quarantine_app = typer.Typer(help="Messages that could not be read.", no_args_is_help=True)

FormatOption = Annotated[
    str | None,
    typer.Option("--format", help="native, dcsa, epcis, edifact or x12; detected when omitted."),
]


@clear_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs.")],
    format: FormatOption = None,
    source: Annotated[str | None, typer.Option(help="Who sent it; default the file path.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Archive, read and store messages; report what was stored, duplicated or quarantined."""
    from greenlane.ingest.batch import expand_paths, ingest_paths

    db = open_database(database, migrate=True)
    files = expand_paths(paths)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True, disable=as_json) as progress:
        task = progress.add_task("ingest", total=len(files))
        report = ingest_paths(
            db,
            [str(f) for f in files],
            format=format,
            source=source,
            max_bytes=get_settings().max_message_bytes,
            on_file=lambda _path, _result: progress.advance(task),
        )
    if as_json:
        print(json.dumps(report.as_json()))
        return
    table = Table(title="Ingest report")
    table.add_column("What")
    table.add_column("Count", justify="right")
    for key in ("received", "stored", "duplicates", "quarantined"):
        table.add_row(key, str(getattr(report, key)))
    for kind, n in sorted(report.records.items()):
        table.add_row(f"new {kind}", str(n))
    for code, n in sorted(report.findings.items()):
        table.add_row(f"finding {code}", str(n))
    console.print(table)
    for path, result in report.problems:
        console.print(
            f"[red]quarantined[/] {path}: {result.error} (at {result.where}) "
            f"[dim]{result.content_hash[:12]}[/]",
            highlight=False,
        )


@quarantine_app.command("list")
@clear_errors
def quarantine_list(database: DatabaseOption = None) -> None:
    """Quarantined messages, oldest first."""
    db = open_database(database, migrate=True)
    table = Table(title="Quarantine")
    for column in ("Id", "Format", "Source", "Received", "Error", "Where"):
        table.add_column(column)
    for digest in db.quarantined():
        message = db.raw_message(digest)
        if message is None:
            continue
        table.add_row(
            digest[:12],
            message.format,
            message.source,
            message.received_at.isoformat(timespec="seconds"),
            message.error or "",
            message.error_location or "",
        )
    console.print(table)


def _resolve(db: Database, prefix: str) -> str:
    from greenlane.errors import NotFoundError

    matches = [d for d in db.quarantined() if d.startswith(prefix)]
    if len(matches) != 1:
        raise NotFoundError(
            f"{len(matches)} quarantined messages match {prefix!r}", expected="one id prefix"
        )
    return str(matches[0])


@quarantine_app.command("show")
@clear_errors
def quarantine_show(
    message_id: Annotated[str, typer.Argument(help="Id (a prefix of the content hash).")],
    database: DatabaseOption = None,
) -> None:
    """The error, the place, and the start of the message."""
    db = open_database(database, migrate=True)
    message = db.raw_message(_resolve(db, message_id))
    assert message is not None
    console.print(f"id        {message.content_hash}", highlight=False)
    console.print(f"format    {message.format}\nsource    {message.source}", highlight=False)
    console.print(f"received  {message.received_at.isoformat()}", highlight=False)
    console.print(f"error     {message.error}\nwhere     {message.error_location}", highlight=False)
    console.print(message.content[:2000].decode("utf-8", "replace"), highlight=False, markup=False)


@quarantine_app.command("retry")
@clear_errors
def quarantine_retry(
    message_id: Annotated[str, typer.Argument(help="Id (a prefix of the content hash).")],
    format: FormatOption = None,
    database: DatabaseOption = None,
) -> None:
    """Read a quarantined message again (after an upgrade, or with --format)."""
    from greenlane.ingest.pipeline import retry_message

    db = open_database(database, migrate=True)
    result = retry_message(
        db, _resolve(db, message_id), format=format, max_bytes=get_settings().max_message_bytes
    )
    console.print(f"{result.outcome.value}: {dict(result.records) or result.error}")
    if result.error:
        raise typer.Exit(1)
