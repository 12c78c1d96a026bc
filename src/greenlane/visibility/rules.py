"""Thresholds of the visibility checks, in one place, with the reason for each default."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from greenlane.visibility.trips import MergeWindows


@dataclass(frozen=True, slots=True)
class VisibilityRules:
    merge: MergeWindows = field(default_factory=MergeWindows)
    detour_ratio: float = 1.5
    """Sailed distance over the direct sea route from first load to last discharge above which a
    routing makes no commercial sense. Hub routings of the main lines add well under half."""
    quiet_in_port: timedelta = timedelta(days=14)
    """Longest silence ashore before it is a gap: a missed weekly connection plus a week."""
    slowest_knots: float = 10.0
    """Slowest plausible average speed at sea."""
    calls_on_the_way: float = 1.5
    """A vessel calls at other ports between a box's load and discharge: the direct sea route
    times this is the longest way it plausibly sails."""
    sea_slack: timedelta = timedelta(days=3)
    """Added to the time a leg should take at the slowest speed before the silence is a gap."""
