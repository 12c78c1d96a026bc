"""CUSCAR, customs cargo report: one cargo declaration filing per consignment (CNI group).

Header: BGM (document number, 1225 function), DTM+137 (filed at), NAD+MS (filer), TDT+20 (vessel,
voyage, carrier) with LOC and DTM+132/133 (arrival/departure estimates), and the EQD groups of
the boxes on the manifest. Consignment: CNI, RFF+BM/MB/BH (bills), LOC (route), NAD (parties),
GID groups (packages, FTX+AAA description, PIA HS code, MEA masses, SGP box link) and, in later
directories, EQD groups of its own.

The route: LOC+88 place of receipt, LOC+76 original port of loading (else LOC+9), LOC+13 and an
LOC+9 that differs from LOC+76 as transhipment ports, LOC+11 (else +12, else the header's LOC+60
place of arrival) port of discharge, LOC+7 (else +83) place of delivery.

Times without a zone are local: the document date at the place of arrival (LOC+60), where the
customs office it is sent to sits; the estimates at the places the vessel leaves and reaches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from greenlane.domain.codes import FilingType, SealAffixer, Severity
from greenlane.domain.records import (
    Container,
    DeclaredRoute,
    Filing,
    FilingParty,
    GoodsItem,
    Seal,
)
from greenlane.domain.validate import validate_filing
from greenlane.ingest.base import is_digits
from greenlane.ingest.edifact.envelope import Message, before, groups
from greenlane.ingest.edifact.equipment import Equipment, Header, read_equipment, read_header
from greenlane.ingest.edifact.parties import read_parties
from greenlane.ingest.edifact.syntax import Segment
from greenlane.ingest.edifact.values import Findings, read_mass, read_place

_GROSS = ("G", "AAB", "AAD")
_NET = ("N", "AAA", "AAF")


@dataclass(slots=True)
class _Consignment:
    lead: list[Segment] = field(default_factory=list)
    goods: list[list[Segment]] = field(default_factory=list)
    equipment: list[list[Segment]] = field(default_factory=list)


def _sections(group: list[Segment]) -> _Consignment:
    """Split a CNI group into its lead, its GID groups and its EQD groups."""
    out = _Consignment()
    current = out.lead
    for segment in group:
        if segment.tag == "GID":
            current = [segment]
            out.goods.append(current)
        elif segment.tag == "EQD":
            current = [segment]
            out.equipment.append(current)
        else:
            current.append(segment)
    return out


def _goods_item(
    index: int, group: list[Segment], findings: Findings
) -> tuple[GoodsItem, list[str]]:
    """The goods item and every box its SGP segments put it in."""
    gid = group[0]
    line = gid.get(0)
    packages = gid.get(1, 0)
    texts: list[str] = []
    hs_code: str | None = None
    gross = net = None
    links: list[str] = []
    for segment in group[1:]:
        if segment.tag == "FTX" and segment.get(0) == "AAA":
            texts.append(" ".join(c.strip() for c in segment.components(3) if c.strip()))
        elif segment.tag == "PIA" and hs_code is None:
            hs_code = next(
                (
                    segment.get(i, 0)
                    for i in range(1, 6)
                    if segment.get(i, 1).upper() == "HS" and segment.get(i, 0)
                ),
                None,
            )
        elif segment.tag == "MEA":
            attribute, kg = read_mass(segment, findings)
            if attribute in _GROSS and gross is None:
                gross = kg
            elif attribute in _NET and net is None:
                net = kg
        elif segment.tag == "SGP" and segment.get(0, 0):
            links.append(segment.get(0, 0))
    if len(links) > 1:
        findings.add(
            "edifact.goods_split",
            f"goods item {line or index} is spread over {len(links)} boxes "
            f"({', '.join(links)}); the canonical goods item keeps the first",
            "goods.container_number",
            links[0],
            gid.where,
            Severity.INFO,
        )
    item = GoodsItem(
        line_number=int(line) if is_digits(line) else index,
        description=" ".join(t for t in texts if t),
        hs_code=hs_code,
        packages=int(packages) if is_digits(packages) else None,
        package_type=gid.get(1, 1) or None,
        gross_mass_kg=gross,
        net_mass_kg=net,
        container_number=links[0] if links else None,
    )
    return item, links


def _container(box: Equipment) -> Container:
    return Container(
        number=box.number,
        size_type=box.size_type,
        full=box.full if box.full is not None else True,
        seals=tuple(Seal(s.number, s.affixed_by or SealAffixer.UNKNOWN) for s in box.seals),
    )


def _route(lead: list[Segment], header: Header) -> DeclaredRoute:
    places: dict[str, str] = {}
    transshipments: list[str] = []
    for segment in lead:
        place = read_place(segment) if segment.tag == "LOC" else None
        if place is None:
            continue
        if place.qualifier == "13":
            transshipments.append(place.code)
        places.setdefault(place.qualifier, place.code)
    loading = places.get("76") or places.get("9")
    if places.get("76") and places.get("9") and places["9"] != places["76"]:
        transshipments.insert(0, places["9"])
    arrival = header.places.get("60")
    return DeclaredRoute(
        place_of_receipt=places.get("88"),
        port_of_loading=loading,
        transshipment_ports=tuple(transshipments),
        port_of_discharge=places.get("11")
        or places.get("12")
        or (arrival.code if arrival else None),
        place_of_delivery=places.get("7") or places.get("83"),
    )


def parse_cuscar(message: Message, source_message: str, findings: Findings) -> list[Filing]:
    head = before(message.body, "CNI")
    header = read_header(before(head, "EQD"), findings)
    if header.function == "1":
        findings.add(
            "edifact.cancellation",
            f"CUSCAR {header.document_number} cancels an earlier report; the canonical model "
            "cannot withdraw a filing, so none is made",
            "filing",
            header.function,
            message.header.where,
        )
        return []
    document_date = header.times.get("137")
    filed_at = message.prepared_at
    if document_date is not None:
        # Read at the place of arrival: the report goes to the customs office there.
        arrival = header.places.get("60")
        filed_at = document_date.at(arrival.code if arrival else None, findings)
    if filed_at is None:
        findings.add(
            "edifact.no_time",
            "no document date (DTM+137) and no interchange time: no filing can be dated",
            "filed_at",
            None,
            message.header.where,
        )
        return []
    manifest = [read_equipment(g, findings) for g in _sections(head).equipment]
    consignments = list(groups(message.body, "CNI"))
    if not consignments:
        findings.add(
            "edifact.no_consignment",
            "CUSCAR without a consignment (CNI): no filing is made",
            "filing",
            None,
            message.header.where,
        )
    header_nads = [s for s in head if s.tag == "NAD"]
    context = _Context(
        message=message,
        header=header,
        manifest=manifest,
        filed_at=filed_at,
        version=_version(header.function, message.header.where, findings),
        parties=read_parties(header_nads, findings),
        filer=_filer(header_nads) or message.sender,
        carrier_scac=_scac(header, header_nads),
        source_message=source_message,
        consignments=len(consignments),
    )
    return [_filing(context, group, findings) for group in consignments]


@dataclass(frozen=True, slots=True)
class _Context:
    """What every consignment of the message shares."""

    message: Message
    header: Header
    manifest: list[Equipment]
    filed_at: datetime
    version: int
    parties: list[FilingParty]
    filer: str
    carrier_scac: str | None
    source_message: str
    consignments: int


def _filer(nads: list[Segment]) -> str | None:
    """NAD+MS, the message sender: its name, else its code."""
    sender = next((s for s in nads if s.get(0) == "MS"), None)
    return (sender.get(3, 0) or sender.get(1, 0) or None) if sender else None


def _version(function: str, where: str, findings: Findings) -> int:
    """1225 message function: 9 original; 4 change and 5 replace are amendments."""
    if function in ("4", "5"):
        findings.add(
            "edifact.amendment_version",
            f"message function {function} amends an earlier report without saying which "
            "version it is; recorded as version 2",
            "version",
            function,
            where,
            Severity.INFO,
        )
        return 2
    return 1


def _filing(context: _Context, group: list[Segment], findings: Findings) -> Filing:
    header, cni = context.header, group[0]
    parts = _sections(group)
    refs: dict[str, str] = {}
    for segment in parts.lead:
        if segment.tag == "RFF" and segment.get(0, 1):
            refs.setdefault(segment.get(0, 0).upper(), segment.get(0, 1))
    master = refs.get("MB") or refs.get("BM") or cni.get(1, 0)
    house = refs.get("BH") or (
        refs["BM"] if refs.get("MB") and refs.get("BM", "") != refs["MB"] else None
    )
    if not master:
        findings.add(
            "edifact.no_bill",
            "consignment without a bill of lading number (RFF+BM/MB) or CNI document number",
            "master_bill",
            None,
            cni.where,
        )
    read = [_goods_item(i + 1, g, findings) for i, g in enumerate(parts.goods)]
    goods = tuple(item for item, _ in read)
    linked = {number for _, links in read for number in links}
    boxes = [read_equipment(g, findings) for g in parts.equipment]
    boxes += [box for box in context.manifest if box.number in linked]
    if not boxes and context.consignments == 1:
        boxes = list(context.manifest)
    parties = [*read_parties(parts.lead, findings), *context.parties]
    vessel = header.vessel
    document = header.document_number or context.message.reference
    route = _route(parts.lead, header)
    # The vessel leaves the header's place of departure, else where this consignment was loaded
    # on it (LOC+9), and arrives at the header's place of arrival, else the port of discharge.
    lead_places = [p for p in (read_place(s) for s in parts.lead if s.tag == "LOC") if p]
    loaded = next((p.code for p in lead_places if p.qualifier == "9"), route.port_of_loading)
    departure = _header_place(header, ("5", "9")) or loaded
    arrival = _header_place(header, ("60", "11")) or route.port_of_discharge
    filing = Filing(
        filing_type=FilingType.CARGO_DECLARATION,
        reference=f"{document}/{cni.get(0) or cni.number}",
        version=context.version,
        filed_at=context.filed_at,
        master_bill=master,
        house_bill=house,
        filer=context.filer,
        carrier_scac=context.carrier_scac,
        vessel_imo=vessel.imo if vessel else None,
        vessel_name=vessel.name if vessel else None,
        voyage=(vessel.voyage if vessel else None) or header.refs.get("VON") or None,
        route=route,
        estimated_departure=_estimate(header, "133", departure, findings),
        estimated_arrival=_estimate(header, "132", arrival, findings),
        parties=tuple(parties),
        goods=goods,
        containers=tuple(_container(box) for box in boxes),
        source_message=context.source_message,
    )
    findings.extend(validate_filing(filing, where=cni.where))
    return filing


def _header_place(header: Header, qualifiers: tuple[str, ...]) -> str | None:
    return next((header.places[q].code for q in qualifiers if q in header.places), None)


def _estimate(
    header: Header, qualifier: str, place: str | None, findings: Findings
) -> datetime | None:
    """A header DTM (132 arrival, 133 departure estimate), read as local time at ``place``."""
    stamp = header.times.get(qualifier)
    return stamp.at(place, findings) if stamp is not None else None


def _scac(header: Header, nads: list[Segment]) -> str | None:
    """RFF+AAZ, or a carrier code whose agency (3055) is 182, the SCAC's maintainer."""
    if header.refs.get("AAZ"):
        return header.refs["AAZ"]
    for nad in nads:
        if nad.get(0) == "CA" and nad.get(1, 2) == "182":
            return nad.get(1, 0) or None
    vessel = header.vessel
    return vessel.carrier if vessel and vessel.carrier_agency == "182" else None
