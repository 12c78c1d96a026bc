"""Rows to records: canonical records rebuilt from stored rows (the inverse of to_rows)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

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
from greenlane.domain.records import (
    Container,
    DataQualityFinding,
    DeclaredRoute,
    Event,
    Filing,
    FilingParty,
    GoodsItem,
    InspectionResult,
    Party,
    PartyIdentifier,
    Port,
    Seal,
    SealReading,
    TrustedTraderMembership,
)

RowIn = Mapping[Any, Any]


def party_from(row: RowIn, identifiers: Sequence[RowIn]) -> Party:
    return Party(
        name=row["name"],
        address=row["address"],
        country=row["country"],
        identifiers=tuple(
            PartyIdentifier(IdentifierScheme(i["scheme"]), i["value"]) for i in identifiers
        ),
    )


def filing_party_from(row: RowIn, party: Party) -> FilingParty:
    return FilingParty(role=PartyRole(row["role"]), party=party)


def goods_from(row: RowIn) -> GoodsItem:
    return GoodsItem(
        line_number=row["line_number"],
        description=row["description"],
        hs_code=row["hs_code"],
        packages=row["packages"],
        package_type=row["package_type"],
        gross_mass_kg=row["gross_mass_kg"],
        net_mass_kg=row["net_mass_kg"],
        value=row["value"],
        currency=row["currency"],
        origin_country=row["origin_country"],
        container_number=row["container_number"],
    )


def seal_from(row: RowIn) -> Seal:
    return Seal(
        number=row["number"],
        affixed_by=SealAffixer(row["affixed_by"]),
        seal_class=SealClass(row["seal_class"]) if row["seal_class"] else None,
        electronic=row["electronic"],
        type_code=row["type_code"],
    )


def container_from(row: RowIn, seals: Sequence[Seal]) -> Container:
    return Container(
        number=row["container_number"],
        size_type=row["size_type"],
        full=row["full"],
        seals=tuple(seals),
    )


def filing_from(
    row: RowIn,
    parties: Sequence[FilingParty],
    goods: Sequence[GoodsItem],
    containers: Sequence[Container],
) -> Filing:
    return Filing(
        filing_type=FilingType(row["filing_type"]),
        reference=row["reference"],
        version=row["version"],
        filed_at=row["filed_at"],
        master_bill=row["master_bill"],
        house_bill=row["house_bill"] or None,
        filer=row["filer"],
        carrier_scac=row["carrier_scac"],
        vessel_imo=row["vessel_imo"],
        vessel_name=row["vessel_name"],
        voyage=row["voyage"],
        route=DeclaredRoute(
            place_of_receipt=row["place_of_receipt"],
            port_of_loading=row["port_of_loading"],
            transshipment_ports=tuple(json.loads(row["transshipment_ports"])),
            port_of_discharge=row["port_of_discharge"],
            place_of_delivery=row["place_of_delivery"],
        ),
        estimated_departure=row["estimated_departure"],
        estimated_arrival=row["estimated_arrival"],
        parties=tuple(parties),
        goods=tuple(goods),
        containers=tuple(containers),
        source_message=row["source_message"],
    )


def seal_reading_from(row: RowIn) -> SealReading:
    return SealReading(
        number=row["number"],
        condition=SealCondition(row["condition"]),
        affixed_by=SealAffixer(row["affixed_by"]) if row["affixed_by"] else None,
        seal_class=SealClass(row["seal_class"]) if row["seal_class"] else None,
        electronic=row["electronic"],
        type_code=row["type_code"],
    )


def event_from(row: RowIn, seals: Sequence[SealReading]) -> Event:
    return Event(
        event_id=row["event_id"],
        event_type=EventType(row["event_type"]),
        occurred_at=row["occurred_at"],
        container_number=row["container_number"],
        unlocode=row["unlocode"],
        facility=row["facility"],
        vessel_imo=row["vessel_imo"],
        vessel_name=row["vessel_name"],
        voyage=row["voyage"],
        bill_of_lading=row["bill_of_lading"],
        full=row["full"],
        seals=tuple(seals),
        transshipment=row["transshipment"],
        source=row["source"],
        source_message=row["source_message"],
    )


def inspection_from(row: RowIn) -> InspectionResult:
    return InspectionResult(
        inspection_id=row["inspection_id"],
        inspected_at=row["inspected_at"],
        kind=InspectionKind(row["kind"]),
        outcome=InspectionOutcome(row["outcome"]),
        bill_of_lading=row["bill_of_lading"],
        container_number=row["container_number"],
        unlocode=row["unlocode"],
        finding=row["finding"],
    )


def membership_from(row: RowIn, party: Party) -> TrustedTraderMembership:
    return TrustedTraderMembership(
        membership_id=row["membership_id"],
        program=TrustedTraderProgram(row["program"]),
        party=party,
        program_country=row["program_country"],
        tier=row["tier"],
        aeo_type=row["aeo_type"],
        certified_on=row["certified_on"],
        validated_on=row["validated_on"],
        valid_until=row["valid_until"],
        suspended=row["suspended"],
    )


def port_from(row: RowIn) -> Port:
    return Port(
        unlocode=row["unlocode"],
        name=row["name"],
        country=row["country"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        csi=row["csi"],
        csi_since=row["csi_since"],
    )


def finding_from(row: RowIn) -> DataQualityFinding:
    return DataQualityFinding(
        code=row["code"],
        message=row["message"],
        field=row["field"],
        value=row["value"],
        severity=Severity(row["severity"]),
        where=row["location"],
    )
