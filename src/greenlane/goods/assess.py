"""Every goods check over a batch of declared goods lines, as one findings frame.

The lines are those of any filings (manifest, ISF, entry); each check reads what it needs and
skips lines that do not carry it (values are on entries only, descriptions on every filing). The
history is the goods lines declared before the batch: references are built from it alone, so a
batch is never judged against itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import polars as pl

from greenlane.domain.frames import GOODS_FINDINGS, conformed
from greenlane.domain.identifiers import check_hs_code
from greenlane.goods.classifier import HsClassifier
from greenlane.goods.consistency import ConsistencyRules, hs_consistency_findings
from greenlane.goods.descriptions import check_description
from greenlane.goods.duty import load_rates, origin_at_risk, undervaluation_at_risk
from greenlane.goods.origin import ORIGIN_LINES, OriginRules, origin_findings, origin_reference
from greenlane.goods.packages import (
    PACKAGE_LINES,
    PackageRules,
    package_findings,
    package_reference,
)
from greenlane.goods.values import GOODS_VALUES, ValueRules, value_findings, value_reference
from greenlane.settings import get_settings

FINDINGS = GOODS_FINDINGS
"""A goods finding: the line it is on (filing "type reference vN" and line number), its code, the
words an officer reads, and the duty it puts at risk where the data allows."""

LINE_KEY = ("master_bill", "filing", "line_number")


@dataclass(frozen=True, slots=True)
class GoodsRules:
    values: ValueRules = field(default_factory=ValueRules)
    packages: PackageRules = field(default_factory=PackageRules)
    origin: OriginRules = field(default_factory=OriginRules)
    consistency: ConsistencyRules = field(default_factory=ConsistencyRules)
    rates: str | None = None
    """Duty rate table (CSV, see ``greenlane.goods.duty.load_rates``); None: the illustrative
    table shipped for the generated world."""


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=FINDINGS)


def _conform(found: pl.DataFrame) -> pl.DataFrame:
    """Any check's output in the FINDINGS columns (missing ones null)."""
    return conformed(found, FINDINGS)


def description_findings(lines: pl.DataFrame) -> pl.DataFrame:
    """Missing, code-only, too short or vague descriptions, each distinct text judged once."""
    texts = lines["description"].unique().to_list()
    judged = [(text, check_description(text)) for text in texts]
    verdicts = pl.DataFrame(
        [(text, f.code, f.reason) for text, f in judged if f is not None],
        schema={"description": pl.String, "code": pl.String, "reason": pl.String},
        orient="row",
    )
    return _conform(
        lines.join(verdicts, on="description", how="inner", nulls_equal=True).with_columns(
            message=pl.concat_str(
                pl.lit("described as '"),
                pl.col("description").fill_null(""),
                pl.lit("': "),
                pl.col("reason"),
                pl.lit(
                    ". Ask the filer what the goods are, what they are made of and for what use"
                ),
            )
        )
    )


def hs_code_findings(lines: pl.DataFrame) -> pl.DataFrame:
    """Codes that are not HS 2022 at six digits, and lines with no code; each code judged once."""
    rows = []
    for code in lines["hs_code"].drop_nulls().unique().to_list():
        for f in check_hs_code(code):
            rows.append((code, f.code, f.message))
    verdicts = pl.DataFrame(
        rows, schema={"hs_code": pl.String, "code": pl.String, "message": pl.String}, orient="row"
    )
    missing = lines.filter(
        pl.col("hs_code").is_null() | (pl.col("hs_code").str.strip_chars() == "")
    ).with_columns(code=pl.lit("goods.hs_missing"), message=pl.lit("no HS code declared"))
    return pl.concat([_conform(lines.join(verdicts, on="hs_code", how="inner")), _conform(missing)])


_SEP = "\x1f"


def _by_filing(lines: pl.DataFrame) -> pl.DataFrame:
    """Line numbers repeat across the filings of a bill: checks keyed on (bill, line) see each
    filing's lines apart when the bill key carries the filing too."""
    return lines.with_columns(
        master_bill=pl.concat_str(pl.col("master_bill"), pl.lit(_SEP), pl.col("filing"))
    )


def _unpacked(found: pl.DataFrame, lines: pl.DataFrame) -> pl.DataFrame:
    """A check's findings back on (bill, filing, line), with the line's currency."""
    split = pl.col("master_bill").str.split_exact(_SEP, 1)
    found = found.with_columns(
        filing=split.struct.field("field_1"), master_bill=split.struct.field("field_0")
    )
    currency = lines.select(*LINE_KEY, "currency").unique(LINE_KEY)
    return found.join(currency, on=list(LINE_KEY), how="left")


def _priced(found: pl.DataFrame, duty: pl.DataFrame) -> pl.DataFrame:
    """Findings with the duty each puts at risk, and the arithmetic added to the message."""
    d = duty.select(
        "master_bill", "line_number", "code", "at_risk", duty_message=pl.col("message")
    ).unique(["master_bill", "line_number", "code"])
    return (
        found.join(d, on=["master_bill", "line_number", "code"], how="left")
        .with_columns(
            duty_at_risk=pl.col("at_risk"),
            message=pl.when(pl.col("duty_message").is_not_null())
            .then(pl.concat_str("message", pl.lit(". Duty: "), "duty_message"))
            .otherwise(pl.col("message")),
        )
        .drop("at_risk", "duty_message")
    )


def unit_value_findings(
    lines: pl.DataFrame,
    history: pl.DataFrame,
    rules: ValueRules | None = None,
    rates: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Unit values against earlier declarations, and masses and values that cannot be right,
    on the lines that carry a customs value (entries)."""
    judged = lines.filter(pl.col("value").is_not_null() | pl.col("net_mass_kg").is_not_null())
    if judged.is_empty():
        return _empty()
    earlier = history.filter(pl.col("value").is_not_null())
    packed = _by_filing(judged)
    found = value_findings(
        packed.select(list(GOODS_VALUES)),
        value_reference(earlier.select(list(GOODS_VALUES)), rules),
        rules,
    )
    if rates is not None:
        found = _priced(found, undervaluation_at_risk(found, packed, rates))
    return _conform(_unpacked(found, judged))


def package_count_findings(
    lines: pl.DataFrame, history: pl.DataFrame, rules: PackageRules | None = None
) -> pl.DataFrame:
    """Package counts that do not fit the mass, on lines that state both."""
    judged = lines.filter(pl.col("gross_mass_kg").is_not_null())
    if judged.is_empty():
        return _empty()
    found = package_findings(
        _by_filing(judged).select(list(PACKAGE_LINES)),
        package_reference(history.select(list(PACKAGE_LINES)), rules),
        rules,
    )
    return _conform(_unpacked(found, judged))


_FILING_RANK = {"entry": 0, "importer_security_filing": 1, "cargo_declaration": 2}


def _origin_lines(lines: pl.DataFrame) -> pl.DataFrame:
    """Per bill, the lines of the one filing whose declared origins count: the latest version of
    the entry, else of the ISF, else of the manifest that names an origin (see
    ``greenlane.goods.origin.FILING_PREFERENCE``)."""
    named = lines.filter(pl.col("origin_country").is_not_null()).with_columns(
        _rank=pl.col("filing_type").replace_strict(_FILING_RANK, default=9, return_dtype=pl.Int32)
    )
    chosen = (
        named.sort("_rank", pl.col("filed_at"), descending=[False, True])
        .group_by("master_bill", maintain_order=True)
        .agg(pl.col("filing").first())
    )
    return named.join(chosen, on=["master_bill", "filing"], how="semi").drop("_rank")


def declared_origin_findings(
    lines: pl.DataFrame,
    history: pl.DataFrame,
    trips: pl.DataFrame | None,
    rules: OriginRules | None = None,
    rates: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Declared origin against the observed journey, the manufacturer's country and the origins
    earlier declarations of the subheading gave; priced where the evidence names an origin."""
    judged = _origin_lines(lines)
    if judged.is_empty():
        return _empty()
    makers = judged.select(
        "master_bill", role=pl.lit("manufacturer"), name=pl.lit(None, pl.String),
        country=pl.col("manufacturer_country"),
    ).unique()  # fmt: skip
    found = origin_findings(
        judged.select(list(ORIGIN_LINES)),
        trips=trips,
        parties=makers,
        reference=origin_reference(_origin_lines(history).select(list(ORIGIN_LINES))),
        rules=rules,
    )
    if rates is not None:
        found = _priced(found, origin_at_risk(found, judged, rates))
    placed = judged.select(*LINE_KEY, "currency").unique(["master_bill", "line_number"])
    return _conform(found.join(placed, on=["master_bill", "line_number"], how="left"))


def description_code_findings(
    lines: pl.DataFrame, classifier: HsClassifier, rules: ConsistencyRules | None = None
) -> pl.DataFrame:
    """Declared headings that the description all but rules out, with the likely headings."""
    found = hs_consistency_findings(_by_filing(lines), classifier, rules)
    return _conform(_unpacked(found, lines))


@lru_cache(maxsize=4)
def _rates(path: str | None) -> pl.DataFrame:
    """The rate table, read once: a batch is assessed a week at a time."""
    return load_rates(path)


def assess_goods(
    lines: pl.DataFrame,
    history: pl.DataFrame,
    rules: GoodsRules | None = None,
    *,
    trips: pl.DataFrame | None = None,
    classifier: HsClassifier | None = None,
) -> pl.DataFrame:
    """Every goods finding on the lines, sorted by bill, filing and line. ``trips`` is the
    visibility trip summary of the lines' bills, for the observed origin; ``classifier`` reads
    the descriptions for the HS heading they fit (``goods.classifier.default_classifier``)."""
    rules = rules or GoodsRules()
    rates = _rates(rules.rates or get_settings().duty_rates)
    parts = [
        description_findings(lines),
        hs_code_findings(lines),
        unit_value_findings(lines, history, rules.values, rates),
        package_count_findings(lines, history, rules.packages),
        declared_origin_findings(lines, history, trips, rules.origin, rates),
    ]
    if classifier is not None:
        parts.append(description_code_findings(lines, classifier, rules.consistency))
    return pl.concat(parts).sort(*LINE_KEY, "code", nulls_last=True)
