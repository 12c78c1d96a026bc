"""`python -m greenlane.cli`: the same command line as the `greenlane` script."""

from greenlane.cli.main import app

app()
