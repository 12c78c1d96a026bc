"""README's "Using it" block, run as a new user would: every command, in the order written, on a
fresh demo database, each as its own process. A non-zero exit or a traceback fails the test."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PREFIX = ".venv/bin/greenlane "


def readme_commands() -> list[str]:
    """The command lines of the first sh block under "## Using it", comments stripped."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Using it", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "README's Using it section has no sh block"
    lines = [re.sub(r"\s+#.*$", "", line).strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def test_every_using_it_line_calls_greenlane() -> None:
    commands = readme_commands()
    assert len(commands) >= 20
    assert all(c.startswith(PREFIX) for c in commands), [
        c for c in commands if not c.startswith(PREFIX)
    ]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "greenlane.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_using_it_runs_in_order_on_a_fresh_demo(tmp_path: Path) -> None:
    # The block is written for the repository's root: its profile paths point into src/.
    (tmp_path / "src").symlink_to(REPO / "src")
    env = {
        **os.environ,
        "GREENLANE_DATABASE_URL": f"sqlite:///{tmp_path / 'greenlane.db'}",
        "COLUMNS": "160",
    }
    demo = _run(["demo"], tmp_path, env)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    for line in readme_commands():
        done = _run(shlex.split(line[len(PREFIX) :]), tmp_path, env)
        shown = f"$ {line}\n{done.stdout}\n{done.stderr}"
        assert done.returncode == 0, shown
        assert "Traceback" not in done.stdout + done.stderr, shown
        assert not re.search(r"\bNone\b|\{'", done.stdout), shown
