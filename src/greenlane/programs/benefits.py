"""Green Lane benefits in selection: the tier's benefits for eligible shipments only.

The Green Lane bargain is narrower than a trusted-trader membership: the benefits (a lower score
for ranking, fewer random examinations, self-assessment instead of a documents check, the front
of the examination queue) go to a shipment whose whole chain meets the five requirements.
``selection_input`` builds selection's input with ``trusted_tier`` set to the eligible shipment's
benefit tier and 0 for every other (and for every shipment when no programs were judged). It is
one step of the decision pipeline (``greenlane.app.pipeline``). Selection itself guarantees that a
hard stop or a do-not-load is red whatever the tier; the tests check it again from there.
"""

from __future__ import annotations

import polars as pl

from greenlane.programs.eligibility import Eligibility


def selection_input(
    scored: pl.DataFrame, indicators: pl.DataFrame, eligibility: Eligibility | None
) -> pl.DataFrame:
    """Selection's input (``greenlane.selection.SCORED_SHIPMENTS``) with the Green Lane tier:
    the benefit tier where the shipment is eligible, else 0 (always 0 without ``eligibility``)."""
    frame = scored.join(
        indicators.select(
            "master_bill", port="port_of_discharge", day="assessed_on", stratum="hs_chapter"
        ),
        on="master_bill",
    )
    if eligibility is None:
        frame = frame.with_columns(trusted_tier=pl.lit(0))
    else:
        frame = frame.join(
            eligibility.shipments.select("master_bill", trusted_tier="benefit_tier"),
            on="master_bill",
            how="left",
        )
    return frame.with_columns(
        pl.col("port").fill_null("unknown"),
        pl.col("stratum").fill_null("unknown"),
        pl.col("trusted_tier").fill_null(0).cast(pl.Int8),
    )
