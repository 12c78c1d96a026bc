"""Commands that need no frames import no frame or model library: `greenlane lists show` and
`greenlane screen --bill B` (the index and party names kept) run in a new process without
Polars, NumPy, PyArrow or LightGBM, so their start-up cost cannot silently grow back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from greenlane.cli import app

HEAVY = ("polars", "lightgbm", "numpy", "pyarrow")

# The greenlane script in a new process, reporting at exit which heavy libraries it imported.
WRAPPER = f"""
import atexit, json, sys
sys.argv[0] = "greenlane"
atexit.register(
    lambda: print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]), file=sys.stderr)
)
from greenlane.cli import main
main()
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A small demo database, its invented list loaded and every shipment screened (so the
    index and the party names are kept): the url and one bill."""
    url = f"sqlite:///{tmp_path_factory.mktemp('floor') / 'demo.db'}"
    runner = CliRunner()
    made = runner.invoke(app, ["demo", "--shipments", "60", "--database", url])
    assert made.exit_code == 0, made.output
    screened = runner.invoke(app, ["screen", "--all", "--json", "--database", url])
    assert screened.exit_code == 0, screened.output
    from greenlane.store import Database
    from greenlane.store.screening import all_bills

    db = Database.connect(url)
    try:
        return url, all_bills(db)[0]
    finally:
        db.close()


def heavy_imports(*args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run the command in a new process: what it did and the heavy libraries it imported."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    path = os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
        timeout=300,
    )
    imported: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return done, imported


def test_lists_show_imports_no_frame_library(demo: tuple[str, str]) -> None:
    url, _ = demo
    done, imported = heavy_imports("lists", "show", "--database", url)
    assert done.returncode == 0, done.stderr
    assert "opensanctions" in done.stdout, done.stdout
    assert imported == [], f"greenlane lists show imported {imported}"


def test_screening_one_bill_imports_no_frame_library(demo: tuple[str, str]) -> None:
    url, bill = demo
    done, imported = heavy_imports("screen", "--bill", bill, "--json", "--database", url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["shipments"] == 1
    assert imported == [], f"greenlane screen --bill imported {imported}"


def test_the_wrapper_sees_a_heavy_import(demo: tuple[str, str]) -> None:
    """The check can fail: a command that reads frames is seen importing Polars."""
    url, bill = demo
    done, imported = heavy_imports("parties", bill, "--database", url)
    assert done.returncode == 0, done.stderr
    assert "polars" in imported
