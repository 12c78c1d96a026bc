"""Lets tests import the helpers that live in bench/ (``from er_bench import er_bench``).

bench/ goes at the end of ``sys.path``, after the greenlane package, for the reason
bench/benchpath.py gives: bench/greenlane.py must not shadow the package.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
if str(BENCH) not in sys.path:
    sys.path.append(str(BENCH))
