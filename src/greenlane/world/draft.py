"""The mutable draft of one shipment: made plainly, bent by threat injection, then frozen.

Drafts hold plain values (times as UTC seconds, seals as shared objects) so that a threat can
change what happened after a given event without rebuilding the rest.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from greenlane.domain.codes import EventType, PartyRole, SealAffixer, SealClass, SealCondition
from greenlane.domain.records import InspectionResult, Party, Seal, SealReading
from greenlane.world.companies import Company
from greenlane.world.goods import Goods
from greenlane.world.routes import Route
from greenlane.world.scenarios import ThreatScenario
from greenlane.world.services import Service, Vessel


@dataclass(frozen=True, slots=True)
class ThreatLabel:
    """A planted threat and, in words, what exactly was done."""

    scenario: ThreatScenario
    detail: str


class SealDraft:
    __slots__ = ("affixed_by", "electronic", "number", "readings", "seal_class", "type_code")
    NONE: tuple[None, None, None, None, None, None] = (None, None, None, None, None, None)
    """The flat seal columns of an event that reads no seal."""

    def __init__(
        self,
        number: str,
        affixed_by: SealAffixer | None,
        seal_class: SealClass | None,
        type_code: str | None,
        electronic: bool = False,
    ) -> None:
        self.number = number
        self.affixed_by = affixed_by
        self.seal_class = seal_class
        self.type_code = type_code
        self.electronic = electronic
        self.readings: dict[SealCondition, tuple[tuple[SealReading, ...], tuple[Any, ...]]] = {}

    def declared(self) -> Seal:
        return Seal(
            self.number,
            self.affixed_by or SealAffixer.UNKNOWN,
            self.seal_class,
            self.electronic,
            self.type_code,
        )

    def reading(self, condition: SealCondition) -> tuple[tuple[SealReading, ...], tuple[Any, ...]]:
        """The event's seals, and the same as flat column values (number, condition, affixed by,
        class, electronic, type); one shared pair per condition, not a copy per event."""
        found = self.readings.get(condition)
        if found is None:
            flat = (
                self.number,
                condition,
                self.affixed_by,
                self.seal_class,
                self.electronic,
                self.type_code,
            )
            found = ((SealReading(*flat),), flat)
            self.readings[condition] = found
        return found


class EventDraft:
    __slots__ = (
        "condition",
        "etype",
        "evidence",
        "facility",
        "full",
        "leg",
        "seal",
        "source",
        "t",
        "transshipment",
        "unlocode",
        "voyage",
    )

    def __init__(
        self,
        etype: EventType,
        t: int,
        unlocode: str | None,
        facility: str | None,
        leg: int = -1,
        seal: SealDraft | None = None,
        transshipment: bool = False,
        full: bool = True,
        condition: SealCondition = SealCondition.INTACT,
    ) -> None:
        self.etype = etype
        self.t = t
        self.unlocode = unlocode
        """None at sea."""
        self.facility = facility
        self.leg = leg
        """Index into the shipment's legs for moves on a vessel; -1 otherwise."""
        self.seal = seal
        self.transshipment = transshipment
        self.full = full
        self.condition = condition
        self.evidence = False
        """A threat's label rests on this event: reporting noise never removes it or its seal."""
        self.source: str | None = None
        """Who reported it, when not the world's own feed (a terminal's second report)."""
        self.voyage: str | None = None
        """The voyage as this report gives it, when it differs from the leg's."""


@dataclass(slots=True)
class LegRun:
    """One leg as sailed: the service, its voyage that week, and the times at both ends."""

    service: Service
    load_pos: int
    discharge_pos: int
    week: int
    vessel: Vessel
    voyage: str
    departed: int
    arrived: int

    @property
    def load_port(self) -> str:
        return self.service.spec.rotation[self.load_pos]

    @property
    def discharge_port(self) -> str:
        return self.service.spec.rotation[self.discharge_pos]


@dataclass(slots=True)
class ContainerDraft:
    number: str
    size_type: str
    seal: SealDraft
    """The seal affixed at stuffing, as declared on the filings."""
    events: list[EventDraft] = field(default_factory=list)


@dataclass(slots=True)
class LineDraft:
    goods: Goods
    container: int
    packages: int
    gross_kg: float
    net_kg: float
    value_usd: float
    description: str
    """As the manifest states it."""
    hs_code: str | None
    """As declared on every filing."""
    origin: str
    """As declared on every filing."""


@dataclass(slots=True)
class ShipmentDraft:
    index: int
    rng: random.Random
    master_bill: str
    importer: Company
    supplier: Company
    route: Route
    legs: list[LegRun]
    parties: dict[PartyRole, Party]
    """Each party as the filings declare it, by role."""
    nvocc: Company | None
    house_bill: str | None
    broker: tuple[str, Party]
    """The importer's customs broker: filer code and party."""
    lines: list[LineDraft] = field(default_factory=list)
    containers: list[ContainerDraft] = field(default_factory=list)
    declared_pol: str = ""
    declared_receipt: str = ""
    declared_hubs: tuple[str, ...] = ()
    labels: list[ThreatLabel] = field(default_factory=list)
    value_factor: float = 1.0
    """Declared customs value over true value (undervaluation lowers it)."""
    amendment: str | None = None
    """What version 2 of the cargo declaration changes ("mass" or "description"), if any."""
    # Filing times and other draws are made while generating, so rendering draws nothing.
    manifest_at: int = 0
    isf_at: int = 0
    entry_at: int = 0
    amended_at: int = 0
    amended_mass: float = 1.0
    inspections: tuple[InspectionResult, ...] = ()

    @property
    def origin(self) -> str:
        return self.route.ports[0]

    @property
    def destination(self) -> str:
        return self.route.ports[-1]
