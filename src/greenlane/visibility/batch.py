"""Visibility for any number of containers at once: journeys, true origins, route checks and
seal chains, as Polars frames.

    from greenlane.visibility.batch import build_visibility
    v = build_visibility(events, readings, declared)
    v.legs, v.transshipments, v.port_calls, v.trips, v.seal_states, v.findings

``events``, ``readings`` and ``declared`` have the columns of ``greenlane.visibility.frames``
(``Database.events_frame`` and friends give them; so do the world's Parquet files).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl

from greenlane.visibility.anomalies import gaps, off_route, restuffing
from greenlane.visibility.frames import FINDINGS, readings_from_flat
from greenlane.visibility.journeys import legs, port_calls, transshipments
from greenlane.visibility.route import (
    Distance,
    route_findings,
    trip_summary,
    with_leg_distances,
)
from greenlane.visibility.rules import VisibilityRules
from greenlane.visibility.seals import seal_chains
from greenlane.visibility.trips import build_trips


@dataclass(frozen=True, slots=True)
class Visibility:
    events: pl.DataFrame
    """Events after merging duplicate reports, with ``trip_id``."""
    readings: pl.DataFrame
    """Seal readings, one per event and seal, keyed by the event's ``ref``."""
    legs: pl.DataFrame
    transshipments: pl.DataFrame
    port_calls: pl.DataFrame
    trips: pl.DataFrame
    """One row per trip: true origin, observed ports, declared route, distances."""
    seal_timeline: pl.DataFrame
    seal_states: pl.DataFrame
    findings: pl.DataFrame
    """Every finding of every check, in the FINDINGS columns."""


def default_distance() -> Distance:
    from greenlane.domain.ports import port_table
    from greenlane.domain.sea import SeaDistances

    return SeaDistances(port_table()).nm


def build_visibility(
    events: pl.DataFrame | pl.LazyFrame,
    readings: pl.DataFrame | pl.LazyFrame,
    declared: pl.DataFrame | pl.LazyFrame,
    *,
    rules: VisibilityRules | None = None,
    distance: Distance | None = None,
) -> Visibility:
    rules = rules or VisibilityRules()
    distance = distance or default_distance()
    trips = build_trips(events, readings, rules.merge)
    merged = trips.events
    leg_frame = with_leg_distances(legs(merged), distance)
    summary = trip_summary(merged, leg_frame, declared.lazy().collect(), distance)
    seals = seal_chains(trips)
    findings = _with_trip_bill(
        pl.concat(
            [
                trips.findings,
                route_findings(summary, leg_frame, rules),
                gaps(merged, leg_frame, rules),
                off_route(merged, summary),
                restuffing(merged, summary),
                seals.findings.select(list(FINDINGS)),
            ]
        ),
        summary,
    ).sort("trip_id", "occurred_at", "kind", nulls_last=True)
    return Visibility(
        events=merged,
        readings=trips.readings,
        legs=leg_frame,
        transshipments=transshipments(leg_frame),
        port_calls=port_calls(merged),
        trips=summary,
        seal_timeline=seals.timeline,
        seal_states=seals.states,
        findings=findings,
    )


def _with_trip_bill(findings: pl.DataFrame, summary: pl.DataFrame) -> pl.DataFrame:
    """Every finding under its trip's bill, even when the event behind it named none."""
    bills = summary.select("trip_id", pl.col("bill_of_lading").alias("_trip_bill"))
    return (
        findings.join(bills, on="trip_id", how="left")
        .with_columns(bill_of_lading=pl.coalesce("_trip_bill", "bill_of_lading"))
        .drop("_trip_bill")
    )


def build_visibility_in_parts(
    events: pl.DataFrame | pl.LazyFrame,
    readings: pl.DataFrame | pl.LazyFrame | None,
    declared: pl.DataFrame | pl.LazyFrame,
    parts: int,
    *,
    rules: VisibilityRules | None = None,
    distance: Distance | None = None,
) -> Iterator[Visibility]:
    """``build_visibility`` over one share of the containers at a time, for inputs too large to
    hold whole: a container's trips never span two parts, so every result is the same as in one
    pass. Lazy inputs (``pl.scan_parquet``) are read once per part. ``readings=None`` takes the
    seals from the events' own FLAT_SEALS columns (one seal per event, as in the world's
    Parquet), which saves reading the events twice."""
    distance = distance or default_distance()
    declared_frame = declared.lazy().collect()
    for k in range(parts):
        part = events.lazy().filter(pl.col("container_number").hash() % parts == k).collect()
        if readings is None:
            part_readings = readings_from_flat(part)
        else:
            part_readings = readings.lazy().join(
                part.lazy().select("source", "event_id"), on=["source", "event_id"], how="semi"
            )
        yield build_visibility(part, part_readings, declared_frame, rules=rules, distance=distance)
