"""The selection policy: capacities, thresholds, the random share, the seed and tier benefits.

One frozen value, so that a selection can be recorded with the exact policy that made it and
replayed. Defaults follow the practice in shared/reference/CUSTOMS.md (ASYCUDA selectivity,
C-TPAT tier benefits); a port changes capacities, not rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from greenlane.errors import ConfigurationError

# Guards floor and ceil against products such as 0.1 * 30 = 3.0000000000000004.
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Limit:
    """How many shipments a port can handle in a day: a share of that day's shipments, or a count.

    A share's fraction of a shipment is rounded up with its own probability by a seeded draw per
    port and day (in ``select_lanes``), so the share is met on average however small the day.
    """

    share: float | None = None
    count: int | None = None

    def __post_init__(self) -> None:
        if (self.share is None) == (self.count is None):
            raise ConfigurationError("a limit is either a share or a count", expected="one of them")
        if self.share is not None and not 0.0 <= self.share <= 1.0:
            raise ConfigurationError(f"capacity share {self.share}", expected="0..1")
        if self.count is not None and self.count < 0:
            raise ConfigurationError(f"capacity count {self.count}", expected="0 or more")

    def describe(self) -> str:
        return f"{self.count} a day" if self.count is not None else f"{self.share:.1%} of the day"


@dataclass(frozen=True, slots=True)
class Capacity:
    """A limit per port (UN/LOCODE), with a default for ports not named."""

    default: Limit
    ports: Mapping[str, Limit] = field(default_factory=dict)

    def limit_for(self, port: str) -> Limit:
        return self.ports.get(port, self.default)


@dataclass(frozen=True, slots=True)
class TierBenefit:
    """What a trusted-trader tier earns in selection (issue 9, "Benefits").

    ``score_multiplier`` lowers the risk score used for ranking; ``max_reduction`` caps how much
    it may lower it, as a share of the red threshold (C-TPAT Tier I: at most 20% of the high-risk
    threshold); ``random_multiplier`` scales the chance of being drawn for the random compliance
    sample; ``self_assessment`` sends the importer to blue (release, post-clearance audit) where
    others would get a documents check; ``front_of_line`` puts its shipments first in the
    examination and documents queues. None of these ever touches a hard stop or a referral.
    """

    score_multiplier: float = 1.0
    max_reduction: float | None = None
    random_multiplier: float = 1.0
    self_assessment: bool = False
    front_of_line: bool = False

    def __post_init__(self) -> None:
        if not 0.0 < self.score_multiplier <= 1.0:
            raise ConfigurationError(
                f"score multiplier {self.score_multiplier}", expected="more than 0, at most 1"
            )
        if self.max_reduction is not None and not 0.0 <= self.max_reduction <= 1.0:
            raise ConfigurationError(f"max reduction {self.max_reduction}", expected="0..1")
        if not 0.0 <= self.random_multiplier <= 1.0:
            raise ConfigurationError(f"random multiplier {self.random_multiplier}", expected="0..1")


# Tier I: certified, score reduction capped at 20% of the high-risk threshold, no fewer random
# exams, no front-of-line. Tiers II and III: validated, larger reductions, fewer random exams,
# front-of-line examination; the random multipliers follow the reported 2008 inspection rates
# (non-members 1 in 11, Tier II 4.9%, Tier III 3.6%: about 0.55 and 0.4 of the non-member rate).
DEFAULT_TIERS: Mapping[int, TierBenefit] = {
    1: TierBenefit(
        score_multiplier=0.8, max_reduction=0.2, random_multiplier=1.0, self_assessment=True
    ),
    2: TierBenefit(
        score_multiplier=0.65,
        max_reduction=0.4,
        random_multiplier=0.55,
        self_assessment=True,
        front_of_line=True,
    ),
    3: TierBenefit(
        score_multiplier=0.5, random_multiplier=0.4, self_assessment=True, front_of_line=True
    ),
}


@dataclass(frozen=True, slots=True)
class SelectionPolicy:
    """Everything that decides a lane besides the shipment itself.

    ``examination`` is the red (physical examination) capacity per port and day, ``documents``
    the yellow (documents check) capacity. ``random_share`` of the red capacity is drawn at
    random, stratified, to measure compliance (its fraction rounded as capacity is, so the share is
    met on average). ``red_threshold``
    and ``yellow_threshold`` are the benefit-adjusted scores a shipment needs to be selected by
    risk for that lane. ``seed`` fixes every draw. ``tiers`` maps a trusted tier to its benefits;
    a tier not listed gets none.
    """

    examination: Capacity = field(default_factory=lambda: Capacity(Limit(share=0.02)))
    documents: Capacity = field(default_factory=lambda: Capacity(Limit(share=0.05)))
    random_share: float = 0.1
    yellow_threshold: float = 0.3
    red_threshold: float = 0.5
    seed: int = 0
    tiers: Mapping[int, TierBenefit] = field(default_factory=lambda: dict(DEFAULT_TIERS))

    def __post_init__(self) -> None:
        if not 0.0 <= self.random_share <= 1.0:
            raise ConfigurationError(f"random share {self.random_share}", expected="0..1")
        if not 0.0 <= self.yellow_threshold <= self.red_threshold <= 1.0:
            raise ConfigurationError(
                f"yellow threshold {self.yellow_threshold}, red threshold {self.red_threshold}",
                expected="0 <= yellow <= red <= 1",
            )
        bad_tiers = [tier for tier in self.tiers if not 1 <= tier <= 127]
        if bad_tiers:
            raise ConfigurationError(f"trusted tiers {bad_tiers}", expected="tiers 1..127")

    def benefit(self, tier: int) -> TierBenefit:
        return self.tiers.get(tier, _NO_BENEFIT)


_NO_BENEFIT = TierBenefit()
