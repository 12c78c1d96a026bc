"""Opening a database at the head revision asks one query and loads no Alembic; any other
database still goes through Alembic: upgraded from an older revision, refused at an unknown one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

import greenlane
from greenlane.store import Database
from greenlane.store.migrate import head_revision, is_at_head, script_head, upgrade
from greenlane.store.schema import metadata


def test_the_scripts_head_read_plainly_is_alembics() -> None:
    assert script_head() == head_revision()


def test_an_older_database_is_still_upgraded(database_url: str) -> None:
    upgrade(database_url, "0009")
    with Database.connect(database_url) as db:
        assert not is_at_head(db.engine)
        db.upgrade()
        assert db.is_current() and is_at_head(db.engine)
        assert set(sa.inspect(db.engine).get_table_names()) >= set(metadata.tables)


def test_a_database_never_migrated_is_not_at_head(database_url: str) -> None:
    with Database.connect(database_url) as db:
        assert not is_at_head(db.engine)
        db.upgrade()
        assert db.is_current()


def test_an_unknown_revision_is_still_refused(database_url: str) -> None:
    with Database.connect(database_url) as db:
        db.upgrade()
        with db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
        assert not is_at_head(db.engine)
        with pytest.raises(Exception, match="9999"):
            db.upgrade()


def test_opening_a_current_database_loads_no_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'greenlane.db'}"
    with Database.connect(url) as db:
        db.upgrade()
    code = (
        "import sys\nfrom greenlane.app import connect\n"
        f"connect({url!r}, migrate=True)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    env = dict(os.environ)
    src = str(Path(greenlane.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
