"""The HS heading classifier and the description/HS code consistency check, on real training
data (the HS 2022 nomenclature and the package's trade phrases) and on generated worlds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest

import bench_modules  # noqa: F401  (bench/ on the path)
from greenlane.domain.codes import FilingType
from greenlane.errors import ConfigurationError
from greenlane.goods import classifier as hs
from greenlane.goods.classifier import (
    HsClassifier,
    evaluate,
    heading_titles,
    phrase_examples,
    split_phrases,
    train_default,
)
from greenlane.goods.consistency import CODE, hs_consistency_findings
from greenlane.world import ThreatScenario, WorldConfig, build_world
from wording import world_examples

HELD_OUT_SEED = 31
"""A world whose lines the model never saw as written (it learns from the phrase file)."""


@pytest.fixture(scope="module")
def model() -> HsClassifier:
    return train_default()


def _lines(**columns: list[object]) -> pl.DataFrame:
    n = len(columns["description"])
    return pl.DataFrame(
        {"master_bill": [f"B{i}" for i in range(n)], "line_number": [1] * n, **columns},
        schema_overrides={"line_number": pl.Int32, "description": pl.String, "hs_code": pl.String},
    )


def test_phrase_file_labels_real_headings_and_splits_by_opening() -> None:
    texts, headings = phrase_examples()
    assert len(texts) > 5000
    assert set(headings) <= set(heading_titles())
    (train, _), (held, _) = split_phrases(texts, headings)
    assert len(train) + len(held) == len(texts)
    assert 0.05 < len(held) / len(texts) < 0.2
    # A held-out opening is never trained on: validation reads names the model never saw.
    openings = {" ".join(t.split()[:2]) for t in train}
    assert not any(" ".join(t.split()[:2]) in openings for t in held)


def test_the_classifier_never_imports_the_generated_world() -> None:
    code = (
        "import sys; from greenlane.goods import classifier as c; "
        "c.phrase_examples(); c.nomenclature_examples(); c.data_version(); "
        "print(sorted(m for m in sys.modules if m.startswith('greenlane.world')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_data_version_follows_the_phrase_file(monkeypatch: pytest.MonkeyPatch) -> None:
    before = hs.data_version()
    original = hs._phrase_file()
    monkeypatch.setattr(hs, "_phrase_file", lambda: original + b"8471\tpalmtop computers\n")
    assert hs.data_version() != before
    assert hs.phrase_examples()[0][-1] == "palmtop computers"


@pytest.mark.parametrize("line", [b"847\tlaptops\n", b"8471 laptops\n", b"8471\t \n"])
def test_a_malformed_phrase_file_names_the_line(
    monkeypatch: pytest.MonkeyPatch, line: bytes
) -> None:
    original = hs._phrase_file()
    monkeypatch.setattr(hs, "_phrase_file", lambda: original + line)
    with pytest.raises(ConfigurationError, match=r"trade-phrases-v1\.tsv line \d+"):
        hs.phrase_examples()


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
