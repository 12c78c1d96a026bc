"""`greenlane parties`, `world watchlist`, `lists load` and `screen` as an analyst runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from greenlane.cli import app
from greenlane.store import Database

runner = CliRunner()


def test_demo_world_screened_against_its_list(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert runner.invoke(app, ["demo", "--shipments", "400", "--database", url]).exit_code == 0
    listed = tmp_path / "list.jsonl"
    assert runner.invoke(app, ["world", "watchlist", str(listed)]).exit_code == 0
    loaded = runner.invoke(app, ["lists", "load", str(listed), "--database", url])
    assert loaded.exit_code == 0, loaded.output
    screened = runner.invoke(app, ["screen", "--all", "--json", "--database", url])
    assert screened.exit_code == 0, screened.output
    report = json.loads(screened.output.strip().splitlines()[-1])
    assert report["shipments"] == 400

    labels = Database.connect(url).labels()
    planted = sorted(
        b for b, found in labels.items() if any(s == "watchlisted_party" for s, _ in found)
    )
    assert planted and report["shipments_with_hits"] == len(planted)
    resolved = runner.invoke(app, ["entities", "resolve", "--json", "--database", url])
    assert resolved.exit_code == 0, resolved.output
    counts = json.loads(resolved.output.strip().splitlines()[-1])
    assert 0 < counts["entities"] < counts["records"]
    shown = runner.invoke(app, ["parties", planted[0], "--json", "--database", url])
    assert shown.exit_code == 0, shown.output
    doc = json.loads(shown.output)
    assert doc["screening_hits"] and doc["screening_hits"][0]["explanation"]
    assert {p["role"] for p in doc["parties"]} >= {"shipper", "consignee"}
    by_name: dict[str, set[str]] = {}
    for e in doc["entities"]:
        by_name.setdefault(e["name"], set()).add(e["entity_id"])
    assert by_name and all(len(ids) == 1 for ids in by_name.values())  # one name, one entity
    some = doc["entities"][0]["entity_id"]
    listed = runner.invoke(app, ["entities", "show", some, "--database", url])
    assert listed.exit_code == 0 and planted[0] in listed.output

    missing = runner.invoke(app, ["parties", "NO-SUCH-BILL", "--database", url])
    assert missing.exit_code == 3 and "Traceback" not in missing.output
