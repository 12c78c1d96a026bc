"""X12 309 Customs Manifest: the carrier's manifest for a vessel call, one Filing per bill.

M10 names the vessel and voyage (M10-04 Lloyd's/IMO code, M10-08 number of bills), each P4 loop a
port of unlading (P4-01, with the arrival date P4-02) and each LX loop one bill: M11 (bill number,
foreign port of lading, packages, weight, master bill for a house bill), M13 when it amends, N1
parties, then per container a VID (equipment, seals VID-04/05 and M7) with N10 goods lines
(quantity, description running on over further N10, HS code when N10-04 says so, value, weight).

In the US the ports are written as Census Schedule D (US) and Schedule K (foreign) codes, not
UN/LOCODEs; they are kept out of the declared route with a finding that names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from greenlane.domain.codes import FilingType, Severity
from greenlane.domain.records import Container, DeclaredRoute, Filing, GoodsItem, Seal
from greenlane.ingest.base import parse_error
from greenlane.ingest.x12 import codes
from greenlane.ingest.x12.common import (
    Output,
    PartyDraft,
    Places,
    PortDraft,
    build_parties,
    build_route,
    check_filing,
    filed_at,
    place_entity,
    seals_from_m7,
    vessel_imo,
)
from greenlane.ingest.x12.envelope import FORMAT, Segment, Transaction
from greenlane.ingest.x12.values import (
    count,
    equipment_number,
    finding,
    hs_in_text,
    is_unlocode,
    join_pieces,
    mass_kg,
    number,
    wall_clock,
    zoned_moment,
)

N10_TEXT_WIDTH = 45
"""N10-02 free-form description is at most 45 characters; longer text runs on in the next N10."""


@dataclass(slots=True)
class _Item:
    n10: Segment
    box: int | None
    texts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Box:
    vid: Segment
    m7: list[Segment] = field(default_factory=list)
    number: str | None = None


@dataclass(slots=True)
class _Bill:
    lx: Segment
    p4: Segment | None
    m11: Segment | None = None
    m13: Segment | None = None
    parties: list[PartyDraft] = field(default_factory=list)
    ports: list[PortDraft] = field(default_factory=list)
    boxes: list[_Box] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)


def _starts_item(n10: Segment) -> bool:
    """An N10 with a quantity, commodity code or weight starts a goods line; one without
    continues the description of the line before."""
    return any(n10.get(e) for e in (1, 4, 5, 6, 8))


def _collect(tx: Transaction) -> list[_Bill]:
    bills: list[_Bill] = []
    p4: Segment | None = None
    party: PartyDraft | None = None
    port: PortDraft | None = None
    for seg in tx.body:
        bill = bills[-1] if bills else None
        if party is not None and party.add(seg):
            continue
        party = None
        if port is not None and seg.tag == "DTM":
            port.dates.append(seg)
            continue
        port = None
        tag = seg.tag
        if tag == "P4":
            p4 = seg
        elif tag == "LX":
            bills.append(_Bill(seg, p4))
        elif bill is None:
            continue  # heading segments (M10 and those before the first LX) are read apart
        elif tag == "M11":
            bill.m11 = bill.m11 or seg
        elif tag == "M13":
            bill.m13 = bill.m13 or seg
        elif tag == "N1":
            party = PartyDraft(seg)
            bill.parties.append(party)
        elif tag == "R4":
            port = PortDraft(seg)
            bill.ports.append(port)
        elif tag == "VID":
            bill.boxes.append(_Box(seg))
        elif tag == "M7" and bill.boxes:
            bill.boxes[-1].m7.append(seg)
        elif tag == "N10":
            box = len(bill.boxes) - 1 if bill.boxes else None
            if _starts_item(seg) or not bill.items or bill.items[-1].box != box:
                bill.items.append(_Item(seg, box))
            bill.items[-1].texts.append(seg.get(2))
    return bills


def _containers(bill: _Bill, tx: Transaction, places: Places) -> list[Container]:
    containers: list[Container] = []
    for box in bill.boxes:
        vid = box.vid
        box.number = equipment_number(vid.get(2), vid.get(3), "")
        if box.number is None:
            continue
        i = len(containers)
        places[f"containers[{i}]"] = tx.place(vid)
        places[f"containers[{i}].number"] = tx.place(vid, 3)
        seals: list[Seal] = []
        for element in (4, 5):
            if vid.get(element):
                places[f"containers[{i}].seals[{len(seals)}]"] = tx.place(vid, element)
                seals.append(Seal(vid.get(element)))
        for m7 in box.m7:
            seals += seals_from_m7(m7, f"containers[{i}]", len(seals), places)
        containers.append(
            Container(
                number=box.number,
                size_type=vid.get(9) or None,
                full=codes.EQUIPMENT_FULL.get(vid.get(10), True),
                seals=tuple(seals),
            )
        )
    return containers


def _goods(bill: _Bill, tx: Transaction, out: Output, places: Places) -> list[GoodsItem]:
    goods: list[GoodsItem] = []
    for i, item in enumerate(bill.items):
        n10 = item.n10
        places[f"goods[{i}]"] = tx.place(n10)
        description = join_pieces(item.texts, N10_TEXT_WIDTH)
        hs: str | None = None
        if n10.get(5) and n10.get(4) in codes.HS_QUALIFIERS:
            hs = n10.get(5)
            places[f"goods[{i}].hs_code"] = tx.place(n10, 5)
        elif (hs := hs_in_text(description)) is not None:
            places[f"goods[{i}].hs_code"] = tx.place(n10, 2)
        gross = mass_kg(n10.get(8), n10.get(7))
        if n10.get(8) and gross is None:
            out.findings.append(
                finding(
                    "x12.weight",
                    f"N10 weight {n10.get(8)!r} in unit {n10.get(7)!r} does not read",
                    f"goods[{i}].gross_mass_kg",
                    tx.place(n10, 8),
                    n10.get(8),
                    Severity.WARNING,
                )
            )
        places[f"goods[{i}].gross_mass_kg"] = tx.place(n10, 8)
        value = number(n10.get(6))
        goods.append(
            GoodsItem(
                line_number=i + 1,
                description=description,
                hs_code=hs,
                packages=count(n10.get(1)),
                package_type=n10.get(10) or None,
                gross_mass_kg=gross,
                value=value,
                currency=(n10.get(13) or "USD") if value is not None else None,
                container_number=bill.boxes[item.box].number if item.box is not None else None,
            )
        )
    if not goods and bill.m11 is not None:
        # A bill without N10 lines still declares packages and weight in M11.
        m11 = bill.m11
        places["goods[0]"] = tx.place(m11)
        places["goods[0].gross_mass_kg"] = tx.place(m11, 5)
        goods.append(
            GoodsItem(
                line_number=1,
                description="",
                packages=count(m11.get(3)),
                package_type=m11.get(4) or None,
                gross_mass_kg=mass_kg(m11.get(5), m11.get(6)),
            )
        )
    return goods


def _coded_place(
    code: str, slot: str, seg: Segment, element: int, tx: Transaction, out: Output
) -> str | None:
    """A port code of the 309: kept when it is a UN/LOCODE, else named in a finding."""
    if not code:
        return None
    if is_unlocode(code):
        return code
    out.findings.append(
        finding(
            "x12.location_scheme",
            f"{seg.tag}{element:02d} port code {code!r} is not a UN/LOCODE (US manifests use "
            "Census Schedule D and K codes); the declared route keeps UN/LOCODEs only",
            f"route.{slot}",
            tx.place(seg, element),
            code,
        )
    )
    return None


def _route(bill: _Bill, tx: Transaction, out: Output, places: Places) -> DeclaredRoute:
    route = build_route(bill.ports, tx, out, places).route
    if bill.m11 is not None and route.port_of_loading is None:
        loading = _coded_place(bill.m11.get(2), "port_of_loading", bill.m11, 2, tx, out)
        if loading:
            route = replace(route, port_of_loading=loading)
            places["route.port_of_loading"] = tx.place(bill.m11, 2)
    if bill.p4 is not None and route.port_of_discharge is None:
        discharge = _coded_place(bill.p4.get(1), "port_of_discharge", bill.p4, 1, tx, out)
        if discharge:
            route = replace(route, port_of_discharge=discharge)
            places["route.port_of_discharge"] = tx.place(bill.p4, 1)
    delivery = place_entity(bill.parties)
    if delivery and route.place_of_delivery is None:
        route = replace(route, place_of_delivery=delivery)
    return route


def _weight_total(bill: _Bill, goods: list[GoodsItem], tx: Transaction, out: Output) -> None:
    if bill.m11 is None:
        return
    declared = mass_kg(bill.m11.get(5), bill.m11.get(6))
    masses = [g.gross_mass_kg for g in goods if g.gross_mass_kg is not None]
    if declared is None or not masses or len(masses) != len(goods):
        return
    total = sum(masses)
    if abs(total - declared) > max(1.0, 0.01 * declared):
        out.findings.append(
            finding(
                "x12.weight_total",
                f"bill weight {declared:,.0f} kg (M11-05) differs from its goods lines, "
                f"{total:,.0f} kg in all",
                "goods[*].gross_mass_kg",
                tx.place(bill.m11, 5),
                bill.m11.get(5),
                Severity.WARNING,
            )
        )


def _filing(bill: _Bill, m10: Segment, tx: Transaction, out: Output, source_message: str) -> Filing:
    m11, m13 = bill.m11, bill.m13
    number_text = (m11.get(1) if m11 else "") or (m13.get(4) if m13 else "")
    if not number_text:
        raise parse_error(
            FORMAT,
            "309 bill (LX loop) has no bill of lading number",
            where=tx.place(bill.lx),
            expected="M11-01 bill of lading number (or M13-04 for an amendment)",
        )
    places: Places = {}
    master_text = m11.get(11) if m11 else ""
    house = number_text if master_text and master_text != number_text else None
    version = 1
    if m13 is not None:
        version = 2
        out.findings.append(
            finding(
                "x12.amendment",
                f"M13 amends bill {number_text!r} (amendment code {m13.get(6)!r}, action "
                f"{m13.get(7)!r}); X12 carries no revision number, so version 2 stands for "
                "'an amendment' (order them by filed_at)",
                "version",
                tx.place(m13),
                m13.get(6) or None,
            )
        )
    imo = vessel_imo(m10.get(4), m10.get(10), default_lloyds=True)
    if imo:
        places["vessel_imo"] = tx.place(m10, 4)
    scac_seg, scac_el = (m11, 12) if m11 and m11.get(12) else (m10, 1)
    places["carrier_scac"] = tx.place(scac_seg, scac_el)
    parties = build_parties(bill.parties, tx, out, places)
    containers = _containers(bill, tx, places)
    goods = _goods(bill, tx, out, places)
    _weight_total(bill, goods, tx, out)
    route = _route(bill, tx, out, places)
    arrival = None
    if bill.p4 is not None and bill.p4.get(2):
        p4 = bill.p4
        wall = wall_clock(p4.get(2), p4.get(5))
        if wall is not None:
            # P4 has no time code: local time at the port of unlading; a Schedule D code names
            # no zone here, so the declared port of discharge stands in, else UTC with a finding.
            port = p4.get(1)
            if not is_unlocode(port):
                port = route.port_of_discharge or port
            value = f"{p4.get(2)} {p4.get(5)}".strip()
            arrival, found = zoned_moment(
                wall, "", port, "estimated_arrival", value, tx.place(p4, 2)
            )
            out.findings += found
        else:
            out.findings.append(
                finding(
                    "x12.date",
                    f"P4 arrival date {bill.p4.get(2)!r} is not CCYYMMDD",
                    "estimated_arrival",
                    tx.place(bill.p4, 2),
                    bill.p4.get(2),
                    Severity.WARNING,
                )
            )
    filing = Filing(
        filing_type=FilingType.CARGO_DECLARATION,
        reference=number_text,
        version=version,
        filed_at=filed_at(tx),
        master_bill=master_text or number_text,
        house_bill=house,
        filer=tx.gs.get(2) or tx.sender or None,
        carrier_scac=scac_seg.get(scac_el) or None,
        vessel_imo=imo,
        vessel_name=m10.get(5) or None,
        voyage=m10.get(6) or None,
        route=route,
        estimated_arrival=arrival,
        parties=parties,
        goods=tuple(goods),
        containers=tuple(containers),
        source_message=source_message,
    )
    out.findings += check_filing(filing, tx, places)
    return filing


def read_309(tx: Transaction, source_message: str) -> Output:
    out = Output()
    m10 = next((seg for seg in tx.body if seg.tag == "M10"), None)
    if m10 is None:
        raise parse_error(
            FORMAT,
            "309 has no M10 segment",
            where=tx.place(tx.st),
            expected="M10 (manifest identifying information) after ST",
        )
    bills = _collect(tx)
    for bill in bills:
        out.filings.append(_filing(bill, m10, tx, out, source_message))
    declared = count(m10.get(8))
    if m10.get(8) and declared != len(bills):
        out.findings.append(
            finding(
                "x12.bill_count",
                f"M10-08 announces {m10.get(8)} bills of lading; the manifest holds {len(bills)}",
                "filings",
                tx.place(m10, 8),
                m10.get(8),
                Severity.WARNING,
            )
        )
    return out
