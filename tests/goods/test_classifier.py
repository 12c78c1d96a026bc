"""The HS heading classifier and the description/HS code consistency check, on real training
data (the HS 2022 nomenclature and the world's wording) and on generated worlds."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from greenlane.goods import classifier as hs
from greenlane.goods.classifier import HsClassifier, evaluate, train_default, world_examples
from greenlane.goods.consistency import CODE, hs_consistency_findings
from greenlane.goods.descriptions import check_description
from greenlane.model.codes import FilingType
from greenlane.world import ThreatScenario, WorldConfig, build_world
from greenlane.world.phrasing import training_phrases

HELD_OUT_SEED = 31
"""A world seed whose wording the model never saw (it learns from ``TRAINING_SEED``)."""


@pytest.fixture(scope="module")
def model() -> HsClassifier:
    return train_default()


def _lines(**columns: list[object]) -> pl.DataFrame:
    n = len(columns["description"])
    return pl.DataFrame(
        {"master_bill": [f"B{i}" for i in range(n)], "line_number": [1] * n, **columns},
        schema_overrides={"line_number": pl.Int32, "description": pl.String, "hs_code": pl.String},
    )


def test_generated_wording_is_varied_and_never_vague() -> None:
    texts, codes = training_phrases(5, 60)
    assert all(check_description(t) is None for t in texts)
    per_goods: dict[str, set[str]] = defaultdict(set)
    for t, c in zip(texts, codes, strict=True):
        per_goods[c].add(t.upper())
    assert min(len(v) for v in per_goods.values()) >= 25


def test_world_lines_are_worded_by_the_shipper() -> None:
    world = build_world(WorldConfig(seed=HELD_OUT_SEED, shipments=300))
    said: dict[str, set[str]] = defaultdict(set)
    for ws in world.shipments(1):
        assert ws.draft is not None
        for line in ws.draft.lines:
            said[line.goods.hs_code].add(line.description)
    assert sum(len(v) for v in said.values()) > 3 * len(said)


def test_top3_on_held_out_world_wording(model: HsClassifier) -> None:
    texts, headings = world_examples(HELD_OUT_SEED, 800)
    assert len(texts) > 1000
    scores = evaluate(model, texts, headings)
    assert scores["top3"] >= 0.9
    assert scores["top1"] >= 0.9
    assert model.info["validation"]["top3"] >= 0.9


def test_top_gives_probabilities_best_first(model: HsClassifier) -> None:
    (best,) = model.top(["1,200 CTNS OF NOTEBOOK COMPUTERS 15.6IN"], k=3)
    assert best[0][0] == "8471"
    probs = [p for _, p in best]
    assert probs == sorted(probs, reverse=True)
    assert 0.5 < probs[0] <= 1.0


def test_a_wrong_code_is_flagged_with_the_likely_headings(model: HsClassifier) -> None:
    found = hs_consistency_findings(
        _lines(description=["NOTEBOOK COMPUTERS 15.6IN"], hs_code=["851713"]), model
    )
    assert found.columns[:4] == ["master_bill", "line_number", "code", "message"]
    (row,) = found.rows(named=True)
    assert row["code"] == CODE
    message = row["message"]
    assert "reads as HS 8471 (Automatic data processing machines" in message
    assert "declared 851713 (heading 8517: Telephone sets" in message
    assert "is given <0.1%" in message


def test_a_right_code_is_not_flagged_however_written(model: HsClassifier) -> None:
    found = hs_consistency_findings(
        _lines(
            description=["NOTEBOOK COMPUTERS 15.6IN", "STC 480 CTNS LAPTOP PC", "Frozen prawns"],
            hs_code=["847130", "8471.30.0100", "0306 17"],
        ),
        model,
    )
    assert found.is_empty()


def test_lines_with_nothing_to_classify_are_skipped(model: HsClassifier) -> None:
    found = hs_consistency_findings(
        _lines(
            description=["FREIGHT OF ALL KINDS", None, "8471.30", "STC", "LAPTOP PC", "LAPTOP PC"],
            hs_code=["851713", "851713", "851713", "851713", None, "7799"],
        ),
        model,
    )
    assert found.is_empty()
    assert found.schema == pl.Schema(
        {
            "master_bill": pl.String,
            "line_number": pl.Int32,
            "code": pl.String,
            "message": pl.String,
            "z": pl.Float64,
        }
    )


def test_wording_new_to_the_model_is_no_evidence(model: HsClassifier) -> None:
    """Naive Bayes reads "WOODEN TOYS" as wooden furniture with confidence; too little of the
    wording is known for that heading, so a toy code is not flagged."""
    (best,) = model.top(["WOODEN TOYS"], k=1)
    assert best[0][0] != "9503"
    found = hs_consistency_findings(_lines(description=["WOODEN TOYS"], hs_code=["950300"]), model)
    assert found.is_empty()


def test_save_and_load_give_the_same_predictions(model: HsClassifier, tmp_path: Path) -> None:
    texts, _ = world_examples(HELD_OUT_SEED, 100)
    path = model.save(tmp_path / "hs.npz")
    with np.load(path, allow_pickle=False) as stored:  # loads without pickle
        assert "meta" in stored.files
    loaded = HsClassifier.load(path)
    assert loaded.temperature == model.temperature
    assert loaded.info == model.info
    np.testing.assert_allclose(loaded.probabilities(texts), model.probabilities(texts))


def test_default_classifier_is_cached_by_data_version(
    model: HsClassifier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    hs.default_classifier.cache_clear()
    path = hs.default_model_path()
    assert path.parent.parent == tmp_path
    model.save(path)
    try:
        assert hs.default_classifier().info == model.info  # loaded, not retrained
        hs.default_classifier.cache_clear()
        stale = HsClassifier.load(path)
        stale.info["data_version"] = "older"
        stale.save(path)
        fresh = hs.default_classifier()  # retrained and saved again
        assert fresh.info["data_version"] == hs.data_version()
        assert HsClassifier.load(path).info["trained_at"] == fresh.info["trained_at"]
    finally:
        hs.default_classifier.cache_clear()


def test_wrong_hs_code_scenario_is_found_on_the_manifests(model: HsClassifier) -> None:
    """Every planted misclassification of a small world is found on its cargo declarations;
    shipments without any planted threat get no finding."""
    world = build_world(WorldConfig(seed=HELD_OUT_SEED, shipments=1500, threat_rate=0.3))
    rows, wrong, clean = [], set(), set()
    for ws in world.shipments(1):
        scenarios = {t.scenario for t in ws.threats}
        if ThreatScenario.WRONG_HS_CODE in scenarios:
            wrong.add(ws.master_bill)
        elif not scenarios:
            clean.add(ws.master_bill)
        for f in ws.filings:
            if f.filing_type is FilingType.CARGO_DECLARATION:
                rows += [(ws.master_bill, g.line_number, g.description, g.hs_code) for g in f.goods]
    lines = pl.DataFrame(
        rows, schema=["master_bill", "line_number", "description", "hs_code"], orient="row"
    )
    flagged = set(hs_consistency_findings(lines, model)["master_bill"])
    assert len(wrong) >= 20
    assert len(wrong & flagged) / len(wrong) >= 0.9
    assert len(clean & flagged) / len(clean) <= 0.02
