"""`greenlane screen` as a new user meets it: what hit is shown, no hits is said in words, and
asking for what is not there (an unknown bill, no list, no shipment) is a clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from greenlane.cli import app
from greenlane.store import Database
from greenlane.store.screening import all_bills

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str], str]:
    """A 400-shipment demo database (its invented list loaded and screened): the url, the
    shipments with a listed party, and one without."""
    url = f"sqlite:///{tmp_path_factory.mktemp('screen') / 'demo.db'}"
    made = runner.invoke(app, ["demo", "--shipments", "400", "--database", url])
    assert made.exit_code == 0, made.output
    labels = Database.connect(url).labels()
    planted = sorted(
        b for b, found in labels.items() if any(s == "watchlisted_party" for s, _ in found)
    )
    shown = json.loads(runner.invoke(app, ["screen", "--all", "--json", "--database", url]).output)
    hit = {s["master_bill"] for s in shown["shipments_hit"]}
    clean = [b for b in all_bills(Database.connect(url)) if b not in hit]
    assert planted and clean
    return url, planted, clean[0]


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert "None" not in result.output, result.output
    return result.exit_code, result.output


def test_screen_all_shows_which_shipments_hit(demo: tuple[str, list[str], str]) -> None:
    url, planted, _ = demo
    code, out = run("screen", "--all", "--database", url)
    assert code == 0, out
    assert f"hits on {len(planted)} shipments" in out
    assert "Shipments with hits" in out
    assert all(bill in out for bill in planted)
    assert "greenlane screen --bill BILL" in out


def test_screen_all_json_lists_every_shipment_hit(demo: tuple[str, list[str], str]) -> None:
    url, planted, _ = demo
    code, out = run("screen", "--all", "--json", "--database", url)
    assert code == 0, out
    doc = json.loads(out)
    assert doc["scope"] == "all" and doc["shipments"] == 400
    assert sorted(s["master_bill"] for s in doc["shipments_hit"]) == planted
    hit = doc["shipments_hit"][0]["hits"][0]
    assert set(hit) == {
        "filing",
        "role",
        "party_name",
        "party_country",
        "entry_key",
        "matched_name",
        "score",
        "name_score",
        "explanation",
    }
    assert hit["score"] >= 0.8 and hit["explanation"]


def test_screen_one_bill_shows_its_hits_or_says_none(demo: tuple[str, list[str], str]) -> None:
    url, planted, clean = demo
    code, out = run("screen", "--bill", planted[0], "--bill", clean, "--database", url)
    assert code == 0, out
    assert f"Screening hits of {planted[0]}" in out
    assert f"{clean}: no hits" in out


def test_an_unknown_bill_is_an_error(demo: tuple[str, list[str], str]) -> None:
    url, planted, _ = demo
    code, out = run("screen", "--bill", "NO-SUCH-BILL", "--bill", planted[0], "--database", url)
    assert code == 3
    assert "no shipment with master bill NO-SUCH-BILL" in out


def test_no_list_or_no_shipment_is_an_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    code, out = run("screen", "--all", "--database", url)
    assert code == 3 and "no watch list is loaded" in out
    listed = tmp_path / "list.jsonl"
    assert runner.invoke(app, ["world", "watchlist", str(listed)]).exit_code == 0
    code, out = run("lists", "load", str(listed), "--database", url)
    assert code == 0 and "no open shipments to screen again" in out
    code, out = run("screen", "--all", "--database", url)
    assert code == 3 and "no shipments are stored" in out
    code, out = run("screen", "--database", url)
    assert code == 0 and "no open shipments" in out and "--all" in out
