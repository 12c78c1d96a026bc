"""Native boundary models to canonical records."""

from __future__ import annotations

from datetime import UTC

from greenlane.domain.records import (
    Container,
    DeclaredRoute,
    Event,
    Filing,
    FilingParty,
    GoodsItem,
    InspectionResult,
    Party,
    PartyIdentifier,
    Seal,
    SealReading,
    TrustedTraderMembership,
)
from greenlane.ingest.native.schema import (
    EventIn,
    FilingIn,
    InspectionIn,
    MembershipIn,
    PartyIn,
)


def party(p: PartyIn) -> Party:
    return Party(
        name=p.name,
        address=p.address,
        country=p.country,
        identifiers=tuple(PartyIdentifier(i.scheme, i.value) for i in p.identifiers),
    )


def filing(f: FilingIn, source_message: str) -> Filing:
    return Filing(
        filing_type=f.filing_type,
        reference=f.reference,
        version=f.version,
        filed_at=f.filed_at.astimezone(UTC),
        master_bill=f.master_bill,
        house_bill=f.house_bill,
        filer=f.filer,
        carrier_scac=f.carrier_scac,
        vessel_imo=f.vessel_imo,
        vessel_name=f.vessel_name,
        voyage=f.voyage,
        route=DeclaredRoute(
            place_of_receipt=f.route.place_of_receipt,
            port_of_loading=f.route.port_of_loading,
            transshipment_ports=tuple(f.route.transshipment_ports),
            port_of_discharge=f.route.port_of_discharge,
            place_of_delivery=f.route.place_of_delivery,
        ),
        estimated_departure=f.estimated_departure.astimezone(UTC)
        if f.estimated_departure
        else None,
        estimated_arrival=f.estimated_arrival.astimezone(UTC) if f.estimated_arrival else None,
        parties=tuple(FilingParty(p.role, party(p)) for p in f.parties),
        goods=tuple(GoodsItem(**g.model_dump()) for g in f.goods),
        containers=tuple(
            Container(
                number=c.number,
                size_type=c.size_type,
                full=c.full,
                seals=tuple(Seal(**s.model_dump()) for s in c.seals),
            )
            for c in f.containers
        ),
        source_message=source_message,
    )


def event(e: EventIn, source_message: str) -> Event:
    fields = e.model_dump(exclude={"seals", "occurred_at"})
    return Event(
        **fields,
        occurred_at=e.occurred_at.astimezone(UTC),
        seals=tuple(SealReading(**s.model_dump()) for s in e.seals),
        source="native",
        source_message=source_message,
    )


def inspection(i: InspectionIn) -> InspectionResult:
    fields = i.model_dump(exclude={"inspected_at"})
    return InspectionResult(**fields, inspected_at=i.inspected_at.astimezone(UTC))


def membership(m: MembershipIn) -> TrustedTraderMembership:
    fields = m.model_dump(exclude={"party"})
    return TrustedTraderMembership(**fields, party=party(m.party))
