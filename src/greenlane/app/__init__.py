"""The application layer: one function per verb over a ``Database``, the public API that the
command line (and later the service and Spark) call."""
