"""A migrated, empty ``Database`` on each backend (see ``database_url`` in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from greenlane.store import Database


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database.connect(database_url)
    database.upgrade()
    yield database
    database.close()
