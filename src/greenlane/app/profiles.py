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

ProfileChoice = Profile | str | Path | None
"""A loaded profile, a profile file, or None for the national profile shipped with greenlane."""


def choose_profile(profile: ProfileChoice = None, local: ProfileChoice = None) -> Profile:
    """The profile to decide with: the given one (or the national one), with a port's local
    profile on top when ``local`` is given; every wrong rule of a file is named in the
    ConfigurationError raised."""
    chosen = _loaded(profile) if profile is not None else default_profile()
    return chosen if local is None else compose(chosen, _loaded(local))


def _loaded(profile: Profile | str | Path) -> Profile:
    return profile if isinstance(profile, Profile) else load_profile(profile)


def profile_changes(before: Path, after: Path) -> ProfileDiff:
    """Rules added, removed and changed between two profile files, each changed field named."""
    return diff(choose_profile(before), choose_profile(after))
