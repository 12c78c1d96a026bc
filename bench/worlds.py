"""A generated world written to Parquet in a child process, so its memory and time stay out of
the measurement that follows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def write_world(out: Path, workers: int, **config: Any) -> dict[str, Any]:
    """``WorldConfig(**config)`` written to ``out``; rows per table and seconds taken."""
    settings = ", ".join(f"{k}={v!r}" for k, v in config.items())
    code = (
        "import json; from pathlib import Path;"
        "from greenlane.world import WorldConfig, build_world, write_parquet;"
        "from greenlane.world.noise import ReportingNoise;"
        f"r = write_parquet(build_world(WorldConfig({settings})), Path({str(out)!r}),"
        f" workers={workers});"
        "print(json.dumps({'rows': r['rows'], 'seconds': r['seconds']}))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
