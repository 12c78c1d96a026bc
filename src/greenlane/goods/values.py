"""Declared value against the goods' history: unit value per kilogram for an HS subheading and
origin, compared with the robust range of earlier declarations; and masses that cannot be right.

The reference is built only from declarations made before the ones judged (``value_reference``
on history, ``value_findings`` on new lines), so a run never learns from what it judges. Unit
values are compared on a log scale: median and MAD (scaled to a standard deviation) of
log(value / net kg) per HS subheading, origin and currency where there are enough earlier lines,
else per subheading and currency. Values in different currencies are never compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

GOODS_VALUES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "line_number": pl.Int32(),
    "hs_code": pl.String(),
    "origin_country": pl.String(),
    "value": pl.Float64(),
    "currency": pl.String(),
    "net_mass_kg": pl.Float64(),
    "gross_mass_kg": pl.Float64(),
}

MAD_TO_SD = 1.4826


@dataclass(frozen=True, slots=True)
class ValueRules:
    min_history: int = 20
    """Earlier lines needed before a reference is trusted."""
    robust_z: float = 3.5
    """Distance from the median, in robust standard deviations, beyond which a unit value is
    implausible (3.5 is the usual cut for MAD-based outliers)."""
    min_spread: float = 0.1
    """Floor of the robust spread (log scale), so near-identical history does not flag noise."""


def _prepared(goods: pl.DataFrame) -> pl.DataFrame:
    return goods.select(list(GOODS_VALUES)).with_columns(
        hs6=pl.col("hs_code").str.replace_all(r"[.\s]", "").str.slice(0, 6),
        log_uv=pl.when((pl.col("value") > 0) & (pl.col("net_mass_kg") > 0)).then(
            (pl.col("value") / pl.col("net_mass_kg")).log()
        ),
    )


def value_reference(history: pl.DataFrame, rules: ValueRules | None = None) -> pl.DataFrame:
    """Median and robust spread of log unit value per (hs6, origin, currency) and per
    (hs6, currency), from earlier declarations."""
    rules = rules or ValueRules()
    h = _prepared(history).drop_nulls("log_uv")

    def stats(keys: list[str], level: str) -> pl.DataFrame:
        return (
            h.group_by(keys)
            .agg(
                n=pl.len(),
                median=pl.col("log_uv").median(),
                mad=(pl.col("log_uv") - pl.col("log_uv").median()).abs().median(),
            )
            .filter(pl.col("n") >= rules.min_history)
            .with_columns(level=pl.lit(level))
        )

    return pl.concat(
        [
            stats(["hs6", "origin_country", "currency"], "hs6+origin"),
            stats(["hs6", "currency"], "hs6").with_columns(origin_country=pl.lit(None, pl.String)),
        ],
        how="diagonal",
    )


def value_findings(
    goods: pl.DataFrame, reference: pl.DataFrame, rules: ValueRules | None = None
) -> pl.DataFrame:
    """Findings per goods line: ``goods.undervalued`` / ``goods.overvalued`` with the reference
    range as evidence, ``goods.gross_below_net``, ``goods.zero_mass``, ``goods.value_missing``."""
    rules = rules or ValueRules()
    g = _prepared(goods)
    by_origin = reference.filter(pl.col("level") == "hs6+origin").select(
        "hs6", "origin_country", "currency", o_n="n", o_median="median", o_mad="mad"
    )
    by_hs = reference.filter(pl.col("level") == "hs6").select(
        "hs6", "currency", h_n="n", h_median="median", h_mad="mad"
    )
    j = (
        g.join(by_origin, on=["hs6", "origin_country", "currency"], how="left")
        .join(by_hs, on=["hs6", "currency"], how="left")
        .with_columns(
            median=pl.coalesce("o_median", "h_median"),
            spread=pl.max_horizontal(
                pl.coalesce("o_mad", "h_mad") * MAD_TO_SD, pl.lit(rules.min_spread)
            ),
            n=pl.coalesce("o_n", "h_n"),
            basis=pl.when(pl.col("o_median").is_not_null())
            .then(pl.lit("HS subheading and origin"))
            .otherwise(pl.lit("HS subheading")),
        )
        .with_columns(z=(pl.col("log_uv") - pl.col("median")) / pl.col("spread"))
    )
    low = (pl.col("median") - rules.robust_z * pl.col("spread")).exp()
    high = (pl.col("median") + rules.robust_z * pl.col("spread")).exp()
    per_kg = (pl.col("value") / pl.col("net_mass_kg")).round(2).cast(pl.String)
    reference_text = pl.concat_str(
        pl.lit(" per kg; earlier declarations of "),
        pl.col("hs6"),
        pl.lit(" ("),
        pl.col("basis"),
        pl.lit(", "),
        pl.col("n").cast(pl.String),
        pl.lit(" lines): median "),
        pl.col("median").exp().round(2).cast(pl.String),
        pl.lit(", plausible "),
        low.round(2).cast(pl.String),
        pl.lit(" to "),
        high.round(2).cast(pl.String),
        pl.lit(" "),
        pl.col("currency"),
    )
    kinds = [
        (pl.col("z") < -rules.robust_z, "goods.undervalued", "declared at "),
        (pl.col("z") > rules.robust_z, "goods.overvalued", "declared at "),
    ]
    out = [
        j.filter(cond.fill_null(False)).select(
            "master_bill",
            "line_number",
            code=pl.lit(code),
            message=pl.concat_str(
                pl.lit(lead), per_kg, pl.lit(" "), pl.col("currency"), reference_text
            ),
            z=pl.col("z").round(2),
        )
        for cond, code, lead in kinds
    ]
    checks = [
        (
            pl.col("gross_mass_kg") < pl.col("net_mass_kg"),
            "goods.gross_below_net",
            "gross mass below net mass",
        ),
        (
            (pl.col("net_mass_kg") <= 0) | (pl.col("gross_mass_kg") <= 0),
            "goods.zero_mass",
            "a mass of zero or less",
        ),
        (
            pl.col("value").is_null() | (pl.col("value") <= 0),
            "goods.value_missing",
            "no value, or a value of zero or less",
        ),
    ]
    out += [
        j.filter(cond.fill_null(False)).select(
            "master_bill",
            "line_number",
            code=pl.lit(code),
            message=pl.lit(text),
            z=pl.lit(None, pl.Float64),
        )
        for cond, code, text in checks
    ]
    return pl.concat(out).sort("master_bill", "line_number", "code")
