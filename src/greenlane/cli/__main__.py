"""`python -m greenlane.cli`: the same command line as the `greenlane` script."""

from greenlane.cli import main

main()
