"""`greenlane assess`, `decision` and `backtest`: scores and lanes of the stored shipments."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console

if TYPE_CHECKING:
    from greenlane.app.assessment import AssessReport

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
    from greenlane.app.assessment import assess as run
    from greenlane.app.assessment import selection_policy

    db = core.connect(database, migrate=True)
    report = run(
        db,
        profile,
        local,
        selection_policy(capacity, random_share, seed),
        before_loading=before_loading,
        model_probabilities=None
        if model is None
        else lambda case: core.model_probabilities(db, case, model),
    )
    if as_json:
        print(json.dumps(report.summary() | {"model": None if model is None else str(model)}))
        return
    _print_assessment(report, model)


def _print_assessment(report: AssessReport, model: Path | None) -> None:
    summary = report.summary()
    lanes = ", ".join(f"{lane} {n:,}" for lane, n in summary["lanes"].items())
    with_model = f" and the model in {model}" if model is not None else ""
    console.print(
        f"{report.shipments:,} shipments decided ({report.stage.replace('_', ' ')}) with "
        f"{report.profile.key}{with_model}: {lanes}; "
        f"{summary['green_lane_eligible']:,} Green Lane eligible",
        highlight=False,
    )
    if not report.in_force:
        console.print(
            f"note: {report.profile.key} is {report.profile.effective()}, not on "
            f"{report.decided_at.date()}; the decisions were made with it as asked",
            highlight=False,
        )
    if report.stage == "before_loading":
        answers = ", ".join(
            f"{name.replace('_', ' ')} {n:,}" for name, n in summary["referrals"].items()
        )
        console.print(f"before loading: {answers}", highlight=False)
    top = summary["top_risks"]
    if not top:
        console.print("No shipment showed any risk.", highlight=False)
    else:
        console.print(f"Top {len(top)} risks:", highlight=False)
    for risk in top:
        # rule and title only ("RULE (w points, s of 100): title"); the evidence is in decision
        reasons = "; ".join(": ".join(r.split(": ")[:2]) for r in risk["reasons"])
        console.print(
            f"  {risk['master_bill']} {risk['lane']} (score {risk['score']:.3f}, "
            f"{risk['port']} {risk['day']}): {escape(reasons)}",
            highlight=False,
        )
    console.print("See any shipment with: greenlane decision BILL", highlight=False)


@clear_errors
def decision(
    bill: Annotated[str, typer.Argument(help="A master bill.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the decisions as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """The shipment's decisions (before loading, at arrival): lane, referral, score and every
    reason, as the last assessments left them."""
    from greenlane.app.assessment import decision as decisions_of

    found = decisions_of(core.connect(database), bill)
    if as_json:
        docs = [{k: getattr(d, k) for k in d.__slots__} for d in found]
        print(json.dumps(docs, default=lambda v: v.isoformat()))
        return
    for d in found:
        referral = f", {d.referral.replace('_', ' ')}" if d.referral else ""
        console.print(
            f"{d.master_bill} {d.stage.replace('_', ' ')} at {d.port} on {d.day}: "
            f"[bold]{d.lane}[/bold]{referral} (score {d.score:.3f}, selected by "
            f"{d.selected_by.replace('_', ' ')}, profile {d.profile})"
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
    and recall at capacity and the workload per port. Profiles side by side. Each profile runs
    through the same decision pipeline as greenlane assess (Green Lane benefits included)."""
    from greenlane.app.assessment import Period, selection_policy
    from greenlane.app.assessment import backtest as run

    period = Period(_day(start, "--from"), _day(end, "--to"))
    results = run(
        core.connect(database, migrate=True),
        list(profile) if profile else [None],
        period,
        selection_policy(capacity, random_share, seed),
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


def _share(value: object) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _print_backtest(results: list[dict[str, Any]]) -> None:
    table = Table(title="Backtest per rule (hits / precision against inspection results)")
    table.add_column("Rule")
    for r in results:
        table.add_column(str(r["profile"]))
    rules: dict[str, list[str]] = {}
    for k, r in enumerate(results):
        for row in r["rules"]:
            cells = rules.setdefault(row["rule"], [""] * len(results))
            cells[k] = f"{row['hits']:,} / {_share(row['precision'])}"
    for rule, cells in sorted(rules.items()):
        table.add_row(rule, *cells)
    console.print(table)
    for r in results:
        lanes = ", ".join(f"{lane} {n:,}" for lane, n in r["lanes"].items())
        labels = (
            f"; against the world's labels: precision {_share(r['label_precision_at_capacity'])}, "
            f"recall {_share(r['label_recall_at_capacity'])}"
            if "label_precision_at_capacity" in r
            else ""
        )
        console.print(
            f"{r['profile']}: {r['shipments']:,} shipments ({lanes}); at capacity, against "
            f"inspection results: precision {_share(r['precision_at_capacity'])}, recall "
            f"{_share(r['recall_at_capacity'])}{labels}",
            highlight=False,
        )
