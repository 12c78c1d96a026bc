"""Duty and duty at risk: value times the ad valorem rate, so that selection can rank shipments
by the revenue a finding puts at risk, not only by how sure the finding is.

Rates come from a table (CSV: ``hs_prefix, origin, ad_valorem_percent, note``) read from a path
the user gives. The longest HS prefix that matches wins; at the same length a row for the line's
origin wins over '*'. The default table in ``goods/data/duty_rates.csv`` holds illustrative
MFN-style rates for the generated world's goods (and an illustrative additional duty on Chinese
origin); it is not a legal tariff. ``kcs_rates`` builds a table from real declarations that
carry their applied rate (the Korea Customs Service dataset).

Duty at risk, per finding, in the line's currency, only where it is positive and the table has
the rates it needs:

- undervaluation: (reference value - declared value) x rate, the reference value being the
  median unit value of earlier declarations times the net mass (``values.value_findings``
  gives it as ``expected_value``);
- wrong HS code: value x (rate of the likely heading - rate of the declared one);
- origin: value x (rate for the origin the evidence shows - rate for the declared origin).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import polars as pl

from greenlane.errors import ConfigurationError

RATES: dict[str, pl.DataType] = {
    "hs_prefix": pl.String(),
    "origin": pl.String(),
    "rate": pl.Float64(),
    "note": pl.String(),
}
"""A loaded rate table: ``rate`` is a fraction (0.039 for 3.9%); origin is ISO alpha-2 or '*'."""

DUTY_AT_RISK: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "line_number": pl.Int32(),
    "code": pl.String(),
    "at_risk": pl.Float64(),
    "currency": pl.String(),
    "message": pl.String(),
}
"""One row per priced finding: the finding's code, the duty it puts at risk and how."""

DEFAULT_RATES = "duty_rates.csv"
ORIGIN_PRIORITY = (
    "goods.origin_laundering",
    "goods.origin_route_differs",
    "goods.origin_manufacturer_differs",
)
"""Origin findings of one line are priced once, by the strongest evidence, so that a line with
two findings pointing at the same origin does not count its duty twice."""


def load_rates(path: str | Path | None = None) -> pl.DataFrame:
    """The rate table at ``path`` (default: the illustrative table shipped in goods/data),
    checked row by row; lines starting with '#' are comments."""
    where = str(path) if path is not None else f"greenlane/goods/data/{DEFAULT_RATES}"
    source: bytes | Path = (
        Path(path)
        if path is not None
        else resources.files("greenlane.goods").joinpath("data", DEFAULT_RATES).read_bytes()
    )
    try:
        raw = pl.read_csv(
            source,
            comment_prefix="#",
            schema_overrides={
                "hs_prefix": pl.String,
                "origin": pl.String,
                "ad_valorem_percent": pl.Float64,
                "note": pl.String,
            },
        )
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise ConfigurationError(f"cannot read the duty rate table: {exc}", where=where) from exc
    expected = {"hs_prefix", "origin", "ad_valorem_percent"}
    if not expected <= set(raw.columns):
        raise ConfigurationError(
            "duty rate table lacks columns",
            where=where,
            expected="hs_prefix, origin, ad_valorem_percent, note",
        )
    if "note" not in raw.columns:
        raw = raw.with_columns(note=pl.lit(None, pl.String))
    table = raw.select(
        hs_prefix=pl.col("hs_prefix").str.replace_all(r"[.\s]", ""),
        origin=pl.col("origin").str.strip_chars().str.to_uppercase(),
        rate=pl.col("ad_valorem_percent") / 100,
        note=pl.col("note"),
    ).with_row_index("_row")
    bad = table.filter(
        ~pl.col("hs_prefix").str.contains(r"^\d{2,10}$").fill_null(False)
        | ~pl.col("origin").str.contains(r"^([A-Z]{2}|\*)$").fill_null(False)
        | ~(pl.col("rate") >= 0).fill_null(False)
    )
    if not bad.is_empty():
        row = bad.row(0, named=True)
        raise ConfigurationError(
            f"bad duty rate row {row['hs_prefix']!r}, {row['origin']!r}, {row['rate']!r}",
            where=f"{where} data row {row['_row'] + 1}",
            expected="2 to 10 HS digits, an ISO alpha-2 country or '*', a percent of 0 or more",
        )
    twice = table.filter(pl.struct("hs_prefix", "origin").is_duplicated())
    if not twice.is_empty():
        row = twice.row(0, named=True)
        raise ConfigurationError(
            f"duty rate for HS {row['hs_prefix']}, origin {row['origin']} given twice",
            where=where,
        )
    return table.drop("_row")


def _pct(rate: pl.Expr) -> pl.Expr:
    return pl.concat_str((rate * 100).round(2).cast(pl.String), pl.lit("%"))


def with_rate(
    frame: pl.DataFrame, rates: pl.DataFrame, hs: str, origin: str, name: str = "rate"
) -> pl.DataFrame:
    """``frame`` with ``{name}`` (the rate as a fraction, null where no row matches) and
    ``{name}_rule`` (the row that gave it, in words) for the HS code in column ``hs`` and the
    origin in column ``origin``."""
    f = frame.with_row_index("_i").with_columns(
        _hs=pl.col(hs).str.replace_all(r"[.\s]", ""),
        _origin=pl.col(origin).str.strip_chars().str.to_uppercase(),
    )
    candidates = []
    for length in sorted(set(rates["hs_prefix"].str.len_chars().to_list()), reverse=True):
        of_length = rates.filter(pl.col("hs_prefix").str.len_chars() == length)
        keyed = f.select("_i", "_origin", _key=pl.col("_hs").str.slice(0, length)).filter(
            pl.col("_key").str.len_chars() == length
        )
        specific = keyed.join(
            of_length.filter(pl.col("origin") != "*"),
            left_on=["_key", "_origin"],
            right_on=["hs_prefix", "origin"],
            how="inner",
        ).select("_i", "rate", "note", prefix="_key", origin="_origin", _rank=pl.lit(2 * length))
        anywhere = keyed.join(
            of_length.filter(pl.col("origin") == "*"),
            left_on="_key",
            right_on="hs_prefix",
            how="inner",
        ).select("_i", "rate", "note", prefix="_key", origin="origin", _rank=pl.lit(2 * length - 1))
        candidates += [specific, anywhere]
    rule = pl.concat_str(
        pl.lit("HS "),
        pl.col("prefix"),
        pl.lit(", origin "),
        pl.col("origin"),
        pl.lit(": "),
        _pct(pl.col("rate")),
        pl.when(pl.col("note").is_not_null())
        .then(pl.concat_str(pl.lit(", "), pl.col("note")))
        .otherwise(pl.lit("")),
    )
    schema = {"_i": pl.UInt32, name: pl.Float64, f"{name}_rule": pl.String}
    best = pl.DataFrame(schema=schema)
    if candidates:
        best = (
            pl.concat(candidates)
            .sort("_i", "_rank", descending=[False, True])
            .group_by("_i", maintain_order=True)
            .first()
            .select("_i", pl.col("rate").alias(name), rule.alias(f"{name}_rule"))
        )
    return f.join(best, on="_i", how="left").drop("_i", "_hs", "_origin")


def line_duty(lines: pl.DataFrame, rates: pl.DataFrame) -> pl.DataFrame:
    """Goods lines (hs_code, origin_country, value, ...) with ``rate``, ``rate_rule`` and
    ``duty`` = value x rate, in the line's currency; null where the table has no rate."""
    return with_rate(lines, rates, "hs_code", "origin_country").with_columns(
        duty=(pl.col("value") * pl.col("rate")).round(2)
    )


def _money(expr: pl.Expr) -> pl.Expr:
    return expr.round(2).cast(pl.String)


def _equals_at_risk() -> tuple[pl.Expr, ...]:
    """The end every duty message shares: `` = 1,234.00 EUR of duty at risk``."""
    return (
        pl.lit(" = "),
        _money(pl.col("at_risk")),
        pl.lit(" "),
        pl.col("currency"),
        pl.lit(" of duty at risk"),
    )


def _finish(frame: pl.DataFrame) -> pl.DataFrame:
    columns = [pl.col(c).cast(t) for c, t in DUTY_AT_RISK.items()]
    return frame.filter(pl.col("at_risk") > 0).select(columns)


def undervaluation_at_risk(
    findings: pl.DataFrame, lines: pl.DataFrame, rates: pl.DataFrame
) -> pl.DataFrame:
    """Duty on the value an undervaluation finding says is missing: ``goods.undervalued`` rows
    of ``values.value_findings``, whose ``expected_value`` is the median unit value of earlier
    declarations times the line's net mass."""
    flagged = findings.filter(
        (pl.col("code") == "goods.undervalued") & pl.col("expected_value").is_not_null()
    ).select("master_bill", "line_number", "code", "expected_value")
    g = (
        lines.join(flagged, on=["master_bill", "line_number"], how="inner")
        .with_columns(
            per_kg=pl.col("expected_value") / pl.col("net_mass_kg"),
            missing=pl.col("expected_value") - pl.col("value"),
        )
        .rename({"expected_value": "expected"})
    )
    g = with_rate(g, rates, "hs_code", "origin_country").with_columns(
        at_risk=(pl.col("missing") * pl.col("rate")).round(2)
    )
    return _finish(
        g.with_columns(
            message=pl.concat_str(
                pl.lit("declared "),
                _money(pl.col("value")),
                pl.lit(" "),
                pl.col("currency"),
                pl.lit("; earlier declarations put it near "),
                _money(pl.col("expected")),
                pl.lit(" ("),
                _money(pl.col("per_kg")),
                pl.lit(" a kg x "),
                pl.col("net_mass_kg").round(1).cast(pl.String),
                pl.lit(" kg net): "),
                _money(pl.col("missing")),
                pl.lit(" undeclared x "),
                pl.col("rate_rule"),
                *_equals_at_risk(),
            )
        )
    )


def misclassification_at_risk(
    likely: pl.DataFrame, lines: pl.DataFrame, rates: pl.DataFrame
) -> pl.DataFrame:
    """Duty at risk when a line is likely of another heading: ``likely`` has master_bill,
    line_number, likely_hs_code and optionally the ``code`` of the finding that says so."""
    if "code" not in likely.columns:
        likely = likely.with_columns(code=pl.lit("goods.hs_likely_other"))
    g = lines.join(
        likely.select("master_bill", "line_number", "likely_hs_code", "code"),
        on=["master_bill", "line_number"],
        how="inner",
    )
    g = with_rate(g, rates, "hs_code", "origin_country", "declared_rate")
    g = with_rate(g, rates, "likely_hs_code", "origin_country", "likely_rate").with_columns(
        at_risk=(pl.col("value") * (pl.col("likely_rate") - pl.col("declared_rate"))).round(2)
    )
    return _finish(
        g.with_columns(
            message=pl.concat_str(
                pl.lit("declared HS "),
                pl.col("hs_code"),
                pl.lit(" ("),
                pl.col("declared_rate_rule"),
                pl.lit("); likely HS "),
                pl.col("likely_hs_code"),
                pl.lit(" ("),
                pl.col("likely_rate_rule"),
                pl.lit("): "),
                _pct(pl.col("likely_rate") - pl.col("declared_rate")),
                pl.lit(" x "),
                _money(pl.col("value")),
                *_equals_at_risk(),
            )
        )
    )


def origin_at_risk(
    findings: pl.DataFrame, lines: pl.DataFrame, rates: pl.DataFrame
) -> pl.DataFrame:
    """Duty at risk on origin findings (``origin.origin_findings``) that name the origin the
    evidence shows (``observed_origin``): value x (its rate - the declared origin's rate). Each
    line is priced once, by the first of its findings in ORIGIN_PRIORITY."""
    rank = {code: k for k, code in enumerate(ORIGIN_PRIORITY)}
    chosen = (
        findings.filter(pl.col("code").is_in(ORIGIN_PRIORITY))
        .drop_nulls("observed_origin")
        .with_columns(_rank=pl.col("code").replace_strict(rank, return_dtype=pl.Int32))
        .sort("master_bill", "line_number", "_rank")
        .group_by("master_bill", "line_number", maintain_order=True)
        .first()
        .select("master_bill", "line_number", "code", "observed_origin")
    )
    g = lines.join(chosen, on=["master_bill", "line_number"], how="inner")
    g = with_rate(g, rates, "hs_code", "origin_country", "declared_rate")
    g = with_rate(g, rates, "hs_code", "observed_origin", "observed_rate").with_columns(
        at_risk=(pl.col("value") * (pl.col("observed_rate") - pl.col("declared_rate"))).round(2)
    )
    return _finish(
        g.with_columns(
            message=pl.concat_str(
                pl.lit("declared origin "),
                pl.col("origin_country"),
                pl.lit(" ("),
                pl.col("declared_rate_rule"),
                pl.lit("); the evidence shows "),
                pl.col("observed_origin"),
                pl.lit(" ("),
                pl.col("observed_rate_rule"),
                pl.lit("): "),
                _pct(pl.col("observed_rate") - pl.col("declared_rate")),
                pl.lit(" x "),
                _money(pl.col("value")),
                *_equals_at_risk(),
            )
        )
    )


def duty_at_risk(
    lines: pl.DataFrame,
    rates: pl.DataFrame,
    *,
    value_findings: pl.DataFrame | None = None,
    origin_findings: pl.DataFrame | None = None,
    likely_hs: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every priced finding in DUTY_AT_RISK columns, largest first. ``lines`` has the
    ``values.GOODS_VALUES`` columns. Value and rate effects are separate, so a bill's figures
    may be summed to rank it."""
    out = [pl.DataFrame(schema=DUTY_AT_RISK)]
    if value_findings is not None:
        out.append(undervaluation_at_risk(value_findings, lines, rates))
    if origin_findings is not None:
        out.append(origin_at_risk(origin_findings, lines, rates))
    if likely_hs is not None:
        out.append(misclassification_at_risk(likely_hs, lines, rates))
    return pl.concat(out).sort(
        "at_risk", "master_bill", "line_number", descending=[True, False, False]
    )


KCS_COLUMNS = ("HS6 Code", "Country of Origin", "Tax Rate", "Tax Type", "Item Price")
"""Columns of the Korea Customs Service synthetic declarations (../shared/data/
customs-declarations) that duty needs; 'Tax Rate' is the applied rate in percent."""


def _kcs(declarations: pl.DataFrame) -> pl.DataFrame:
    missing = [c for c in KCS_COLUMNS if c not in declarations.columns]
    if missing:
        raise ConfigurationError("not the KCS declarations layout", expected=", ".join(KCS_COLUMNS))
    return declarations.with_columns(
        hs6=pl.col("HS6 Code").cast(pl.String).str.zfill(6),
        origin=pl.col("Country of Origin").str.strip_chars().str.to_uppercase(),
        rate=pl.col("Tax Rate").cast(pl.Float64) / 100,
        value=pl.col("Item Price").cast(pl.Float64),
    )


def kcs_duty(declarations: pl.DataFrame) -> pl.DataFrame:
    """Duty of each KCS declaration: Item Price x Tax Rate (the rate it was assessed at, so no
    table is needed), with the tax type that gave the rate (A basic, C WTO concession, F.. an
    FTA: FCN1 Korea-China, FEU1 Korea-EU...). The amounts are in the dataset's own unit."""
    k = _kcs(declarations)
    return k.with_columns(duty=(pl.col("value") * pl.col("rate")).round(2))


def kcs_rates(declarations: pl.DataFrame, min_lines: int = 3) -> pl.DataFrame:
    """A rate table (RATES columns) from KCS declarations: per HS6 and origin, the rate most
    often applied; per HS6 with origin '*', the basic rate (tax type A) most often applied.
    Pairs with fewer than ``min_lines`` declarations are left out."""
    k = _kcs(declarations).drop_nulls(["hs6", "origin", "rate"])

    def commonest(frame: pl.DataFrame, keys: list[str], what: str) -> pl.DataFrame:
        return (
            frame.group_by(*keys, "rate", "Tax Type")
            .agg(k=pl.len())
            .sort([*keys, "k", "rate"], descending=[*([False] * len(keys)), True, False])
            .with_columns(n=pl.col("k").sum().over(keys))
            .group_by(keys, maintain_order=True)
            .first()
            .filter(pl.col("n") >= min_lines)
            .with_columns(
                note=pl.concat_str(
                    pl.lit(f"KCS declarations: {what} in "),
                    pl.col("k").cast(pl.String),
                    pl.lit(" of "),
                    pl.col("n").cast(pl.String),
                    pl.lit(" lines, tax type "),
                    pl.col("Tax Type").fill_null("?"),
                )
            )
        )

    by_origin = commonest(k, ["hs6", "origin"], "rate applied")
    basic = commonest(k.filter(pl.col("Tax Type") == "A"), ["hs6"], "basic rate").with_columns(
        origin=pl.lit("*")
    )
    return pl.concat(
        [
            f.select(pl.col("hs6").alias("hs_prefix"), "origin", "rate", "note")
            for f in (basic, by_origin)
        ]
    ).sort("hs_prefix", "origin")
