"""Pieces the 309 and 310 readers share: parties (N1 loop), the route (R4 loop), seals (M7),
the vessel, and validation whose findings point at the segment each value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from greenlane.domain.codes import IdentifierScheme, SealAffixer, Severity
from greenlane.domain.records import (
    DataQualityFinding,
    DeclaredRoute,
    Event,
    Filing,
    FilingParty,
    Party,
    PartyIdentifier,
    Seal,
)
from greenlane.domain.validate import validate_filing
from greenlane.ingest.base import parse_error
from greenlane.ingest.x12 import codes
from greenlane.ingest.x12.envelope import FORMAT, Segment, Transaction
from greenlane.ingest.x12.values import (
    finding,
    is_unlocode,
    located,
    moment,
    wall_clock,
    zoned_moment,
)


@dataclass(slots=True)
class Output:
    """What one transaction set yields."""

    filings: list[Filing] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    findings: list[DataQualityFinding] = field(default_factory=list)


Places = dict[str, str]
"""Record field path (``containers[0].number``) -> place in the message."""


@dataclass(slots=True)
class PartyDraft:
    """An N1 loop: N1 name and id, N2 more name, N3 street, N4 city and country."""

    n1: Segment
    names: list[str] = field(default_factory=list)
    address: list[str] = field(default_factory=list)
    country: str | None = None
    country_place: str | None = None

    def add(self, seg: Segment) -> bool:
        """Take a segment of this loop; False when the segment belongs elsewhere."""
        if seg.tag == "N2":
            self.names += [seg.get(1), seg.get(2)]
        elif seg.tag == "N3":
            self.address += [seg.get(1), seg.get(2)]
        elif seg.tag == "N4":
            city = " ".join(v for v in (seg.get(1), seg.get(2), seg.get(3)) if v)
            self.address.append(city)
            if seg.get(4):
                self.country, self.country_place = seg.get(4), seg.place(4)
        elif seg.tag not in ("PER", "DTM"):
            return False
        return True


def build_parties(
    drafts: list[PartyDraft], tx: Transaction, out: Output, places: Places
) -> tuple[FilingParty, ...]:
    """Parties in roles greenlane knows; other roles become info findings, not silence."""
    parties: list[FilingParty] = []
    for draft in drafts:
        code = draft.n1.get(1)
        role = codes.PARTY_ROLES.get(code)
        name = " ".join(v for v in (draft.n1.get(2), *draft.names) if v)
        if code in codes.PLACE_ENTITIES:
            continue
        if role is None:
            out.findings.append(
                finding(
                    "x12.party_role",
                    f"party {name!r} has entity code {code!r}, a role greenlane does not model; "
                    "it is not among the filing's parties",
                    "parties",
                    tx.place(draft.n1, 1),
                    code,
                )
            )
            continue
        identifiers: list[PartyIdentifier] = []
        i = len(parties)
        if draft.n1.get(4):
            scheme = codes.ID_SCHEMES.get(draft.n1.get(3), IdentifierScheme.OTHER)
            identifiers.append(PartyIdentifier(scheme, draft.n1.get(4)))
            places[f"parties[{i}].party.identifiers[0]"] = tx.place(draft.n1, 4)
        places[f"parties[{i}]"] = tx.place(draft.n1)
        if draft.country_place:
            places[f"parties[{i}].party.country"] = f"ST {tx.control} {draft.country_place}"
        party = Party(
            name=name,
            address=", ".join(v for v in draft.address if v) or None,
            country=draft.country,
            identifiers=tuple(identifiers),
        )
        parties.append(FilingParty(role, party))
    return tuple(parties)


def place_entity(drafts: list[PartyDraft]) -> str | None:
    """A UN/LOCODE named by an N1 place entity (309 ``N1*FS`` final destination)."""
    for draft in drafts:
        if draft.n1.get(1) in codes.PLACE_ENTITIES:
            for value in (draft.n1.get(4), draft.n1.get(2)):
                if is_unlocode(value):
                    return value
    return None


@dataclass(slots=True)
class PortDraft:
    """An R4 loop: the port and the DTM segments that follow it."""

    r4: Segment
    dates: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class RouteResult:
    route: DeclaredRoute
    departure: datetime | None = None
    arrival: datetime | None = None


def _port_date(draft: PortDraft, tx: Transaction, out: Output) -> datetime | None:
    """The first DTM of an R4 loop, read in its time code's zone, else local at the R4 port."""
    for dtm in draft.dates:
        wall = wall_clock(dtm.get(2), dtm.get(3))
        if wall is not None:
            value = f"{dtm.get(2)} {dtm.get(3)}".strip()
            where = tx.place(dtm, 2)
            when, found = zoned_moment(wall, dtm.get(4), draft.r4.get(3), "route", value, where)
            out.findings += found
            return when
        out.findings.append(
            finding(
                "x12.date",
                f"DTM date {dtm.get(2)!r} time {dtm.get(3)!r} is not CCYYMMDD and HHMM[SS]",
                "route",
                tx.place(dtm, 2),
                dtm.get(2),
                Severity.WARNING,
            )
        )
    return None


def build_route(
    drafts: list[PortDraft], tx: Transaction, out: Output, places: Places
) -> RouteResult:
    """The declared route from R4 port functions; only UN/LOCODEs enter it (see DeclaredRoute)."""
    best: dict[str, tuple[int, str, PortDraft]] = {}
    transshipments: list[str] = []
    for draft in drafts:
        function, qualifier, code = draft.r4.get(1), draft.r4.get(2), draft.r4.get(3)
        slot, rank = codes.PORT_FUNCTIONS.get(function, ("", 0))
        if not slot or slot == "activity" or not code:
            continue
        if qualifier != "UN" and not (not qualifier and is_unlocode(code)):
            out.findings.append(
                finding(
                    "x12.location_scheme",
                    f"R4 names {code!r} with location qualifier {qualifier!r}, not a UN/LOCODE "
                    "(UN); the declared route keeps UN/LOCODEs only",
                    f"route.{slot}",
                    tx.place(draft.r4, 2),
                    code,
                )
            )
            continue
        if slot == "transshipment":
            if code not in transshipments:
                places[f"route.transshipment_ports[{len(transshipments)}]"] = tx.place(draft.r4, 3)
                transshipments.append(code)
        elif slot not in best or rank < best[slot][0]:
            best[slot] = (rank, code, draft)
    for slot, (_, _, draft) in best.items():
        places[f"route.{slot}"] = tx.place(draft.r4, 3)
    result = RouteResult(
        DeclaredRoute(
            place_of_receipt=best["place_of_receipt"][1] if "place_of_receipt" in best else None,
            port_of_loading=best["port_of_loading"][1] if "port_of_loading" in best else None,
            transshipment_ports=tuple(transshipments),
            port_of_discharge=best["port_of_discharge"][1] if "port_of_discharge" in best else None,
            place_of_delivery=best["place_of_delivery"][1] if "place_of_delivery" in best else None,
        )
    )
    if "port_of_loading" in best:
        result.departure = _port_date(best["port_of_loading"][2], tx, out)
    if "port_of_discharge" in best:
        result.arrival = _port_date(best["port_of_discharge"][2], tx, out)
    if result.departure and result.arrival and result.arrival < result.departure:
        out.findings.append(
            finding(
                "route.dates_order",
                f"arrival at the port of discharge ({result.arrival:%Y-%m-%d %H:%M}) is before "
                f"departure from the port of loading ({result.departure:%Y-%m-%d %H:%M})",
                "estimated_arrival",
                places.get("route.port_of_discharge", tx.place()),
                result.arrival.isoformat(),
                Severity.WARNING,
            )
        )
    return result


def seals_from_m7(seg: Segment, prefix: str, start: int, places: Places) -> list[Seal]:
    """M7-01..04 seal numbers; M7-05 says who applied them."""
    affixer = codes.SEAL_PARTIES.get(seg.get(5), SealAffixer.UNKNOWN)
    seals: list[Seal] = []
    for element in range(1, 5):
        if seg.get(element):
            places[f"{prefix}.seals[{start + len(seals)}]"] = f"{seg.place(element)}"
            seals.append(Seal(seg.get(element), affixed_by=affixer))
    return seals


def vessel_imo(code: str, qualifier: str, *, default_lloyds: bool = False) -> str | None:
    """The vessel code when its qualifier (897) says Lloyd's register, i.e. the IMO number."""
    if code and (qualifier == "L" or (default_lloyds and not qualifier)):
        return code
    return None


def check_filing(filing: Filing, tx: Transaction, places: Places) -> list[DataQualityFinding]:
    """validate_filing, with each finding placed at its segment and element."""
    full = {k: v if v.startswith("ST ") else f"ST {tx.control} {v}" for k, v in places.items()}
    return located(validate_filing(filing), full, tx.place())


def filed_at(tx: Transaction) -> datetime:
    """When the message was put together: GS04/05, else ISA09/10 (X12 has no filing time)."""
    when = moment(tx.gs.get(4), tx.gs.get(5)) or moment(
        tx.isa.get(9).strip(), tx.isa.get(10).strip()
    )
    if when is None:
        raise parse_error(
            FORMAT,
            f"group date {tx.gs.get(4)!r} time {tx.gs.get(5)!r} do not read",
            where=tx.gs.place(4),
            expected="GS04 date CCYYMMDD and GS05 time HHMM",
        )
    return when
