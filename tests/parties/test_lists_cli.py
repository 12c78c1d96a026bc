"""`greenlane lists load` and `greenlane lists show` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from greenlane.cli import app

runner = CliRunner()

HEADER = "_id,source,entity_number,type,programs,name,addresses,alt_names,ids\n"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"


def csl(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def row(entry_id: str, name: str, alt_names: str = "") -> str:
    return f'"{entry_id}","{SDN}","{entry_id}","Entity","SDGT","{name}","","{alt_names}",""\n'


def test_load_reports_changes_and_show_lists_versions(database_url: str, tmp_path: Path) -> None:
    first = csl(tmp_path / "v1.csv", row("1", "ACME LTD"), row("2", "BETA CO"), row("3", "GAMMA"))
    second = csl(
        tmp_path / "v2.csv", row("1", "ACME LTD"), row("2", "BETA CO", "BETA"), row("4", "DELTA")
    )
    base = ["--database", database_url]

    loaded = runner.invoke(app, ["lists", "load", str(first), *base])
    assert loaded.exit_code == 0, loaded.output
    assert "us_csl: version 1 stored, 3 entries" in loaded.output
    assert "since nothing loaded: 3 added, 0 changed, 0 removed" in loaded.output

    changed = runner.invoke(
        app, ["lists", "load", str(second), "--format", "csl-csv", "--json", *base]
    )
    assert changed.exit_code == 0, changed.output
    report = json.loads(changed.output)
    assert report["list"] == "us_csl" and report["status"] == "stored"
    assert (report["version"], report["previous_version"], report["entries"]) == (2, 1, 3)
    assert report["counts"] == {"added": 1, "changed": 1, "removed": 1}
    assert (report["added"], report["changed"], report["removed"]) == (["4"], ["2"], ["3"])
    assert report["format"] == "csl-csv" and report["source"] == str(second)

    again = runner.invoke(app, ["lists", "load", str(second), *base])
    assert again.exit_code == 0, again.output
    assert "us_csl: unchanged, the same content as version 2" in again.output
    unchanged = json.loads(
        runner.invoke(app, ["lists", "load", str(second), "--json", *base]).output
    )
    assert unchanged["status"] == "unchanged" and unchanged["counts"]["added"] == 0

    shown = runner.invoke(app, ["lists", "show", "--json", *base])
    assert shown.exit_code == 0, shown.output
    (listed,) = json.loads(shown.output)["lists"]
    assert listed["list"] == "us_csl" and listed["current_version"] == 2
    assert [v["version"] for v in listed["versions"]] == [1, 2]

    table = runner.invoke(app, ["lists", "show", *base])
    assert table.exit_code == 0 and "2 (current)" in table.output and "us_csl" in table.output


def test_show_with_nothing_loaded(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lists", "show", "--database", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 0
    assert "no watch lists loaded" in result.output
