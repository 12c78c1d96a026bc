"""Migrations build the schema that schema.py describes, and errors name the database."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from greenlane.errors import StorageError
from greenlane.store import Database
from greenlane.store.migrate import head_revision
from greenlane.store.schema import metadata


def test_upgrade_creates_every_table_and_is_at_head(db: Database) -> None:
    tables = set(sa.inspect(db.engine).get_table_names())
    assert tables == set(metadata.tables) | {"alembic_version"}
    assert db.schema_revision() == head_revision() == "0010"
    assert db.is_current()


def test_migrations_match_schema_module(db: Database) -> None:
    """The hand-written migration and schema.py describe the same tables, columns and indexes."""
    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_upgrade_twice_changes_nothing(db: Database) -> None:
    db.upgrade()
    assert db.is_current()
    assert set(db.counts().values()) == {0}


def test_unmigrated_database_says_what_to_do(database_url: str) -> None:
    with Database.connect(database_url) as db:
        assert db.schema_revision() is None
        with pytest.raises(StorageError, match="greenlane db upgrade"):
            db.counts()


def test_connection_failure_names_the_database_without_its_password() -> None:
    url = "postgresql+psycopg://officer:s3cret@127.0.0.1:1/greenlane"
    with pytest.raises(StorageError) as caught:
        Database.connect(url)
    message = str(caught.value)
    assert "127.0.0.1:1/greenlane" in message
    assert "s3cret" not in message


@pytest.mark.parametrize("url", ["mysql://localhost/x", "not a url"])
def test_unsupported_or_malformed_url(url: str) -> None:
    with pytest.raises(StorageError):
        Database.connect(url)


def test_sqlite_file_folder_is_created(tmp_path: object) -> None:
    path = f"{tmp_path}/deeper/still/greenlane.db"
    with Database.connect(f"sqlite:///{path}") as db:
        db.upgrade()
        assert db.is_current()
