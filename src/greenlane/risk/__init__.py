"""Risk: indicators over case files, rule profiles, scores and decisions (see docs/risk.md)."""

from greenlane.risk.conditions import compile_condition
from greenlane.risk.profiles import (
    Profile,
    ProfileDiff,
    ProfileError,
    Rule,
    Scope,
    compose,
    default_indicator_columns,
    default_profile,
    diff,
    evaluate,
    load_profile,
    parse_profile,
)

__all__ = [
    "Profile",
    "ProfileDiff",
    "ProfileError",
    "Rule",
    "Scope",
    "compile_condition",
    "compose",
    "default_indicator_columns",
    "default_profile",
    "diff",
    "evaluate",
    "load_profile",
    "parse_profile",
]
