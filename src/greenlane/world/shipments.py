"""One shipment of the world, a pure function of the world's seed and the shipment's index."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from greenlane.domain.codes import InspectionKind, InspectionOutcome, PartyRole
from greenlane.domain.records import Event, Filing, InspectionResult, Party
from greenlane.world import threats
from greenlane.world.cargo import load_cargo
from greenlane.world.catalog import Catalog
from greenlane.world.draft import EventDraft, SealDraft, ShipmentDraft, ThreatLabel
from greenlane.world.filings import build_filings, draw_filing_times, utc
from greenlane.world.ids import rng_for, scramble
from greenlane.world.inspections import plan_exam
from greenlane.world.journey import arrival_events, base_events, sail
from greenlane.world.noise import ReportingNoise, add_noise
from greenlane.world.scenarios import ThreatScenario
from greenlane.world.services import DAY, HOUR
from greenlane.world.trade import choose_trade

if TYPE_CHECKING:
    from collections.abc import Sequence

SOURCE = "world"


class WorldShipment:
    """One shipment with its filings, container events, inspections and threat labels.

    A generated shipment keeps its draft and renders the filing and event records the first
    time they are asked for; the Parquet writer reads the draft directly and never makes them.
    """

    __slots__ = (
        "_events",
        "_filings",
        "catalog",
        "draft",
        "index",
        "inspections",
        "master_bill",
        "threats",
        "world_seed",
    )

    def __init__(
        self,
        index: int,
        master_bill: str,
        inspections: tuple[InspectionResult, ...],
        threats: tuple[ThreatLabel, ...],
        *,
        draft: ShipmentDraft | None = None,
        catalog: Catalog | None = None,
        seed: int = 0,
        filings: tuple[Filing, ...] = (),
        events: tuple[Event, ...] = (),
    ) -> None:
        self.index = index
        self.master_bill = master_bill
        self.inspections = inspections
        self.threats = threats
        self.draft = draft
        self.catalog = catalog
        self.world_seed = seed
        self._filings: tuple[Filing, ...] | None = None if draft else filings
        self._events: tuple[Event, ...] | None = None if draft else events

    @property
    def filings(self) -> tuple[Filing, ...]:
        if self._filings is None:
            assert self.draft is not None and self.catalog is not None
            self._filings = build_filings(self.draft, self.catalog, self.world_seed)
        return self._filings

    @property
    def events(self) -> tuple[Event, ...]:
        if self._events is None:
            assert self.draft is not None
            made = []
            # Row layout: the events table's columns, then the seal readings (see event_rows).
            for row in event_rows(self.draft, self.world_seed):
                eid, etype, t, box, place, facility, imo, vessel, voyage, bill, full, ts = row[:12]
                source, readings = row[-2:]
                made.append(
                    Event(
                        eid,
                        etype,
                        utc(t),
                        box,
                        place,
                        facility,
                        imo,
                        vessel,
                        voyage,
                        bill,
                        full,
                        readings,
                        ts,
                        source,
                    )
                )
            self._events = tuple(made)
        return self._events

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorldShipment):
            return NotImplemented
        return (
            self.index,
            self.master_bill,
            self.filings,
            self.events,
            self.inspections,
            self.threats,
        ) == (
            other.index,
            other.master_bill,
            other.filings,
            other.events,
            other.inspections,
            other.threats,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"WorldShipment(index={self.index}, master_bill={self.master_bill!r})"


def event_rows(d: ShipmentDraft, seed: int) -> list[tuple[Any, ...]]:
    """Each event of each box as the columns of the events table (time in UTC seconds), with
    the seal readings of the record appended as a last value."""
    out: list[tuple[Any, ...]] = []
    legs = d.legs
    bill = d.master_bill
    prefix = f"w{seed}-{d.index}-"
    none = SealDraft.NONE
    for c, box in enumerate(d.containers):
        number = box.number
        for k, e in enumerate(box.events):
            readings, flat = e.seal.reading(e.condition) if e.seal is not None else ((), none)
            imo: str | None = None
            vessel: str | None = None
            voyage: str | None = None
            if e.leg >= 0:
                leg = legs[e.leg]
                imo, vessel, voyage = leg.vessel.imo, leg.vessel.name, e.voyage or leg.voyage
            out.append(
                (
                    f"{prefix}{c}-{k}",
                    e.etype,
                    e.t,
                    number,
                    e.unlocode,
                    e.facility,
                    imo,
                    vessel,
                    voyage,
                    bill,
                    e.full,
                    e.transshipment,
                    *flat,
                    e.source or SOURCE,
                    readings,
                )
            )
    return out


def _parties(d: ShipmentDraft, cat: Catalog, consolidated: bool) -> dict[PartyRole, Party]:
    rng = d.rng
    supplier, importer = d.supplier.party, d.importer.party
    country = d.supplier.party.country or ""
    manufacturer = supplier
    if rng.random() < 0.3:
        peers = [s for s in cat.companies.suppliers[country] if s.category == d.supplier.category]
        manufacturer = rng.choice(peers).party
    stuffer = rng.choice(cat.companies.consolidators[country]).party if consolidated else supplier
    return {
        PartyRole.SHIPPER: supplier,
        PartyRole.SELLER: supplier,
        PartyRole.MANUFACTURER: manufacturer,
        PartyRole.STUFFER: stuffer,
        PartyRole.CONSOLIDATOR: stuffer,
        PartyRole.CONSIGNEE: importer,
        PartyRole.BUYER: importer,
        PartyRole.IMPORTER_OF_RECORD: importer,
        PartyRole.SHIP_TO: importer,
        PartyRole.NOTIFY_PARTY: d.broker[1] if rng.random() < 0.6 else importer,
    }


def generate(
    cat: Catalog,
    seed: int,
    index: int,
    start: date,
    days: int,
    threat_rate: float,
    noise: ReportingNoise,
) -> WorldShipment:
    rng = rng_for(seed, index)
    scenarios: tuple[ThreatScenario, ...] = (
        threats.choose(rng) if rng.random() < threat_rate else ()
    )
    importer, supplier, route = choose_trade(
        cat,
        rng,
        threats.route_needs(scenarios),
        ThreatScenario.CERTIFIED_CHAIN_THREAT in scenarios,
    )
    first_day = int(datetime.combine(start, time(), tzinfo=UTC).timestamp())
    ready = first_day + rng.randrange(max(1, days) * DAY)
    legs = sail(route, cat.services, ready + 3 * DAY, threats.connection_time(scenarios))
    scac = legs[-1].service.carrier.scac
    nvocc = rng.choice(cat.companies.forwarders) if rng.random() < 0.25 else None
    d = ShipmentDraft(
        index=index,
        rng=rng,
        master_bill=f"{scac}{scramble(index, seed, 11, 10**10):010d}",
        importer=importer,
        supplier=supplier,
        route=route,
        legs=legs,
        parties={},
        nvocc=nvocc,
        house_bill=(
            f"{_scac(nvocc.party)}{scramble(index, seed, 12, 10**8):08d}" if nvocc else None
        ),
        broker=cat.broker_for(importer),
        declared_pol=route.ports[0],
        declared_receipt=route.ports[0],
        declared_hubs=route.hubs,
    )
    consolidated = rng.random() < 0.2
    d.parties = _parties(d, cat, consolidated)
    membership = cat.membership_of.get(importer.key)
    smart = membership is not None and membership.tier == 3 and rng.random() < 0.5
    load_cargo(d, electronic=smart or rng.random() < 0.02, consolidated=consolidated)
    shipper_site = f"{supplier.party.name} warehouse"
    for box in d.containers:
        base_events(d, box, shipper_site)
    if rng.random() < 0.04:
        d.amendment = "mass"  # a re-weighed box; a vague description's amendment replaces it
    threats.inject(d, scenarios, cat, seed)

    exam = plan_exam(rng, scenarios, membership is not None and not membership.suspended)
    us = d.destination.startswith("US")
    consignee_site = f"{d.parties[PartyRole.CONSIGNEE].name} distribution centre"
    check = 0.4 if us else 0.2
    box_exam = None
    if exam is not None and exam[0] is not InspectionKind.DOCUMENTARY:
        box_exam = "physical" if exam[0] is InspectionKind.PHYSICAL else "scan"
    inspected_at = [
        arrival_events(d, box, consignee_site, rng.random() < check, box_exam)
        for box in d.containers
    ]
    d.inspections = _results(d, seed, exam, inspected_at)
    draw_filing_times(d)
    add_noise(d, noise)  # last: it draws nothing that anything else depends on
    for box in d.containers:
        box.events.sort(key=_by_time)
    return WorldShipment(
        index, d.master_bill, d.inspections, tuple(d.labels), draft=d, catalog=cat, seed=seed
    )


def _scac(party: Party) -> str:
    return party.identifiers[0].value if party.identifiers else "NVOC"


def _by_time(e: EventDraft) -> int:
    return e.t


def _results(
    d: ShipmentDraft,
    seed: int,
    exam: tuple[InspectionKind, InspectionOutcome, str | None] | None,
    inspected_at: Sequence[int | None],
) -> tuple[InspectionResult, ...]:
    if exam is None:
        return ()
    kind, outcome, finding = exam
    pod = d.destination
    if kind is InspectionKind.DOCUMENTARY:
        at = d.legs[-1].arrived + d.rng.randrange(0, 24 * HOUR)
        return (
            InspectionResult(
                f"w{seed}-{d.index}-x0", utc(at), kind, outcome, d.master_bill, None, pod, finding
            ),
        )
    return tuple(
        InspectionResult(
            f"w{seed}-{d.index}-x{c}",
            utc(t),
            kind,
            outcome,
            d.master_bill,
            box.number,
            pod,
            finding,
        )
        for c, (box, t) in enumerate(zip(d.containers, inspected_at, strict=True))
        if t is not None
    )
