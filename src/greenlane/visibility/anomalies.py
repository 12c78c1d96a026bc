"""What happened to a box that should not have: silences, detours off the route, and signs of
re-stuffing between the first load and the last discharge."""

from __future__ import annotations

import polars as pl

from greenlane.domain.codes import EventType
from greenlane.domain.frames import conform
from greenlane.visibility.frames import FINDINGS
from greenlane.visibility.rules import VisibilityRules
from greenlane.visibility.window import any_later_in, count_in, fill_forward_in, next_in

_LOADED = EventType.LOADED.value
_DISCHARGED = EventType.DISCHARGED.value


def _findings(frame: pl.DataFrame, kind: str, severity: str, message: pl.Expr) -> pl.DataFrame:
    return conform(
        frame.select(
            "trip_id",
            "container_number",
            "bill_of_lading",
            "occurred_at",
            "unlocode",
            kind=pl.lit(kind),
            severity=pl.lit(severity),
            message=message,
            evidence=pl.col("evidence"),
        ),
        FINDINGS,
    ).collect()


def _place(column: str = "unlocode") -> pl.Expr:
    return pl.col(column).fill_null("sea")


def gaps(events: pl.DataFrame, legs: pl.DataFrame, rules: VisibilityRules) -> pl.DataFrame:
    """Silences longer than the route explains: at sea, the leg at the slowest speed plus slack;
    ashore, ``quiet_in_port``."""
    leg_nm = legs.select("load_ref", "sea_nm").drop_nulls("load_ref")
    on_board = count_in(pl.col("event_type") == _LOADED) > count_in(
        pl.col("event_type") == _DISCHARGED
    )
    last_load = pl.when(pl.col("event_type") == _LOADED).then(pl.col("ref"))
    staged = (
        events.select(
            "trip_id",
            "trip_no",
            "container_number",
            "bill_of_lading",
            "event_type",
            "occurred_at",
            "unlocode",
            "ref",
            on_board=on_board,
            load_ref=fill_forward_in(last_load),
        )
        .with_columns(
            next_at=next_in(pl.col("occurred_at")),
            next_type=next_in(pl.col("event_type")),
            next_place=next_in(pl.col("unlocode")),
            next_ref=next_in(pl.col("ref")),
        )
        .filter(pl.col("next_at").is_not_null())
        .join(leg_nm, on="load_ref", how="left")
    )
    sea_hours = pl.col("sea_nm") * rules.calls_on_the_way / rules.slowest_knots
    allowed = (
        pl.when(pl.col("on_board"))
        .then(pl.duration(hours=sea_hours) + pl.lit(rules.sea_slack))
        .otherwise(pl.lit(rules.quiet_in_port))
    )
    silent = staged.with_columns(silence=pl.col("next_at") - pl.col("occurred_at"), allowed=allowed)
    found = silent.filter(
        pl.col("allowed").is_not_null() & (pl.col("silence") > pl.col("allowed"))
    ).with_columns(evidence=pl.concat_list("ref", "next_ref"))
    days = (pl.col("silence").dt.total_hours() / 24).round(1).cast(pl.String)
    limit = (pl.col("allowed").dt.total_hours() / 24).round(1).cast(pl.String)
    return _findings(
        found,
        "time_gap",
        "info",
        pl.concat_str(
            pl.lit("no event for "),
            days,
            pl.lit(" days between "),
            pl.col("event_type"),
            pl.lit(" at "),
            _place(),
            pl.lit(" and "),
            pl.col("next_type"),
            pl.lit(" at "),
            _place("next_place"),
            pl.when(pl.col("on_board"))
            .then(pl.lit(" while on board; the leg explains at most "))
            .otherwise(pl.lit(" ashore; at most ")),
            limit,
            pl.lit(" days"),
        ),
    )


def off_route(events: pl.DataFrame, summary: pl.DataFrame) -> pl.DataFrame:
    """Events at places that are neither a port of the observed legs nor a declared place."""
    route = summary.filter(pl.col("legs") > 0).select(
        "trip_no",
        pl.concat_list(
            pl.col("observed_ports").fill_null([]),
            pl.col("place_of_receipt"),
            pl.col("port_of_loading"),
            pl.col("transshipment_ports").fill_null([]),
            pl.col("port_of_discharge"),
            pl.col("place_of_delivery"),
        )
        .list.drop_nulls()
        .alias("route"),
    )
    found = (
        events.filter(pl.col("unlocode").is_not_null())
        .join(route, on="trip_no", how="inner")
        .filter(~pl.col("route").list.contains(pl.col("unlocode")))
        .with_columns(evidence=pl.concat_list("ref"))
    )
    return _findings(
        found,
        "event_off_route",
        "warning",
        pl.concat_str(
            pl.col("event_type"),
            pl.lit(" at "),
            pl.col("unlocode"),
            pl.lit(", off the route "),
            pl.col("route").list.unique(maintain_order=True).list.join(" > "),
        ),
    )


def restuffing(events: pl.DataFrame, summary: pl.DataFrame) -> pl.DataFrame:
    """Stuffing, stripping, leaving the terminal or travelling empty between the first load and
    the last discharge: the box was opened, perhaps refilled, on the way."""
    window = summary.select("trip_no", "first_loaded_at", "last_discharged_at").filter(
        pl.col("first_loaded_at").is_not_null()
    )
    later_full = any_later_in(pl.col("full") == True)  # noqa: E712 (null is not full)
    inside = (
        events.join(window, on="trip_no", how="inner", maintain_order="left")
        .with_columns(later_full=later_full)
        .filter(
            (pl.col("occurred_at") > pl.col("first_loaded_at"))
            & (
                pl.col("last_discharged_at").is_null()
                | (pl.col("occurred_at") < pl.col("last_discharged_at"))
            )
        )
        .with_columns(evidence=pl.concat_list("ref"))
    )
    opened = inside.filter(
        pl.col("event_type").is_in([EventType.STUFFED.value, EventType.STRIPPED.value])
    )
    left = inside.filter(pl.col("event_type") == EventType.GATE_OUT.value)
    emptied = inside.filter((pl.col("full") == False) & pl.col("later_full"))  # noqa: E712
    where = pl.concat_str(
        pl.lit(" at "),
        _place(),
        pl.lit(" ("),
        pl.col("facility").fill_null("no facility named"),
        pl.lit(") on "),
        pl.col("occurred_at").dt.strftime("%Y-%m-%d %H:%M"),
    )
    return pl.concat(
        [
            _findings(
                opened,
                "restuffing_in_transit",
                "warning",
                pl.concat_str(
                    pl.col("event_type"),
                    where,
                    pl.lit(", between the first load and the last discharge"),
                ),
            ),
            _findings(
                left,
                "left_terminal_in_transit",
                "warning",
                pl.concat_str(
                    pl.lit("gate out"),
                    where,
                    pl.lit(": the box left the terminal before reaching its port of discharge"),
                ),
            ),
            _findings(
                emptied,
                "empty_in_transit",
                "warning",
                pl.concat_str(
                    pl.col("event_type"),
                    where,
                    pl.lit(" reports the box empty, and a later event full again"),
                ),
            ),
        ]
    )
