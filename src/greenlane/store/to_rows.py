"""Records to rows: column values from canonical records, and the natural keys used to dedupe."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from greenlane.domain.records import (
    Container,
    DataQualityFinding,
    Event,
    Filing,
    GoodsItem,
    InspectionResult,
    Party,
    Port,
    SealReading,
    TrustedTraderMembership,
)

Row = dict[str, Any]

NO_HOUSE_BILL = ""
"""What shipments.house_bill holds when there is no house bill (see schema.shipments)."""


def _digest(parts: Sequence[Any]) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def filing_key(filing: Filing) -> tuple[str, str, int]:
    return (filing.filing_type.value, filing.reference, filing.version)


def shipment_key(filing: Filing) -> tuple[str, str]:
    return (filing.master_bill, filing.house_bill or NO_HOUSE_BILL)


def party_fingerprint(party: Party) -> str:
    """Same name, address, country and identifiers (in order) as written: the same party row."""
    idents = [[i.scheme.value, i.value] for i in party.identifiers]
    return _digest([party.name, party.address, party.country, idents])


def party_row(party: Party) -> Row:
    return {
        "fingerprint": party_fingerprint(party),
        "name": party.name,
        "address": party.address,
        "country": party.country,
    }


def party_identifier_rows(party_id: int, party: Party) -> list[Row]:
    return [
        {"party_id": party_id, "position": i, "scheme": ident.scheme.value, "value": ident.value}
        for i, ident in enumerate(party.identifiers)
    ]


def filing_row(filing: Filing, shipment_id: int) -> Row:
    route = filing.route
    return {
        "shipment_id": shipment_id,
        "filing_type": filing.filing_type.value,
        "reference": filing.reference,
        "version": filing.version,
        "filed_at": filing.filed_at,
        "filer": filing.filer,
        "carrier_scac": filing.carrier_scac,
        "vessel_imo": filing.vessel_imo,
        "vessel_name": filing.vessel_name,
        "voyage": filing.voyage,
        "place_of_receipt": route.place_of_receipt,
        "port_of_loading": route.port_of_loading,
        "transshipment_ports": json.dumps(list(route.transshipment_ports)),
        "port_of_discharge": route.port_of_discharge,
        "place_of_delivery": route.place_of_delivery,
        "estimated_departure": filing.estimated_departure,
        "estimated_arrival": filing.estimated_arrival,
        "source_message": filing.source_message,
    }


def goods_rows(filing_id: int, goods: Sequence[GoodsItem]) -> list[Row]:
    return [
        {
            "filing_id": filing_id,
            "position": i,
            "line_number": g.line_number,
            "hs_code": g.hs_code,
            "description": g.description,
            "packages": g.packages,
            "package_type": g.package_type,
            "gross_mass_kg": g.gross_mass_kg,
            "net_mass_kg": g.net_mass_kg,
            "value": g.value,
            "currency": g.currency,
            "origin_country": g.origin_country,
            "container_number": g.container_number,
        }
        for i, g in enumerate(goods)
    ]


def container_rows(filing_id: int, containers: Sequence[Container]) -> list[Row]:
    return [
        {
            "filing_id": filing_id,
            "position": i,
            "container_number": c.number,
            "size_type": c.size_type,
            "full": c.full,
        }
        for i, c in enumerate(containers)
    ]


def seal_rows(filing_id: int, containers: Sequence[Container]) -> list[Row]:
    return [
        {
            "filing_id": filing_id,
            "container_position": ci,
            "position": si,
            "container_number": c.number,
            "number": s.number,
            "affixed_by": s.affixed_by.value,
            "seal_class": s.seal_class.value if s.seal_class else None,
            "electronic": s.electronic,
            "type_code": s.type_code,
        }
        for ci, c in enumerate(containers)
        for si, s in enumerate(c.seals)
    ]


def event_row(event: Event) -> Row:
    return {
        "source": event.source,
        "event_id": event.event_id,
        "event_type": event.event_type.value,
        "occurred_at": event.occurred_at,
        "container_number": event.container_number,
        "unlocode": event.unlocode,
        "facility": event.facility,
        "vessel_imo": event.vessel_imo,
        "vessel_name": event.vessel_name,
        "voyage": event.voyage,
        "bill_of_lading": event.bill_of_lading,
        "full": event.full,
        "transshipment": event.transshipment,
        "source_message": event.source_message,
    }


def event_seal_rows(event_row_id: int, readings: Sequence[SealReading]) -> list[Row]:
    return [
        {
            "event_row_id": event_row_id,
            "position": i,
            "number": r.number,
            "condition": r.condition.value,
            "affixed_by": r.affixed_by.value if r.affixed_by else None,
            "seal_class": r.seal_class.value if r.seal_class else None,
            "electronic": r.electronic,
            "type_code": r.type_code,
        }
        for i, r in enumerate(readings)
    ]


def inspection_row(result: InspectionResult) -> Row:
    return {
        "inspection_id": result.inspection_id,
        "inspected_at": result.inspected_at,
        "kind": result.kind.value,
        "outcome": result.outcome.value,
        "bill_of_lading": result.bill_of_lading,
        "container_number": result.container_number,
        "unlocode": result.unlocode,
        "finding": result.finding,
    }


def membership_row(membership: TrustedTraderMembership, party_id: int) -> Row:
    return {
        "program": membership.program.value,
        "membership_id": membership.membership_id,
        "program_country": membership.program_country,
        "party_id": party_id,
        "tier": membership.tier,
        "aeo_type": membership.aeo_type,
        "certified_on": membership.certified_on,
        "validated_on": membership.validated_on,
        "valid_until": membership.valid_until,
        "suspended": membership.suspended,
    }


def port_row(port: Port) -> Row:
    return {
        "unlocode": port.unlocode,
        "name": port.name,
        "country": port.country,
        "latitude": port.latitude,
        "longitude": port.longitude,
        "csi": port.csi,
        "csi_since": port.csi_since,
    }


def finding_row(subject_kind: str, subject_id: str, finding: DataQualityFinding) -> Row:
    row: Row = {
        "subject_kind": subject_kind,
        "subject_id": subject_id,
        "code": finding.code,
        "severity": finding.severity.value,
        "field": finding.field,
        "value": finding.value,
        "message": finding.message,
        "location": finding.where,
    }
    row["fingerprint"] = _digest(list(row.values()))
    return row
