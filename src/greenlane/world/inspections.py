"""Examinations on arrival and what they found: the feedback later stages learn from.

Threat shipments are examined more often (past targeting already caught some), most threats are
found when examined and some are not, and clean shipments give a small rate of false finds.
"""

from __future__ import annotations

import random

from greenlane.domain.codes import InspectionKind, InspectionOutcome
from greenlane.world.scenarios import ThreatScenario as T
from greenlane.world.threats import PHYSICAL

EXAM_RATE_THREAT = 0.25
EXAM_RATE = 0.035
EXAM_RATE_CERTIFIED = 0.015
FALSE_FIND = 0.02
_KINDS = (InspectionKind.DOCUMENTARY, InspectionKind.NON_INTRUSIVE, InspectionKind.PHYSICAL)
_FIND_PHYSICAL = {
    InspectionKind.DOCUMENTARY: 0.1,
    InspectionKind.NON_INTRUSIVE: 0.55,
    InspectionKind.PHYSICAL: 0.85,
}
_FIND_PAPER = {
    InspectionKind.DOCUMENTARY: 0.6,
    InspectionKind.NON_INTRUSIVE: 0.3,
    InspectionKind.PHYSICAL: 0.75,
}
_SEIZED = frozenset(
    {T.RESTUFFED_IN_TRANSIT, T.CERTIFIED_CHAIN_THREAT, T.WATCHLISTED_PARTY, T.DOOR_OPENED_AT_SEA}
)
FINDINGS: dict[T, str] = {
    T.SEAL_SWAPPED: "seal on the doors does not match the seal on the manifest",
    T.ORIGIN_LAUNDERED: "origin markings and invoices show another country of origin",
    T.VAGUE_DESCRIPTION: "goods not described precisely; description corrected on examination",
    T.WRONG_HS_CODE: "goods are misclassified; the declared HS code is for other goods",
    T.UNDERVALUATION: "declared value far below the transaction value found",
    T.WATCHLISTED_PARTY: "a party to the shipment is a listed party",
    T.IRRATIONAL_ROUTING: "routing not explained by the commercial documents",
    T.RESTUFFED_IN_TRANSIT: "cargo differs from the cargo stuffed at origin; undeclared goods",
    T.CERTIFIED_CHAIN_THREAT: "contraband concealed in the cargo",
    T.NEW_IMPORTER: "importer could not be verified at the declared address",
    T.DOOR_OPENED_AT_SEA: "doors tampered with; cargo disturbed, packages added or missing",
}
FALSE_FINDING = "minor discrepancy: package count differs from the manifest"


def plan_exam(
    rng: random.Random, scenarios: tuple[T, ...], certified: bool
) -> tuple[InspectionKind, InspectionOutcome, str | None] | None:
    """Whether the shipment is examined, how, and the outcome; None if it is not examined."""
    rate = EXAM_RATE_THREAT if scenarios else (EXAM_RATE_CERTIFIED if certified else EXAM_RATE)
    if rng.random() >= rate:
        return None
    kind = rng.choices(_KINDS, weights=(25, 45, 30))[0]
    found = [
        s
        for s in scenarios
        if rng.random() < (_FIND_PHYSICAL if s in PHYSICAL else _FIND_PAPER)[kind]
    ]
    if found:
        outcome = (
            InspectionOutcome.SEIZURE
            if _SEIZED.intersection(found)
            else InspectionOutcome.DISCREPANCY
        )
        return kind, outcome, "; ".join(FINDINGS[s] for s in found)
    if not scenarios and rng.random() < FALSE_FIND:
        return kind, InspectionOutcome.DISCREPANCY, FALSE_FINDING
    return kind, InspectionOutcome.NO_FINDING, None
