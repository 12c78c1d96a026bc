"""Imported first by every benchmark script. ``bench/greenlane.py`` bears the name of the command
the Green Lane issue asks for, so this folder, first on ``sys.path`` when a script here runs,
would shadow the greenlane package: it moves to the end, where the package is found first and the
benchmarks' own helpers (``machine``, ``worlds``) still are."""

from __future__ import annotations

import sys
from pathlib import Path

_BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _BENCH] + [str(_BENCH)]
