"""The application layer: one function per verb over a ``Database``, called by the command line
(and later the service and the Spark runner) and nothing below it."""
