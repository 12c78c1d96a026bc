"""Journey and seal reports as terminal tables, in the columns of the seed case's slide."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from greenlane import app as core

if TYPE_CHECKING:
    from greenlane.app import Row, TripReport

LEG_COLUMNS = (
    "Container",
    "Date",
    "B/L",
    "Seal type",
    "Origin",
    "Loaded",
    "Unloaded",
    "Destination",
    "Vessel",
    "Voyage",
)


def _day(t: datetime | None) -> str:
    return t.date().isoformat() if t else "-"


def _minute(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M") if t else "-"


def leg_rows(report: TripReport) -> list[tuple[str, ...]]:
    s = report.summary
    return [
        (
            report.container_number,
            _day(leg["loaded_at"] or leg["discharged_at"]),
            report.bill_of_lading or "-",
            report.seal_type or "-",
            core.place(s["true_origin"]),
            core.place(leg["load_port"]),
            core.place(leg["discharge_port"]),
            core.place(s["last_discharge_port"]),
            leg["vessel_name"] or leg["vessel_imo"] or "-",
            leg["voyage"] or "-",
        )
        for leg in report.legs
    ]


def _declared_table(report: TripReport) -> Table | None:
    s = report.summary
    if s["declared_in"] is None:
        return None
    route = Table(title=f"Declared route ({s['declared_in']})")
    for column in (
        "Place of receipt",
        "Port of loading",
        "Transshipment",
        "Port of discharge",
        "Place of delivery",
        "Goods origin",
    ):
        route.add_column(column)
    route.add_row(
        core.place(s["place_of_receipt"]),
        core.place(s["port_of_loading"]),
        ", ".join(core.place(p) for p in s["transshipment_ports"] or []) or "none declared",
        core.place(s["port_of_discharge"]),
        core.place(s["place_of_delivery"]),
        ", ".join(s["origin_countries"] or []) or "-",
    )
    return route


def _findings_table(findings: list[Row], title: str) -> Table:
    table = Table(title=title)
    for column in ("Finding", "When", "Where", "What", "Evidence"):
        table.add_column(column)
    for f in findings:
        table.add_row(
            f"{f['kind']} ({f['severity']})",
            _minute(f["occurred_at"]),
            f["unlocode"] or "-",
            f["message"],
            ", ".join(f["evidence"] or []),
        )
    return table


def print_journey(console: Console, report: TripReport) -> None:
    table = Table(title=f"Journey of {report.container_number} (observed)")
    for column in LEG_COLUMNS:
        table.add_column(column)
    for row in leg_rows(report):
        table.add_row(*row)
    console.print(table)
    s = report.summary
    console.print(
        f"True origin: {core.place(s['true_origin'])} (by {s['origin_basis'] or 'no event'}); "
        f"declared port of loading: {core.place(s['port_of_loading'])}",
        highlight=False,
    )
    for t in report.transshipments:
        console.print(
            f"Transshipment at {core.place(t['unlocode'])}: {t['from_vessel'] or '?'} "
            f"{t['from_voyage'] or ''} -> {t['to_vessel'] or '?'} {t['to_voyage'] or ''}, "
            f"{t['dwell_hours']} h between discharge and reload",
            highlight=False,
        )
    declared = _declared_table(report)
    if declared is None:
        console.print("No filing declares a route for this container.")
    else:
        console.print(declared)
    if report.seal_state:
        console.print(
            f"Seal chain: {report.seal_state['state']}. {report.seal_state.get('reason') or ''}",
            highlight=False,
        )
    if report.findings:
        console.print(_findings_table(report.findings, "Findings"))
    for finding in report.data_quality:
        console.print(f"[yellow]data quality[/] {finding.code}: {finding.message}", highlight=False)


def print_seals(console: Console, report: TripReport) -> None:
    table = Table(title=f"Seals of {report.container_number} under {report.bill_of_lading}")
    for column in ("When", "Event", "Where", "Seals", "Condition", "Verdict"):
        table.add_column(column)
    for r in report.seal_timeline:
        table.add_row(
            _minute(r.get("occurred_at")),
            str(r.get("event_type") or "-"),
            str(r.get("unlocode") or r.get("facility") or "at sea"),
            _text(r.get("seals")),
            _text(r.get("conditions")),
            _text(r.get("verdicts")),
        )
    console.print(table)
    state = report.seal_state or {}
    console.print(f"State: {state.get('state', 'no seal read')}. {state.get('reason') or ''}")
    seal_findings = [f for f in report.findings if f["kind"].startswith(("seal_", "door_"))]
    if seal_findings:
        console.print(_findings_table(seal_findings, "Seal findings"))


def _text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    return str(value)
