"""Rule conditions: one SQL boolean expression over indicator columns, or a clear refusal.

A condition is accepted only when it is a single expression (no statement, subquery, window or
comment), calls only row-wise functions, names only known indicator columns, and gives true or
false for each shipment: it is parsed by Polars and tried on two rows of nulls before any
shipment sees it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

import polars as pl

from greenlane.risk.indicators import indicator_columns

MAX_CONDITION = 2000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ALLOWED_FUNCTIONS = _words(
    "abs cast ceil ceiling coalesce ends_with floor greatest ifnull least length char_length "
    "ln log10 lower mod nullif power regexp_like round sqrt starts_with trim upper"
)
"""Row-wise functions a condition may call; aggregates and windows would judge all shipments."""
_NOT_FUNCTIONS = _words("and or not in is when then else case like ilike between from")
_FORBIDDEN = _words(
    "select exists values table union intersect except insert update delete drop create alter "
    "truncate grant revoke attach copy pragma call execute over"
)
_TOKEN = re.compile(
    r"""\s*(?:('(?:[^']|'')*')|("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_]*)|(--|/\*|;|\()|(.))""",
    re.DOTALL,
)


def _lexical_problem(condition: str) -> str | None:
    """Statements, subqueries, comments and unlisted functions, found outside quoted text."""
    tokens = [m.groups() for m in _TOKEN.finditer(condition)]
    for n, (_, quoted, bare, mark, _) in enumerate(tokens):
        word = bare or (quoted[1:-1].replace('""', '"') if quoted else None)
        if mark == ";":
            return "not a single expression; statements are not allowed (found ';')"
        if mark in ("--", "/*"):
            return "comments are not allowed in a condition; explain the rule in its reason"
        if word is None:
            continue
        if bare and word.lower() in _FORBIDDEN:
            return f"subqueries, windows and statements are not allowed (found {word.upper()})"
        calls = n + 1 < len(tokens) and tokens[n + 1][3] == "("
        low = word.lower()
        if calls and low not in _NOT_FUNCTIONS and low not in ALLOWED_FUNCTIONS:
            return (
                f"function {word}() is not allowed; a condition may call "
                f"{', '.join(sorted(ALLOWED_FUNCTIONS))}"
            )
    return None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def compile_condition(condition: str, columns: Mapping[str, pl.DataType] | None = None) -> pl.Expr:
    """The Polars expression of a condition, or ``ValueError`` saying what is wrong with it.

    Accepted only when it is one SQL expression, calls only row-wise functions, names only known
    indicator columns, and gives true/false for each shipment.
    """
    cols = indicator_columns() if columns is None else dict(columns)
    if len(condition) > MAX_CONDITION:
        raise ValueError(f"longer than {MAX_CONDITION} characters")
    problem = _lexical_problem(condition)
    if problem:
        raise ValueError(problem)
    try:
        expr = pl.sql_expr(condition)
        names = list(dict.fromkeys(expr.meta.root_names()))
    except Exception as exc:  # Polars raises several types for text it cannot read.
        raise ValueError(f"not a valid SQL expression: {_first_line(exc)}") from None
    unknown = [n for n in names if n not in cols]
    if unknown:
        raise ValueError("; ".join(_unknown_column(n, cols) for n in unknown))
    if not names:
        raise ValueError("names no indicator column, so it would be the same for every shipment")
    probe = pl.DataFrame({n: [None, None] for n in names}, schema={n: cols[n] for n in names})
    try:
        out = probe.select(expr.alias("hit"))
    except Exception as exc:
        raise ValueError(
            f"cannot be evaluated over the indicator columns: {_first_line(exc)}"
        ) from None
    if out.height != probe.height:
        raise ValueError(
            "summarises all shipments (an aggregate); a rule judges one shipment at a time"
        )
    if out.dtypes[0] != pl.Boolean:
        raise ValueError(
            f"gives {out.dtypes[0]} values, not true/false; write a comparison, e.g. `x > 1`"
        )
    return expr


def _unknown_column(name: str, cols: Mapping[str, pl.DataType]) -> str:
    lowered = {c.lower(): c for c in cols}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    hint = f" (did you mean '{lowered[close[0]]}'?)" if close else ""
    return f"unknown indicator column '{name}'{hint}"
