"""The command line: typer commands, one module per command group, calling the application layer."""

from __future__ import annotations

from typing import Any

import typer

from greenlane.cli.main import app

__all__ = ["app", "main"]


def _walk(command: Any) -> list[Any]:
    """A command and every command under it (typer's commands are its own click's)."""
    found = [command]
    for sub in getattr(command, "commands", {}).values():
        found += _walk(sub)
    return found


def main() -> None:
    """The ``greenlane`` script: the typer app, its plain flags shown as flags in help.

    Typer's help gives every option a type, ``--json <bool>`` included; a flag takes no value,
    so its type is left out."""
    command = typer.main.get_command(app)
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
