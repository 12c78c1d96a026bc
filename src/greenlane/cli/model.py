"""`greenlane model`: train, evaluate, show, score with, monitor and simulate the learned
targeting model (``greenlane.learn``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console
from greenlane.errors import ConfigurationError

if TYPE_CHECKING:
    from greenlane.app.models import DataSource

model_app = typer.Typer(
    help="The learned targeting model: trained on past inspection outcomes.", no_args_is_help=True
)

FilesArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="KCS CSV files, or one folder of Parquet frames (--source parquet); none for "
        "--source store."
    ),
]
SourceOption = Annotated[
    str,
    typer.Option(
        help="kcs (declarations CSV), parquet (a folder of frames, such as greenlane world "
        "parquet writes; 'world' is the same) or store (the shipments in the database)."
    ),
]
LabelsOption = Annotated[
    str, typer.Option(help="Shipment labels: inspections (examination outcomes) or threats.")
]
IndicatorsOption = Annotated[
    Path | None,
    typer.Option(
        help="Parquet or store only: case-file indicator values (Parquet) to use as features."
    ),
]
ModelOption = Annotated[Path, typer.Option("--model", help="The model folder.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _source(kind: str, files: list[Path] | None, database: str | None) -> DataSource:
    return core.DataSource(kind, tuple(files or ()), database)


def _metrics_table(title: str, parts: dict[str, dict[str, float]]) -> Table:
    table = Table(title=title)
    keys = ("rows", "p_at_1", "p_at_2", "p_at_5", "p_at_10", "recall_at_5", "recall_at_10", "auc")
    table.add_column("rows scored")
    for k in keys:
        table.add_column(k)
    for name, m in parts.items():
        table.add_row(name, *(f"{m[k]:,.0f}" if k == "rows" else f"{m[k]:.3f}" for k in keys))
    return table


@model_app.command("train")
@clear_errors
def model_train(
    out: Annotated[Path, typer.Option(help="Folder to write the model to.")],
    files: FilesArgument = None,
    source: SourceOption = "kcs",
    labels: LabelsOption = "inspections",
    indicators: IndicatorsOption = None,
    seed: Annotated[int, typer.Option()] = 0,
    validation_share: Annotated[
        float, typer.Option(help="Share of the latest labelled rows held out for validation.")
    ] = 0.25,
    threads: Annotated[int, typer.Option()] = 2,
    database: DatabaseOption = None,
) -> None:
    """Train on the labelled declarations, validate on their latest months, save the model."""
    from greenlane.app.models import train_model

    model, where = train_model(
        _source(source, files, database),
        out,
        labels=labels,
        indicators=indicators,
        seed=seed,
        validation_share=validation_share,
        threads=threads,
    )
    m = model.meta
    version = m["data_version"]
    console.print(
        f"trained on {m['rows']:,} labelled declarations {m['period'][0]}..{m['period'][1]} "
        f"({version}) in {m['seconds']} s; validated on {m['validation_period'][0]}.."
        f"{m['validation_period'][1]}; feature groups: {', '.join(m['groups']) or 'none'}; "
        f"{len(model.features)} features; {m['params']['rounds']} trees",
        highlight=False,
    )
    console.print(_metrics_table("Validation", m["metrics"]["validation"]))
    console.print(f"model written to {where.parent}", highlight=False)


@model_app.command("evaluate")
@clear_errors
def model_evaluate(
    model: ModelOption,
    files: FilesArgument = None,
    source: SourceOption = "kcs",
    labels: LabelsOption = "inspections",
    indicators: IndicatorsOption = None,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Score labelled declarations with the model; metrics on all of them and on those with no
    identical declaration in the model's history, and how well the probabilities hold."""
    from greenlane.app.models import evaluate_model

    result = evaluate_model(
        model, _source(source, files, database), labels=labels, indicators=indicators
    )
    version = result["data_version"]
    parts: dict[str, dict[str, float]] = {k: result[k] for k in ("all", "novel") if k in result}
    if as_json:
        print(json.dumps(result))
        return
    console.print(_metrics_table(f"Evaluated on {version}", parts))
    table = Table(title="Calibration (by probability decile)")
    for c in ("mean probability", "observed rate", "rows"):
        table.add_column(c)
    for row in result["reliability"]:
        table.add_row(f"{row['predicted']:.3f}", f"{row['observed']:.3f}", f"{row['rows']:,.0f}")
    console.print(table)


@model_app.command("show")
@clear_errors
def model_show(model: Annotated[Path, typer.Argument(help="The model folder.")],
               as_json: JsonOption = False) -> None:  # fmt: skip
    """What the model was trained on, with what, and how it did in validation."""
    from greenlane.app.models import model_card

    meta = model_card(model)
    if as_json:
        print(json.dumps(meta))
        return
    lines = [
        f"data version      {meta.get('data_version') or '(not given)'}",
        f"trained at        {meta['trained_at']} in {meta['seconds']} s",
        f"period            {meta['period'][0]}..{meta['period'][1]}, {meta['rows']:,} rows",
        f"validation        {meta['validation_period'][0]}..{meta['validation_period'][1]}",
        f"feature groups    {', '.join(meta['groups']) or 'none'}",
        f"features ({len(meta['features'])})     {', '.join(meta['features'])}",
        f"calibration       platt slope {meta['calibration']['slope']:.3f} "
        f"intercept {meta['calibration']['intercept']:.3f}",
        "params            "
        + ", ".join(f"{k}={v}" for k, v in meta["params"].items() if k != "verbose"),
    ]
    for line in lines:
        console.print(line, highlight=False)
    console.print(_metrics_table("Validation", meta["metrics"]["validation"]))
    for step in meta.get("selection", []):
        mark = "kept" if step["kept"] else "dropped"
        console.print(
            f"  groups {'+'.join(step['groups']) or '(base)'}: novel AUC {step['novel_auc']} "
            f"({mark})",
            highlight=False,
        )


@model_app.command("score")
@clear_errors
def model_score(
    model: ModelOption,
    files: FilesArgument = None,
    out: Annotated[Path | None, typer.Option(help="Write every score (CSV or .parquet).")] = None,
    source: SourceOption = "kcs",
    indicators: IndicatorsOption = None,
    rank_by: Annotated[str, typer.Option(help="probability or duty_at_risk")] = "probability",
    top: Annotated[int, typer.Option(help="Show the first N with their reasons.")] = 10,
    database: DatabaseOption = None,
) -> None:
    """Score declarations: probability, expected duty at risk, rank and reasons."""
    import polars as pl

    from greenlane.app.models import score_with_model

    scored = score_with_model(
        model, _source(source, files, database), indicators=indicators, rank_by=rank_by
    )
    if out is not None:
        if out.suffix == ".parquet":
            scored.write_parquet(out)
        else:
            scored.with_columns(pl.col("reasons").list.join("; ")).write_csv(out)
        console.print(f"{scored.height:,} scores written to {out}", highlight=False)
    for row in scored.head(top).iter_rows(named=True):
        duty = "" if row["duty_at_risk"] is None else f", duty at risk {row['duty_at_risk']:,.0f}"
        console.print(
            f"{row['rank']:>5} {row['declaration_id']} p={row['probability']:.3f}{duty}: "
            + "; ".join(row["reasons"]),
            highlight=False,
        )


@model_app.command("drift")
@clear_errors
def model_drift(
    model: ModelOption,
    files: FilesArgument = None,
    source: SourceOption = "kcs",
    labels: LabelsOption = "inspections",
    indicators: IndicatorsOption = None,
    today: Annotated[str | None, typer.Option(help="YYYY-MM-DD; default the latest date.")] = None,
    max_age_days: Annotated[int, typer.Option()] = 180,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Recent declarations against the model's validation months: score and feature shifts,
    hit rate and precision of top picks; exit 1 when it is time to retrain."""
    from greenlane.app.models import model_drift

    report = model_drift(
        model,
        _source(source, files, database),
        labels=labels,
        indicators=indicators,
        today=_day(today),
        max_age_days=max_age_days,
    )
    if as_json:
        print(json.dumps(report.to_json()))
    else:
        console.print(
            f"{report.rows:,} declarations; score PSI {report.score_psi:.3f}; "
            f"hit rate {report.hit_rate} (validation {report.reference_hit_rate}); "
            f"precision at 10% {report.precision_at_10} "
            f"(validation {report.reference_precision_at_10})",
            highlight=False,
        )
        for name, value in list(report.feature_psi.items())[:8]:
            console.print(f"  {name:<28} PSI {value:.3f}", highlight=False)
        verdict = (
            "retrain: " + "; ".join(report.reasons) if report.retrain else "no need to retrain"
        )
        console.print(verdict, highlight=False)
    if report.retrain:
        raise typer.Exit(1)


@model_app.command("simulate")
@clear_errors
def model_simulate(
    files: FilesArgument = None,
    source: SourceOption = "kcs",
    labels: LabelsOption = "threats",
    capacity: Annotated[float, typer.Option(help="Share of declarations inspected.")] = 0.1,
    explore: Annotated[str, typer.Option(help="Exploration shares, comma separated.")] = (
        "0,0.1,0.2,0.3"
    ),
    mode: Annotated[str, typer.Option(help="random or uncertain")] = "random",
    seed: Annotated[int, typer.Option()] = 0,
    later_from: Annotated[int, typer.Option(help="First simulated month counted as later.")] = 6,
    as_json: JsonOption = False,
    database: DatabaseOption = None,
) -> None:
    """Replay the months: inspect within capacity, learn only what was inspected; what each
    exploration share costs now and gains later."""
    from greenlane.app.models import simulate_exploration

    try:
        shares = tuple(float(s) for s in explore.split(","))
    except ValueError:
        raise ConfigurationError(
            f"--explore {explore!r} is not a list of shares", expected="e.g. 0,0.1,0.2"
        ) from None
    rows, summary = simulate_exploration(
        _source(source, files, database),
        labels=labels,
        capacity=capacity,
        shares=shares,
        mode=mode,
        seed=seed,
        later_from=later_from,
    )
    if as_json:
        print(json.dumps({"months": rows, "summary": summary}))
        return
    table = Table(title=f"Exploration at {capacity:.0%} capacity ({mode})")
    for c in ("explore", "phase", "hits", "inspected", "precision", "vs none", "AUC",
              "top-pick precision"):  # fmt: skip
        table.add_column(c)
    for r in summary:
        table.add_row(
            f"{r['explore']:.0%}",
            r["phase"],
            f"{r['hits']:,}",
            f"{r['inspected']:,}",
            f"{r['precision']:.3f}",
            f"{r['hits_vs_no_exploration']:+,}",
            f"{r['auc']:.3f}",
            f"{r['model_precision']:.3f}",
        )
    console.print(table)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigurationError(f"--today {text!r} is not a date", expected="YYYY-MM-DD") from None
