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
    for command in ("demo", "journey", "seals", "ingest", "quarantine", "check", "db", "world"):
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
    assert journey.exit_code == 0, journey.output
    data = json.loads(journey.output)
    assert data["bill_of_lading"] == "3324803"
    trip = data["journeys"][0]
    assert [(leg["loaded"], leg["unloaded"]) for leg in trip["legs"]] == [
        ("PKKHI", "SGSIN"),
        ("SGSIN", "USLGB"),
    ]
    assert [(leg["vessel"], leg["voyage"]) for leg in trip["legs"]] == [
        ("PEKING SENATOR", "31E"),
        ("LONG PENNSYLVANIA", "14E"),
    ]
    assert trip["true_origin"] == "PKKHI"
    assert trip["declared_port_of_loading"] == "SGSIN"
    assert [t["unlocode"] for t in trip["transshipments"]] == ["SGSIN"]
    kinds = {f["kind"] for f in trip["findings"]}
    assert {"port_of_loading_differs", "data_quality.container.shape"} <= kinds

    by_box = json.loads(
        runner.invoke(app, ["journey", "PLU775132", "--json", "--database", url]).output
    )
    assert by_box["container"] == "PLU775132"
    assert by_box["legs"] == trip["legs"]
    assert by_box["trips"] == ["3324803"]

    seals = runner.invoke(app, ["seals", "PLU775132", "--json", "--database", url])
    assert seals.exit_code == 0, seals.output
    chain = json.loads(seals.output)
    assert chain["state"] and chain["evidence"]
    assert chain["timeline"]


def test_unknown_container_is_a_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert runner.invoke(app, ["db", "upgrade", "--database", url]).exit_code == 0
    for command in ("journey", "seals"):
        result = runner.invoke(app, [command, "NOPE1234567", "--database", url])
        assert result.exit_code == 3
        assert "error:" in result.output and "Traceback" not in result.output


def test_check_explains_a_bad_check_digit() -> None:
    assert runner.invoke(app, ["check", "container", "CSQU3054383"]).exit_code == 0
    result = runner.invoke(app, ["check", "container", "APNR7744962"])
    assert result.exit_code == 1
    assert "container.check_digit" in result.output
