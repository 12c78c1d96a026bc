"""The Splink model of a trade party: comparisons, blocking rules and trained parameters.

Everything here is written with Splink's comparison and blocking libraries, which emit each
backend's own SQL, and reads only columns computed beforehand in Polars (``features``); nothing
is DuckDB-specific, so the same settings are meant to run on ``SparkAPI`` at scale (Jaro-Winkler
and Damerau-Levenshtein come from the UDF jar ``SparkAPI`` registers). They have run on DuckDB
only: there is no Spark in this project's environment.

Comparisons (each a ladder of levels, first match wins):

- ``name``: the normalised name (legal form removed, business words abbreviated one way, ASCII):
  identical without spaces; one edit apart; each has a common word the other lacks (``Huali
  Electronics`` against ``Huali Technology``: sister companies, see ``features.COMMON``); a
  different group qualifier (``Huali Electronics Holding`` against ``Huali Electronics``); the
  same name but for abbreviations (``Noorhaven Chem.``, ``Noorhaven Chemical``); the
  distinctive words (the rest: ``Huali``) Jaro-Winkler >= 0.95; all words of one in the other
  (a dropped city or prefix); distinctive words Jaro-Winkler >= 0.88; two words shared; one;
  none. One ladder, so a name is counted once; the fuzzy levels look at the distinctive words
  only, so ``Hangzhou Fengjia Leather`` and ``Hangzhou Hengkai Leather`` are not similar.
- ``legal_form``: the same legal form (in one spelling per family: ``Co., Ltd.`` and
  ``Limited`` alike) or different (``Pacific Apparel Inc.`` and ``Pacific Apparel LLC``).
- ``address``: identical fingerprint (its weight lowered where many companies share the
  address, ``features.address_frequencies``); Jaro-Winkler >= 0.9; same locality; else.
- ``country``: same; different.
- ``identifiers`` (EORI, tax id, DUNS, importer number, ...): a shared value (strong evidence);
  values one character apart (a typing slip, ``features.id_masks``); the same scheme with
  different values (a conflict: strong evidence against); only different schemes (no evidence
  either way).

Blocking (``blocking_rules``) compares only pairs that share a compact name, an identifier, a
pair of the name's rarer words, or an address: equi-joins on keys made in Polars, no Cartesian
product.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

COMPARISONS = ("name", "legal_form", "address", "country", "identifiers")
FLOOR_M = 1e-4
FLOOR_U = 1e-6
"""The smallest m and u probability a level gets: what was never observed is rare, not
impossible (u is estimated from millions of random pairs, m from thousands of labelled ones)."""


@dataclass(frozen=True, slots=True)
class Model:
    """Trained parameters: per comparison the m and u probability of each non-null level, and
    how many matches a variant has; the threshold a link must reach to join two records."""

    m: Mapping[str, Sequence[float]]
    u: Mapping[str, Sequence[float]]
    matches_per_variant: float
    """How many other variants of its entity a variant has, on average. The prior that two
    variants match is this over the number of variants, so a model trained on one size of
    data stays calibrated on another."""
    threshold: float = 0.97
    """Match probability from which a pair is linked."""
    attach: float = 0.8
    """Match probability from which a record with a name only (no address, no identifier)
    joins the one entity it links to (``cluster``)."""
    trained_on: str = ""
    metrics: Mapping[str, Any] = field(default_factory=dict)


def comparisons(model: Model | None = None) -> list[ComparisonCreator]:
    same_address = cll.ExactMatchLevel("address_norm").configure(label_for_charts="same address")
    if model is not None:
        # An address many companies share (a formation agent's) says less than one that only
        # one company uses: the term frequency is the share of names written at the address.
        same_address = same_address.configure(
            tf_adjustment_column="address_norm",
            tf_adjustment_weight=1.0,
            tf_minimum_u_value=model.u["address"][0],
        )
    return [
        cl.CustomComparison(
            output_column_name="name",
            comparison_description="normalised name",
            comparison_levels=[
                cll.NullLevel("name_compact"),
                cll.ExactMatchLevel("name_compact").configure(label_for_charts="same name"),
                cll.DamerauLevenshteinLevel("name_compact", 1).configure(
                    label_for_charts="one edit apart"
                ),
                cll.Not(cll.ArraySubsetLevel("descriptors")).configure(
                    label_for_charts="each has a common word the other lacks"
                ),
                cll.Not(cll.ExactMatchLevel("qualifiers")).configure(
                    label_for_charts="different group qualifier (Holding, Group, Trading, ...)"
                ),
                cll.ExactMatchLevel("name_key").configure(
                    label_for_charts="same name but for abbreviations"
                ),
                cll.JaroWinklerLevel("distinctive", 0.95).configure(
                    label_for_charts="distinctive words very similar (Jaro-Winkler >= 0.95)"
                ),
                cll.ArraySubsetLevel("name_tokens").configure(
                    label_for_charts="all words of one in the other"
                ),
                cll.JaroWinklerLevel("distinctive", 0.88).configure(
                    label_for_charts="distinctive words similar (Jaro-Winkler >= 0.88)"
                ),
                cll.ArrayIntersectLevel("name_tokens", 2).configure(
                    label_for_charts="two or more words shared"
                ),
                cll.ArrayIntersectLevel("name_tokens", 1).configure(
                    label_for_charts="one word shared"
                ),
                cll.ElseLevel().configure(label_for_charts="different"),
            ],
        ),
        cl.CustomComparison(
            output_column_name="legal_form",
            comparison_description="legal form (Co., Ltd., Inc., LLC, GmbH, ...)",
            comparison_levels=[
                cll.NullLevel("legal_form"),
                cll.ExactMatchLevel("legal_form").configure(label_for_charts="same legal form"),
                cll.ElseLevel().configure(label_for_charts="different legal form"),
            ],
        ),
        cl.CustomComparison(
            output_column_name="address",
            comparison_description="address",
            comparison_levels=[
                cll.NullLevel("address_norm"),
                same_address,
                cll.JaroWinklerLevel("address_norm", 0.9).configure(
                    label_for_charts="similar address (Jaro-Winkler >= 0.9)"
                ),
                cll.ExactMatchLevel("locality").configure(label_for_charts="same locality"),
                cll.ElseLevel().configure(label_for_charts="different"),
            ],
        ),
        cl.CustomComparison(
            output_column_name="country",
            comparison_description="country",
            comparison_levels=[
                cll.NullLevel("country"),
                cll.ExactMatchLevel("country").configure(label_for_charts="same country"),
                cll.ElseLevel().configure(label_for_charts="different country"),
            ],
        ),
        cl.CustomComparison(
            output_column_name="identifiers",
            comparison_description="identifiers (EORI, tax id, DUNS, importer number)",
            comparison_levels=[
                cll.NullLevel("ids"),
                cll.ArrayIntersectLevel("ids", 1).configure(label_for_charts="same identifier"),
                cll.ArrayIntersectLevel("id_keys", 1).configure(
                    label_for_charts="identifier one character apart (a typing slip)"
                ),
                cll.ArrayIntersectLevel("id_schemes", 1).configure(
                    label_for_charts="conflicting identifier (same scheme, other value)"
                ),
                cll.ElseLevel().configure(label_for_charts="identifiers of different schemes"),
            ],
        ),
    ]


def blocking_rules() -> list[BlockingRuleCreator]:
    """Candidate pairs: the same compact name, a shared identifier, a shared pair of rare
    words, or the same address in the same country. All equi-joins, so they scale."""
    return [
        block_on("name_compact"),
        block_on("ids", arrays_to_explode=["ids"]),
        block_on("block_keys", arrays_to_explode=["block_keys"]),
        block_on("country", "address_norm"),
    ]


def prior(model: Model, variants: int) -> float:
    """The probability that two of ``variants`` variants are the same party."""
    return min(0.5, model.matches_per_variant / max(1, variants - 1))


def settings(
    model: Model | None = None, *, variants: int = 10_000, blocking: bool = True
) -> SettingsCreator:
    """Splink settings for deduplicating ``variants`` variants with ``model``'s parameters
    (untrained without)."""
    comps: list[ComparisonCreator | dict[str, Any]] = list(comparisons(model))
    if model is not None:
        comps = [
            c.configure(m_probabilities=list(model.m[name]), u_probabilities=list(model.u[name]))
            for c, name in zip(comparisons(model), COMPARISONS, strict=True)
        ]
    rules: list[BlockingRuleCreator | dict[str, Any]] = list(blocking_rules()) if blocking else []
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comps,
        blocking_rules_to_generate_predictions=rules,
        probability_two_random_records_match=prior(model, variants) if model else 0.0001,
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
    )


def model_from_splink(
    saved: Mapping[str, Any],
    matches_per_variant: float,
    threshold: float,
    attach: float,
    trained_on: str,
    metrics: Mapping[str, Any],
) -> Model:
    """The parameters of a trained linker's ``save_model_to_json`` dictionary."""
    m: dict[str, list[float]] = {}
    u: dict[str, list[float]] = {}
    for comp in saved["comparisons"]:
        levels = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
        # A level never seen among matches (or non-matches) gets a floor, not a zero: a zero
        # would make that level infinitely decisive.
        name = comp["output_column_name"]
        m[name] = [max(lv.get("m_probability") or 0, FLOOR_M) for lv in levels]
        u[name] = [max(lv.get("u_probability") or 0, FLOOR_U) for lv in levels]
    return Model(m, u, matches_per_variant, threshold, attach, trained_on, metrics)


def model_source(model: Model) -> str:
    """``trained.py`` holding ``model``: a module, so the parameters ship with the package."""

    def floats(values: Sequence[float]) -> str:
        return "[" + ", ".join(f"{v:.6g}" for v in values) + "]"

    m = ",\n".join(f"        {k!r}: {floats(v)}" for k, v in model.m.items())
    u = ",\n".join(f"        {k!r}: {floats(v)}" for k, v in model.u.items())
    return (
        '"""Trained parameters of the trade-party model. Written by ``bench/resolution.py '
        '--train``;\ndo not edit by hand."""\n\n'
        "from greenlane.parties.resolution.model import Model\n\n"
        "MODEL = Model(\n"
        f"    m={{\n{m},\n    }},\n"
        f"    u={{\n{u},\n    }},\n"
        f"    matches_per_variant={model.matches_per_variant:.6g},\n"
        f"    threshold={model.threshold!r},\n"
        f"    attach={model.attach!r},\n"
        f"    trained_on={model.trained_on!r},\n"
        f"    metrics={dict(model.metrics)!r},\n"
        ")\n"
    )
