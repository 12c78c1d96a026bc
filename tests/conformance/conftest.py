"""Conformance tests read the real published samples in ../shared/samples.

The folder is outside the repo (never copied in). Set GREENLANE_SHARED_DIR to point elsewhere; where
it is absent the tests skip with the reason shown in the pytest summary.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    return Path(os.environ.get("GREENLANE_SHARED_DIR", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    path = shared_dir() / "samples"
    if not path.is_dir():
        pytest.skip(f"shared samples not found at {path} (set GREENLANE_SHARED_DIR)")
    return path
