"""The threats a generated world plants, each a scenario with a name the labels carry."""

from __future__ import annotations

from enum import StrEnum


class ThreatScenario(StrEnum):
    """Labelled threats the world generator injects, so later stages can be measured.

    A notion of generated worlds, not of the product: what a real administration knows of a
    shipment it stores as labels of its own (``shipment_labels``), named as it likes."""

    SEAL_SWAPPED = "seal_swapped"
    ORIGIN_LAUNDERED = "origin_laundered"
    VAGUE_DESCRIPTION = "vague_description"
    WRONG_HS_CODE = "wrong_hs_code"
    UNDERVALUATION = "undervaluation"
    WATCHLISTED_PARTY = "watchlisted_party"
    IRRATIONAL_ROUTING = "irrational_routing"
    RESTUFFED_IN_TRANSIT = "restuffed_in_transit"
    NEW_IMPORTER = "new_importer"
    CERTIFIED_CHAIN_THREAT = "certified_chain_threat"
    DOOR_OPENED_AT_SEA = "door_opened_at_sea"
