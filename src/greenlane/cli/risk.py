"""`greenlane assess`, `decision` and `backtest`: scores and lanes of the stored shipments."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from greenlane.cli.common import DatabaseOption, clear_errors, console, open_database
from greenlane.errors import NotFoundError

if TYPE_CHECKING:
    from greenlane.risk.profiles import Profile
    from greenlane.selection import SelectionPolicy

CapacityOption = Annotated[
    float, typer.Option("--capacity", help="Examination capacity: share of each port-day.")
]
RandomOption = Annotated[
    float, typer.Option("--random-share", help="Share of the capacity drawn at random.")
]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the random draws.")]
LocalOption = Annotated[
    Path | None, typer.Option("--local", help="A port's local profile on top of the national one.")
]


def _policy(capacity: float, random_share: float, seed: int) -> SelectionPolicy:
    from greenlane.selection import Capacity, Limit, SelectionPolicy

    return SelectionPolicy(
        examination=Capacity(Limit(share=capacity)), random_share=random_share, seed=seed
    )


def _profile(path: Path | None, local: Path | None) -> Profile:
    from greenlane.risk.profiles import compose, default_profile, load_profile

    profile = default_profile() if path is None else load_profile(path)
    return profile if local is None else compose(profile, load_profile(local))


@clear_errors
def assess(
    profile: Annotated[
        Path | None, typer.Option("--profile", help="Rule profile; default: the national one.")
    ] = None,
    local: LocalOption = None,
    capacity: CapacityOption = 0.02,
    random_share: RandomOption = 0.1,
    seed: SeedOption = 0,
    before_loading: Annotated[
        bool,
        typer.Option(
            "--before-loading",
            help="Judge on what was known when the manifest came in; give the ICS2 referrals.",
        ),
    ] = False,
    model: Annotated[
        Path | None,
        typer.Option(
            "--model",
            help="A trained model folder (greenlane model train): its probability joins the "
            "rules' score.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Score every stored shipment with the rule profile (and a trained model, with --model)
    and put it in a lane within each port's daily capacity, with the Green Lane benefits for
    eligible shipments; store each decision with its reasons. With --before-loading, each
    shipment is judged on what was known when its manifest came in and gets an ICS2 answer:
    assessment complete, request for information, request for screening or do not load."""
    from greenlane.app.models import model_probabilities
    from greenlane.programs.benefits import decide_green_lane
    from greenlane.programs.frames import programs_from_frames
    from greenlane.risk.build import case_files
    from greenlane.store.decisions import replace_decisions
    from greenlane.store.frames import StoreFrames

    db = open_database(database, migrate=True)
    chosen = _profile(profile, local)
    case = case_files(StoreFrames(db), before_loading=before_loading)
    decided = decide_green_lane(
        case,
        chosen,
        programs_from_frames(StoreFrames(db)),
        _policy(capacity, random_share, seed),
        model=None if model is None else model_probabilities(db, case, model),
        before_loading=before_loading,
    )
    joined = decided.decisions.joined()
    stage = "before_loading" if before_loading else "arrival"
    name = "+".join(chosen.composed_of) or chosen.key
    stored = replace_decisions(db, joined, name, _now(), stage)
    lanes = dict(sorted(Counter(joined["lane"].to_list()).items()))
    eligible = int(decided.eligibility.shipments["eligible"].sum())
    report: dict[str, object] = {
        "shipments": stored,
        "profile": chosen.key,
        "model": None if model is None else str(model),
        "lanes": lanes,
        "green_lane_eligible": eligible,
    }
    if before_loading:
        referrals = Counter(r or "none" for r in joined["referral"].to_list())
        report["referrals"] = dict(sorted(referrals.items()))
    if as_json:
        print(json.dumps(report))
        return
    console.print(
        f"{stored:,} shipments decided with {chosen.key}: "
        + ", ".join(f"{lane} {n:,}" for lane, n in lanes.items()),
        highlight=False,
    )
    if before_loading:
        console.print(f"before loading: {report['referrals']}", highlight=False)


def _now() -> datetime:
    return datetime.now(UTC)


@clear_errors
def decision(
    bill: Annotated[str, typer.Argument(help="A master bill.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the decisions as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """The shipment's decisions (before loading, at arrival): lane, referral, score and every
    reason, as the last assessments left them."""
    from greenlane.store.decisions import decisions_for_bill

    found = decisions_for_bill(open_database(database), bill.strip())
    if not found:
        raise NotFoundError(f"no decision on {bill.strip()!r}; run greenlane assess")
    if as_json:
        docs = [{k: getattr(d, k) for k in d.__slots__} for d in found]
        print(json.dumps(docs, default=str))
        return
    for d in found:
        referral = f", {d.referral.replace('_', ' ')}" if d.referral else ""
        console.print(
            f"{d.master_bill} {d.stage.replace('_', ' ')} at {d.port} on {d.day}: "
            f"[bold]{d.lane}[/bold]{referral} (score {d.score:.3f}, selected by "
            f"{d.selected_by}, profile {d.profile})"
        )
        console.print(escape(d.explanation), highlight=False)
        for reason in d.reasons:
            console.print(f"  - {escape(reason)}", highlight=False)


@clear_errors
def backtest(
    profile: Annotated[
        list[Path] | None,
        typer.Option("--profile", help="A profile to backtest (repeat to compare two or more)."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First decision day (YYYY-MM-DD).")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last decision day (YYYY-MM-DD).")] = None,
    capacity: CapacityOption = 0.02,
    random_share: RandomOption = 0.1,
    seed: SeedOption = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Per rule: hits, hit rate, precision against inspection results; per profile: precision
    and recall at capacity and the workload per port. Profiles side by side."""
    from greenlane.risk.backtest import Period
    from greenlane.risk.backtest import backtest as run
    from greenlane.risk.build import case_files
    from greenlane.store.frames import StoreFrames

    db = open_database(database, migrate=True)
    paths: list[Path | None] = list(profile) if profile else [None]
    profiles = [_profile(p, None) for p in paths]
    period = Period(_day(start, "--from"), _day(end, "--to"))
    labels = db.world_labels() or None
    results = run(
        case_files(StoreFrames(db)), profiles, period, _policy(capacity, random_share, seed), labels
    )
    if as_json:
        print(json.dumps(results, default=str))
        return
    _print_backtest(results)


def _day(text: str | None, option: str) -> date | None:
    from greenlane.errors import ConfigurationError

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigurationError(
            f"{option} {text!r} is not a date", expected="YYYY-MM-DD"
        ) from None


def _print_backtest(results: list[dict[str, object]]) -> None:
    table = Table(title="Backtest per rule (hits / precision against inspection results)")
    table.add_column("Rule")
    for r in results:
        table.add_column(str(r["profile"]))
    rules: dict[str, list[str]] = {}
    for k, r in enumerate(results):
        for row in r["rules"]:  # type: ignore[attr-defined]
            cells = rules.setdefault(row["rule"], [""] * len(results))
            precision = "n/a" if row["precision"] is None else f"{row['precision']:.2f}"
            cells[k] = f"{row['hits']:,} / {precision}"
    for rule, cells in sorted(rules.items()):
        table.add_row(rule, *cells)
    console.print(table)
    for r in results:
        console.print(
            f"{r['profile']}: {r['shipments']:,} shipments, red {r['red']:,}; at capacity "
            f"precision {r['precision_at_capacity']}, recall {r['recall_at_capacity']} "
            f"(inspection results); against the world's labels: precision "
            f"{r.get('label_precision_at_capacity')}, recall {r.get('label_recall_at_capacity')}",
            highlight=False,
        )
