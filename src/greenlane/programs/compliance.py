"""Requirement 5, no compliance problems: the record of the importer and the answerable parties.

Only what was known before the decision counts, within the look-back. A seizure on an earlier
shipment of the importer, the manufacturer, the shipper, the seller or the stuffer disqualifies;
discrepancies do when they are frequent (at least ``rules.discrepancies`` of them and at least
``rules.discrepancy_share`` of the party's examinations): an importer with hundreds of shipments
will have the odd mismatch, and a count alone grows with volume. Penalties (where the
administration gives a list) disqualify within the look-back; so does a watch-list hit on this
shipment (a listed party is hit on every shipment it is screened in, so this shipment's screening
covers its parties). Counts are running sums looked up by time (as-of joins), so a party's long
history costs no more than a short one.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from greenlane.programs.box import items
from greenlane.programs.frames import Programs
from greenlane.programs.rules import EligibilityRules
from greenlane.risk.casefile import CaseFiles


def _examinations(case: CaseFiles, answerable: pl.DataFrame) -> pl.DataFrame:
    """Every examination result against every party it counts against, with running counts per
    party and the latest seizure or discrepancy so far."""
    o = case.outcomes.drop_nulls("inspected_at")
    against = (
        pl.concat(
            [
                o.select("master_bill", "inspected_at", "outcome", party="importer"),
                o.join(answerable, on="master_bill").select(
                    "master_bill", "inspected_at", "outcome", "party"
                ),
            ]
        )
        .drop_nulls("party")
        .unique(["master_bill", "inspected_at", "party"])
        .sort("inspected_at", "master_bill")
    )
    adverse = pl.col("outcome").is_in(["seizure", "discrepancy"])
    return against.select(
        "party",
        at="inspected_at",
        _n=pl.int_range(1, pl.len() + 1).over("party"),
        _s=(pl.col("outcome") == "seizure").cast(pl.Int64).cum_sum().over("party"),
        _d=(pl.col("outcome") == "discrepancy").cast(pl.Int64).cum_sum().over("party"),
        _bill=pl.when(adverse).then(pl.col("master_bill")).forward_fill().over("party"),
        _when=pl.when(adverse).then(pl.col("inspected_at")).forward_fill().over("party"),
        _what=pl.when(adverse).then(pl.col("outcome")).forward_fill().over("party"),
    )


def _as_of(probe: pl.DataFrame, events: pl.DataFrame, exact: bool) -> pl.DataFrame:
    return probe.sort("at").join_asof(
        events,
        on="at",
        by="party",
        strategy="backward",
        allow_exact_matches=exact,
        check_sortedness=False,
    )


def record_items(case: CaseFiles, rules: EligibilityRules) -> pl.DataFrame:
    """Not-met items for parties with a seizure or frequent discrepancies in the look-back."""
    window = timedelta(days=rules.lookback_days)
    answerable = case.parties.filter(pl.col("role").is_in(list(rules.answerable_roles))).select(
        "master_bill", "role", "party"
    )
    events = _examinations(case, answerable)
    mine = answerable.unique(["master_bill", "party"]).join(
        case.shipments.select("master_bill", "decided_at"), on="master_bill"
    )
    now = _as_of(mine.with_columns(at=pl.col("decided_at")), events, exact=False)
    then = _as_of(
        mine.select("master_bill", "party", at=pl.col("decided_at") - window),
        events.select("party", "at", "_n", "_s", "_d"),
        exact=True,
    ).select("master_bill", "party", _n0="_n", _s0="_s", _d0="_d")
    counted = now.join(then, on=["master_bill", "party"], how="left").with_columns(
        n=pl.col("_n").fill_null(0) - pl.col("_n0").fill_null(0),
        s=pl.col("_s").fill_null(0) - pl.col("_s0").fill_null(0),
        d=pl.col("_d").fill_null(0) - pl.col("_d0").fill_null(0),
    )
    bad = (pl.col("s") > 0) | (
        (pl.col("d") >= rules.discrepancies)
        & (pl.col("d") >= rules.discrepancy_share * pl.col("n"))
    )
    found = counted.filter(bad).select(
        "master_bill",
        requirement=pl.lit("compliance"),
        subject="role",
        status=pl.lit("not_met"),
        code=pl.when(pl.col("s") > 0)
        .then(pl.lit("adverse_inspection"))
        .otherwise(pl.lit("frequent_discrepancies")),
        evidence=pl.format(
            "{} {}: {} examinations in the {} days before, {} with a seizure, {} with a "
            "discrepancy; latest: {} on {} inspected {}",
            pl.col("role"),
            pl.col("party"),
            pl.col("n"),
            pl.lit(rules.lookback_days),
            pl.col("s"),
            pl.col("d"),
            pl.col("_what"),
            pl.col("_bill"),
            pl.col("_when").dt.strftime("%Y-%m-%d"),
        ),
    )
    return items(found)


def compliance_items(case: CaseFiles, programs: Programs, rules: EligibilityRules) -> pl.DataFrame:
    """Requirement 5's items: the record, penalties, watch-list hits; else one clean item."""
    window = timedelta(days=rules.lookback_days)
    mine = (
        case.parties.filter(pl.col("role").is_in(list(rules.answerable_roles)))
        .select("master_bill", "role", "party")
        .unique(["master_bill", "party"])
        .join(case.shipments.select("master_bill", "decided_at"), on="master_bill")
    )
    day = pl.col("decided_at").dt.date()
    penalties = (
        mine.join(programs.penalties, on="party")
        .filter((pl.col("imposed_on") < day) & (pl.col("imposed_on") >= (day - window)))
        .select(
            "master_bill",
            requirement=pl.lit("compliance"),
            subject="role",
            status=pl.lit("not_met"),
            code=pl.lit("penalty"),
            evidence=pl.format(
                "penalty on {} of {}: {}",
                pl.col("party"),
                pl.col("imposed_on").cast(pl.String),
                pl.col("description"),
            ),
        )
    )
    listed = case.findings.filter(pl.col("code") == "watchlist_hit").select(
        "master_bill",
        requirement=pl.lit("compliance"),
        subject=pl.lit("screening"),
        status=pl.lit("not_met"),
        code=pl.lit("watchlist_hit"),
        evidence="message",
    )
    problems = pl.concat([record_items(case, rules), items(penalties), items(listed)])
    clean = case.shipments.join(problems, on="master_bill", how="anti").select(
        "master_bill",
        requirement=pl.lit("compliance"),
        subject=pl.lit("record"),
        status=pl.lit("met"),
        code=pl.lit("clean"),
        evidence=pl.lit(
            f"no seizure, penalty or watch-list hit and discrepancies under "
            f"{rules.discrepancies} (or under {rules.discrepancy_share:.0%} of examinations) "
            f"in the {rules.lookback_days} days before the decision"
        ),
    )
    return pl.concat([problems, items(clean)])
