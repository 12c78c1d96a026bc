"""Rule profiles: what loads, what is refused and why, composition, versions, evaluation."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from greenlane.risk import (
    ProfileError,
    compile_condition,
    compose,
    default_indicator_columns,
    default_profile,
    diff,
    evaluate,
    load_profile,
    parse_profile,
)
from greenlane.risk.profiles import Scope, rules_in_scope

DATA = Path(__file__).parents[2] / "src" / "greenlane" / "risk" / "data"

HEAD = """\
name: national
version: "2026.1"
owner: National Targeting Centre
effective_from: 2026-01-01
rules:
"""
GOOD_RULES = """\
  - id: WATCH
    title: Watch-list hit
    reason: A party matches a watch list.
    condition: watchlist_hit
    weight: 100
    hard_stop: true
    lane: red
  - id: DETOUR
    title: Long detour
    reason: The route is much longer than usual.
    condition: route_detour_ratio >= 1.5 AND mode = 'sea'
    weight: 25.5
    scope:
      modes: [sea]
      to: 2026-06-30
"""


def _rule(rule_id: str, condition: str, **extra: str) -> str:
    lines = [
        f"  - id: {rule_id}",
        "    title: A rule",
        "    reason: Because.",
        f"    condition: {condition}",
        f"    weight: {extra.pop('weight', '10')}",
    ]
    lines += [f"    {k}: {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def _write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _refusal(tmp_path: Path, rules: str, head: str = HEAD) -> str:
    path = _write(tmp_path, head + rules)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_a_good_profile_loads_with_its_rules(tmp_path: Path) -> None:
    profile = load_profile(_write(tmp_path, HEAD + GOOD_RULES))
    assert profile.key == "national@2026.1"
    watch, detour = profile.rules
    assert (watch.id, watch.weight, watch.hard_stop, watch.lane) == ("WATCH", 100.0, True, "red")
    assert watch.owner == "National Targeting Centre" and watch.source == "national@2026.1"
    # The profile's effective dates say when the version is in force, not which arrival days
    # its rules look at: only a rule's own scope limits its days.
    assert detour.scope == Scope(None, frozenset({"sea"}), None, date(2026, 6, 30))
    assert watch.scope == Scope()
    assert not profile.in_force(date(2025, 12, 31)) and profile.in_force(date(2026, 1, 1))
    assert profile.effective() == "in force from 2026-01-01"
    assert detour.weight == 25.5


def test_the_shipped_profiles_load_and_compose() -> None:
    national = default_profile()
    assert national.key == "national@2026.3" and len(national.rules) >= 20
    assert {"WATCHLIST-HIT", "SEAL-CHANGED", "WATCHLIST-EXACT"} <= {
        r.id for r in national.rules if r.hard_stop
    }
    assert all(len(r.reason) > 40 for r in national.rules)
    composed = compose(national, load_profile(DATA / "uslgb-local.yaml"))
    assert composed.composed_of == ("national@2026.3", "uslgb-local@1")
    assert composed.rules[-1].scope.ports == frozenset({"USLGB"})


def test_unknown_column_names_the_rule_and_suggests_the_close_name(tmp_path: Path) -> None:
    message = _refusal(tmp_path, GOOD_RULES + _rule("SEAL", "seal_changed_without_authorty"))
    assert "rule SEAL" in message
    assert "unknown indicator column 'seal_changed_without_authorty'" in message
    assert "did you mean 'seal_changed_without_authority'?" in message


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("'1; DROP TABLE x'", "statements are not allowed (found ';')"),
        ("DROP TABLE shipments", "found DROP"),
        ("SELECT watchlist_hit FROM shipments", "found SELECT"),
        ("EXISTS (SELECT 1)", "found EXISTS"),
        ("prior_seizures IN (SELECT 1)", "found SELECT"),
        ("importer_shipments_before + 1", "gives Int64 values, not true/false"),
        ("count(prior_seizures) > 1", "function count() is not allowed"),
        ("'\"max\"(prior_seizures) > 1'", "function max() is not allowed"),
        ("sum(prior_seizures) OVER () > 2", "function sum() is not allowed"),
        ('"watchlist_hit -- hidden"', "comments are not allowed"),
        ("mode > 1", "cannot be evaluated over the indicator columns"),
        ("'1 = 1'", "names no indicator column"),
        ('"watchlist_hit AND"', "not a valid SQL expression"),
        ("true", "condition: Input should be a valid string"),
    ],
)
def test_unsafe_or_invalid_conditions_are_refused_naming_the_rule(
    tmp_path: Path, condition: str, expected: str
) -> None:
    message = _refusal(tmp_path, GOOD_RULES + _rule("BAD-1", condition))
    assert "rule BAD-1" in message and expected in message
    assert "rule WATCH" not in message  # only the wrong rule is named


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    rules = (
        GOOD_RULES
        + _rule("WATCH", "watchlist_hit")
        + _rule("W", "new_importer", weight='"high"')
        + _rule("X", "new_importer", lane="purple", colour="red")
        + "  - title: no id\n    reason: r\n    condition: amended\n    weight: 1\n"
    )
    message = _refusal(tmp_path, rules)
    assert "(5 problems)" in message
    assert "rule WATCH: id is used twice" in message
    assert "rule W: weight: Input should be a valid number" in message
    assert "rule X: lane:" in message and "rule X: colour: Extra inputs" in message
    assert "rule #6 (no id): id is required" in message


def test_yaml_traps_are_refused(tmp_path: Path) -> None:
    float_version = HEAD.replace('"2026.1"', "2026.10")
    assert "write the version as text" in _refusal(tmp_path, GOOD_RULES, float_version)
    twice = GOOD_RULES.replace("weight: 100\n", "weight: 100\n    weight: 1\n")
    assert "key 'weight' given twice" in _refusal(tmp_path, twice)
    assert "not valid YAML" in _refusal(tmp_path, "  - id: [unclosed\n")
    assert "has no rules" in _refusal(tmp_path, " []\n")
    with pytest.raises(
        ProfileError, match=re.escape("profile upload.yaml refused:\n  expected a mapping")
    ):
        parse_profile("- just a list", source="upload.yaml")


def test_compile_condition_accepts_row_wise_sql() -> None:
    for condition in (
        "coalesce(prior_seizures, 0) > 0 AND NOT program_suspended",
        "upper(port_of_discharge) IN ('USLGB', 'USLAX')",
        "hs_chapter = '93' OR abs(duty_at_risk) >= 3.5",
        "prior_discrepancies IS DISTINCT FROM 0",
        "CASE WHEN new_importer THEN duty_at_risk > 100 ELSE duty_at_risk > 5000 END",
    ):
        compile_condition(condition)
    with pytest.raises(ValueError, match="unknown indicator column 'custom'"):
        compile_condition("custom > 1")
    assert compile_condition("custom > 1", {"custom": pl.Int64()}) is not None


LOCAL = """\
name: uslgb-local
version: "3"
owner: Long Beach targeting unit
extends: national@2026.1
ports: [USLGB]
rules:
"""


def test_local_profile_may_only_add_rules_for_its_ports(tmp_path: Path) -> None:
    national = load_profile(_write(tmp_path, HEAD + GOOD_RULES, "n.yaml"))
    local = load_profile(_write(tmp_path, LOCAL + _rule("LGB-1", "new_importer"), "l.yaml"))
    composed = compose(national, local)
    assert [r.id for r in composed.rules] == ["WATCH", "DETOUR", "LGB-1"]
    assert composed.rule("LGB-1").scope.ports == frozenset({"USLGB"})
    assert composed.rule("LGB-1").source == "uslgb-local@3"

    override = load_profile(_write(tmp_path, LOCAL + _rule("WATCH", "watchlist_hit"), "o.yaml"))
    with pytest.raises(ProfileError, match=re.escape("rule WATCH: already in national@2026.1")):
        compose(national, override)

    other = LOCAL.replace("extends: national@2026.1", "extends: national@2025.4")
    stale = load_profile(_write(tmp_path, other + _rule("LGB-1", "new_importer"), "s.yaml"))
    with pytest.raises(
        ProfileError, match=re.escape("extends national@2025.4, not national@2026.1")
    ):
        compose(national, stale)

    outside = _rule("LGB-2", "new_importer") + "    scope:\n      ports: [USLGB, USLAX]\n"
    assert "rule LGB-2: scope USLAX is outside" in _refusal(tmp_path, outside, LOCAL)
    everywhere = _rule("LGB-3", "new_importer") + "    scope:\n      ports: all\n"
    assert "rule LGB-3: scope all ports is outside" in _refusal(tmp_path, everywhere, LOCAL)


def test_diff_lists_rules_added_removed_and_changed(tmp_path: Path) -> None:
    before = load_profile(_write(tmp_path, HEAD + GOOD_RULES, "a.yaml"))
    changed = (
        GOOD_RULES.replace("weight: 25.5", "weight: 30")
        .replace(">= 1.5", ">= 1.4")
        .replace("modes: [sea]", "modes: [sea, rail]")
        .replace("id: WATCH", "id: WATCH-2")
    )
    after = load_profile(_write(tmp_path, HEAD.replace("2026.1", "2026.2") + changed, "b.yaml"))
    d = diff(before, after)
    assert (d.before, d.after) == ("national@2026.1", "national@2026.2")
    assert [r.id for r in d.added] == ["WATCH-2"] and [r.id for r in d.removed] == ["WATCH"]
    ((rid, fields),) = d.changed
    assert rid == "DETOUR"
    by_field = {c.field: (c.before, c.after) for c in fields}
    assert set(by_field) == {"condition", "weight", "scope"}
    assert by_field["weight"] == ("25.5", "30")
    assert "rail" in by_field["scope"][1]
    assert [c.field for c in d.profile] == ["version"]
    assert diff(before, before).empty


def _indicators() -> pl.DataFrame:
    cols = default_indicator_columns()
    rows = {
        "master_bill": ["A", "B", "C", "D"],
        "watchlist_hit": [True, False, None, False],
        "route_detour_ratio": [1.0, 2.0, 1.6, None],
        "mode": ["sea", "sea", "air", "sea"],
        "new_importer": [False, True, True, True],
        "port_of_discharge": ["USLGB", "USLAX", "USLGB", "USLGB"],
        "assessed_on": [date(2026, 3, 1)] * 3 + [date(2026, 1, 15)],
    }
    schema = {k: cols.get(k, pl.String()) for k in rows} | {"assessed_on": pl.Date()}
    return pl.DataFrame(rows, schema=schema)


def test_evaluate_gives_one_boolean_per_rule_and_respects_scope(tmp_path: Path) -> None:
    national = load_profile(_write(tmp_path, HEAD + GOOD_RULES, "n.yaml"))
    local_text = LOCAL + _rule("LGB-1", "new_importer") + "    scope:\n      from: 2026-02-01\n"
    composed = compose(national, load_profile(_write(tmp_path, local_text, "l.yaml")))
    frame = _indicators()

    out = evaluate(national, frame, on=date(2026, 3, 1))
    assert out.columns == ["master_bill", "WATCH", "DETOUR"]
    assert out["WATCH"].to_list() == [True, False, False, False]  # unknown (null) never fires
    assert out["DETOUR"].to_list() == [False, True, False, False]  # C is air, D has no ratio

    # After the detour rule's end date, and for an air shipment, the rule is not in scope.
    assert "DETOUR" not in evaluate(national, frame, on=date(2026, 7, 1)).columns
    assert "DETOUR" not in evaluate(national, frame, mode="air", on=date(2026, 3, 1)).columns

    # One port given: the local rule runs only for it; no port: row by row.
    assert "LGB-1" not in evaluate(composed, frame, port="USLAX", on=date(2026, 3, 1)).columns
    at_lgb = evaluate(composed, frame, port="USLGB", on=date(2026, 3, 1))
    assert at_lgb["LGB-1"].to_list() == [False, True, True, True]
    per_row = evaluate(composed, frame)  # port and day from each row
    assert per_row["LGB-1"].to_list() == [False, False, True, False]

    # A version in force from 2026 still judges history: a backtest over 2002 runs every rule.
    assert evaluate(national, frame, on=date(2002, 1, 15)).columns == [
        "master_bill",
        "WATCH",
        "DETOUR",
    ]
    # How many rules apply to each shipment: D (USLGB, 2026-01-15) is before LGB-1's own start.
    counted = rules_in_scope(composed, frame)["rules_in_scope"].to_list()
    assert counted == [3, 2, 2, 2]  # B is at USLAX, C is by air (no DETOUR)


def test_evaluate_refuses_what_it_cannot_judge(tmp_path: Path) -> None:
    national = load_profile(_write(tmp_path, HEAD + GOOD_RULES, "n.yaml"))
    frame = _indicators()
    with pytest.raises(ProfileError, match="rule DETOUR: needs route_detour_ratio"):
        evaluate(national, frame.drop("route_detour_ratio"), on=date(2026, 3, 1))
    with pytest.raises(ProfileError, match="pass on= or an assessed_on column"):
        evaluate(national, frame.drop("assessed_on"))
    with pytest.raises(ProfileError, match="no master_bill column"):
        evaluate(national, frame.drop("master_bill"), on=date(2026, 3, 1))


def test_the_default_profile_evaluates_fast_enough_to_matter() -> None:
    """Not a benchmark: a sanity bound far below the 50,000 shipments/s the issue asks for."""
    import time

    cols = default_indicator_columns()
    n = 100_000
    frame = pl.DataFrame(
        {"master_bill": [str(i) for i in range(n)]}
        | {k: pl.Series(k, [None] * n, dtype=t) for k, t in cols.items()}
    )
    start = time.perf_counter()
    out = evaluate(default_profile(), frame, on=date(2026, 3, 1))
    assert out.height == n and out.width == 1 + len(default_profile().rules)
    assert time.perf_counter() - start < 2.0
