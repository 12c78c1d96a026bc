"""A small fixed-seed run of the ingest fuzzer: no mutant escapes, is lost or lacks a place."""

from __future__ import annotations

import bench_modules  # noqa: F401  (bench/ on the path)
from fuzz_ingest import default_samples, fuzz


def test_a_fixed_seed_fuzz_run_keeps_every_promise() -> None:
    result = fuzz(300, seed=7, samples=default_samples(), shipments=3, batch=150)
    assert result["mutants"] == 300
    found = [c for c in result["classes"] if c["kind"] in ("escaped", "lost", "no_place")]
    assert (result["escaped"], result["lost"], result["no_place"]) == (0, 0, 0), found
    assert sum(result["outcomes"].values()) == 300
