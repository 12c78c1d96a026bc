"""Selection: which lane each scored shipment takes, within each port's daily capacity.

``select_lanes(scored, policy)`` turns a frame of scored shipments (SCORED_SHIPMENTS) into one
explained lane decision each (LANE_DECISIONS): red (physical examination), yellow (documents),
blue (release, post-clearance audit) or green (release). See docs/selection.md.
"""

from greenlane.selection.lanes import select_lanes
from greenlane.selection.policy import (
    DEFAULT_TIERS,
    Capacity,
    Limit,
    SelectionPolicy,
    TierBenefit,
)
from greenlane.selection.referrals import REFERRALS
from greenlane.selection.schema import (
    LANE_DECISIONS,
    LANES,
    SCORED_SHIPMENTS,
    SELECTED_BY,
    SelectionInputError,
    check_scored,
)

__all__ = [
    "DEFAULT_TIERS",
    "LANES",
    "LANE_DECISIONS",
    "REFERRALS",
    "SCORED_SHIPMENTS",
    "SELECTED_BY",
    "Capacity",
    "Limit",
    "SelectionInputError",
    "SelectionPolicy",
    "TierBenefit",
    "check_scored",
    "select_lanes",
]
