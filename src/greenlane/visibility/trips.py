"""Events made ready for journeys: each assigned to a trip, each move counted once.

A container travels many times; a *trip* is one journey under one bill of lading. Events that do
not name the bill belong to the trip of the events around them, unless the box was silent for
longer than a trip takes (``MergeWindows.new_trip``): an event months or years after the last
one starts another trip, bill or no bill.

The same move is often reported by two sources (the carrier's DCSA event and the terminal's
COARRI, say), minutes apart. Reports of the same kind of event, for the same trip and place,
close in time, are merged into one event that keeps every report as evidence. When the merged
reports disagree (times hours apart, another voyage or vessel) the move still counts once, at its
earliest time, and the disagreement is kept as a ``conflicting_reports`` finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import polars as pl

from greenlane.domain.codes import EventType, SealCondition
from greenlane.domain.frames import EVENTS, conform
from greenlane.visibility.frames import FINDINGS, READINGS
from greenlane.visibility.window import fill_backward_in, fill_forward_in, starts

MOVES = frozenset(
    {
        EventType.LOADED,
        EventType.DISCHARGED,
        EventType.GATE_IN,
        EventType.GATE_OUT,
        EventType.DEPARTED,
        EventType.ARRIVED,
        EventType.STUFFED,
        EventType.STRIPPED,
    }
)
"""Event types that happen once per place and trip; two reports of one are the same move."""

CONDITION_RANK = {
    c.value: rank
    for rank, c in enumerate(
        (
            SealCondition.INTACT,
            SealCondition.FAULTY_ELECTRONIC,
            SealCondition.DAMAGED,
            SealCondition.TAMPER_ALERT,
            SealCondition.MISSING,
            SealCondition.BROKEN,
        )
    )
}
"""When two reports of one event read a seal differently, the worse reading stands."""

EVENT_KIND = pl.Enum([t.value for t in EventType])
"""Event types as a small integer code, cheap to sort on; unknown types are kept as null."""


@dataclass(frozen=True, slots=True)
class MergeWindows:
    same_report: timedelta = timedelta(hours=6)
    """Reports of one event this close in time agree."""
    same_move: timedelta = timedelta(hours=48)
    """Reports of one move this close are the same move, but disagree when beyond same_report."""
    new_trip: timedelta = timedelta(days=60)
    """A box silent this long has ended its trip. Door to door, the longest liner routings
    with a missed connection or two take about six weeks; an assumption, not a measured
    figure."""


@dataclass(frozen=True, slots=True)
class Trips:
    events: pl.DataFrame
    """The EVENTS columns plus ``trip_id``, ``trip_no`` (the same trip as an integer),
    ``trip_bill`` (the bill of the trip, where any event names it),
    ``ref`` (``source:event_id`` of the report kept), ``refs`` and ``sources`` (every report
    merged into it, null when there was only one); sorted by trip and time, each trip's rows
    together."""
    readings: pl.DataFrame
    """The READINGS columns plus ``ref``: one row per event and seal."""
    findings: pl.DataFrame
    """``conflicting_reports`` findings, in the FINDINGS columns."""


def _ref(source: str = "source", event_id: str = "event_id") -> pl.Expr:
    return pl.concat_str(pl.col(source), pl.lit(":"), pl.col(event_id))


def assign_trips(events: pl.LazyFrame, new_trip: timedelta | None = None) -> pl.LazyFrame:
    """Add ``trip_id`` (the container and the bill it travels under at that time), ``trip_bill``
    (that bill) and ``_trip_key``, a hash of the trip id to sort on.

    A bill is lent to the events around it only within a *spell*: the box's events with no
    silence longer than ``new_trip`` between them. A spell that names no bill is a trip of its
    own, known by the box and the day it began (``MSCU1234567/@2026-01-20``).

    Sorting tens of millions of rows on strings is slow, so rows are sorted on hashes (stable,
    so ties keep their order) and compared on the strings themselves."""
    box = "container_number"
    gap = new_trip or MergeWindows().new_trip
    same_box = (pl.col("_box_key") == pl.col("_box_key").shift(1)).fill_null(False)
    quiet = (pl.col("occurred_at").diff() > gap).fill_null(False)
    # A spell is numbered, not named: the fills compare it with its neighbour's number.
    bill = fill_backward_in(fill_forward_in(pl.col("bill_of_lading"), "_spell"), "_spell")
    unbilled = pl.concat_str(pl.lit("@"), pl.col("_began").dt.strftime("%Y-%m-%dT%H:%M"))
    trip_id = pl.concat_str(pl.col(box), pl.lit("/"), pl.coalesce(pl.col("trip_bill"), unbilled))
    return (
        events.filter(pl.col(box).is_not_null())
        .with_columns(_box_key=pl.col(box).hash())
        .sort("_box_key", "occurred_at", maintain_order=True)
        .with_columns(_new=~same_box | quiet)
        .with_columns(
            _spell=pl.col("_new").cum_sum(),
            _began=pl.when(pl.col("_new")).then(pl.col("occurred_at")).forward_fill(),
        )
        .with_columns(trip_bill=bill)
        .with_columns(trip_id=trip_id)
        .with_columns(_trip_key=pl.col("trip_id").hash())
        .drop("_box_key", "_new", "_began", "_spell")
    )


def build_trips(
    events: pl.DataFrame | pl.LazyFrame,
    readings: pl.DataFrame | pl.LazyFrame,
    windows: MergeWindows | None = None,
) -> Trips:
    windows = windows or MergeWindows()
    moves = [m.value for m in MOVES]
    same_key = (
        (pl.col("trip_no") == pl.col("trip_no").shift(1))
        & (pl.col("_kind") == pl.col("_kind").shift(1))
        & (pl.col("_place") == pl.col("_place").shift(1))
    ).fill_null(False)
    window = (
        pl.when(pl.col("event_type").is_in(moves))
        .then(pl.lit(windows.same_move))
        .otherwise(pl.lit(windows.same_report))
    )
    new = ~same_key | (pl.col("occurred_at").diff() > window)
    staged = (
        assign_trips(conform(events, EVENTS), windows.new_trip)
        .with_columns(
            ref=_ref(),
            _place=pl.col("unlocode").fill_null(""),
            _kind=pl.col("event_type").cast(EVENT_KIND, strict=False),
        )
        .sort("_trip_key", "_kind", pl.col("_place").hash(), "occurred_at", maintain_order=True)
        .with_columns(trip_no=starts("trip_id").cum_sum().cast(pl.Int64))
        .with_columns(cluster=new.cum_sum())
        .with_columns(
            merged=(pl.col("cluster") == pl.col("cluster").shift(1)).fill_null(False)
            | (pl.col("cluster") == pl.col("cluster").shift(-1)).fill_null(False)
        )
        .collect()
    )
    _check_contiguous(staged)
    single = staged.filter(~pl.col("merged")).with_columns(
        refs=pl.lit(None, pl.List(pl.String)), sources=pl.lit(None, pl.List(pl.String))
    )
    merged = _merge(staged.filter(pl.col("merged")))
    columns = [*EVENTS, "trip_id", "trip_no", "trip_bill", "ref", "refs", "sources"]
    kept = (
        pl.concat([single.select(columns), merged.select(columns)])
        .with_columns(_kind=pl.col("event_type").cast(EVENT_KIND, strict=False))
        .sort("trip_no", "occurred_at", "_kind", maintain_order=True)
        .drop("_kind")
        .rechunk()
    )
    return Trips(
        events=kept,
        readings=_readings(readings, merged),
        findings=_conflicts(merged, windows.same_report),
    )


def _check_contiguous(staged: pl.DataFrame) -> None:
    """Two trip ids with the same hash would interleave; at 64 bits it takes ~10^9 trips."""
    if staged.height and staged["trip_no"][-1] != staged["trip_id"].n_unique():
        raise RuntimeError("trip key hash collision: trips are not contiguous")


def _first(name: str) -> pl.Expr:
    return pl.col(name).drop_nulls().first()


def _merge(multi: pl.DataFrame) -> pl.DataFrame:
    """One event per cluster of reports: the earliest report, its gaps filled by the others."""
    filled = [
        "container_number",
        "unlocode",
        "facility",
        "vessel_imo",
        "vessel_name",
        "voyage",
        "bill_of_lading",
        "full",
    ]
    return multi.group_by("cluster", maintain_order=True).agg(
        pl.col("source").first(),
        pl.col("event_id").first(),
        pl.col("event_type").first(),
        pl.col("trip_id").first(),
        pl.col("trip_no").first(),
        pl.col("trip_bill").first(),
        pl.col("ref").first(),
        pl.col("occurred_at").min(),
        *(_first(c) for c in filled),
        pl.col("transshipment").any(),
        refs=pl.col("ref"),
        sources=pl.col("source").unique(maintain_order=True),
        spread=pl.col("occurred_at").max() - pl.col("occurred_at").min(),
        voyages=pl.col("voyage").drop_nulls().unique(maintain_order=True),
        vessels=pl.col("vessel_imo").drop_nulls().unique(maintain_order=True),
    )


def _conflicts(merged: pl.DataFrame, agree: timedelta) -> pl.DataFrame:
    late = pl.col("spread") > agree
    other_transport = (pl.col("voyages").list.len() > 1) | (pl.col("vessels").list.len() > 1)
    found = merged.filter(late | other_transport)
    hours = (pl.col("spread").dt.total_minutes() / 60).round(1).cast(pl.String)
    message = pl.concat_str(
        pl.lit("reports of "),
        pl.col("event_type"),
        pl.lit(" at "),
        pl.col("unlocode").fill_null("?"),
        pl.lit(" disagree: "),
        pl.when(late)
        .then(pl.concat_str(pl.lit("times "), hours, pl.lit(" h apart; ")))
        .otherwise(pl.lit("")),
        pl.when(other_transport)
        .then(
            pl.concat_str(
                pl.lit("voyages "),
                pl.col("voyages").list.join("/"),
                pl.lit(", vessels "),
                pl.col("vessels").list.join("/"),
                pl.lit("; "),
            )
        )
        .otherwise(pl.lit("")),
        pl.lit("counted once, at the earliest time"),
    )
    return conform(
        found.select(
            "trip_id",
            "container_number",
            "bill_of_lading",
            "occurred_at",
            "unlocode",
            kind=pl.lit("conflicting_reports"),
            severity=pl.lit("info"),
            message=message,
            evidence=pl.col("refs"),
        ),
        FINDINGS,
    ).collect()


def _readings(readings: pl.DataFrame | pl.LazyFrame, merged: pl.DataFrame) -> pl.DataFrame:
    """Seal readings keyed by the kept report; a seal read by two reports of one event once."""
    alias = merged.select(pl.col("ref").alias("kept"), pl.col("refs").alias("alias")).explode(
        "alias"
    )
    rank = pl.col("condition").replace_strict(CONDITION_RANK, default=0, return_dtype=pl.Int8)
    return (
        conform(readings, READINGS)
        .with_columns(alias=_ref())
        .join(alias.lazy(), on="alias", how="left")
        .with_columns(ref=pl.coalesce("kept", "alias"), rank=rank)
        .sort("ref", "seal_number", "rank", descending=[False, False, True])
        .group_by("ref", "seal_number", maintain_order=True)
        .agg(
            pl.col("source").first(),
            pl.col("event_id").first(),
            pl.col("condition").first(),
            *(_first(c) for c in ("affixed_by", "seal_class", "type_code")),
            pl.col("electronic").any(),
        )
        .select(*READINGS, "ref")
        .collect()
    )
