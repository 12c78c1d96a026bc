"""Declared value against the goods' history: unit value per kilogram for an HS subheading and
origin, compared with the robust range of earlier declarations; and masses that cannot be right.

The reference is built only from declarations made before the ones judged (``value_reference``
on history, ``value_findings`` on new lines), so a run never learns from what it judges. Unit
values are compared on a log scale: median and MAD (scaled to a standard deviation) of
log(value / net kg) per seller, HS subheading and currency where the seller has enough earlier
lines (a seller prices its own goods consistently), else per subheading, origin and currency,
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
    "seller": pl.String(),
}
"""A goods line as the value checks read it. ``seller`` is the declared seller's identifier, or
its name where it has none (null when unknown): a seller prices its own goods consistently, so its
own earlier lines are the tightest reference there is."""

MAD_TO_SD = 1.4826


@dataclass(frozen=True, slots=True)
class ValueRules:
    min_history: int = 20
    """Earlier lines needed before a market reference (subheading, origin) is trusted."""
    min_seller_history: int = 3
    """Earlier lines of the same seller and subheading needed before its own prices are the
    reference."""
    robust_z: float = 3.5
    """Distance from the median, in robust standard deviations, beyond which a unit value is
    implausible (3.5 is the usual cut for MAD-based outliers)."""
    tail: float = 0.01
    """Share of earlier lines allowed below (or above) a flagged value: a line is implausible only
    when it lies both beyond the robust band and beyond almost every earlier line, since a market
    reference mixes several sellers' price points and its MAD can be narrower than the market."""
    market_margin: float = 0.2
    """Further distance (log scale, about 20%) beyond a market reference's range before a line
    judged on it is flagged: a seller with no history of its own may price at the market's edge,
    and the market's history has only seen the sellers that came before."""
    min_spread: float = 0.1
    """Floor of the robust spread (log scale), so near-identical history does not flag noise."""


def _prepared(goods: pl.DataFrame) -> pl.DataFrame:
    if "seller" not in goods.columns:
        goods = goods.with_columns(seller=pl.lit(None, pl.String))
    return goods.select(list(GOODS_VALUES)).with_columns(
        hs6=pl.col("hs_code").str.replace_all(r"[.\s]", "").str.slice(0, 6),
        log_uv=pl.when((pl.col("value") > 0) & (pl.col("net_mass_kg") > 0)).then(
            (pl.col("value") / pl.col("net_mass_kg")).log()
        ),
    )


_LEVELS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("s", ("seller", "hs6", "currency"), "earlier lines from the same seller"),
    ("o", ("hs6", "origin_country", "currency"), "earlier lines of the same origin"),
    ("h", ("hs6", "currency"), "earlier lines"),
)
"""Reference levels, tightest first: (prefix, keys, how the message names the basis)."""


def value_reference(history: pl.DataFrame, rules: ValueRules | None = None) -> pl.DataFrame:
    """Median and robust spread of log unit value per (seller, hs6, currency), per (hs6, origin,
    currency) and per (hs6, currency), from earlier declarations; ``level`` says which."""
    rules = rules or ValueRules()
    h = _prepared(history).drop_nulls("log_uv")
    frames = []
    for prefix, keys, _ in _LEVELS:
        needed = rules.min_seller_history if prefix == "s" else rules.min_history
        frames.append(
            h.drop_nulls(list(keys))
            .group_by(list(keys))
            .agg(
                n=pl.len(),
                median=pl.col("log_uv").median(),
                mad=(pl.col("log_uv") - pl.col("log_uv").median()).abs().median(),
                q_low=pl.col("log_uv").quantile(rules.tail, "linear"),
                q_high=pl.col("log_uv").quantile(1 - rules.tail, "linear"),
            )
            .filter(pl.col("n") >= needed)
            .with_columns(level=pl.lit(prefix))
        )
    return pl.concat(frames, how="diagonal")


def value_findings(
    goods: pl.DataFrame, reference: pl.DataFrame, rules: ValueRules | None = None
) -> pl.DataFrame:
    """Findings per goods line: ``goods.undervalued`` / ``goods.overvalued`` with the reference
    range as evidence and ``expected_value`` (the reference median times the net mass);
    ``goods.gross_below_net``, ``goods.zero_mass``, ``goods.value_missing``.

    Each line is judged on the tightest reference it has: its seller's own earlier prices for the
    subheading, else the market's for the subheading and origin, else for the subheading."""
    rules = rules or ValueRules()
    j = _prepared(goods)
    for prefix, keys, _ in _LEVELS:
        level = reference.filter(pl.col("level") == prefix).select(
            *keys, **{f"{prefix}_{c}": pl.col(c) for c in ("n", "median", "mad", "q_low", "q_high")}
        )
        j = j.join(level, on=list(keys), how="left", nulls_equal=False)

    def first(column: str) -> pl.Expr:
        return pl.coalesce([pl.col(f"{p}_{column}") for p, _, _ in _LEVELS])

    basis = pl.lit(None, pl.String)
    for prefix, _, words in reversed(_LEVELS):
        basis = (
            pl.when(pl.col(f"{prefix}_median").is_not_null()).then(pl.lit(words)).otherwise(basis)
        )
    # A seller's own prices are one mode: the robust band alone judges them, and the odd
    # undervalued line in its history cannot widen it. A market mixes sellers' price points, so
    # a line must also lie beyond almost every earlier line, and by a margin.
    on_market = pl.col("s_median").is_null()
    margin = pl.when(on_market).then(rules.market_margin).otherwise(0.0)

    def edge(column: str) -> pl.Expr:
        return pl.when(on_market).then(first(column))

    j = j.with_columns(
        median=first("median"),
        spread=pl.max_horizontal(first("mad") * MAD_TO_SD, pl.lit(rules.min_spread)),
        n=first("n"),
        basis=basis,
    ).with_columns(
        z=(pl.col("log_uv") - pl.col("median")) / pl.col("spread"),
        low=pl.min_horizontal(pl.col("median") - rules.robust_z * pl.col("spread"), edge("q_low"))
        - margin,
        high=pl.max_horizontal(pl.col("median") + rules.robust_z * pl.col("spread"), edge("q_high"))
        + margin,
    )
    low = pl.col("low").exp()
    high = pl.col("high").exp()
    per_kg = (pl.col("value") / pl.col("net_mass_kg")).round(2).cast(pl.String)
    reference_text = pl.concat_str(
        pl.lit(" per kg; "),
        pl.col("n").cast(pl.String),
        pl.lit(" "),
        pl.col("basis"),
        pl.lit(" under HS "),
        pl.col("hs6"),
        pl.lit(": median "),
        pl.col("median").exp().round(2).cast(pl.String),
        pl.lit(", plausible "),
        low.round(2).cast(pl.String),
        pl.lit(" to "),
        high.round(2).cast(pl.String),
        pl.lit(" "),
        pl.col("currency"),
    )
    kinds = [
        (
            pl.col("log_uv") < pl.col("low"),
            "goods.undervalued",
            ". Ask for the commercial invoice, the sales contract and proof of payment",
        ),
        (
            pl.col("log_uv") > pl.col("high"),
            "goods.overvalued",
            ". Check the invoice and the quantity: an inflated value can move money abroad or "
            "hide other goods",
        ),
    ]
    out = [
        j.filter(cond.fill_null(False)).select(
            "master_bill",
            "line_number",
            code=pl.lit(code),
            message=pl.concat_str(
                pl.lit("declared at "),
                per_kg,
                pl.lit(" "),
                pl.col("currency"),
                reference_text,
                pl.lit(ask),
            ),
            z=pl.col("z").round(2),
            expected_value=(pl.col("median").exp() * pl.col("net_mass_kg")).round(2),
        )
        for cond, code, ask in kinds
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
            expected_value=pl.lit(None, pl.Float64),
        )
        for cond, code, text in checks
    ]
    return pl.concat(out).sort("master_bill", "line_number", "code")
