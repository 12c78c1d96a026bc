"""Canonical records: what every adapter produces and every stage reads.

Frozen dataclasses: a record never changes once made. An amendment to a filing is a new record with
a higher version, never an edit. Times are timezone-aware UTC. Identifiers are kept exactly as
received; validation findings sit beside them (see ``greenlane.domain.identifiers``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from greenlane.domain.codes import (
    EventType,
    FilingType,
    IdentifierScheme,
    InspectionKind,
    InspectionOutcome,
    PartyRole,
    SealAffixer,
    SealClass,
    SealCondition,
    Severity,
    TrustedTraderProgram,
)


@dataclass(frozen=True, slots=True)
class PartyIdentifier:
    scheme: IdentifierScheme
    value: str


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    address: str | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2, as declared."""
    identifiers: tuple[PartyIdentifier, ...] = ()


@dataclass(frozen=True, slots=True)
class FilingParty:
    role: PartyRole
    party: Party


@dataclass(frozen=True, slots=True)
class GoodsItem:
    line_number: int
    description: str
    hs_code: str | None = None
    packages: int | None = None
    package_type: str | None = None
    gross_mass_kg: float | None = None
    net_mass_kg: float | None = None
    value: float | None = None
    currency: str | None = None
    origin_country: str | None = None
    container_number: str | None = None


@dataclass(frozen=True, slots=True)
class Seal:
    number: str
    affixed_by: SealAffixer = SealAffixer.UNKNOWN
    seal_class: SealClass | None = None
    """ISO 17712 class when known; messages rarely carry it."""
    electronic: bool = False
    type_code: str | None = None
    """The seal type as the message wrote it (DCSA KLP/BLT/WIR, a carrier's own code)."""


@dataclass(frozen=True, slots=True)
class Container:
    number: str
    size_type: str | None = None
    full: bool = True
    seals: tuple[Seal, ...] = ()


@dataclass(frozen=True, slots=True)
class DeclaredRoute:
    """The route as a filing declares it; every place is a UN/LOCODE as written."""

    place_of_receipt: str | None = None
    port_of_loading: str | None = None
    transshipment_ports: tuple[str, ...] = ()
    port_of_discharge: str | None = None
    place_of_delivery: str | None = None


@dataclass(frozen=True, slots=True)
class Filing:
    filing_type: FilingType
    reference: str
    """The filer's reference. Amendments keep it and raise ``version``."""
    version: int
    filed_at: datetime
    master_bill: str
    house_bill: str | None = None
    filer: str | None = None
    carrier_scac: str | None = None
    vessel_imo: str | None = None
    vessel_name: str | None = None
    voyage: str | None = None
    route: DeclaredRoute = field(default_factory=DeclaredRoute)
    estimated_departure: datetime | None = None
    estimated_arrival: datetime | None = None
    parties: tuple[FilingParty, ...] = ()
    goods: tuple[GoodsItem, ...] = ()
    containers: tuple[Container, ...] = ()
    source_message: str | None = None
    """Content hash of the raw message this filing came from."""

    @property
    def bill_of_lading(self) -> str:
        """The most specific bill: the house bill where there is one."""
        return self.house_bill or self.master_bill

    def parties_in(self, role: PartyRole) -> tuple[Party, ...]:
        return tuple(fp.party for fp in self.parties if fp.role is role)


@dataclass(frozen=True, slots=True)
class SealReading:
    """A seal as seen by one event: its number, condition and, where said, who affixed it."""

    number: str
    condition: SealCondition = SealCondition.INTACT
    affixed_by: SealAffixer | None = None
    seal_class: SealClass | None = None
    electronic: bool = False
    type_code: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    """Unique per source; the same move reported by two sources has two events."""
    event_type: EventType
    occurred_at: datetime
    container_number: str | None = None
    unlocode: str | None = None
    facility: str | None = None
    vessel_imo: str | None = None
    vessel_name: str | None = None
    voyage: str | None = None
    bill_of_lading: str | None = None
    full: bool | None = None
    seals: tuple[SealReading, ...] = ()
    transshipment: bool = False
    """True when the message itself says the move is a transshipment."""
    source: str = "unknown"
    """Who reported it: a format and sender, e.g. ``dcsa``, ``edifact:COARRI``, ``world``."""
    source_message: str | None = None


@dataclass(frozen=True, slots=True)
class InspectionResult:
    inspection_id: str
    inspected_at: datetime
    kind: InspectionKind
    outcome: InspectionOutcome
    bill_of_lading: str | None = None
    container_number: str | None = None
    unlocode: str | None = None
    finding: str | None = None


@dataclass(frozen=True, slots=True)
class TrustedTraderMembership:
    membership_id: str
    program: TrustedTraderProgram
    party: Party
    program_country: str
    """Country of the administration that runs the program (US for C-TPAT, an EU state for AEO)."""
    tier: int | None = None
    """C-TPAT tier 1 to 3; None for programs without tiers."""
    aeo_type: str | None = None
    """AEO ``security`` (AEOS) or ``full`` (AEOF)."""
    certified_on: date | None = None
    validated_on: date | None = None
    valid_until: date | None = None
    suspended: bool = False


@dataclass(frozen=True, slots=True)
class Port:
    unlocode: str
    name: str
    country: str
    latitude: float | None = None
    longitude: float | None = None
    csi: bool = False
    csi_since: date | None = None


@dataclass(frozen=True, slots=True)
class DataQualityFinding:
    """A value that parsed but is wrong. Kept beside the value, never a reason to drop it."""

    code: str
    message: str
    field: str
    value: str | None = None
    severity: Severity = Severity.WARNING
    where: str | None = None
