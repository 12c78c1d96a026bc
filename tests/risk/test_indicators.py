"""Indicators over hand-made case files: findings, filing behaviour, history known before each
decision, programs and CSI ports, each with its evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import polars as pl

from greenlane.domain.frames import conformed
from greenlane.risk.casefile import (
    CONTAINERS,
    CSI_PORTS,
    FINDINGS,
    MEMBERSHIPS,
    OUTCOMES,
    PARTIES,
    SHIPMENTS,
    CaseFiles,
)
from greenlane.risk.indicators import compute_indicators, indicator_columns
from greenlane.risk.profiles import default_profile

T0 = datetime(2026, 3, 1, tzinfo=UTC)
H = timedelta(hours=1)


def _shipment(bill: str, day: int, importer: str, **kw: object) -> dict[str, object]:
    at = T0 + timedelta(days=day)
    row: dict[str, object] = {
        "master_bill": bill,
        "port": "USLGB",
        "mode": "sea",
        "decided_at": at,
        "manifest_filed_at": at - 20 * 24 * H,
        "estimated_departure": at - 18 * 24 * H,
        "first_loaded_at": at - 18 * 24 * H - 5 * H,
        "true_origin": "CNSHA",
        "first_load_port": "CNSHA",
        "declared_port_of_loading": "CNSHA",
        "origin_country": "CN",
        "hs_chapter": "61",
        "importer": importer,
        "seller": "S1",
        "manifest_versions": 1,
        "manifest_gross_kg": 1000.0,
        "entry_gross_kg": 1000.0,
        "manifest_hs4": ["6109"],
        "entry_hs4": ["6109"],
    }
    row.update(kw)
    return row


def _case() -> CaseFiles:
    late = T0 + timedelta(days=3) - 18 * 24 * H - 2 * H  # filed after the load, 3 h later
    shipments = conformed(
        pl.DataFrame(
            [
                _shipment("B1", 0, "IMP-A"),
                _shipment("B2", 2, "IMP-A", seller="S2", entry_hs4=["6110"]),
                _shipment("B3", 3, "IMP-B", manifest_filed_at=late, manifest_versions=2),
                _shipment("B4", 9, "IMP-A", first_load_port="SGSIN"),
            ]
        ),
        SHIPMENTS,
    )
    findings = pl.DataFrame(
        [
            ("B3", "screening", "watchlist_hit", "shipper 'ACME' matches world:001", 0.98),
            ("B3", "visibility", "route_detour", "sailed 1.7x the direct route", 1.7),
            ("B2", "goods", "goods.undervalued", "declared at 2.1 USD per kg", 812.5),
            ("B2", "goods", "goods.origin_laundering", "declared MY, stuffed in CN", 300.0),
        ],
        schema=FINDINGS,
        orient="row",
    )
    outcomes = pl.DataFrame(
        [("B0", "IMP-A", T0 + timedelta(days=1), "seizure")], schema=OUTCOMES, orient="row"
    )
    members = pl.DataFrame(
        [("IMP-A", "ctpat", 3, date(2025, 1, 1), date(2027, 1, 1), False)],
        schema=MEMBERSHIPS,
        orient="row",
    )
    csi = pl.DataFrame([("CNSHA", date(2003, 1, 1))], schema=CSI_PORTS, orient="row")
    return CaseFiles(
        shipments,
        findings,
        outcomes,
        members,
        csi,
        pl.DataFrame(schema=PARTIES),
        pl.DataFrame(schema=CONTAINERS),
    )


def test_indicators_per_shipment() -> None:
    values, evidence = compute_indicators(_case())
    assert set(indicator_columns()) <= set(values.columns)
    v = {r["master_bill"]: r for r in values.iter_rows(named=True)}
    # Findings: hits, their best score, the detour ratio, duty summed over the priced findings.
    assert v["B3"]["watchlist_hit"] and v["B3"]["watchlist_score"] == 0.98
    assert v["B3"]["route_detour_ratio"] == 1.7 and v["B1"]["route_detour_ratio"] == 1.0
    assert v["B2"]["undervalued"] and v["B2"]["origin_laundering"]
    assert v["B2"]["duty_at_risk"] == 1112.5 and v["B1"]["duty_at_risk"] == 0.0
    # History: only what came before each decision.
    assert [v[b]["importer_shipments_before"] for b in ("B1", "B2", "B4")] == [0, 1, 2]
    assert v["B1"]["new_importer"] and not v["B2"]["new_importer"]
    assert v["B2"]["new_supplier"] and not v["B4"]["new_supplier"]
    assert v["B4"]["first_time_on_route"] is False  # same origin country and port as before
    assert (v["B1"]["prior_seizures"], v["B2"]["prior_seizures"]) == (0, 1)
    # Filing behaviour.
    assert v["B3"]["filed_after_loading"] and v["B3"]["filed_late"] and v["B3"]["amended"]
    assert not v["B1"]["filed_late"] and not v["B1"]["amended"]
    assert v["B2"]["manifest_entry_disagree"] and not v["B1"]["manifest_entry_disagree"]
    # Programs and CSI: the observed port of loading counts.
    assert v["B1"]["trusted_trader_tier"] == 3 and v["B3"]["trusted_trader_tier"] == 0
    assert v["B1"]["csi_port_of_loading"] and not v["B4"]["csi_port_of_loading"]
    assert v["B1"]["assessed_on"] == date(2026, 3, 1)
    why = {
        (r["master_bill"], r["indicator"]): r["evidence"] for r in evidence.iter_rows(named=True)
    }
    assert "world:001" in why["B3", "watchlist_hit"]
    assert "IMP-A" in why["B1", "new_importer"]
    assert "3 versions" not in why["B3", "amended"] and "2 versions" in why["B3", "amended"]
    assert ("B1", "watchlist_hit") not in why


def test_the_default_profile_runs_on_the_indicators() -> None:
    from greenlane.risk.profiles import evaluate

    values, _ = compute_indicators(_case())
    hits = evaluate(default_profile(), values)
    fired = {
        r["master_bill"]: {k for k, x in r.items() if x is True} for r in hits.iter_rows(named=True)
    }
    assert {"WATCHLIST-HIT", "WATCHLIST-EXACT", "DETOUR", "FILED-AFTER-LOADING"} <= fired["B3"]
    assert {"UNDERVALUED", "ORIGIN-LAUNDERING"} <= fired["B2"]
    assert "NEW-IMPORTER" in fired["B1"]
