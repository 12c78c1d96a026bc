"""`greenlane goods`: what is declared to be in the box, judged against what it should be."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console

goods_app = typer.Typer(help="Goods: HS codes, descriptions, values, origin.", no_args_is_help=True)


@goods_app.command("assess")
@clear_errors
def goods_assess(
    bill: Annotated[
        list[str] | None, typer.Option("--bill", help="A master bill to assess (repeatable).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """Check the goods of every stored shipment (or --bill) and store the findings; each week
    of shipments is judged on the shipments filed before it."""
    found = core.assess_goods(core.connect(database, migrate=True), bill or None)
    report = found.report
    if as_json:
        most = [{"master_bill": b, "findings": n, "codes": c} for b, n, c in found.most_found]
        print(json.dumps({**asdict(report), "most_found": most}))
        return
    console.print(
        f"{report.lines:,} goods lines of {report.shipments:,} shipments assessed in "
        f"{report.seconds} s: {report.findings:,} findings on "
        f"{report.shipments_with_findings:,} shipments",
        highlight=False,
    )
    for code, n in report.by_code.items():
        console.print(f"  {code:36} {n:,}", highlight=False)
    for currency, amount in report.duty_at_risk.items():
        console.print(f"  duty at risk: {amount:,.2f} {currency}", highlight=False)
    if not found.most_found:
        console.print("No goods findings: every line assessed looks as declared.")
        return
    console.print("Shipments with the most findings:")
    for master, n, codes in found.most_found:
        console.print(f"  {master:16} {n:>3}  {', '.join(codes)}", highlight=False)
    console.print("A shipment's findings, each with what to ask for: greenlane goods show BILL")


@goods_app.command("show")
@clear_errors
def goods_show(
    bill: Annotated[str, typer.Argument(help="A master bill.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    database: DatabaseOption = None,
) -> None:
    """The goods findings of a shipment, as the last assessment left them."""
    found = core.goods_findings(core.connect(database), bill)
    if as_json:
        print(json.dumps([asdict(f) for f in found]))
        return
    if not found:
        console.print(f"no goods findings on {bill.strip()} (run greenlane goods assess)")
        return
    table = Table(title=f"Goods findings of {bill.strip()}")
    for column in ("Filing", "Line", "Finding", "Why", "Duty at risk"):
        table.add_column(column)
    for f in found:
        duty = f"{f.duty_at_risk:,.2f} {f.currency or ''}" if f.duty_at_risk is not None else ""
        table.add_row(f.filing, str(f.line_number or ""), f.code, f.message, duty)
    console.print(table)


@goods_app.command("classify")
@clear_errors
def goods_classify(
    descriptions: Annotated[
        list[str], typer.Argument(help="Goods descriptions, each one argument (quote it).")
    ],
    top: Annotated[int, typer.Option("--top", help="Headings to show per description.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the headings as JSON.")] = False,
) -> None:
    """The HS headings the goods classifier reads in each description, likeliest first, with
    their probabilities: what `goods assess` compares the declared HS code with."""
    found = core.classify_goods(descriptions, top)
    if as_json:
        out = [
            {
                "description": text,
                "headings": [
                    {"heading": g.heading, "title": g.title, "probability": g.probability}
                    for g in guesses
                ],
            }
            for text, guesses in zip(descriptions, found, strict=True)
        ]
        print(json.dumps(out))
        return
    for text, guesses in zip(descriptions, found, strict=True):
        console.print(text.strip(), highlight=False, markup=False)
        for g in guesses:
            console.print(
                f"  {g.heading}  {g.probability:6.1%}  {g.title}", highlight=False, markup=False
            )
