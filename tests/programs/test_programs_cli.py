"""`greenlane programs load | show`, `eligibility`, `path-to-green-lane` and `resume` on the demo
world, as a program officer and a trader use them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
from typer.testing import CliRunner

from greenlane.cli import app
from greenlane.programs import REQUIREMENTS, assess_eligibility
from greenlane.programs.frames import programs_from_frames
from greenlane.risk.build import case_files
from greenlane.store import Database
from greenlane.store.frames import StoreFrames

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"


def _run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output.strip().splitlines()[-1])


def test_programs_eligibility_path_and_resume(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    db = ["--database", url]
    assert runner.invoke(app, ["demo", "--shipments", "400", *db]).exit_code == 0
    for kind in ("ctpat", "aeo", "mra", "csi"):
        loaded = _run(
            "programs", "load", str(FIXTURES / f"{kind}.csv"), "--kind", kind, "--json", *db
        )
        assert loaded["kind"] == kind and loaded["rows"] > 0
    bad = tmp_path / "mra.csv"
    bad.write_text("program,jurisdiction\nctpat,US\n", encoding="utf-8")
    refused = runner.invoke(app, ["programs", "load", str(bad), "--kind", "mra", *db])
    assert refused.exit_code == 2 and "lacks columns" in refused.output
    shown = _run("programs", "show", "--json", *db)
    assert shown["csi_ports"] == 6 and len(shown["recognitions"]) == 4

    # Eligibility with evidence for every shipment of the store.
    store = Database.connect(url)
    case = case_files(StoreFrames(store))
    judged = assess_eligibility(case, programs_from_frames(StoreFrames(store)))
    assert judged.shipments.height == case.shipments.height == 400
    per_bill = judged.evidence.group_by("master_bill").agg(pl.col("requirement").n_unique())
    assert per_bill.height == 400 and (per_bill["requirement"] == len(REQUIREMENTS)).all()

    labels = store.labels()
    swapped = sorted(b for b, f in labels.items() if any(s == "seal_swapped" for s, _ in f))
    doc = _run("eligibility", swapped[0], "--json", *db)
    assert not doc["eligible"] and "seal" in doc["not_met"]
    seal = next(r for r in doc["requirements"] if r["requirement"] == "seal")
    assert any(f["code"] == "seal_changed_without_authority" for f in seal["facts"])
    text = runner.invoke(app, ["eligibility", swapped[0], *db])
    assert text.exit_code == 0 and "Seal integrity and tracking: not met" in text.output
    missing = runner.invoke(app, ["eligibility", "NOSUCHBILL", *db])
    assert missing.exit_code == 3

    # the trader names itself as it likes: the name in any case finds its key
    name = case.parties.filter(pl.col("party") == doc["importer"])["name"][0]
    path = _run("path-to-green-lane", name.lower(), "--json", *db)
    assert path["importer"] == doc["importer"] and path["shipments"] >= 1
    assert path["advice"] and path["most_failed"] in REQUIREMENTS

    order = _run("resume", doc["port"], "--from", "2020-01-01", "--to", "2030-01-01", "--json", *db)
    assert [r["resume_order"] for r in order] == list(range(1, len(order) + 1))
    held = next(r for r in order if r["master_bill"] == swapped[0])
    assert held["action"] == "examination (hard stop)" and held["benefit_tier"] == 0
    tiers = [r["benefit_tier"] for r in order]
    assert tiers == sorted(tiers, reverse=True)
    backwards = runner.invoke(
        app, ["resume", doc["port"], "--from", "2030-01-01", "--to", "2020-01-01", *db]
    )
    assert backwards.exit_code == 2 and "after it ends" in backwards.output
    quiet = runner.invoke(
        app, ["resume", "XXNOP", "--from", "2020-01-01", "--to", "2030-01-01", *db]
    )
    assert quiet.exit_code == 0 and "No shipment arrived at XXNOP" in quiet.output
