"""Where each trip really began and which ports it really touched, against what was declared.

The true point of origin is where the box was stuffed, or failing a stuffing event, where it was
first loaded. It is compared with the declared port of loading and place of receipt, and with the
goods' declared countries of origin. Every port a leg touched is compared with the declared
ports, and the distance sailed with the direct sea route from first load to last discharge.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from greenlane.domain.codes import EventType
from greenlane.domain.frames import conform
from greenlane.visibility.frames import DECLARED, FINDINGS
from greenlane.visibility.rules import VisibilityRules
from greenlane.visibility.window import prev_in, starts

SUMMARY_COLUMNS = (
    "trip_id",
    "trip_no",
    "container_number",
    "bill_of_lading",
    "true_origin",
    "origin_basis",
    "stuffed_at",
    "stuffing_facility",
    "stuffing_ref",
    "first_load_port",
    "first_loaded_at",
    "last_discharge_port",
    "last_discharged_at",
    "legs",
    "observed_ports",
    "declared_in",
    "place_of_receipt",
    "port_of_loading",
    "transshipment_ports",
    "port_of_discharge",
    "place_of_delivery",
    "origin_countries",
    "sailed_nm",
    "direct_nm",
    "detour_ratio",
)

Distance = Callable[[str, str], float | None]


def _stuffing(events: pl.DataFrame, ends: pl.DataFrame) -> pl.DataFrame:
    """The first stuffing of each trip before its first load: a stuffing on the way is a sign
    of re-stuffing (see ``anomalies``), not the origin."""
    loaded = ends.select("trip_id", "first_loaded_at")
    return (
        events.filter(
            (pl.col("event_type") == EventType.STUFFED.value) & pl.col("unlocode").is_not_null()
        )
        .join(loaded, on="trip_id", how="left")
        .filter(
            pl.col("first_loaded_at").is_null()
            | (pl.col("occurred_at") <= pl.col("first_loaded_at"))
        )
        .group_by("trip_id")
        .agg(
            pl.col("unlocode").sort_by("occurred_at").first().alias("stuffed_place"),
            pl.col("occurred_at").min().alias("stuffed_at"),
            pl.col("facility").sort_by("occurred_at").first().alias("stuffing_facility"),
            pl.col("ref").sort_by("occurred_at").first().alias("stuffing_ref"),
        )
    )


def _observed_ports(legs: pl.DataFrame) -> pl.DataFrame:
    ends = (
        legs.select(
            "trip_id",
            "trip_no",
            "leg",
            pl.concat_list("load_port", "discharge_port").alias("port"),
        )
        .explode("port")
        .drop_nulls("port")
    )
    repeated = pl.col("port") == prev_in(pl.col("port"))
    return (
        ends.filter(~repeated.fill_null(False))
        .group_by("trip_id", maintain_order=True)
        .agg(pl.col("port").alias("observed_ports"))
    )


def _pair_nm(pairs: pl.DataFrame, distance: Distance) -> pl.DataFrame:
    """Distance of each distinct (a, b) pair, computed once each."""
    unique = pairs.unique().drop_nulls()
    nm = [distance(a, b) for a, b in unique.iter_rows()]
    return unique.with_columns(pl.Series("nm", nm, dtype=pl.Float64))


def with_leg_distances(legs: pl.DataFrame, distance: Distance) -> pl.DataFrame:
    """Legs with ``sea_nm``, the sea-route distance from port of loading to port of discharge."""
    pairs = legs.select(pl.col("load_port").alias("a"), pl.col("discharge_port").alias("b"))
    return legs.join(
        _pair_nm(pairs, distance).rename({"nm": "sea_nm"}),
        left_on=["load_port", "discharge_port"],
        right_on=["a", "b"],
        how="left",
    ).sort("trip_no", "leg")


def trip_summary(
    events: pl.DataFrame, legs: pl.DataFrame, declared: pl.DataFrame, distance: Distance
) -> pl.DataFrame:
    """One row per trip: true origin, observed ports, the declared route and the distances.

    ``legs`` carries each leg's ``sea_nm`` (see ``with_leg_distances``)."""
    per_leg = legs.rename({"sea_nm": "nm"})
    ends = per_leg.group_by("trip_id").agg(
        pl.col("container_number").first(),
        pl.col("bill_of_lading").first(),
        pl.col("load_port").drop_nulls().first().alias("first_load_port"),
        pl.col("loaded_at").drop_nulls().first().alias("first_loaded_at"),
        pl.col("discharge_port").drop_nulls().last().alias("last_discharge_port"),
        pl.col("discharged_at").drop_nulls().last().alias("last_discharged_at"),
        pl.len().cast(pl.Int32).alias("legs"),
        pl.col("nm").sum().alias("sailed_nm"),
        (pl.col("nm").null_count() + pl.col("discharge_port").null_count()).alias("unknown"),
    )
    direct = _pair_nm(
        ends.select(pl.col("first_load_port").alias("a"), pl.col("last_discharge_port").alias("b")),
        distance,
    ).rename({"nm": "direct_nm"})
    trips = events.filter(starts()).select(
        "trip_id",
        "trip_no",
        pl.col("container_number").alias("_container"),
        pl.col("trip_bill").alias("_bill"),
    )
    summary = (
        trips.join(ends, on="trip_id", how="left")
        .join(_stuffing(events, ends), on="trip_id", how="left")
        .join(_observed_ports(legs), on="trip_id", how="left")
        .join(
            direct,
            left_on=["first_load_port", "last_discharge_port"],
            right_on=["a", "b"],
            how="left",
        )
        .join(
            conform(declared, DECLARED).collect(),
            left_on="_bill",
            right_on="bill_of_lading",
            how="left",
        )
        .with_columns(
            container_number=pl.col("_container"),
            bill_of_lading=pl.col("_bill"),
            true_origin=pl.coalesce("stuffed_place", "first_load_port"),
            origin_basis=pl.when(pl.col("stuffed_place").is_not_null())
            .then(pl.lit("stuffing"))
            .when(pl.col("first_load_port").is_not_null())
            .then(pl.lit("first_load"))
            .otherwise(pl.lit(None, pl.String)),
            legs=pl.col("legs").fill_null(0),
            sailed_nm=pl.when(pl.col("unknown") == 0).then(pl.col("sailed_nm").round(0)),
        )
        .with_columns(
            detour_ratio=pl.when(pl.col("direct_nm") > 0).then(
                (pl.col("sailed_nm") / pl.col("direct_nm")).round(2)
            )
        )
    )
    return summary.select(SUMMARY_COLUMNS).sort("trip_no")


def _finding(
    frame: pl.DataFrame,
    kind: str,
    severity: str,
    message: pl.Expr,
    evidence: pl.Expr,
    occurred_at: pl.Expr,
    unlocode: pl.Expr,
) -> pl.DataFrame:
    return conform(
        frame.select(
            "trip_id",
            "container_number",
            "bill_of_lading",
            kind=pl.lit(kind),
            severity=pl.lit(severity),
            occurred_at=occurred_at,
            unlocode=unlocode,
            message=message,
            evidence=evidence,
        ),
        FINDINGS,
    ).collect()


def route_findings(
    summary: pl.DataFrame, legs: pl.DataFrame, rules: VisibilityRules
) -> pl.DataFrame:
    first_leg = (
        legs.filter(pl.col("load_port").is_not_null())
        .group_by("trip_id")
        .agg(
            pl.col("load_ref").sort_by("leg").first().alias("first_load_ref"),
            pl.concat_str(
                pl.coalesce("vessel_name", "vessel_imo").fill_null("?"),
                pl.lit(" "),
                pl.col("voyage").fill_null(""),
            )
            .sort_by("leg")
            .first()
            .alias("first_vessel"),
            pl.col("load_ref").alias("load_refs"),
        )
    )
    s = summary.join(first_leg, on="trip_id", how="left")
    day = pl.col("first_loaded_at").dt.strftime("%Y-%m-%d")
    origin_country = pl.col("true_origin").str.slice(0, 2)
    found = []

    pol = s.filter(
        pl.col("port_of_loading").is_not_null()
        & pl.col("first_load_port").is_not_null()
        & (pl.col("port_of_loading") != pl.col("first_load_port"))
    )
    found.append(
        _finding(
            pol,
            "port_of_loading_differs",
            "warning",
            pl.concat_str(
                pl.lit("declared port of loading "),
                pl.col("port_of_loading"),
                pl.lit(" ("),
                pl.col("declared_in").fill_null("filing"),
                pl.lit("), but the container was first loaded at "),
                pl.col("first_load_port"),
                pl.lit(" on "),
                day,
                pl.lit(" onto "),
                pl.col("first_vessel"),
            ),
            pl.concat_list(pl.col("first_load_ref")),
            pl.col("first_loaded_at"),
            pl.col("first_load_port"),
        )
    )

    by_origin = s.filter(
        pl.col("true_origin").is_not_null()
        & (pl.col("origin_countries").list.len() > 0)
        & ~pl.col("origin_countries").list.contains(origin_country)
    )
    found.append(
        _finding(
            by_origin,
            "origin_country_differs",
            "warning",
            pl.concat_str(
                pl.lit("goods declared of origin "),
                pl.col("origin_countries").list.join("/"),
                pl.lit(", but the container's journey began in "),
                origin_country,
                pl.lit(" ("),
                pl.col("true_origin"),
                pl.lit(", by "),
                pl.col("origin_basis"),
                pl.lit(")"),
            ),
            pl.concat_list("stuffing_ref", "first_load_ref").list.drop_nulls(),
            pl.coalesce("stuffed_at", "first_loaded_at"),
            pl.col("true_origin"),
        )
    )

    receipt = s.filter(
        pl.col("place_of_receipt").is_not_null()
        & pl.col("true_origin").is_not_null()
        & (pl.col("place_of_receipt").str.slice(0, 2) != origin_country)
    )
    found.append(
        _finding(
            receipt,
            "place_of_receipt_differs",
            "warning",
            pl.concat_str(
                pl.lit("declared place of receipt "),
                pl.col("place_of_receipt"),
                pl.lit(" is in another country than where the journey began, "),
                pl.col("true_origin"),
            ),
            pl.concat_list("stuffing_ref", "first_load_ref").list.drop_nulls(),
            pl.coalesce("stuffed_at", "first_loaded_at"),
            pl.col("true_origin"),
        )
    )

    found.append(_undeclared_ports(s, legs))

    detour = s.filter(
        (pl.col("legs") >= 2)
        & pl.col("detour_ratio").is_not_null()
        & (pl.col("detour_ratio") >= rules.detour_ratio)
    )
    found.append(
        _finding(
            detour,
            "route_detour",
            "warning",
            pl.concat_str(
                pl.col("observed_ports").list.join(" > "),
                pl.lit(": "),
                pl.col("sailed_nm").cast(pl.Int64).cast(pl.String),
                pl.lit(" nm sailed where the direct sea route is "),
                pl.col("direct_nm").round(0).cast(pl.Int64).cast(pl.String),
                pl.lit(" nm ("),
                pl.col("detour_ratio").cast(pl.String),
                pl.lit("x)"),
            ),
            pl.col("load_refs"),
            pl.col("first_loaded_at"),
            pl.col("first_load_port"),
        )
    )
    return pl.concat(found)


def _undeclared_ports(s: pl.DataFrame, legs: pl.DataFrame) -> pl.DataFrame:
    """Ports where a leg began or ended that no declared place names."""
    declared = pl.concat_list(
        pl.col("place_of_receipt"),
        pl.col("port_of_loading"),
        pl.col("transshipment_ports"),
        pl.col("port_of_discharge"),
        pl.col("place_of_delivery"),
    ).list.drop_nulls()
    known = s.filter(pl.col("declared_in").is_not_null()).select(
        "trip_id", "declared_in", declared.alias("declared")
    )
    touched = pl.concat(
        [
            legs.select(
                "trip_id",
                "container_number",
                "bill_of_lading",
                pl.col("load_port").alias("port"),
                pl.col("loaded_at").alias("at"),
                pl.col("load_ref").alias("ref"),
            ),
            legs.select(
                "trip_id",
                "container_number",
                "bill_of_lading",
                pl.col("discharge_port").alias("port"),
                pl.col("discharged_at").alias("at"),
                pl.col("discharge_ref").alias("ref"),
            ),
        ]
    ).drop_nulls("port")
    odd = (
        touched.join(known, on="trip_id", how="inner")
        .filter(~pl.col("declared").list.contains(pl.col("port")))
        .group_by("trip_id", "port", maintain_order=True)
        .agg(
            pl.col("container_number").first(),
            pl.col("bill_of_lading").first(),
            pl.col("declared_in").first(),
            pl.col("declared").first(),
            pl.col("at").min(),
            pl.col("ref").drop_nulls().alias("refs"),
        )
    )
    return _finding(
        odd,
        "undeclared_port",
        "warning",
        pl.concat_str(
            pl.lit("the container touched "),
            pl.col("port"),
            pl.lit(", which "),
            pl.col("declared_in"),
            pl.lit(" does not declare (declared: "),
            pl.col("declared").list.unique(maintain_order=True).list.join(", "),
            pl.lit(")"),
        ),
        pl.col("refs"),
        pl.col("at"),
        pl.col("port"),
    )
