"""The filings of a shipment: cargo declarations, the US importer security filing, the entry.

What is declared comes from the draft's declared fields (which threats may have bent); what
happened comes from its legs and events. The two differ exactly where a threat was planted.

A filing is first planned as plain values (``FilingPlan``, ``goods_values``); records and
Parquet rows are both rendered from those values, so the two cannot disagree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

from greenlane.domain.codes import EventType, FilingType, PartyRole
from greenlane.domain.records import Container, DeclaredRoute, Filing, GoodsItem, Party
from greenlane.world.catalog import Catalog
from greenlane.world.draft import ShipmentDraft
from greenlane.world.ids import scramble
from greenlane.world.services import HOUR

USD_PER_EUR = 1.08
_ISF_ROLES = (
    PartyRole.SELLER,
    PartyRole.BUYER,
    PartyRole.IMPORTER_OF_RECORD,
    PartyRole.CONSIGNEE,
    PartyRole.MANUFACTURER,
    PartyRole.SHIP_TO,
    PartyRole.STUFFER,
    PartyRole.CONSOLIDATOR,
)
_ENTRY_ROLES = (
    PartyRole.IMPORTER_OF_RECORD,
    PartyRole.CONSIGNEE,
    PartyRole.SELLER,
    PartyRole.MANUFACTURER,
)
_MANIFEST_ROLES = (PartyRole.SHIPPER, PartyRole.CONSIGNEE, PartyRole.NOTIFY_PARTY)


def utc(t: int) -> datetime:
    return datetime.fromtimestamp(t, UTC)


class FilingPlan(NamedTuple):
    filing_type: FilingType
    reference: str
    version: int
    filed_at: int
    house_bill: str | None
    filer: str | None
    carrier_scac: str | None
    vessel_imo: str | None
    vessel_name: str | None
    voyage: str | None
    route: DeclaredRoute
    etd: int | None
    eta: int | None
    parties: tuple[tuple[PartyRole, Party], ...]
    goods: str
    """Which goods lines: ``manifest``, ``amended``, ``isf`` or ``entry``."""


def draw_filing_times(d: ShipmentDraft) -> None:
    """Filing times: declarations 28-72 h before lading (a few late), entries around arrival.

    Lading is the first box's load onto the first vessel, as the 24-hour rule counts it."""
    rng = d.rng
    arrived = d.legs[-1].arrived
    loads = [e.t for b in d.containers for e in b.events if e.etype is EventType.LOADED]
    laden = min([d.legs[0].departed, *loads])
    late = rng.random() < 0.03
    d.manifest_at = laden - (
        rng.randrange(2 * HOUR, 20 * HOUR) if late else rng.randrange(28 * HOUR, 72 * HOUR)
    )
    late = rng.random() < 0.04
    d.isf_at = laden - (
        rng.randrange(2 * HOUR, 20 * HOUR) if late else rng.randrange(30 * HOUR, 120 * HOUR)
    )
    d.entry_at = arrived - rng.randrange(-24 * HOUR, 72 * HOUR)
    d.amended_at = d.manifest_at + HOUR + rng.randrange(4 * HOUR, 48 * HOUR)
    d.amended_mass = rng.uniform(0.96, 1.04)


def filing_plan(d: ShipmentDraft, cat: Catalog, seed: int) -> list[FilingPlan]:
    first, last = d.legs[0], d.legs[-1]
    carrier = last.service.carrier
    scac, imo, vessel, voyage = carrier.scac, last.vessel.imo, last.vessel.name, last.voyage
    carrier_party = cat.carrier_parties[scac]
    route = DeclaredRoute(
        d.declared_receipt, d.declared_pol, d.declared_hubs, d.destination, d.destination
    )
    p = d.parties
    declared = tuple((role, p[role]) for role in _MANIFEST_ROLES)
    plans = []

    def manifest(
        reference: str,
        filed_at: int,
        house_bill: str | None,
        filer: str,
        parties: tuple[tuple[PartyRole, Party], ...],
    ) -> FilingPlan:
        # Every manifest of the shipment declares the same voyage and route; only who files
        # it, under which bill, and which parties it names differ.
        return FilingPlan(
            FilingType.CARGO_DECLARATION, reference, 1, filed_at, house_bill, filer, scac, imo,
            vessel, voyage, route, first.departed, last.arrived, parties, "manifest",
        )  # fmt: skip

    if d.nvocc is not None and d.house_bill is not None:
        # The carrier's master bill names the forwarder at both ends; the house bill the trade.
        fwd = d.nvocc.party
        plans.append(
            manifest(
                d.master_bill,
                d.manifest_at,
                None,
                carrier.name,
                (
                    (PartyRole.SHIPPER, fwd),
                    (PartyRole.CONSIGNEE, fwd),
                    (PartyRole.CARRIER, carrier_party),
                ),
            )
        )
        house = manifest(
            d.house_bill,
            d.manifest_at + HOUR,
            d.house_bill,
            fwd.name,
            (*declared, (PartyRole.NVOCC, fwd), (PartyRole.CARRIER, carrier_party)),
        )
    else:
        house = manifest(
            d.master_bill,
            d.manifest_at,
            None,
            carrier.name,
            (*declared, (PartyRole.CARRIER, carrier_party)),
        )
    plans.append(house)
    if d.amendment is not None:
        plans.append(house._replace(version=2, filed_at=d.amended_at, goods="amended"))
    code, broker = d.broker
    if d.destination.startswith("US"):
        plans.append(
            FilingPlan(
                FilingType.IMPORTER_SECURITY_FILING,
                f"ISF{scramble(d.index, seed, 21, 10**9):09d}",
                1,
                d.isf_at,
                d.house_bill,
                broker.name,
                scac,
                None,
                None,
                None,
                route,
                None,
                None,
                tuple((role, p[role]) for role in _ISF_ROLES),
                "isf",
            )
        )
        entry_ref = f"{code}-{scramble(d.index, seed, 22, 10**7):07d}"
    else:
        entry_ref = (
            f"{utc(last.arrived):%y}{d.destination[:2]}{scramble(d.index, seed, 23, 10**14):014d}"
        )
    plans.append(
        FilingPlan(
            FilingType.ENTRY,
            entry_ref,
            1,
            d.entry_at,
            d.house_bill,
            broker.name,
            scac,
            imo,
            vessel,
            voyage,
            route,
            None,
            last.arrived,
            (*((role, p[role]) for role in _ENTRY_ROLES), (PartyRole.DECLARANT, broker)),
            "entry",
        )
    )
    return plans


def goods_values(d: ShipmentDraft, kind: str) -> list[tuple[Any, ...]]:
    """The fields of each goods item of a filing, in ``GoodsItem`` order."""
    numbers = [b.number for b in d.containers]
    out: list[tuple[Any, ...]] = []
    if kind == "entry":
        us = d.destination.startswith("US")
        currency, rate = ("USD", 1.0) if us else ("EUR", 1 / USD_PER_EUR)
        for j, x in enumerate(d.lines, start=1):
            value = round(x.value_usd * d.value_factor * rate, 2)
            out.append(
                (
                    j,
                    x.goods.description,
                    x.hs_code,
                    x.packages,
                    x.goods.package_type,
                    x.gross_kg,
                    x.net_kg,
                    value,
                    currency,
                    x.origin,
                    numbers[x.container],
                )
            )
    elif kind == "isf":
        for j, x in enumerate(d.lines, start=1):
            out.append(
                (
                    j,
                    x.description,
                    x.hs_code,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    x.origin,
                    numbers[x.container],
                )
            )
    else:
        precise = kind == "amended" and d.amendment == "description"
        reweigh = kind == "amended" and d.amendment == "mass"
        for j, x in enumerate(d.lines, start=1):
            description = x.goods.description.upper() if precise else x.description
            hs = x.goods.hs_code if precise else x.hs_code
            gross = round(x.gross_kg * d.amended_mass, 1) if reweigh and j == 1 else x.gross_kg
            out.append(
                (
                    j,
                    description,
                    hs,
                    x.packages,
                    x.goods.package_type,
                    gross,
                    None,
                    None,
                    None,
                    None,
                    numbers[x.container],
                )
            )
    return out


def build_filings(d: ShipmentDraft, cat: Catalog, seed: int) -> tuple[Filing, ...]:
    """The filing records, rendered from the plan."""
    fp = cat.filing_party
    containers = tuple(
        Container(b.number, b.size_type, True, (b.seal.declared(),)) for b in d.containers
    )
    out = []
    for f in filing_plan(d, cat, seed):
        manifest = f.filing_type is FilingType.CARGO_DECLARATION
        out.append(
            Filing(
                f.filing_type,
                f.reference,
                f.version,
                utc(f.filed_at),
                d.master_bill,
                f.house_bill,
                f.filer,
                f.carrier_scac,
                f.vessel_imo,
                f.vessel_name,
                f.voyage,
                f.route,
                utc(f.etd) if f.etd is not None else None,
                utc(f.eta) if f.eta is not None else None,
                tuple(fp(role, party) for role, party in f.parties),
                tuple(GoodsItem(*values) for values in goods_values(d, f.goods)),
                containers if manifest else (),
            )
        )
    return tuple(out)
