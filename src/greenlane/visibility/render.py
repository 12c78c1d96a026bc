"""Journey and seal reports as terminal tables (the seed slide's columns) and as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from greenlane.model.ports import port_table
from greenlane.visibility.report import Row, TripReport

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


def place(code: str | None) -> str:
    """A UN/LOCODE with the port's name, e.g. 'Karachi (PKKHI)'."""
    if not code:
        return "-"
    port = port_table().get(code)
    return f"{port.name} ({code})" if port else code


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
            place(s["true_origin"]),
            place(leg["load_port"]),
            place(leg["discharge_port"]),
            place(s["last_discharge_port"]),
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
        place(s["place_of_receipt"]),
        place(s["port_of_loading"]),
        ", ".join(place(p) for p in s["transshipment_ports"] or []) or "none declared",
        place(s["port_of_discharge"]),
        place(s["place_of_delivery"]),
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
        f"True origin: {place(s['true_origin'])} (by {s['origin_basis'] or 'no event'}); "
        f"declared port of loading: {place(s['port_of_loading'])}",
        highlight=False,
    )
    for t in report.transshipments:
        console.print(
            f"Transshipment at {place(t['unlocode'])}: {t['from_vessel'] or '?'} "
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


def _json_row(row: Row) -> Row:
    return {k: _json_value(v) for k, v in row.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def _leg_json(leg: Row) -> Row:
    return _json_row(
        {
            "loaded": leg["load_port"],
            "unloaded": leg["discharge_port"],
            "vessel": leg["vessel_name"],
            "vessel_imo": leg["vessel_imo"],
            "voyage": leg["voyage"],
            "loaded_at": leg["loaded_at"],
            "departed": leg["departed"],
            "arrived": leg["arrived"],
            "discharged_at": leg["discharged_at"],
            "sea_nm": leg["sea_nm"],
        }
    )


def journey_json(report: TripReport) -> Row:
    s = report.summary
    return _json_row(
        {
            "container": report.container_number,
            "bill_of_lading": report.bill_of_lading,
            "seal_type": report.seal_type,
            "legs": [_leg_json(leg) for leg in report.legs],
            "true_origin": s["true_origin"],
            "true_origin_basis": s["origin_basis"],
            "stuffed_at": s["stuffed_at"],
            "declared_port_of_loading": s["port_of_loading"],
            "declared": {
                "filing": s["declared_in"],
                "place_of_receipt": s["place_of_receipt"],
                "port_of_loading": s["port_of_loading"],
                "transshipment_ports": s["transshipment_ports"],
                "port_of_discharge": s["port_of_discharge"],
                "place_of_delivery": s["place_of_delivery"],
                "goods_origin_countries": s["origin_countries"],
            },
            "observed_ports": s["observed_ports"],
            "destination": s["last_discharge_port"],
            "sailed_nm": s["sailed_nm"],
            "direct_nm": s["direct_nm"],
            "detour_ratio": s["detour_ratio"],
            "transshipments": [
                {k: v for k, v in t.items() if k not in ("trip_id", "container_number")}
                for t in report.transshipments
            ],
            "port_calls": [
                {k: v for k, v in c.items() if k not in ("trip_id", "container_number")}
                for c in report.port_calls
            ],
            "seal_state": (report.seal_state or {}).get("state"),
            "findings": [_finding_json(f) for f in report.findings]
            + [
                {
                    "kind": f"data_quality.{f.code}",
                    "severity": f.severity.value,
                    "message": f.message,
                    "evidence": [],
                }
                for f in report.data_quality
            ],
        }
    )


def _finding_json(f: Row) -> Row:
    return {k: f[k] for k in ("kind", "severity", "occurred_at", "unlocode", "message", "evidence")}


def seals_json(report: TripReport) -> Row:
    state = report.seal_state or {}
    return _json_row(
        {
            "container": report.container_number,
            "bill_of_lading": report.bill_of_lading,
            "state": state.get("state"),
            "reason": state.get("reason"),
            "evidence": state.get("evidence") or [],
            "stuffing": {
                k: state.get(k)
                for k in ("stuffing_seals", "stuffing_affixed_by", "stuffing_class", "electronic")
            },
            "timeline": [
                {k: v for k, v in r.items() if k not in ("trip_id", "container_number")}
                for r in report.seal_timeline
            ],
            "findings": [
                _finding_json(f)
                for f in report.findings
                if f["kind"].startswith(("seal_", "door_"))
            ],
        }
    )
