"""The random compliance sample: stratified, proportional, weighted by tier, seeded.

Random selection measures compliance and catches what the rules miss; a model that only ever
selects by risk stops learning about what it never selects (WCO BACUDA). Each port-day's random
slots are shared between strata (HS chapter, origin region, ...) in proportion to their size
(largest remainders, ties broken by a seeded draw), so a big stratum always gets its share and
the sample's hit rate can be read per stratum. Within a stratum, shipments are drawn without
replacement with weights (Efraimidis-Spirakis keys ``log(u) / w``): ``w`` is 1, or the tier's
random multiplier for a trusted trader, so certified traders are drawn less often but never
never. The pool is every shipment that is not a hard stop, whatever its score.
"""

from __future__ import annotations

import polars as pl

from greenlane.selection.draws import uniform_draws

DAY = ["port", "day"]
STRATUM = ["port", "day", "stratum"]


def draw_random_sample(frame: pl.DataFrame, seed: int) -> pl.Series:
    """True for the shipments drawn into the random sample.

    ``frame`` needs ``port``, ``day``, ``stratum``, ``master_bill``, ``_pool`` (may be drawn),
    ``_weight`` (the draw weight, > 0 in the pool) and ``_random_slots`` (per port-day, at most
    the pool's size).
    """
    in_pool = pl.col("_pool")
    strata = (
        frame.filter(in_pool)
        .group_by(STRATUM)
        .agg(
            pl.col("_weight").sum().alias("_stratum_weight"),
            pl.len().alias("_stratum_size"),
            pl.col("_random_slots").first().alias("_slots"),
        )
        .with_columns(pl.col("_stratum_weight").sum().over(DAY).alias("_day_weight"))
        .with_columns(
            (pl.col("_slots") * pl.col("_stratum_weight") / pl.col("_day_weight")).alias("_quota")
        )
        .with_columns(
            pl.min_horizontal((pl.col("_quota") + 1e-9).floor(), pl.col("_stratum_size"))
            .cast(pl.Int64)
            .alias("_base")
        )
    )
    tie_keys = pl.concat_str(
        [pl.col("port"), pl.col("day").cast(pl.String), pl.col("stratum")], separator="|"
    )
    strata = strata.with_columns(
        uniform_draws(strata.select(tie_keys).to_series(), seed, "stratum").alias("_tie"),
        # a stratum already given all its shipments cannot take a leftover slot
        pl.when(pl.col("_base") < pl.col("_stratum_size"))
        .then(pl.col("_quota") - pl.col("_base"))
        .otherwise(-1.0)
        .alias("_remainder"),
        (pl.col("_slots") - pl.col("_base").sum().over(DAY)).clip(0).alias("_leftover"),
    )
    strata = (
        strata.sort([*DAY, "_remainder", "_tie"], descending=[False, False, True, True])
        .with_columns(pl.int_range(1, pl.len() + 1).over(DAY).alias("_order"))
        .with_columns(
            (
                pl.col("_base")
                + ((pl.col("_order") <= pl.col("_leftover")) & (pl.col("_remainder") >= 0)).cast(
                    pl.Int64
                )
            ).alias("_allocated")
        )
        .select([*STRATUM, "_allocated"])
    )
    draws = uniform_draws(frame.get_column("master_bill"), seed, "random")
    keyed = frame.select(*STRATUM, "_pool", "_weight").with_columns(
        pl.when(in_pool)
        .then(pl.lit(draws.log()) / pl.col("_weight"))
        .otherwise(float("-inf"))
        .alias("_key")
    )
    keyed = keyed.join(strata, on=STRATUM, how="left", maintain_order="left").with_columns(
        pl.col("_key").rank("ordinal", descending=True).over(STRATUM).alias("_rank")
    )
    chosen = in_pool & (pl.col("_rank") <= pl.col("_allocated").fill_null(0))
    return keyed.select(chosen.alias("_random")).to_series()
