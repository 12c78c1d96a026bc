"""Does the declared HS code fit the description? Each line's description is read by the
heading classifier, and a declared heading the reading all but rules out is a finding.

The rule (``ConsistencyRules``): a line is flagged when its declared heading is not the
likeliest, is given less than ``max_declared`` probability, the likeliest heading has at least
``min_confidence``, and at least ``min_coverage`` of the description's n-grams were seen in
training texts of that heading. Rank alone is not used: a peaked reading puts unrelated
headings third at 0.01%, and being third is then no sign of being close. The coverage condition
keeps quiet where the wording is new to the model: naive Bayes is confident about goods it has
never seen (it reads "WOODEN TOYS" as wooden furniture), and a reading of unknown words is no
evidence against a declaration.

The message names the likely headings with their titles and probabilities, and what the
declared heading is given, so an officer sees what the goods seem to be and how far the
declaration is from it. Lines without a usable description (vague, missing, code only: see
``descriptions``) or whose code does not start with an HS heading are not judged; other checks
report them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from greenlane.goods.classifier import HsClassifier, heading_titles
from greenlane.goods.descriptions import check_description

CODE = "goods.hs_description_mismatch"
FINDINGS_SCHEMA: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "line_number": pl.Int32(),
    "code": pl.String(),
    "message": pl.String(),
    "z": pl.Float64(),
}
TITLE_CHARS = 60


@dataclass(frozen=True, slots=True)
class ConsistencyRules:
    max_declared: float = 0.02
    """The declared heading is consistent when it is the likeliest or is given at least this."""
    min_confidence: float = 0.5
    """A finding needs the likeliest heading to have at least this probability..."""
    min_coverage: float = 0.8
    """...and this share of the description's n-grams known for it (see module doc)."""
    shown: int = 3
    """Most likely headings named in the message..."""
    shown_from: float = 0.01
    """...each with at least this probability (the likeliest is always named)."""


def hs_consistency_findings(
    lines: pl.DataFrame, classifier: HsClassifier, rules: ConsistencyRules | None = None
) -> pl.DataFrame:
    """``goods.hs_description_mismatch`` for each line whose description reads as goods of
    another heading than the declared one. ``lines`` needs master_bill, line_number,
    description and hs_code; the result has the findings columns of ``values``."""
    rules = rules or ConsistencyRules()
    cand = (
        lines.select("master_bill", "line_number", "description", "hs_code")
        .with_columns(declared=pl.col("hs_code").str.replace_all(r"[.\s]", "").str.slice(0, 4))
        .filter(
            pl.col("declared").is_in(list(heading_titles())) & pl.col("description").is_not_null()
        )
    )
    # Judge each distinct description and code once: the filings of a shipment repeat them.
    pairs = cand.select("description", "hs_code", "declared").unique(maintain_order=True)
    usable = [check_description(t) is None for t in pairs["description"]]
    pairs = pairs.filter(pl.Series(usable, dtype=pl.Boolean))
    if pairs.height == 0:
        return pl.DataFrame(schema=FINDINGS_SCHEMA)
    texts, codes = pairs["description"].to_list(), pairs["hs_code"].to_list()
    declared = pairs["declared"].to_list()
    j = classifier.judge(texts, declared, rules.shown)
    names = classifier.classes[j.top]
    flag = mismatched(names[:, 0], np.array(declared), j, rules)
    messages = [
        _message(texts[i], codes[i], declared[i], names[i], j.probability[i],
                 float(j.declared[i]), rules.shown_from)
        for i in np.flatnonzero(flag)
    ]  # fmt: skip
    flagged = pairs.filter(pl.Series(flag, dtype=pl.Boolean)).with_columns(
        message=pl.Series(messages, dtype=pl.String)
    )
    return (
        cand.join(flagged, on=["description", "hs_code", "declared"], how="inner")
        .select(
            "master_bill",
            pl.col("line_number").cast(pl.Int32),
            code=pl.lit(CODE),
            message="message",
            z=pl.lit(None, pl.Float64),
        )
        .sort("master_bill", "line_number")
    )


def mismatched(
    likeliest: np.ndarray[Any, Any], declared: np.ndarray[Any, Any], j: Any, rules: ConsistencyRules
) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """The rule of the module doc, over arrays of a ``Judgement`` ``j``."""
    return np.asarray(
        (likeliest != declared)
        & (j.declared < rules.max_declared)
        & (j.probability[:, 0] >= rules.min_confidence)
        & (j.coverage >= rules.min_coverage),
        dtype=np.bool_,
    )


def evaluate_unseen_goods(
    texts: Sequence[str],
    headings: Sequence[str],
    wording: tuple[list[str], list[str]],
    validation: tuple[list[str], list[str]],
    folds: int = 3,
    rules: ConsistencyRules | None = None,
) -> dict[str, float]:
    """How the model does on goods it has no wording for, as real descriptions of goods
    outside the world's catalogue will be: the world's headings are split into ``folds``;
    each fold's wording is left out of training (the nomenclature stays), and the fold's
    lines are read with their true heading declared. Gives top-1 and top-3 accuracy and the
    share of those correctly declared lines that would still be flagged."""
    from greenlane.goods.classifier import nomenclature_examples

    rules = rules or ConsistencyRules()
    nom_texts, nom_headings = nomenclature_examples()
    heads = sorted(set(headings))
    order = np.random.default_rng(0).permutation(len(heads))
    top1, top3, flagged = [], [], []
    for f in range(folds):
        out = {heads[i] for i in order[f::folds]}
        keep = [i for i, h in enumerate(wording[1]) if h not in out]
        model = HsClassifier.train(
            nom_texts + [wording[0][i] for i in keep],
            nom_headings + [wording[1][i] for i in keep],
        )
        held = [i for i, h in enumerate(validation[1]) if h not in out]
        model.calibrate([validation[0][i] for i in held], [validation[1][i] for i in held])
        rows = [i for i, h in enumerate(headings) if h in out]
        truth = np.array([headings[i] for i in rows])
        j = model.judge([texts[i] for i in rows], list(truth), 3)
        names = model.classes[j.top]
        top1.append(names[:, 0] == truth)
        top3.append((names == truth[:, None]).any(axis=1))
        flagged.append(mismatched(names[:, 0], truth, j, rules))
    return {
        "n": float(sum(len(t) for t in top1)),
        "top1": float(np.concatenate(top1).mean()),
        "top3": float(np.concatenate(top3).mean()),
        "false_flags": float(np.concatenate(flagged).mean()),
    }


def _message(
    text: str,
    hs_code: str,
    declared: str,
    headings: Sequence[str],
    probs: Sequence[float],
    given: float,
    floor: float,
) -> str:
    """ "description 'LAPTOP PC' reads as HS 8471 (Automatic data...) >99%; declared 8517.13
    (heading 8517: Telephone sets...) is given <0.1%"."""
    titles = heading_titles()
    likely = ", ".join(
        f"{h} ({_short(titles.get(str(h), ''))}) {_percent(float(p))}"
        for i, (h, p) in enumerate(zip(headings, probs, strict=True))
        if i == 0 or p >= floor
    )
    return (
        f"description '{text}' reads as HS {likely}; declared {hs_code} (heading {declared}: "
        f"{_short(titles.get(declared, ''))}) is given {_percent(given)}. Check the "
        "classification against the invoice and the product's literature"
    )


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 3].rstrip(" ,;") + "..."


def _percent(p: float) -> str:
    """>99%, 92%, 3.4%, 0.2%, <0.1%: enough digits to tell a small share from none."""
    if p >= 0.995:
        return ">99%"
    if p >= 0.1:
        return f"{p:.0%}"
    if p >= 0.001:
        return f"{p:.1%}"
    return "<0.1%"
