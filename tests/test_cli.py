"""The command line as a user runs it: demo, journey, check, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from greenlane.cli import app

runner = CliRunner()


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "journey", "ingest", "quarantine", "check", "db", "world"):
        assert command in result.output


def test_demo_shows_the_seed_case_journey(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = runner.invoke(app, ["demo", "--shipments", "60", "--database", url])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("│ PLU775132")]
    assert len(rows) == 2
    assert "Karachi (PKKHI)" in rows[0] and "PEKING SENATOR" in rows[0] and "31E" in rows[0]
    assert "LONG PENNSYLVANIA" in rows[1] and "14E" in rows[1]
    assert all(row.count("Karachi (PKKHI)") >= 1 for row in rows)

    journey = runner.invoke(app, ["journey", "3324803", "--json", "--database", url])
    data = json.loads(journey.output)["journeys"][0]
    assert [(leg["load_port"], leg["discharge_port"]) for leg in data["legs"]] == [
        ("PKKHI", "SGSIN"),
        ("SGSIN", "USLGB"),
    ]
    assert data["origin"] == "PKKHI"
    assert data["declared"]["port_of_loading"] == "SGSIN"
    assert "container.shape" in {f["code"] for f in data["findings"]}


def test_unknown_container_is_a_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert runner.invoke(app, ["db", "upgrade", "--database", url]).exit_code == 0
    result = runner.invoke(app, ["journey", "NOPE1234567", "--database", url])
    assert result.exit_code == 3
    assert "error:" in result.output and "Traceback" not in result.output


def test_check_explains_a_bad_check_digit() -> None:
    assert runner.invoke(app, ["check", "container", "CSQU3054383"]).exit_code == 0
    result = runner.invoke(app, ["check", "container", "APNR7744962"])
    assert result.exit_code == 1
    assert "container.check_digit" in result.output
