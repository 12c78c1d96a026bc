"""docs/api.md's example, run as written on a folder of generated messages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from greenlane.world import WorldConfig, build_world
from greenlane.world.messages import write_messages

REPO = Path(__file__).resolve().parents[1]


def _example() -> str:
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    found = re.search(r"```python\n(.*?)```", text, re.DOTALL)
    assert found, "docs/api.md has no python example"
    return found.group(1)


def test_the_documented_example_runs(tmp_path: Path) -> None:
    world = build_world(WorldConfig(seed=2002, shipments=300))
    write_messages(world, tmp_path / "inbox", events_as="dcsa", batch_size=100)
    done = subprocess.run(
        [sys.executable, "-c", _example()],
        cwd=tmp_path,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert re.match(r"\d+ stored, 0 already stored, 0 quarantined", lines[0]), lines[0]
    assert lines[1] == "PKKHI SGSIN"
    assert "red" in done.stdout or "yellow" in done.stdout
    assert "ORIGIN-LAUNDERING" in done.stdout
