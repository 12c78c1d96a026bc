"""Legs, transshipments and port calls of every trip, column-wise over the merged events.

A leg is one move on one vessel: a load and the discharge that follows it. A discharge with no
load before it is a leg whose port of loading is unknown (the load was never reported). A
transshipment is a discharge at the end of one leg and the load of the next leg at the same port;
``flagged_by_message`` says whether a message also called it one. A port call is a run of events
at one place; its dwell is the time from its first to its last event.
"""

from __future__ import annotations

import polars as pl

from greenlane.domain.codes import EventType
from greenlane.visibility.window import count_in, next_in, prev_in, row_in

LOADED = EventType.LOADED.value
DISCHARGED = EventType.DISCHARGED.value

LEG_COLUMNS = (
    "trip_id",
    "trip_no",
    "container_number",
    "bill_of_lading",
    "leg",
    "load_port",
    "loaded_at",
    "departed",
    "discharge_port",
    "discharged_at",
    "arrived",
    "vessel_imo",
    "vessel_name",
    "voyage",
    "load_ref",
    "discharge_ref",
    "transshipment_flag",
)


def _at(port: str, time: str, suffix: str) -> list[pl.Expr]:
    return [
        pl.col("unlocode").alias(port),
        pl.col("occurred_at").alias(time),
        pl.col("ref").alias(f"{suffix}_ref"),
    ]


def legs(events: pl.DataFrame) -> pl.DataFrame:
    """One row per leg, numbered from 0 in order of time within each trip."""
    moves = events.filter(pl.col("event_type").is_in([LOADED, DISCHARGED])).select(
        "trip_id",
        "trip_no",
        "container_number",
        "bill_of_lading",
        "event_type",
        "occurred_at",
        "unlocode",
        "vessel_imo",
        "vessel_name",
        "voyage",
        "ref",
        "transshipment",
    )
    nxt = [next_in(pl.col(c)).alias(f"next_{c}") for c in moves.columns]
    paired = moves.with_columns(nxt, prev_type=prev_in(pl.col("event_type")))
    loads = paired.filter(pl.col("event_type") == LOADED)
    with_discharge = pl.col("next_event_type") == DISCHARGED
    from_loads = loads.select(
        "trip_id",
        "trip_no",
        "container_number",
        "bill_of_lading",
        *_at("load_port", "loaded_at", "load"),
        pl.when(with_discharge).then(pl.col("next_unlocode")).alias("discharge_port"),
        pl.when(with_discharge).then(pl.col("next_occurred_at")).alias("discharged_at"),
        pl.when(with_discharge).then(pl.col("next_ref")).alias("discharge_ref"),
        *(
            pl.coalesce(c, pl.when(with_discharge).then(pl.col(f"next_{c}"))).alias(c)
            for c in ("vessel_imo", "vessel_name", "voyage")
        ),
        (
            pl.col("transshipment")
            | (with_discharge & pl.col("next_transshipment").fill_null(False))
        ).alias("transshipment_flag"),
    )
    orphans = paired.filter(
        (pl.col("event_type") == DISCHARGED) & (pl.col("prev_type").fill_null("") != LOADED)
    ).select(
        "trip_id",
        "trip_no",
        "container_number",
        "bill_of_lading",
        pl.lit(None, pl.String).alias("load_port"),
        pl.lit(None, events.schema["occurred_at"]).alias("loaded_at"),
        pl.lit(None, pl.String).alias("load_ref"),
        *_at("discharge_port", "discharged_at", "discharge"),
        "vessel_imo",
        "vessel_name",
        "voyage",
        pl.col("transshipment").alias("transshipment_flag"),
    )
    both = pl.concat([from_loads, orphans.select(from_loads.columns)])
    both = both.with_columns(_sort_time=pl.coalesce("loaded_at", "discharged_at")).sort(
        "trip_no", "_sort_time"
    )
    both = both.with_columns(leg=row_in().cast(pl.Int32))
    return _vessel_times(both, events).select(LEG_COLUMNS)


def _vessel_times(legs_frame: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """The vessel's departure from the port of loading after the load, and its arrival at the
    port of discharge before the discharge, where those events were reported."""

    def calls(kind: EventType, name: str) -> pl.DataFrame:
        return (
            events.filter(pl.col("event_type") == kind.value)
            .select("trip_no", "unlocode", pl.col("occurred_at").alias(name))
            .drop_nulls()
            .sort(name)
        )

    departures = calls(EventType.DEPARTED, "departed")
    arrivals = calls(EventType.ARRIVED, "arrived")
    by_load = legs_frame.with_columns(pl.col("load_port").alias("unlocode")).sort("loaded_at")
    with_departure = by_load.join_asof(
        departures,
        left_on="loaded_at",
        right_on="departed",
        by=["trip_no", "unlocode"],
        strategy="forward",
        check_sortedness=False,
    ).drop("unlocode")
    by_discharge = with_departure.with_columns(pl.col("discharge_port").alias("unlocode")).sort(
        "discharged_at"
    )
    return (
        by_discharge.join_asof(
            arrivals,
            left_on="discharged_at",
            right_on="arrived",
            by=["trip_no", "unlocode"],
            strategy="backward",
            check_sortedness=False,
        )
        .drop("unlocode")
        .with_columns(
            departed=pl.when(
                pl.col("discharged_at").is_null() | (pl.col("departed") <= pl.col("discharged_at"))
            ).then("departed"),
            arrived=pl.when(
                pl.col("loaded_at").is_null() | (pl.col("arrived") >= pl.col("loaded_at"))
            ).then("arrived"),
        )
        .sort("trip_no", "leg")
    )


TRANSSHIPMENT_COLUMNS = (
    "trip_id",
    "container_number",
    "bill_of_lading",
    "unlocode",
    "discharged_at",
    "loaded_at",
    "dwell_hours",
    "from_vessel",
    "from_voyage",
    "to_vessel",
    "to_voyage",
    "flagged_by_message",
    "evidence",
)


def transshipments(legs_frame: pl.DataFrame) -> pl.DataFrame:
    """Each change of vessel at a port between two consecutive legs of a trip."""
    following = [
        next_in(pl.col(c)).alias(f"next_{c}")
        for c in (
            "load_port",
            "loaded_at",
            "vessel_name",
            "vessel_imo",
            "voyage",
            "load_ref",
            "transshipment_flag",
        )
    ]
    pairs = legs_frame.with_columns(following).filter(
        pl.col("discharge_port").is_not_null()
        & (pl.col("discharge_port") == pl.col("next_load_port"))
    )
    return pairs.select(
        "trip_id",
        "container_number",
        "bill_of_lading",
        pl.col("discharge_port").alias("unlocode"),
        "discharged_at",
        pl.col("next_loaded_at").alias("loaded_at"),
        ((pl.col("next_loaded_at") - pl.col("discharged_at")).dt.total_minutes() / 60)
        .round(1)
        .alias("dwell_hours"),
        pl.coalesce("vessel_name", "vessel_imo").alias("from_vessel"),
        pl.col("voyage").alias("from_voyage"),
        pl.coalesce("next_vessel_name", "next_vessel_imo").alias("to_vessel"),
        pl.col("next_voyage").alias("to_voyage"),
        (pl.col("transshipment_flag") | pl.col("next_transshipment_flag").fill_null(False)).alias(
            "flagged_by_message"
        ),
        pl.concat_list(
            pl.col("discharge_ref"), pl.col("next_load_ref").fill_null(pl.col("discharge_ref"))
        ).alias("evidence"),
    )


PORT_CALL_COLUMNS = (
    "trip_id",
    "container_number",
    "unlocode",
    "call",
    "first_event_at",
    "last_event_at",
    "dwell_hours",
    "events",
    "event_types",
)


def port_calls(events: pl.DataFrame) -> pl.DataFrame:
    """Runs of consecutive events at one place; events at sea (no place) end no run."""
    placed = events.filter(pl.col("unlocode").is_not_null())
    changed = (pl.col("unlocode") != prev_in(pl.col("unlocode"))).fill_null(True)
    return (
        placed.with_columns(call=count_in(changed).cast(pl.Int32))
        .group_by("trip_no", "call", maintain_order=True)
        .agg(
            pl.col("trip_id").first(),
            pl.col("container_number").first(),
            pl.col("unlocode").first(),
            pl.col("occurred_at").min().alias("first_event_at"),
            pl.col("occurred_at").max().alias("last_event_at"),
            pl.len().cast(pl.Int32).alias("events"),
            pl.col("event_type").unique(maintain_order=True).alias("event_types"),
        )
        .with_columns(
            dwell_hours=(
                (pl.col("last_event_at") - pl.col("first_event_at")).dt.total_minutes() / 60
            ).round(1)
        )
        .select(PORT_CALL_COLUMNS)
    )
