"""The command line: typer commands, one module per command group, calling the application layer."""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import Any

import typer

from greenlane.cli.commands import build_app, named_in

__all__ = ["app", "main"]


def __getattr__(name: str) -> typer.Typer:
    # ``greenlane.cli.app``, every command in it, built when first asked for: the script
    # itself builds only the command it runs.
    if name == "app":
        return _whole_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _whole_app() -> typer.Typer:
    return build_app()


def _walk(command: Any) -> list[Any]:
    """A command and every command under it (typer's commands are its own click's)."""
    found = [command]
    for sub in getattr(command, "commands", {}).values():
        found += _walk(sub)
    return found


def main() -> None:
    """The ``greenlane`` script: the typer app of the command named (all of them for the root's
    help), its plain flags shown as flags in help.

    Typer's help gives every option a type, ``--json <bool>`` included; a flag takes no value,
    so its type is left out."""
    command = typer.main.get_command(build_app(named_in(sys.argv[1:], os.environ)))
    for each in _walk(command):
        for param in each.params:
            _as_flag(param)
        each.get_help_option = _help_as_flag(each.get_help_option)
    command()


def _as_flag(param: Any) -> Any:
    if getattr(param, "is_flag", False) and param.metavar is None:
        param.metavar = ""
    return param


def _help_as_flag(make: Any) -> Any:
    return lambda ctx: _as_flag(make(ctx))
