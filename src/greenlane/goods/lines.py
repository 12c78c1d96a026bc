"""Findings on one declared goods line: its HS code and its description."""

from __future__ import annotations

from collections.abc import Iterable

from greenlane.domain.codes import Severity
from greenlane.domain.identifiers import check_hs_code
from greenlane.domain.records import DataQualityFinding, Filing, GoodsItem
from greenlane.goods.descriptions import check_description


def check_goods_line(line: GoodsItem, where: str | None = None) -> list[DataQualityFinding]:
    """The HS code checked against HS 2022 at six digits (national 8- and 10-digit extensions
    checked at six), and the description checked for what it fails to say."""
    found: list[DataQualityFinding] = []
    if line.hs_code is None or not line.hs_code.strip():
        found.append(
            DataQualityFinding(
                "goods.hs_missing", "no HS code declared", "hs_code", None, Severity.WARNING, where
            )
        )
    else:
        found.extend(check_hs_code(line.hs_code, where=where))
    described = check_description(line.description)
    if described is not None:
        found.append(
            DataQualityFinding(
                described.code,
                described.reason,
                "description",
                line.description,
                Severity.WARNING,
                where,
            )
        )
    return found


def check_filing_goods(filings: Iterable[Filing]) -> list[DataQualityFinding]:
    """Findings on every goods line of the filings, each placed by filing and line."""
    return [
        finding
        for f in filings
        for line in f.goods
        for finding in check_goods_line(
            line, f"{f.filing_type.value} {f.reference} v{f.version} line {line.line_number}"
        )
    ]
