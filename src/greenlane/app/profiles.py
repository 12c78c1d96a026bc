"""Rule profiles: the national one shipped with greenlane, a file, a port's local rules on top."""

from __future__ import annotations

from pathlib import Path

from greenlane.risk.profiles import (
    Profile,
    ProfileDiff,
    compose,
    default_profile,
    diff,
    load_profile,
)


def rule_profile(path: Path | None = None, local: Path | None = None) -> Profile:
    """The profile at ``path`` (default: the national one), with a port's ``local`` profile
    added on top; every wrong rule is named in the ConfigurationError raised."""
    profile = default_profile() if path is None else load_profile(path)
    return profile if local is None else compose(profile, load_profile(local))


def profile_changes(before: Path, after: Path) -> ProfileDiff:
    """Rules added, removed and changed between two profile files, each changed field named."""
    return diff(rule_profile(before), rule_profile(after))
