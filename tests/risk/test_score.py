"""Scores from the rules that fired (and a model where there is one), each with its reasons."""

from __future__ import annotations

import math
from datetime import date

import polars as pl
import pytest

from greenlane.risk.indicators import INDICATORS
from greenlane.risk.profiles import parse_profile
from greenlane.risk.score import score

PROFILE = """
name: test
version: "1"
owner: test
effective_from: 2026-01-01
rules:
  - id: SEAL
    title: Seal changed
    reason: The seal changed.
    condition: seal_changed_without_authority
    weight: 90
    hard_stop: true
    lane: red
  - id: VAGUE
    title: Vague description
    reason: Names no goods.
    condition: description_vague
    weight: 15
    lane: yellow
    referral: request_for_information
  - id: NEW
    title: New importer
    reason: No history.
    condition: new_importer
    weight: 35
"""


def _indicators(rows: list[dict[str, object]]) -> pl.DataFrame:
    base = {i.name: i.neutral for i in INDICATORS}
    full = [
        {
            **base,
            "master_bill": f"B{k}",
            "port_of_discharge": "USLGB",
            "mode": "sea",
            "assessed_on": date(2026, 3, 1),
            **r,
        }
        for k, r in enumerate(rows, start=1)
    ]
    schema = {
        "master_bill": pl.String,
        "port_of_discharge": pl.String,
        "mode": pl.String,
        "assessed_on": pl.Date,
        **{i.name: i.dtype for i in INDICATORS},
    }
    return pl.DataFrame(full, schema=schema)


def test_points_score_and_reasons() -> None:
    profile = parse_profile(PROFILE, source="test.yaml")
    values = _indicators(
        [
            {"description_vague": True, "new_importer": True},
            {"seal_changed_without_authority": True},
            {},
        ]
    )
    evidence = pl.DataFrame(
        {
            "master_bill": ["B1", "B2"],
            "indicator": ["description_vague", "seal_changed_without_authority"],
            "evidence": ["described as 'FAK'", "seal SL1 read, SL2 before"],
        }
    )
    model = pl.DataFrame({"master_bill": ["B3"], "probability": [0.2]})
    s = {r["master_bill"]: r for r in score(profile, values, evidence, model=model).to_dicts()}
    b1 = s["B1"]
    assert b1["points"] == 50 and b1["rule_score"] == pytest.approx(1 - math.exp(-1))
    assert b1["documents_score"] == pytest.approx(b1["rule_score"] * 15 / 50)
    assert b1["referral"] == "request_for_information" and not b1["hard_stop"]
    # Largest share first, each with its weight, share of 100 and evidence.
    assert b1["reasons"][0].startswith("NEW (35 points, 44 of 100): New importer")
    assert b1["reasons"][1] == "VAGUE (15 points, 19 of 100): Vague description: described as 'FAK'"
    assert s["B2"]["hard_stop"] and s["B2"]["hard_stop_reasons"] == [
        "Seal changed (seal SL1 read, SL2 before)"
    ]
    # No rule fired: the model alone, and it says so.
    assert s["B3"]["points"] == 0 and s["B3"]["score"] == pytest.approx(0.2)
    assert s["B3"]["reasons"][0].startswith("model (20 of 100): probability 0.2")
    assert s["B1"]["model_probability"] is None
