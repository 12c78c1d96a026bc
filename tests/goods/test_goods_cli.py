"""`greenlane goods assess`, `goods show` and `goods classify` as an analyst runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from greenlane.cli import app
from greenlane.store import Database

runner = CliRunner()


def test_demo_world_goods_assessed_stored_and_shown(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert runner.invoke(app, ["demo", "--shipments", "1500", "--database", url]).exit_code == 0
    assessed = runner.invoke(app, ["goods", "assess", "--json", "--database", url])
    assert assessed.exit_code == 0, assessed.output
    report = json.loads(assessed.output.strip().splitlines()[-1])
    assert report["shipments"] == 1500 and report["lines"] > 1500

    labels = Database.connect(url).labels()
    vague = sorted(b for b, f in labels.items() if any(s == "vague_description" for s, _ in f))
    assert vague
    shown = runner.invoke(app, ["goods", "show", vague[0], "--json", "--database", url])
    assert shown.exit_code == 0, shown.output
    found = json.loads(shown.output)
    assert any(f["code"] == "goods.description_vague" for f in found)
    assert all(f["message"] and f["filing"] for f in found)

    again = runner.invoke(app, ["goods", "assess", "--bill", vague[0], "--json", "--database", url])
    assert again.exit_code == 0, again.output
    assert json.loads(again.output.strip().splitlines()[-1])["shipments"] == 1
    shown_again = runner.invoke(app, ["goods", "show", vague[0], "--json", "--database", url])
    vague_lines = sorted(
        (f["filing"], f["line_number"]) for f in found if f["code"] == "goods.description_vague"
    )
    again_lines = sorted(
        (f["filing"], f["line_number"])
        for f in json.loads(shown_again.output)
        if f["code"] == "goods.description_vague"
    )
    assert again_lines == vague_lines  # replaced, not added

    missing = runner.invoke(app, ["goods", "show", "NOSUCHBILL", "--database", url])
    assert missing.exit_code != 0 and "NOSUCHBILL" in missing.output


def test_classify_shows_the_likeliest_headings_of_any_description() -> None:
    texts = ["cotton t-shirts for men, knitted", "lithium ion batteries for laptops"]
    result = runner.invoke(app, ["goods", "classify", *texts, "--top", "2", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [f["description"] for f in found] == texts
    assert [f["headings"][0]["heading"] for f in found] == ["6109", "8507"]
    for f in found:
        probabilities = [h["probability"] for h in f["headings"]]
        assert len(probabilities) == 2 and probabilities == sorted(probabilities, reverse=True)
        assert all(0.0 <= p <= 1.0 for p in probabilities) and f["headings"][0]["title"]
    shown = runner.invoke(app, ["goods", "classify", "frozen shrimp"])
    assert shown.exit_code == 0 and "0306" in shown.output


@pytest.mark.parametrize("args", [["  "], ["shirts", "--top", "0"]])
def test_classify_refuses_what_it_cannot_answer(args: list[str]) -> None:
    result = runner.invoke(app, ["goods", "classify", *args])
    assert result.exit_code == 2
    assert "error:" in result.output and "Traceback" not in result.output
