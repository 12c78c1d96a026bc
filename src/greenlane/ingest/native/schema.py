"""The native JSON format: Pydantic models at the boundary, published as JSON Schema in docs/.

One document may hold any mix of filings, events, inspection results and trusted-trader
memberships. Field names are the canonical model's; codes are the canonical code values.
"""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

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
    TrustedTraderProgram,
)

FORMAT_VERSION = "1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PartyIdentifierIn(_Strict):
    scheme: IdentifierScheme
    value: str = Field(min_length=1)


class PartyIn(_Strict):
    name: str = Field(min_length=1)
    address: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    identifiers: list[PartyIdentifierIn] = []


class FilingPartyIn(PartyIn):
    role: PartyRole


class GoodsItemIn(_Strict):
    line_number: int = Field(ge=1)
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


class SealIn(_Strict):
    number: str = Field(min_length=1)
    affixed_by: SealAffixer = SealAffixer.UNKNOWN
    seal_class: SealClass | None = None
    electronic: bool = False
    type_code: str | None = None


class ContainerIn(_Strict):
    number: str = Field(min_length=1)
    size_type: str | None = None
    full: bool = True
    seals: list[SealIn] = []


class RouteIn(_Strict):
    place_of_receipt: str | None = None
    port_of_loading: str | None = None
    transshipment_ports: list[str] = []
    port_of_discharge: str | None = None
    place_of_delivery: str | None = None


class FilingIn(_Strict):
    filing_type: FilingType
    reference: str = Field(min_length=1)
    version: int = Field(default=1, ge=1)
    filed_at: AwareDatetime
    master_bill: str = Field(min_length=1)
    house_bill: str | None = None
    filer: str | None = None
    carrier_scac: str | None = None
    vessel_imo: str | None = None
    vessel_name: str | None = None
    voyage: str | None = None
    route: RouteIn = RouteIn()
    estimated_departure: AwareDatetime | None = None
    estimated_arrival: AwareDatetime | None = None
    parties: list[FilingPartyIn] = []
    goods: list[GoodsItemIn] = []
    containers: list[ContainerIn] = []


class SealReadingIn(_Strict):
    number: str = Field(min_length=1)
    condition: SealCondition = SealCondition.INTACT
    affixed_by: SealAffixer | None = None
    seal_class: SealClass | None = None
    electronic: bool = False
    type_code: str | None = None


class EventIn(_Strict):
    event_id: str = Field(min_length=1)
    event_type: EventType
    occurred_at: AwareDatetime
    container_number: str | None = None
    unlocode: str | None = None
    facility: str | None = None
    vessel_imo: str | None = None
    vessel_name: str | None = None
    voyage: str | None = None
    bill_of_lading: str | None = None
    full: bool | None = None
    seals: list[SealReadingIn] = []
    transshipment: bool = False


class InspectionIn(_Strict):
    inspection_id: str = Field(min_length=1)
    inspected_at: AwareDatetime
    kind: InspectionKind
    outcome: InspectionOutcome
    bill_of_lading: str | None = None
    container_number: str | None = None
    unlocode: str | None = None
    finding: str | None = None


class MembershipIn(_Strict):
    membership_id: str = Field(min_length=1)
    program: TrustedTraderProgram
    party: PartyIn
    program_country: str
    tier: int | None = Field(default=None, ge=1, le=3)
    aeo_type: str | None = None
    certified_on: date | None = None
    validated_on: date | None = None
    valid_until: date | None = None
    suspended: bool = False


class NativeDocument(_Strict):
    """A greenlane native JSON document."""

    greenlane: str = Field(
        default=FORMAT_VERSION, description="Native format version; marks the document as ours."
    )
    filings: list[FilingIn] = []
    events: list[EventIn] = []
    inspections: list[InspectionIn] = []
    memberships: list[MembershipIn] = []


def native_json_schema() -> dict[str, object]:
    schema = NativeDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://greenlane.dev/schemas/native.schema.json"
    return schema


__all__ = ["FORMAT_VERSION", "NativeDocument", "native_json_schema"]
