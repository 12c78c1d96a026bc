"""Risk: rule profiles over indicator columns (indicators, scoring and the model come next)."""

from greenlane.risk.profiles import (
    Profile,
    ProfileDiff,
    ProfileError,
    Rule,
    Scope,
    compile_condition,
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
