"""Help as the `greenlane` script prints it: flags shown as flags, true defaults."""

from __future__ import annotations

import os
import subprocess
import sys


def _help(*command: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "greenlane.cli", *command, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "160"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_flags_take_no_value_in_help() -> None:
    lines = _help("assess").splitlines()
    for flag in ("--json", "--before-loading", "--help"):
        (line,) = [x for x in lines if f" {flag} " in x]
        assert "<bool>" not in line, line
    (seed,) = [x for x in lines if " --seed " in x]
    assert "<int>" in seed


def test_demo_help_gives_the_real_defaults() -> None:
    text = _help("demo")
    assert "2,000" in text and "2002" in text
    assert "[default: 0]" not in text
