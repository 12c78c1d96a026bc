"""Journey reports of a container or a bill of lading, from storage, for officers.

The same batch visibility that runs over millions of events runs here over one container's
events (or one bill's containers), so what an officer sees is what the batch found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import polars as pl

from greenlane.domain.identifiers import check_container_number
from greenlane.domain.records import DataQualityFinding, Filing
from greenlane.errors import NotFoundError
from greenlane.visibility.batch import Visibility, build_visibility
from greenlane.visibility.frames import declared_from_filings


class JourneySource(Protocol):
    """What the reports need from storage (``greenlane.store.Database`` provides it)."""

    def events_frame(self, *, container_numbers: Sequence[str] | None = None) -> pl.DataFrame: ...
    def seal_readings_frame(
        self, *, container_numbers: Sequence[str] | None = None
    ) -> pl.DataFrame: ...
    def containers_for_bill(self, bill: str) -> list[str]: ...
    def filings_for_bill(self, bill: str) -> list[Filing]: ...


Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class TripReport:
    """One container's journey under one bill: every frame's rows for that trip."""

    container_number: str
    bill_of_lading: str | None
    summary: Row
    seal_type: str | None
    legs: list[Row]
    transshipments: list[Row]
    port_calls: list[Row]
    findings: list[Row]
    seal_state: Row | None
    seal_timeline: list[Row]
    data_quality: tuple[DataQualityFinding, ...]


def _rows(frame: pl.DataFrame, trip_id: str) -> list[Row]:
    return frame.filter(pl.col("trip_id") == trip_id).to_dicts()


def _seal_types(v: Visibility) -> dict[str, str]:
    """The seal type code first read on each trip."""
    first = (
        v.events.select("trip_id", "ref", "occurred_at")
        .join(v.readings.select("ref", "type_code").drop_nulls(), on="ref")
        .sort("occurred_at")
        .group_by("trip_id")
        .agg(pl.col("type_code").first())
    )
    return dict(first.iter_rows())


def reports_of(v: Visibility, trip_ids: Sequence[str]) -> list[TripReport]:
    seal_types = _seal_types(v)
    summaries = {row["trip_id"]: row for row in v.trips.to_dicts()}
    out = []
    for trip_id in trip_ids:
        summary = summaries[trip_id]
        states = _rows(v.seal_states, trip_id)
        out.append(
            TripReport(
                container_number=summary["container_number"],
                bill_of_lading=summary["bill_of_lading"],
                summary=summary,
                seal_type=seal_types.get(trip_id),
                legs=_rows(v.legs, trip_id),
                transshipments=_rows(v.transshipments, trip_id),
                port_calls=_rows(v.port_calls, trip_id),
                findings=_rows(v.findings, trip_id),
                seal_state=states[0] if states else None,
                seal_timeline=_rows(v.seal_timeline, trip_id),
                data_quality=tuple(check_container_number(summary["container_number"])),
            )
        )
    return out


def _visibility(source: JourneySource, containers: list[str]) -> Visibility:
    events = source.events_frame(container_numbers=containers)
    readings = source.seal_readings_frame(container_numbers=containers)
    bills = events["bill_of_lading"].drop_nulls().unique().sort().to_list()
    filings = [f for bill in bills for f in source.filings_for_bill(bill)]
    return build_visibility(events, readings, declared_from_filings(filings))


def _trip_order(v: Visibility) -> list[str]:
    """Trips in the order they began."""
    first = v.events.group_by("trip_id").agg(pl.col("occurred_at").min()).sort("occurred_at")
    return first["trip_id"].to_list()


def container_reports(source: JourneySource, number: str) -> list[TripReport]:
    """Every trip of a container, oldest first; empty when no event names it."""
    key = number.strip()
    if source.events_frame(container_numbers=[key]).is_empty():
        return []
    v = _visibility(source, [key])
    return reports_of(v, _trip_order(v))


def bill_reports(source: JourneySource, bill: str) -> list[TripReport]:
    """The trip of each container on a bill of lading."""
    key = bill.strip()
    containers = source.containers_for_bill(key)
    if not containers:
        return []
    v = _visibility(source, containers)
    on_bill = v.trips.filter(pl.col("bill_of_lading") == key)
    chosen = on_bill if not on_bill.is_empty() else v.trips
    ordered = [t for t in _trip_order(v) if t in set(chosen["trip_id"].to_list())]
    return reports_of(v, ordered)


def journeys(source: JourneySource, container_or_bill: str) -> tuple[str, list[TripReport]]:
    """``("container", reports)`` or ``("bill", reports)``, whichever the key names."""
    if found := container_reports(source, container_or_bill):
        return "container", found
    if found := bill_reports(source, container_or_bill):
        return "bill", found
    raise NotFoundError(f"no container or bill of lading {container_or_bill.strip()!r} is known")
