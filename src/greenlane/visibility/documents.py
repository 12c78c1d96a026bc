"""Journey and seal reports as JSON documents: what `greenlane journey --json`, `seals --json`
and the service answer with."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from greenlane.visibility.report import Row, TripReport


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


def journey_document(report: TripReport) -> Row:
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


def seals_document(report: TripReport) -> Row:
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
