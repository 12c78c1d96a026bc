"""What the command modules share: the console, common options, and clear error handling."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

from greenlane.errors import GreenlaneError

# Piped output (CI logs, `make demo | tee`) gets a wide page so the legs table is not truncated.
console = Console(width=None if sys.stdout.isatty() else 160)
P = ParamSpec("P")
T = TypeVar("T")

DatabaseOption = Annotated[
    str | None,
    typer.Option("--database", help="SQLAlchemy URL; default GREENLANE_DATABASE_URL or SQLite."),
]


def clear_errors(command: Callable[P, T]) -> Callable[P, T]:
    """Turn greenlane's own errors into one clear line and an exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return command(*args, **kwargs)
        except GreenlaneError as exc:
            console.print(f"[bold red]error:[/] {exc}", highlight=False)
            raise typer.Exit(exc.exit_code) from exc

    return wrapper
