"""When each shipment is released: a small model of the release process after arrival.

The model is deliberately plain, and every assumption is a setting:

- an eligible (Green Lane) shipment in the green or blue lane with no hold is released
  automatically and paperless at arrival plus ``paperless_minutes``;
- any other green or blue shipment is released once its entry is reviewed, at arrival plus
  ``standard_hours``;
- a yellow shipment waits for its documents check: its place in the port-day's documents queue
  (``queue_priority``) over ``document_checks_per_hour``, plus ``documents_hours`` for the
  request, the trader's answer and the review;
- a red shipment (hard stops included) waits for its examination: its place in the examination
  queue over ``examinations_per_hour``, plus ``examination_hours`` for moving the box to the
  examination site, examining it and returning it. A hard stop is released only after that,
  whatever the tier.

Arrival is the case file's decision time (the arrival at the port of discharge where known).
The figures are orders of magnitude for comparing lanes, not a port's measured dwell times.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from greenlane.errors import ConfigurationError


@dataclass(frozen=True, slots=True)
class ReleaseModel:
    paperless_minutes: float = 15.0
    standard_hours: float = 4.0
    documents_hours: float = 24.0
    document_checks_per_hour: float = 4.0
    examination_hours: float = 48.0
    examinations_per_hour: float = 1.0

    def __post_init__(self) -> None:
        for name in ("document_checks_per_hour", "examinations_per_hour"):
            if getattr(self, name) <= 0:
                raise ConfigurationError(f"{name} {getattr(self, name)}", expected="more than 0")


RELEASES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "lane": pl.String(),
    "green_lane": pl.Boolean(),
    "arrived_at": pl.Datetime("us", "UTC"),
    "released_at": pl.Datetime("us", "UTC"),
    "release_hours": pl.Float64(),
    "how": pl.String(),
}


def release_times(decided: pl.DataFrame, model: ReleaseModel | None = None) -> pl.DataFrame:
    """RELEASES for ``decided`` (``greenlane.app.pipeline.Decisions.joined()``: lane,
    queue_priority, hard_stop, eligible, decided_at)."""
    model = model or ReleaseModel()
    place = (pl.col("queue_priority").fill_null(1) - 1).cast(pl.Float64)
    free = pl.col("lane").is_in(["green", "blue"]) & ~pl.col("hard_stop").fill_null(False)
    paperless = free & pl.col("eligible").fill_null(False)
    hours = (
        pl.when(paperless)
        .then(pl.lit(model.paperless_minutes / 60))
        .when(free)
        .then(pl.lit(model.standard_hours))
        .when(pl.col("lane") == "yellow")
        .then(place / model.document_checks_per_hour + model.documents_hours)
        .otherwise(place / model.examinations_per_hour + model.examination_hours)
    )
    how = (
        pl.when(paperless)
        .then(pl.lit("automatic paperless release at arrival"))
        .when(free)
        .then(pl.lit("released after the entry review"))
        .when(pl.col("lane") == "yellow")
        .then(pl.format("documents check, place {} in the queue", pl.col("queue_priority")))
        .otherwise(
            pl.format(
                "{}, place {} in the examination queue",
                pl.when(pl.col("hard_stop").fill_null(False))
                .then(pl.lit("held: hard stop"))
                .otherwise(pl.lit("examination")),
                pl.col("queue_priority"),
            )
        )
    )
    return decided.select(
        "master_bill",
        "lane",
        green_lane=pl.col("eligible").fill_null(False),
        arrived_at="decided_at",
        released_at=pl.col("decided_at")
        + pl.duration(seconds=(hours * 3600).round(0).cast(pl.Int64)),
        release_hours=hours,
        how=how,
    ).select([pl.col(c).cast(t) for c, t in RELEASES.items()])
