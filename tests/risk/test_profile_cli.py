"""`greenlane profile check | show | diff` as a profile author runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from greenlane.cli import app

runner = CliRunner()
DATA = Path(__file__).parents[2] / "src" / "greenlane" / "risk" / "data"
NATIONAL = DATA / "national.yaml"
LOCAL = DATA / "uslgb-local.yaml"


def _variant(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    text = NATIONAL.read_text("utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_says_ok_for_the_shipped_profiles() -> None:
    result = runner.invoke(app, ["profile", "check", str(NATIONAL), "--local", str(LOCAL)])
    assert result.exit_code == 0, result.output
    assert "ok: national@2026.3 + uslgb-local@1" in result.output
    assert "4 hard stops" in result.output


def test_check_refuses_an_unsafe_condition_naming_the_rule(tmp_path: Path) -> None:
    bad = _variant(
        tmp_path,
        "bad.yaml",
        ("condition: watchlist_hit\n", "condition: watchlist_hit; DROP TABLE shipments\n"),
        ("condition: description_vague", "condition: description_vauge"),
    )
    result = runner.invoke(app, ["profile", "check", str(bad)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"profile {bad} refused (2 problems)" in result.output
    assert "rule WATCHLIST-HIT:" in result.output and "found ';'" in result.output
    assert "rule VAGUE-DESCRIPTION:" in result.output
    assert "did you mean 'description_vague'?" in result.output


def test_check_refuses_a_local_override_and_a_missing_file(tmp_path: Path) -> None:
    override = tmp_path / "local.yaml"
    override.write_text(
        LOCAL.read_text("utf-8").replace("id: LGB-DETOUR-NEW-IMPORTER", "id: DETOUR"), "utf-8"
    )
    result = runner.invoke(app, ["profile", "check", str(NATIONAL), "--local", str(override)])
    assert result.exit_code == 1
    assert "rule DETOUR: already in national@2026.3" in result.output

    missing = runner.invoke(app, ["profile", "check", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1 and "cannot be read" in missing.output


def test_show_lists_the_default_profile_rules() -> None:
    result = runner.invoke(app, ["profile", "show"])
    assert result.exit_code == 0, result.output
    assert "national@2026.3, owner National Targeting Centre" in result.output
    for text in ("WATCHLIST-HIT", "route_detour_ratio >= 1.5", "hard stop", "do_not_load"):
        assert text in result.output

    as_json = runner.invoke(app, ["profile", "show", "--local", str(LOCAL), "--json"])
    data = json.loads(as_json.output)
    last = data["rules"][-1]
    assert last["id"] == "LGB-DETOUR-NEW-IMPORTER" and last["scope"]["ports"] == ["USLGB"]
    assert last["source"] == "uslgb-local@1"


def test_diff_names_what_changed(tmp_path: Path) -> None:
    after = _variant(
        tmp_path,
        "v2.yaml",
        ('version: "2026.3"', 'version: "2026.4"'),
        ("route_detour_ratio >= 1.5", "route_detour_ratio >= 1.4"),
        ("  - id: AMENDED", "  - id: AMENDED-GOODS"),
    )
    result = runner.invoke(app, ["profile", "diff", str(NATIONAL), str(after)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "national@2026.3 -> national@2026.4" in out
    assert "+ AMENDED-GOODS" in out and "- AMENDED" in out
    assert "~ DETOUR" in out
    assert "condition: route_detour_ratio >= 1.5 -> route_detour_ratio >= 1.4" in out

    as_json = json.loads(
        runner.invoke(app, ["profile", "diff", str(NATIONAL), str(after), "--json"]).output
    )
    assert as_json["added"] == ["AMENDED-GOODS"] and as_json["removed"] == ["AMENDED"]
    assert [c["field"] for c in as_json["changed"]["DETOUR"]] == ["condition"]

    same = runner.invoke(app, ["profile", "diff", str(NATIONAL), str(NATIONAL)])
    assert same.exit_code == 0 and "no changes" in same.output
