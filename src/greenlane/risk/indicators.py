"""Named indicators over the case files: each a value per shipment and the evidence for it.

Indicators are the only names a rule profile may use. Each is computed for every shipment at
once, column-wise: from the findings of visibility, goods and screening; from filing behaviour;
from the history of the importer (only what was known before the shipment's decision time);
from trusted-trader programs and the CSI port list. ``compute_indicators`` gives one wide frame
(``master_bill`` and one column per indicator, nulls filled with the indicator's neutral value)
and one long frame of evidence (``master_bill``, ``indicator``, ``evidence``) for the shipments
where an indicator is not neutral, so explanations can say why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import polars as pl

from greenlane.risk.casefile import CaseFiles


@dataclass(frozen=True, slots=True)
class Indicator:
    name: str
    dtype: pl.DataType
    title: str
    """What it says, in an officer's words."""
    neutral: bool | int | float | str | None
    """The value when nothing points anywhere (no finding, no history)."""


@dataclass(frozen=True, slots=True)
class FromFindings:
    """An indicator that is true (or a sum, or a maximum) over findings of some codes."""

    indicator: Indicator
    codes: tuple[str, ...]
    how: str = "any"
    """any: bool; sum or max: of the findings' values; count: how many findings."""


def _flag(name: str, title: str, *codes: str) -> FromFindings:
    return FromFindings(Indicator(name, pl.Boolean(), title, False), codes)


FINDING_INDICATORS: tuple[FromFindings, ...] = (
    _flag("watchlist_hit", "a party matches a watch-list entry", "watchlist_hit"),
    FromFindings(
        Indicator("watchlist_score", pl.Float64(), "best watch-list match score", 0.0),
        ("watchlist_hit",),
        "max",
    ),
    _flag(
        "seal_changed_without_authority",
        "the seal changed on the way with no authority recorded",
        "seal_changed_without_authority",
    ),
    _flag("seal_unverified", "the seal was never read after stuffing", "seal_unverified"),
    _flag(
        "seal_number_unconfirmed",
        "the last seal reading is one character off the number read before",
        "seal_number_unconfirmed",
    ),
    _flag("door_opened_at_sea", "the doors were opened between ports", "door_opened_at_sea"),
    _flag(
        "restuffing_signs",
        "the box left the terminal, was emptied or restuffed in transit",
        "restuffing_in_transit",
        "left_terminal_in_transit",
        "empty_in_transit",
    ),
    _flag(
        "port_of_loading_differs",
        "the box was first loaded elsewhere than the declared port of loading",
        "port_of_loading_differs",
    ),
    _flag(
        "origin_country_differs",
        "the journey began in another country than the declared origin",
        "origin_country_differs",
    ),
    _flag(
        "undeclared_transshipment",
        "the box called at ports the filings do not declare",
        "undeclared_port",
    ),
    FromFindings(
        Indicator("route_detour_ratio", pl.Float64(), "distance sailed over the direct route", 1.0),
        ("route_detour",),
        "max",
    ),
    _flag("time_gap", "the box went unreported for longer than the route explains", "time_gap"),
    _flag(
        "description_vague",
        "a goods description names no goods",
        "goods.description_vague",
        "goods.description_missing",
        "goods.description_too_short",
        "goods.description_code_only",
    ),
    _flag(
        "hs_code_invalid",
        "an HS code is not in the HS 2022 nomenclature",
        "hs.shape",
        "hs.unknown",
        "hs.reserved_chapter",
        "goods.hs_missing",
    ),
    _flag(
        "hs_description_mismatch",
        "the declared HS heading does not fit the description",
        "goods.hs_description_mismatch",
    ),
    _flag("undervalued", "declared below the plausible unit value", "goods.undervalued"),
    _flag("overvalued", "declared above the plausible unit value", "goods.overvalued"),
    _flag(
        "origin_laundering",
        "declared origin is a country the goods only passed through",
        "goods.origin_laundering",
    ),
    _flag(
        "origin_doubt",
        "declared origin disagrees with the journey, the manufacturer or the usual origins",
        "goods.origin_route_differs",
        "goods.origin_manufacturer_differs",
        "goods.origin_rare",
    ),
    _flag(
        "packages_implausible",
        "package counts do not fit the mass",
        "goods.packages_missing",
        "goods.package_mass_impossible",
        "goods.kg_per_package_unusual",
    ),
    _flag(
        "mass_implausible",
        "masses that cannot be right",
        "goods.gross_below_net",
        "goods.zero_mass",
        "goods.value_missing",
    ),
    FromFindings(
        Indicator("duty_at_risk", pl.Float64(), "duty the goods findings put at risk", 0.0),
        (
            "goods.undervalued",
            "goods.origin_laundering",
            "goods.origin_route_differs",
            "goods.origin_manufacturer_differs",
            "goods.hs_description_mismatch",
        ),
        "sum",
    ),
)

HISTORY_INDICATORS: tuple[Indicator, ...] = (
    Indicator("filed_late", pl.Boolean(), "manifest filed less than 24 h before loading", False),
    Indicator(
        "filed_after_loading", pl.Boolean(), "manifest filed after the box was loaded", False
    ),
    Indicator("amended", pl.Boolean(), "the cargo declaration was amended", False),
    Indicator(
        "manifest_entry_disagree",
        pl.Boolean(),
        "the manifest and the importer's entry disagree on mass or headings",
        False,
    ),
    Indicator("importer_shipments_before", pl.Int64(), "the importer's earlier shipments", 0),
    Indicator("new_importer", pl.Boolean(), "the importer has no earlier shipment", False),
    Indicator(
        "new_supplier", pl.Boolean(), "first shipment from this seller to this importer", False
    ),
    Indicator(
        "first_time_on_route",
        pl.Boolean(),
        "first shipment of this importer from this origin to this port",
        False,
    ),
    Indicator(
        "frequency_jump",
        pl.Boolean(),
        "the importer ships far more often in the last 30 days than before",
        False,
    ),
    Indicator("prior_inspections", pl.Int64(), "the importer's earlier inspections", 0),
    Indicator("prior_seizures", pl.Int64(), "earlier inspections of the importer with seizure", 0),
    Indicator(
        "prior_discrepancies", pl.Int64(), "earlier inspections of the importer with discrepancy", 0
    ),
    Indicator("csi_port_of_loading", pl.Boolean(), "loaded at a CSI port", False),
    Indicator("trusted_trader_tier", pl.Int64(), "the importer's trusted-trader tier (0: none)", 0),
    Indicator(
        "program_suspended", pl.Boolean(), "the importer's program membership is suspended", False
    ),
)

CONTEXT: dict[str, pl.DataType] = {
    "port_of_discharge": pl.String(),
    "mode": pl.String(),
    "hs_chapter": pl.String(),
    "decided_at": pl.Datetime("us", "UTC"),
    "assessed_on": pl.Date(),
    "importer": pl.String(),
}
"""Columns beside the indicators: where and when the decision falls (the scope of a rule), the
goods' HS chapter (a rule may name it; the random sample's stratum) and the importer."""

CONDITION_CONTEXT = ("port_of_discharge", "mode", "hs_chapter")
"""Context columns a rule condition may name besides the indicators."""

INDICATORS: tuple[Indicator, ...] = (
    *(f.indicator for f in FINDING_INDICATORS),
    *HISTORY_INDICATORS,
)


def indicator_columns() -> dict[str, pl.DataType]:
    """Every column a rule condition may name, with its type: the indicators and the context
    columns of CONDITION_CONTEXT."""
    return {
        **{i.name: i.dtype for i in INDICATORS},
        **{c: CONTEXT[c] for c in CONDITION_CONTEXT},
    }


def _from_findings(case: CaseFiles) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One pass over the findings: every finding-based indicator and its first message."""
    f = case.findings
    values, evidence = [], []
    for spec in FINDING_INDICATORS:
        ind = spec.indicator
        hit = pl.col("code").is_in(list(spec.codes))
        if spec.how == "any":
            values.append(hit.any().alias(ind.name))
        elif spec.how == "max":
            values.append(pl.col("value").filter(hit).max().alias(ind.name))
        else:
            values.append(pl.col("value").filter(hit).sum().alias(ind.name))
        evidence.append(pl.col("message").filter(hit).first().alias(ind.name))
    wide = f.group_by("master_bill").agg(values)
    why = (
        f.group_by("master_bill")
        .agg(evidence)
        .unpivot(index="master_bill", variable_name="indicator", value_name="evidence")
        .drop_nulls("evidence")
    )
    return wide, why


def _cum_before(frame: pl.DataFrame, keys: list[str], name: str) -> pl.DataFrame:
    """How many earlier shipments share the keys (decision time strictly before)."""
    return frame.with_columns(
        pl.int_range(pl.len()).over(keys, order_by="decided_at").cast(pl.Int64).alias(name)
    )


def _history(case: CaseFiles) -> pl.DataFrame:
    s = case.shipments
    loaded = pl.coalesce("first_loaded_at", "estimated_departure")
    h = s.with_columns(origin=pl.coalesce(pl.col("true_origin").str.slice(0, 2), "origin_country"))
    h = _cum_before(h, ["importer"], "importer_shipments_before")
    h = _cum_before(h, ["importer", "seller"], "_pair_before")
    h = _cum_before(h, ["importer", "origin", "port"], "_route_before")
    known = pl.col("importer").is_not_null() & (pl.col("importer_shipments_before") > 0)
    h = h.with_columns(
        filed_late=(loaded - pl.col("manifest_filed_at")) < pl.duration(hours=24),
        filed_after_loading=pl.col("manifest_filed_at") > pl.col("first_loaded_at"),
        amended=pl.col("manifest_versions") > 1,
        manifest_entry_disagree=(
            (pl.col("entry_gross_kg") - pl.col("manifest_gross_kg")).abs()
            > 0.05 * pl.col("manifest_gross_kg")
        )
        | (pl.col("entry_hs4") != pl.col("manifest_hs4")),
        new_importer=pl.col("importer").is_not_null() & (pl.col("importer_shipments_before") == 0),
        new_supplier=known & pl.col("seller").is_not_null() & (pl.col("_pair_before") == 0),
        first_time_on_route=known & (pl.col("_route_before") == 0),
    )
    return _frequency(h)


def _frequency(h: pl.DataFrame) -> pl.DataFrame:
    """Shipments in the last 30 days against the importer's rate before them."""
    month = timedelta(days=30)
    past = h.select(
        "importer",
        at=pl.col("decided_at"),
        n=pl.col("importer_shipments_before") + 1,
        first=pl.col("decided_at").min().over("importer"),
    ).sort("at")
    probe = h.select(
        "master_bill", "importer", "decided_at", "importer_shipments_before"
    ).with_columns(at=pl.col("decided_at") - month)
    joined = probe.sort("at").join_asof(
        past.drop_nulls("importer"),
        on="at",
        by="importer",
        strategy="backward",
        check_sortedness=False,
    )
    # The rate before the window needs a history of its own: at least 60 days of it.
    days = (pl.col("at") - pl.col("first")).dt.total_days()
    rated = joined.with_columns(
        recent=pl.col("importer_shipments_before") - pl.col("n").fill_null(0),
        baseline=pl.when(days >= 60).then(pl.col("n") / days * 30),
    ).select(
        "master_bill",
        frequency_jump=(pl.col("recent") >= 5)
        & (pl.col("recent") >= 3 * pl.col("baseline").clip(lower_bound=1)),
    )
    return h.join(rated, on="master_bill", how="left")


def _prior_outcomes(case: CaseFiles) -> pl.DataFrame:
    """The importer's inspections before each shipment's decision time, by outcome."""
    o = (
        case.outcomes.drop_nulls(["importer", "inspected_at"])
        .sort("inspected_at")
        .select(
            "importer",
            at="inspected_at",
            _i=pl.int_range(1, pl.len() + 1).over("importer", order_by="inspected_at"),
            _s=(pl.col("outcome") == "seizure")
            .cast(pl.Int64)
            .cum_sum()
            .over("importer", order_by="inspected_at"),
            _d=(pl.col("outcome") == "discrepancy")
            .cast(pl.Int64)
            .cum_sum()
            .over("importer", order_by="inspected_at"),
        )
    )
    probe = case.shipments.select("master_bill", "importer", at="decided_at").sort("at")
    joined = probe.join_asof(
        o,
        on="at",
        by="importer",
        strategy="backward",
        allow_exact_matches=False,
        check_sortedness=False,
    )
    return joined.select(
        "master_bill",
        prior_inspections=pl.col("_i").fill_null(0).cast(pl.Int64),
        prior_seizures=pl.col("_s").fill_null(0),
        prior_discrepancies=pl.col("_d").fill_null(0),
    )


def _programs(case: CaseFiles) -> pl.DataFrame:
    s = case.shipments.select(
        "master_bill",
        "importer",
        "decided_at",
        pol=pl.coalesce("first_load_port", "declared_port_of_loading"),
    )
    day = pl.col("decided_at").dt.date()
    m = (
        s.join(case.memberships, left_on="importer", right_on="party", how="inner")
        .filter(
            (pl.col("valid_from").is_null() | (pl.col("valid_from") <= day))
            & (pl.col("valid_until").is_null() | (day <= pl.col("valid_until")))
        )
        .group_by("master_bill")
        .agg(
            trusted_trader_tier=pl.col("tier").filter(~pl.col("suspended")).max().cast(pl.Int64),
            program_suspended=pl.col("suspended").any(),
        )
    )
    csi = s.join(case.csi_ports, left_on="pol", right_on="unlocode", how="inner").filter(
        pl.col("csi_since").is_null() | (pl.col("csi_since") <= day)
    )
    return (
        s.select("master_bill")
        .join(m, on="master_bill", how="left")
        .with_columns(csi_port_of_loading=pl.col("master_bill").is_in(csi["master_bill"].implode()))
    )


_HISTORY_EVIDENCE: dict[str, Callable[[], pl.Expr]] = {
    "filed_late": lambda: pl.concat_str(
        pl.lit("manifest filed "),
        pl.col("manifest_filed_at").dt.strftime("%Y-%m-%d %H:%M"),
        pl.lit(" UTC, loading "),
        pl.coalesce("first_loaded_at", "estimated_departure").dt.strftime("%Y-%m-%d %H:%M"),
        pl.lit(" UTC"),
    ),
    "filed_after_loading": lambda: pl.concat_str(
        pl.lit("loaded "),
        pl.col("first_loaded_at").dt.strftime("%Y-%m-%d %H:%M"),
        pl.lit(" UTC, manifest filed "),
        pl.col("manifest_filed_at").dt.strftime("%Y-%m-%d %H:%M"),
        pl.lit(" UTC"),
    ),
    "amended": lambda: pl.concat_str(
        pl.lit("cargo declaration in "),
        pl.col("manifest_versions").cast(pl.String),
        pl.lit(" versions"),
    ),
    "manifest_entry_disagree": lambda: pl.concat_str(
        pl.lit("manifest "),
        pl.col("manifest_gross_kg").round(0).cast(pl.String),
        pl.lit(" kg, headings "),
        pl.col("manifest_hs4").list.join(" "),
        pl.lit("; entry "),
        pl.col("entry_gross_kg").round(0).cast(pl.String),
        pl.lit(" kg, headings "),
        pl.col("entry_hs4").list.join(" "),
    ),
    "new_importer": lambda: pl.concat_str(
        pl.lit("no shipment of "), pl.col("importer"), pl.lit(" before this one")
    ),
    "new_supplier": lambda: pl.concat_str(
        pl.lit("first shipment from "), pl.col("seller"), pl.lit(" to "), pl.col("importer")
    ),
    "first_time_on_route": lambda: pl.concat_str(
        pl.lit("first shipment of "),
        pl.col("importer"),
        pl.lit(" from "),
        pl.col("origin"),
        pl.lit(" to "),
        pl.col("port"),
    ),
    "frequency_jump": lambda: pl.concat_str(
        pl.col("importer"), pl.lit(" shipped far more in the last 30 days than its usual rate")
    ),
}


def compute_indicators(case: CaseFiles) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(values, evidence): one row per shipment with every indicator and the context columns;
    and the evidence of each non-neutral indicator, one row per shipment and indicator."""
    found, found_why = _from_findings(case)
    history = _history(case)
    wide = (
        history.join(found, on="master_bill", how="left")
        .join(_prior_outcomes(case), on="master_bill", how="left")
        .join(_programs(case), on="master_bill", how="left")
    )
    fills = [
        pl.col(i.name).fill_null(i.neutral).cast(i.dtype)
        if i.neutral is not None
        else pl.col(i.name)
        for i in INDICATORS
    ]
    values = wide.select(
        "master_bill",
        pl.col("port").alias("port_of_discharge"),
        "mode",
        "hs_chapter",
        "decided_at",
        pl.col("decided_at").dt.date().alias("assessed_on"),
        "importer",
        *fills,
    )
    history_why = [
        wide.filter(pl.col(name).fill_null(False)).select(
            "master_bill", indicator=pl.lit(name), evidence=expr()
        )
        for name, expr in _HISTORY_EVIDENCE.items()
    ]
    counts = [
        values.filter(pl.col(name) > 0).select(
            "master_bill",
            indicator=pl.lit(name),
            evidence=pl.concat_str(pl.lit(f"{title}: "), pl.col(name).cast(pl.String)),
        )
        for name, title in (
            ("prior_seizures", "earlier seizures"),
            ("prior_discrepancies", "earlier discrepancies"),
            ("trusted_trader_tier", "trusted-trader tier"),
        )
    ]
    evidence = pl.concat([found_why, *history_why, *counts])
    return values, evidence
