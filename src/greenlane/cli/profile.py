"""`greenlane profile`: check, show and compare rule profiles before they reach scoring."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from greenlane import app as core
from greenlane.cli.common import clear_errors, console

profile_app = typer.Typer(
    help="Rule profiles: check a profile file, show its rules, compare two versions.",
    no_args_is_help=True,
)

LocalOption = Annotated[
    Path | None,
    typer.Option("--local", help="A port's local profile to add on top (checked with it)."),
]


@profile_app.command("check")
@clear_errors
def profile_check(
    path: Annotated[Path, typer.Argument(help="The profile YAML file.")],
    local: LocalOption = None,
) -> None:
    """Check a profile (and a local profile on top); exit 1 naming every rule that is wrong."""
    profile = core.choose_profile(path, local)
    stops = sum(r.hard_stop for r in profile.rules)
    layers = " + ".join(profile.composed_of) or profile.key
    console.print(f"ok: {layers}: {len(profile.rules)} rules ({stops} hard stops)", highlight=False)


@profile_app.command("show")
@clear_errors
def profile_show(
    path: Annotated[
        Path | None, typer.Argument(help="The profile YAML file; default: the national one.")
    ] = None,
    local: LocalOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rules as JSON.")] = False,
) -> None:
    """The rules of a profile: id, title, weight, scope and condition."""
    profile = core.choose_profile(path, local)

    def row(r: core.Rule) -> dict[str, Any]:
        data = {k: v for k, v in asdict(r).items() if k != "expr"}
        data["scope"] = {k: _plain(v) for k, v in asdict(r.scope).items()}
        return data

    if as_json:
        head = {"name": profile.name, "version": profile.version, "owner": profile.owner}
        print(json.dumps({**head, "rules": [row(r) for r in profile.rules]}, default=str))
        return
    dates = f"{profile.effective_from or '…'} to {profile.effective_to or '…'}"
    console.print(
        f"{' + '.join(profile.composed_of) or profile.key}, owner {profile.owner}, "
        f"effective {dates}, {len(profile.rules)} rules",
        highlight=False,
    )
    table = Table("id", "title", "weight", "scope")
    table.add_column("condition", overflow="fold", min_width=24)
    table.add_column("then")
    for r in profile.rules:
        then = ", ".join(
            x for x in ("hard stop" if r.hard_stop else "", r.lane or "", r.referral or "") if x
        )
        table.add_row(
            escape(r.id), escape(r.title), _number(r.weight), r.scope.describe(),
            escape(r.condition), then,
        )  # fmt: skip
    console.print(table)


@profile_app.command("diff")
@clear_errors
def profile_diff(
    before: Annotated[Path, typer.Argument(help="The earlier profile.")],
    after: Annotated[Path, typer.Argument(help="The later profile.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the changes as JSON.")] = False,
) -> None:
    """Rules added, removed and changed between two profiles, naming each changed field."""
    d = core.profile_changes(before, after)
    if as_json:
        print(
            json.dumps(
                {
                    "before": d.before,
                    "after": d.after,
                    "profile": [asdict(c) for c in d.profile],
                    "added": [r.id for r in d.added],
                    "removed": [r.id for r in d.removed],
                    "changed": {rid: [asdict(c) for c in cs] for rid, cs in d.changed},
                }
            )
        )
        return
    console.print(f"{d.before} -> {d.after}", highlight=False)
    if d.empty:
        console.print("no changes")
    for c in d.profile:
        console.print(
            f"  profile {c.field}: {c.before or '-'} -> {c.after or '-'}", highlight=False
        )
    for r in d.added:
        console.print(f"[green]+ {escape(r.id)}[/] {escape(r.title)}", highlight=False)
    for r in d.removed:
        console.print(f"[red]- {escape(r.id)}[/] {escape(r.title)}", highlight=False)
    for rid, changes in d.changed:
        console.print(f"[yellow]~ {escape(rid)}[/]", highlight=False)
        for c in changes:
            console.print(
                f"    {c.field}: {escape(c.before) or '-'} -> {escape(c.after) or '-'}",
                highlight=False,
            )


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _plain(value: object) -> object:
    return sorted(value) if isinstance(value, frozenset) else value
