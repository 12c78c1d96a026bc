"""X12 310 Freight Receipt and Invoice (Ocean): the carrier's bill of lading data, one Filing.

The 310 carries what a cargo declaration needs: the bill (N9*BM, else B3-03), the vessel and
voyage (V1), the parties (N1 loops), the route (R4 with its DTM), the containers (N7) with their
seals (M7) and the goods (L0 quantities and weights, L5 descriptions), often with the HS code only
in free text (C8 or L5: ``WHT CODE: 4411.1400``). It states no move, so it gives no events.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from greenlane.domain.codes import FilingType, Severity
from greenlane.domain.records import Container, Filing, GoodsItem, Seal
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
    seals_from_m7,
    vessel_imo,
)
from greenlane.ingest.x12.envelope import FORMAT, Segment, Transaction
from greenlane.ingest.x12.values import (
    check_digit_conflict,
    count,
    equipment_number,
    finding,
    hs_in_text,
    join_pieces,
    mass_kg,
)

L5_TEXT_WIDTH = 50
"""L5-02 lading description is at most 50 characters; longer text runs on in the next L5."""


@dataclass(slots=True)
class _Box:
    n7: Segment
    m7: list[Segment] = field(default_factory=list)
    number: str | None = None


@dataclass(slots=True)
class _Line:
    """One lading line: its L0 and L5 segments (same lading line number) and the LX's boxes."""

    key: str
    boxes: list[int]
    l0: Segment | None = None
    l5: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    b3: Segment | None = None
    b2a: Segment | None = None
    v1: Segment | None = None
    refs: dict[str, Segment] = field(default_factory=dict)
    parties: list[PartyDraft] = field(default_factory=list)
    ports: list[PortDraft] = field(default_factory=list)
    notes: list[Segment] = field(default_factory=list)
    boxes: list[_Box] = field(default_factory=list)
    lines: dict[str, _Line] = field(default_factory=dict)


def _collect(tx: Transaction, out: Output) -> _Draft:
    draft = _Draft()
    party: PartyDraft | None = None
    port: PortDraft | None = None
    lx_boxes: list[int] = []
    for seg in tx.body:
        if party is not None and party.add(seg):
            continue
        party = None
        if port is not None and seg.tag == "DTM":
            port.dates.append(seg)
            continue
        port = None
        tag = seg.tag
        if tag == "B3":
            draft.b3 = draft.b3 or seg
        elif tag == "B2A":
            draft.b2a = draft.b2a or seg
        elif tag == "V1":
            draft.v1 = draft.v1 or seg
        elif tag == "N9":
            draft.refs.setdefault(seg.get(1), seg)
        elif tag == "N1":
            party = PartyDraft(seg)
            draft.parties.append(party)
        elif tag == "R4":
            port = PortDraft(seg)
            draft.ports.append(port)
        elif tag == "C8":
            draft.notes.append(seg)
        elif tag == "LX":
            lx_boxes = []
        elif tag == "N7":
            draft.boxes.append(_Box(seg))
            lx_boxes.append(len(draft.boxes) - 1)
        elif tag == "M7":
            if draft.boxes:
                draft.boxes[-1].m7.append(seg)
            else:
                out.findings.append(
                    finding(
                        "x12.seal_without_container",
                        "M7 seal numbers come before any N7 container; they were not kept",
                        "containers",
                        tx.place(seg, 1),
                        seg.get(1),
                        Severity.WARNING,
                    )
                )
        elif tag in ("L0", "L5"):
            key = seg.get(1)
            line = draft.lines.setdefault(key, _Line(key, list(lx_boxes)))
            if tag == "L0":
                line.l0 = line.l0 or seg
            else:
                line.l5.append(seg)
    return draft


def _containers(draft: _Draft, tx: Transaction, out: Output, places: Places) -> list[Container]:
    containers: list[Container] = []
    for box in draft.boxes:
        initial, serial, check = box.n7.get(1), box.n7.get(2), box.n7.get(18)
        number = equipment_number(initial, serial, check)
        if number is None:
            continue
        box.number = number
        i = len(containers)
        places[f"containers[{i}]"] = tx.place(box.n7)
        places[f"containers[{i}].number"] = tx.place(
            box.n7, 18 if check and len(serial) == 6 else 2
        )
        if check_digit_conflict(serial, check):
            out.findings.append(
                finding(
                    "x12.check_digit_element",
                    f"equipment number {initial}{serial} ends in {serial[-1]} but N7-18 gives "
                    f"check digit {check}",
                    f"containers[{i}].number",
                    tx.place(box.n7, 18),
                    check,
                    Severity.WARNING,
                )
            )
        seals: list[Seal] = []
        for m7 in box.m7:
            seals += seals_from_m7(m7, f"containers[{i}]", len(seals), places)
        containers.append(Container(number, box.n7.get(22) or None, True, tuple(seals)))
    return containers


def _goods(draft: _Draft, tx: Transaction, out: Output, places: Places) -> list[GoodsItem]:
    goods: list[GoodsItem] = []
    for n, line in enumerate(draft.lines.values(), start=1):
        i = len(goods)
        first = line.l0 or line.l5[0]
        places[f"goods[{i}]"] = tx.place(first)
        description = join_pieces((l5.get(2) for l5 in line.l5), L5_TEXT_WIDTH)
        hs: str | None = None
        for l5 in line.l5:
            if l5.get(3) and l5.get(4) in codes.HS_QUALIFIERS:
                hs = l5.get(3)
                places[f"goods[{i}].hs_code"] = tx.place(l5, 3)
                break
        if hs is None and (hs := hs_in_text(description)) is not None:
            places[f"goods[{i}].hs_code"] = tx.place(line.l5[0], 2)
        l0 = line.l0
        gross = net = None
        packages, package_type = None, None
        if l0 is not None:
            weight = mass_kg(l0.get(4), l0.get(11))
            if l0.get(4) and weight is None:
                out.findings.append(
                    finding(
                        "x12.weight",
                        f"L0 weight {l0.get(4)!r} in unit {l0.get(11)!r} does not read",
                        f"goods[{i}].gross_mass_kg",
                        tx.place(l0, 4),
                        l0.get(4),
                        Severity.WARNING,
                    )
                )
            if l0.get(5) == "N":
                net = weight
            else:
                gross = weight
            places[f"goods[{i}].gross_mass_kg"] = places[f"goods[{i}].net_mass_kg"] = tx.place(
                l0, 4
            )
            packages, package_type = count(l0.get(8)), l0.get(9) or None
        box = draft.boxes[line.boxes[0]].number if len(line.boxes) == 1 else None
        goods.append(
            GoodsItem(
                line_number=count(line.key) or n,
                description=description,
                hs_code=hs,
                packages=packages,
                package_type=package_type,
                gross_mass_kg=gross,
                net_mass_kg=net,
                container_number=box,
            )
        )
    return goods


def _header_hs(
    draft: _Draft, goods: list[GoodsItem], tx: Transaction, out: Output, places: Places
) -> None:
    """An HS code in C8 free text belongs to the goods when there is one line to give it to."""
    for note in draft.notes:
        found = [(e, hs) for e, text in enumerate(note.elements, 1) if (hs := hs_in_text(text))]
        if not found:
            continue
        element, hs = found[0]
        open_lines = [i for i, item in enumerate(goods) if item.hs_code is None]
        if len(goods) == 1 and open_lines:
            goods[0] = replace(goods[0], hs_code=hs)
            places["goods[0].hs_code"] = tx.place(note, element)
        elif open_lines:
            out.findings.append(
                finding(
                    "x12.hs_code_unassigned",
                    f"C8 free text gives HS code {hs!r} but the message has {len(goods)} goods "
                    "lines; it was not given to any",
                    "goods",
                    tx.place(note, element),
                    hs,
                )
            )


def read_310(tx: Transaction, source_message: str) -> Output:
    out = Output()
    places: Places = {}
    draft = _collect(tx, out)
    bm, mb = draft.refs.get("BM"), draft.refs.get("MB")
    b3 = draft.b3
    master = (mb.get(2) if mb else "") or (bm.get(2) if bm else "") or (b3.get(3) if b3 else "")
    if not master:
        raise parse_error(
            FORMAT,
            "310 names no bill of lading",
            where=tx.place(tx.st),
            expected="N9*BM (bill of lading number) or B3-03 (shipment identification number)",
        )
    house = bm.get(2) if mb and bm and bm.get(2) not in ("", mb.get(2)) else None

    version = 1
    purpose = draft.b2a.get(1) if draft.b2a else ""
    if purpose == codes.PURPOSE_CANCELLATION:
        out.findings.append(
            finding(
                "x12.cancellation",
                f"B2A-01 purpose 01: this 310 cancels bill {master!r}; greenlane records it as "
                "filed, with this finding as the only sign of the cancellation",
                "version",
                tx.place(draft.b2a, 1) if draft.b2a else tx.place(),
                purpose,
                Severity.WARNING,
            )
        )
    elif purpose not in ("", codes.PURPOSE_ORIGINAL):
        version = 2
        out.findings.append(
            finding(
                "x12.amendment",
                f"B2A-01 purpose {purpose!r} amends bill {master!r}; X12 carries no revision "
                "number, so version 2 stands for 'an amendment' (order them by filed_at)",
                "version",
                tx.place(draft.b2a, 1) if draft.b2a else tx.place(),
                purpose,
            )
        )

    v1 = draft.v1
    imo = vessel_imo(v1.get(1), v1.get(8)) if v1 else None
    if v1 and imo:
        places["vessel_imo"] = tx.place(v1, 1)
    scac = (b3.get(11) if b3 else "") or (v1.get(5) if v1 else "")
    if scac:
        places["carrier_scac"] = tx.place(b3, 11) if b3 and b3.get(11) else tx.place(v1, 5)
    route = build_route(draft.ports, tx, out, places)
    parties = build_parties(draft.parties, tx, out, places)
    containers = _containers(draft, tx, out, places)
    goods = _goods(draft, tx, out, places)
    _header_hs(draft, goods, tx, out, places)
    filing = Filing(
        filing_type=FilingType.CARGO_DECLARATION,
        reference=master if house is None else house,
        version=version,
        filed_at=filed_at(tx),
        master_bill=master,
        house_bill=house,
        filer=tx.gs.get(2) or tx.sender or None,
        carrier_scac=scac or None,
        vessel_imo=imo,
        vessel_name=(v1.get(2) if v1 else "") or None,
        voyage=(v1.get(4) if v1 else "") or None,
        route=route.route,
        estimated_departure=route.departure,
        estimated_arrival=route.arrival,
        parties=parties,
        goods=tuple(goods),
        containers=tuple(containers),
        source_message=source_message,
    )
    out.filings.append(filing)
    out.findings += check_filing(filing, tx, places)
    return out
