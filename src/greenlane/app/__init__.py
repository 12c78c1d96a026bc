"""greenlane.app: the application layer, one function per verb over a Database or a named data
source; the command line calls it, and so will the service."""
