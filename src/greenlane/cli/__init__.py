"""The command line: typer commands, one module per command group, calling the application layer."""

from greenlane.cli.main import app

__all__ = ["app"]
