"""`greenlane ingest` and `greenlane quarantine`: receive messages and look after the unreadable."""

from __future__ import annotations

import json
import unicodedata
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console

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
    """Archive, read and store messages; report what was stored, duplicated or quarantined.
    Exits 1 when a message was quarantined or refused, or a file could not be read."""
    db = core.connect(database, migrate=True)
    files = core.message_files(paths)
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True, disable=as_json) as progress:
        task = progress.add_task("ingest", total=len(files))
        report = core.ingest_files(
            db, files, format=format, source=source, on_file=lambda *_: progress.advance(task)
        )
    if as_json:
        print(json.dumps(report.as_json()))
    else:
        _print_report(report)
    if report.failed:
        raise typer.Exit(1)


def _print_report(report: core.IngestReport) -> None:
    table = Table(title="Ingest report")
    table.add_column("What")
    table.add_column("Count", justify="right")
    for key in ("received", "stored", "duplicates", "quarantined"):
        table.add_row(key, str(getattr(report, key)))
    if report.refused:
        table.add_row("refused (over the size limit)", str(report.refused))
    if report.unexpected:
        table.add_row("quarantined by the catch-all", str(report.unexpected))
    if report.unreadable:
        table.add_row("files that could not be read", str(len(report.unreadable)))
    for kind, n in sorted(report.records.items()):
        table.add_row(f"new {kind}", str(n))
    for code, n in sorted(report.findings.items()):
        table.add_row(f"finding {code}", str(n))
    console.print(table)
    if report.duplicates and not report.stored:
        console.print("Every message was already stored; nothing new was written.")
    for path, result in report.problems:
        console.print(
            f"[red]{result.outcome.value}[/] {escape(path)}: {escape(result.error or '')} "
            f"(at {escape(result.where or 'unknown place')}) [dim]{result.content_hash[:12]}[/]",
            highlight=False,
        )
    for path, why in report.unreadable:
        console.print(f"[red]not read[/] {escape(path)}: {escape(why)}", highlight=False)
    if report.problems:
        console.print("Each one, with the start of the message: greenlane quarantine show ID")


@quarantine_app.command("list")
@clear_errors
def quarantine_list(database: DatabaseOption = None) -> None:
    """Quarantined messages, oldest first, then those refused for their size (kept as their
    hash and reason only)."""
    db = core.connect(database, migrate=True)
    found, refused = core.quarantined(db), core.refused_messages(db)
    if not found and not refused:
        console.print("No message is quarantined or refused.")
        return
    for title, messages in (("Quarantine", found), ("Refused (bytes not kept)", refused)):
        if not messages:
            continue
        table = Table(title=title)
        for column in ("Id", "Format", "Source", "Received", "Error", "Where"):
            table.add_column(column)
        for m in messages:
            table.add_row(m.id[:12], m.format, m.source, m.received_at, m.error, m.where)
        console.print(table)


def preview(content: bytes, limit: int = 2000) -> str:
    """The start of a message, safe for a terminal: text as text, anything else as hex lines,
    so that control bytes never reach the screen."""
    head = content[:limit]
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = "" if exc.start < len(head) - 4 else head[: exc.start].decode("utf-8")
    printable = all(ch in "\n\r\t" or unicodedata.category(ch)[0] != "C" for ch in text)
    if text and printable:
        return text
    rows = [
        f"{offset:08x}  {head[offset : offset + 16].hex(' ')}"
        for offset in range(0, min(len(head), 256), 16)
    ]
    return "binary content, first bytes in hex:\n" + "\n".join(rows)


@quarantine_app.command("show")
@clear_errors
def quarantine_show(
    message_id: Annotated[str, typer.Argument(help="Id (a prefix of the content hash).")],
    database: DatabaseOption = None,
) -> None:
    """The error, the place, and the start of the message."""
    m = core.quarantined_message(core.connect(database, migrate=True), message_id)
    for label, value in (
        ("id", m.id),
        ("format", m.format),
        ("source", m.source),
        ("received", m.received_at),
        ("error", m.error),
        ("where", m.where),
    ):
        console.print(f"{label:<9} {value}", highlight=False, markup=False)
    console.print(preview(m.content), highlight=False, markup=False)


@quarantine_app.command("retry")
@clear_errors
def quarantine_retry(
    message_id: Annotated[str, typer.Argument(help="Id (a prefix of the content hash).")],
    format: FormatOption = None,
    database: DatabaseOption = None,
) -> None:
    """Read a quarantined message again (after an upgrade, or with --format)."""
    result = core.retry(core.connect(database, migrate=True), message_id, format=format)
    if result.error:
        console.print(
            f"{result.outcome.value}: {result.error} (at {result.where or 'unknown place'})",
            highlight=False,
            markup=False,
        )
        raise typer.Exit(1)
    stored = ", ".join(f"{n:,} {kind}" for kind, n in sorted(result.records.items()))
    console.print(f"{result.outcome.value}: {stored or 'no new records'}", highlight=False)
