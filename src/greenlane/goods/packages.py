"""Package counts that do not fit the declared mass.

Three checks per goods line:

- ``goods.packages_missing``: a gross mass with no package count, or a count of zero or less.
- ``goods.package_mass_impossible``: gross kilograms per package outside what that kind of
  package can be (PACKAGE_BOUNDS). The bounds are deliberately wide and each rests on a stated
  reason, so that only counts that cannot be right are flagged.
- ``goods.kg_per_package_unusual``: kilograms per package against earlier declarations of the
  same HS subheading in the same package type, on a log scale with median and MAD, as
  ``values`` does for unit values. The reference comes from earlier declarations only
  (``package_reference`` on history, ``package_findings`` on new lines). An odd mass per
  package points at a wrong count, a wrong mass, or goods that are not what the HS code says.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

PACKAGE_LINES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "line_number": pl.Int32(),
    "hs_code": pl.String(),
    "packages": pl.Int64(),
    "package_type": pl.String(),
    "gross_mass_kg": pl.Float64(),
}

PACKAGE_FINDINGS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "line_number": pl.Int32(),
    "code": pl.String(),
    "message": pl.String(),
    "z": pl.Float64(),
}

MAD_TO_SD = 1.4826


@dataclass(frozen=True, slots=True)
class Bound:
    name: str
    low_kg: float | None
    high_kg: float | None
    why: str


PACKAGE_BOUNDS: dict[str, Bound] = {
    "CT": Bound(
        "carton",
        0.05,
        400.0,
        "no fibreboard box (UN 4G) is approved for more than 400 kg net (UN Model Regulations"
        " packing instruction P002); an empty carton alone weighs about 0.05 kg or more",
    ),
    "BX": Bound(
        "box",
        0.05,
        400.0,
        "UN packing instruction P002 allows boxes at most 400 kg net",
    ),
    "DR": Bound(
        "drum",
        1.0,
        500.0,
        "a 200-250 litre drum holds at most 400 kg net (P002, 1A2 steel drum) plus its tare;"
        " an empty drum weighs more than 1 kg",
    ),
    "BG": Bound(
        "bag",
        None,
        2000.0,
        "the largest flexible bulk bags (FIBC, ISO 21898) carry up to about 2,000 kg",
    ),
    "PX": Bound(
        "pallet",
        3.0,
        4000.0,
        "pallets (ISO 6780) are rated to about 2,000 kg, heavy-duty ones to about 4,000 kg;"
        " the lightest export pallet weighs about 3 kg empty",
    ),
    "BL": Bound(
        "bale",
        None,
        1500.0,
        "cotton bales weigh about 230 kg (ISO 8115), baled scrap and paper up to about 1,000 kg",
    ),
}
"""Conservative mass bounds per package, by UN/ECE Recommendation 21 code. Kinds not here (case,
crate, coil, bundle, unit, package...) vary too widely to bound. 'CO' is Rec 21's carboy, not a
coil (CL), and is left unbounded because some filers use it for coils."""


@dataclass(frozen=True, slots=True)
class PackageRules:
    min_history: int = 20
    """Earlier lines needed before a reference is trusted."""
    robust_z: float = 3.5
    """Distance from the median, in robust standard deviations, beyond which kilograms per
    package are unusual (the usual cut for MAD-based outliers)."""
    min_spread: float = 0.25
    """Floor of the robust spread (log scale): at 3.5 standard deviations a line must be more
    than about 2.4 times off the median, since packing of the same goods does vary (a carton
    of six or of twelve)."""


def _prepared(goods: pl.DataFrame) -> pl.DataFrame:
    return goods.select([pl.col(c).cast(t) for c, t in PACKAGE_LINES.items()]).with_columns(
        hs6=pl.col("hs_code").str.replace_all(r"[.\s]", "").str.slice(0, 6),
        package_type=pl.col("package_type").str.strip_chars().str.to_uppercase(),
        per_package=pl.when((pl.col("packages") > 0) & (pl.col("gross_mass_kg") > 0)).then(
            pl.col("gross_mass_kg") / pl.col("packages")
        ),
    )


def package_reference(history: pl.DataFrame, rules: PackageRules | None = None) -> pl.DataFrame:
    """Median and MAD of log gross kilograms per package per (hs6, package_type), from earlier
    declarations with at least ``min_history`` lines."""
    rules = rules or PackageRules()
    h = (
        _prepared(history)
        .drop_nulls(["per_package", "package_type"])
        .with_columns(log_kg=pl.col("per_package").log())
    )
    return (
        h.group_by("hs6", "package_type")
        .agg(
            n=pl.len(),
            median=pl.col("log_kg").median(),
            mad=(pl.col("log_kg") - pl.col("log_kg").median()).abs().median(),
        )
        .filter(pl.col("n") >= rules.min_history)
        .sort("hs6", "package_type")
    )


def _kg(expr: pl.Expr) -> pl.Expr:
    return expr.round(1).cast(pl.String)


def _count(name: pl.Expr) -> pl.Expr:
    """'3 packages (CT, carton)' in words."""
    return pl.concat_str(
        pl.col("packages").cast(pl.String),
        pl.lit(" packages ("),
        pl.col("package_type"),
        pl.when(name.is_not_null()).then(pl.concat_str(pl.lit(", "), name)).otherwise(pl.lit("")),
        pl.lit(") for "),
        _kg(pl.col("gross_mass_kg")),
        pl.lit(" kg gross: "),
        _kg(pl.col("per_package")),
        pl.lit(" kg a package"),
    )


def package_findings(
    goods: pl.DataFrame, reference: pl.DataFrame | None = None, rules: PackageRules | None = None
) -> pl.DataFrame:
    """Findings per goods line in PACKAGE_FINDINGS columns (``z`` only for the comparison with
    earlier declarations). A line outside PACKAGE_BOUNDS is not also compared with history."""
    rules = rules or PackageRules()
    g = _prepared(goods)
    bounds = pl.DataFrame(
        [(code, b.name, b.low_kg, b.high_kg, b.why) for code, b in PACKAGE_BOUNDS.items()],
        schema={
            "package_type": pl.String,
            "kind": pl.String,
            "low": pl.Float64,
            "high": pl.Float64,
            "why": pl.String,
        },
        orient="row",
    )
    g = g.join(bounds, on="package_type", how="left")
    out = []

    missing = g.filter(
        (pl.col("gross_mass_kg") > 0) & (pl.col("packages").is_null() | (pl.col("packages") <= 0))
    )
    out.append(
        missing.select(
            "master_bill",
            "line_number",
            code=pl.lit("goods.packages_missing"),
            message=pl.concat_str(
                _kg(pl.col("gross_mass_kg")),
                pl.lit(" kg gross declared with "),
                pl.when(pl.col("packages").is_null())
                .then(pl.lit("no package count"))
                .otherwise(pl.concat_str(pl.col("packages").cast(pl.String), pl.lit(" packages"))),
                pl.lit(
                    ": ask for the packing list; without a count, a missing or added package"
                    " cannot be noticed at examination"
                ),
            ),
            z=pl.lit(None, pl.Float64),
        )
    )

    too_heavy = pl.col("per_package") > pl.col("high")
    too_light = pl.col("per_package") < pl.col("low")
    impossible = (too_heavy | too_light).fill_null(False)
    out.append(
        g.filter(impossible).select(
            "master_bill",
            "line_number",
            code=pl.lit("goods.package_mass_impossible"),
            message=pl.concat_str(
                _count(pl.col("kind")),
                pl.when(too_heavy)
                .then(pl.concat_str(pl.lit(", over the "), _kg(pl.col("high")), pl.lit(" kg")))
                .otherwise(
                    pl.concat_str(pl.lit(", under the "), _kg(pl.col("low")), pl.lit(" kg"))
                ),
                pl.lit(" a "),
                pl.col("kind"),
                pl.lit(" can be ("),
                pl.col("why"),
                pl.lit("). The package count or the mass is wrong: ask for the packing list"),
            ),
            z=pl.lit(None, pl.Float64),
        )
    )

    if reference is not None:
        j = (
            g.filter(~impossible)
            .join(reference, on=["hs6", "package_type"], how="inner")
            .with_columns(
                spread=pl.max_horizontal(pl.col("mad") * MAD_TO_SD, pl.lit(rules.min_spread))
            )
            .with_columns(z=(pl.col("per_package").log() - pl.col("median")) / pl.col("spread"))
            .filter(pl.col("z").abs() > rules.robust_z)
        )
        low = (pl.col("median") - rules.robust_z * pl.col("spread")).exp()
        high = (pl.col("median") + rules.robust_z * pl.col("spread")).exp()
        out.append(
            j.select(
                "master_bill",
                "line_number",
                code=pl.lit("goods.kg_per_package_unusual"),
                message=pl.concat_str(
                    _count(pl.col("kind")),
                    pl.lit("; earlier declarations of "),
                    pl.col("hs6"),
                    pl.lit(" in "),
                    pl.col("package_type"),
                    pl.lit(" ("),
                    pl.col("n").cast(pl.String),
                    pl.lit(" lines): median "),
                    _kg(pl.col("median").exp()),
                    pl.lit(" kg, plausible "),
                    _kg(low),
                    pl.lit(" to "),
                    _kg(high),
                    pl.lit(" kg. A wrong count, a wrong mass, or goods other than what HS "),
                    pl.col("hs6"),
                    pl.lit(" usually covers: compare the packing list and the goods"),
                ),
                z=pl.col("z").round(2),
            )
        )
    columns = [pl.col(c).cast(t) for c, t in PACKAGE_FINDINGS.items()]
    return pl.concat([f.select(columns) for f in out]).sort("master_bill", "line_number", "code")
