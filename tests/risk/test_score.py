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


def test_a_shipment_no_rule_applies_to_says_so_in_words() -> None:
    scoped = PROFILE.replace(
        "    weight: 35\n", "    weight: 35\n    scope:\n      ports: [USLGB]\n"
    ).replace("    lane: red\n", "    lane: red\n    scope:\n      modes: [air]\n")
    profile = parse_profile(
        scoped.replace("    weight: 15\n", "    weight: 15\n    scope:\n      from: 2026-06-01\n"),
        source="t.yaml",
    )
    values = _indicators([{"new_importer": True}, {"port_of_discharge": "NLRTM"}])
    evidence = pl.DataFrame(
        schema={"master_bill": pl.String, "indicator": pl.String, "evidence": pl.String}
    )
    out = score(profile, values, evidence).sort("master_bill")
    assert out["rules_in_scope"].to_list() == [1, 0]
    at_lgb, at_rtm = out.row(0, named=True), out.row(1, named=True)
    assert at_lgb["reasons"][0].startswith("NEW (35 points")
    assert at_rtm["score"] == 0.0 and len(at_rtm["reasons"]) == 1
    assert at_rtm["reasons"][0].startswith(
        "no rule of test@1 applies to this shipment (port NLRTM, mode sea, day 2026-03-01): "
        "it is outside the scope (ports, modes, dates) of all 3 rules"
    )
