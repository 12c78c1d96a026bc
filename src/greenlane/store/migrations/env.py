"""Alembic environment: runs on the connection that ``greenlane.store.migrate`` hands over.

It never configures logging (libraries do not) and never reads a URL of its own.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from greenlane.store.schema import metadata

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run migrations through greenlane.store.migrate (or `greenlane db upgrade`)")

context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
