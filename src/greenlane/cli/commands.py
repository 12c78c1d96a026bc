"""The typer app: every command and command group, each from its own module, and the app of
just the one a command line names.

Typer builds every parameter of every registered command before running any (about 0.2 s for
all of them), and importing every command module costs as much again; ``greenlane screen``
needs one command, so ``greenlane.cli.main`` asks for the app of the name it is given.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

import typer

from greenlane.cli.main import configure

# name -> "module:attribute" under greenlane.cli, in the order help lists them.
COMMANDS: dict[str, str] = {
    "ingest": "ingest:ingest",
    "journey": "visibility:journey",
    "seals": "visibility:seals",
    "screen": "screen:screen",
    "parties": "parties:parties",
    "assess": "risk:assess",
    "decision": "risk:decision",
    "backtest": "risk:backtest",
    "eligibility": "programs:eligibility",
    "path-to-green-lane": "programs:path_to_green_lane",
    "resume": "programs:resume",
    "demo": "main:demo",
    "check": "main:check",
}
GROUPS: dict[str, str] = {
    "db": "main:db_app",
    "world": "world:world_app",
    "quarantine": "ingest:quarantine_app",
    "entities": "entities:entities_app",
    "lists": "lists:lists_app",
    "goods": "goods:goods_app",
    "profile": "profile:profile_app",
    "programs": "programs:programs_app",
    "model": "model:model_app",
}
_ROOT_FLAGS = {"-v", "--verbose"}


def build_app(only: str | None = None) -> typer.Typer:
    """The app with every command and group, or with the one named ``only`` (the root's
    options and help text the same either way)."""
    app = typer.Typer(
        help="greenlane: supply-chain security and trade facilitation for customs.",
        no_args_is_help=True,
        add_completion=False,
    )
    app.callback()(configure)
    for name, where in COMMANDS.items():
        if only in (None, name):
            app.command(name)(_load(where))
    for name, where in GROUPS.items():
        if only in (None, name):
            app.add_typer(_load(where), name=name)
    return app


def named_in(args: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The command or group a command line runs, when the app of it alone runs it exactly as
    the whole app would: not for the root's help, an unknown name or shell completion (which
    reads its words from the environment)."""
    if any(key.startswith("_") and key.endswith("_COMPLETE") for key in environ):
        return None
    rest = list(args)
    while rest and rest[0] in _ROOT_FLAGS:
        rest.pop(0)
    if rest and (rest[0] in COMMANDS or rest[0] in GROUPS):
        return rest[0]
    return None


def _load(where: str) -> Any:
    module, attribute = where.split(":")
    return getattr(importlib.import_module(f"greenlane.cli.{module}"), attribute)
