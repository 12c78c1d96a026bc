"""Scored-shipment frames for the selection tests: one row per shipment, sensible defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from greenlane.selection import SCORED_SHIPMENTS

DAY = dt.date(2026, 3, 2)


def shipment(bill: str, **fields: Any) -> dict[str, Any]:
    """A clean low-risk shipment at USLAX on DAY, with ``fields`` overriding the defaults."""
    row: dict[str, Any] = {
        "master_bill": bill,
        "port": "USLAX",
        "day": DAY,
        "score": 0.05,
        "hard_stop": False,
        "hard_stop_reasons": [],
        "referral": None,
        "documents_score": 0.0,
        "trusted_tier": 0,
        "stratum": "HS 61",
        "reasons": [],
    }
    row.update(fields)
    return row


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SCORED_SHIPMENTS)


def day_of(
    n: int,
    *,
    port: str = "USLAX",
    day: dt.date = DAY,
    prefix: str = "",
    score: float | None = None,
    **fields: Any,
) -> list[dict[str, Any]]:
    """``n`` shipments on one port-day, scores spread evenly over 0..0.99 unless given."""
    tag = prefix or f"{port}-{day.isoformat()}-"
    return [
        shipment(
            f"{tag}{i:06d}",
            port=port,
            day=day,
            score=score if score is not None else (i * 7919 % n) / n,
            **fields,
        )
        for i in range(n)
    ]
