"""`greenlane goods assess` and `goods show` as an analyst runs them on the demo world."""

from __future__ import annotations

import json
from pathlib import Path

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
