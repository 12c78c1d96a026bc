"""Threat injection: each scenario bends an honest draft as the real threat would, and says how.

Only what the threat would change is changed: a swapped seal shows in the seal numbers read after
the hub and nowhere else; an undervalued entry shows only in the declared value. The label's
detail states the truth so that later stages can be scored against it.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from greenlane.domain.codes import EventType, PartyRole, SealAffixer, SealCondition
from greenlane.domain.records import Party
from greenlane.world.cargo import new_seal, similar_seal_number
from greenlane.world.catalog import Catalog
from greenlane.world.companies import importer_address, party_identifiers, person_firm_name
from greenlane.world.draft import ContainerDraft, EventDraft, SealDraft, ShipmentDraft, ThreatLabel
from greenlane.world.goods import GOODS, VAGUE_DESCRIPTIONS
from greenlane.world.journey import at_minute
from greenlane.world.scenarios import ThreatScenario as T
from greenlane.world.services import DAY, HOUR
from greenlane.world.watchlist import variant

SCENARIOS: tuple[T, ...] = tuple(T)
NEEDS_HUB = frozenset({T.SEAL_SWAPPED, T.ORIGIN_LAUNDERED, T.RESTUFFED_IN_TRANSIT})
PHYSICAL = frozenset(
    {T.SEAL_SWAPPED, T.RESTUFFED_IN_TRANSIT, T.CERTIFIED_CHAIN_THREAT, T.DOOR_OPENED_AT_SEA}
)
"""Threats in the box itself, which papers cannot show and an examination can."""
_CONTRABAND = (
    "cocaine",
    "methamphetamine",
    "undeclared firearms parts",
    "counterfeit goods",
    "cigarettes",
)


def choose(rng: random.Random) -> tuple[T, ...]:
    """One scenario, evenly; a certified chain is sometimes broken by a swapped seal as well."""
    scenario = rng.choice(SCENARIOS)
    if scenario is T.CERTIFIED_CHAIN_THREAT and rng.random() < 0.4:
        return (scenario, T.SEAL_SWAPPED)
    return (scenario,)


def route_needs(scenarios: tuple[T, ...]) -> str | None:
    if T.IRRATIONAL_ROUTING in scenarios:
        return "irrational"
    return "hub" if NEEDS_HUB.intersection(scenarios) else None


def connection_time(scenarios: tuple[T, ...]) -> int:
    """Time between arrival at a hub and the earliest onward departure that can be taken."""
    return 5 * DAY if T.RESTUFFED_IN_TRANSIT in scenarios else 2 * DAY


def new_importer_party(d: ShipmentDraft, seed: int) -> Party:
    """A firm first seen on this shipment, written like the catalog's importers (address and
    identifier formats alike), so only its missing history gives it away. Its name comes from
    the bottom of the person-named range, by shipment index, and never repeats in a world of up
    to 2^20 shipments; catalog importers take theirs from the top."""
    template = d.importer.party
    country = template.country or "US"
    city = template.address.split(", ", 1)[-1] if template.address else None
    address = importer_address(country, d.rng, city)
    name = person_firm_name(d.index, seed, country)
    return Party(name, address, country, party_identifiers(country, d.rng))


def _move(box: ContainerDraft, etype: EventType, k: int) -> EventDraft:
    """The box's event of a kind on leg k (load, departure, arrival or discharge)."""
    return next(e for e in box.events if e.etype is etype and e.leg == k)


def _hub_window(d: ShipmentDraft, box: ContainerDraft, k: int) -> tuple[EventDraft, EventDraft]:
    """The discharge at the end of leg k and the load onto leg k+1: the box's time at the hub.

    Both are marked as evidence: they read the seal before and after the box's time there."""
    discharged = _move(box, EventType.DISCHARGED, k)
    loaded = _move(box, EventType.LOADED, k + 1)
    discharged.evidence = loaded.evidence = True
    return discharged, loaded


def _evidence(box: ContainerDraft, event: EventDraft) -> EventDraft:
    event.evidence = True
    box.events.append(event)
    return event


def _reseal_after(box: ContainerDraft, t: int, seal: SealDraft) -> None:
    for e in box.events:
        if e.t > t and e.seal is not None:
            e.seal = seal


def _seal_swapped(d: ShipmentDraft, rng: random.Random) -> str:
    k = rng.randrange(len(d.legs) - 1)
    box = rng.choice(d.containers)
    discharged, loaded = _hub_window(d, box, k)
    old = box.seal
    number = (
        similar_seal_number(old.number, rng)
        if rng.random() < 0.6
        else new_seal(rng, SealAffixer.SHIPPER, "").number
    )
    fake = SealDraft(number, old.affixed_by, old.seal_class, old.type_code, False)
    _reseal_after(box, discharged.t, fake)
    hub = d.legs[k].discharge_port
    if old.electronic:
        opened = at_minute(discharged.t + (loaded.t - discharged.t) // 2)
        _evidence(box, EventDraft(EventType.DOOR_OPENED, opened, hub, discharged.facility))
    return (
        f"seal {old.number} on {box.number} replaced by {number} at {hub} between discharge "
        f"and reloading; no removal or reseal recorded"
    )


def _restuffed(d: ShipmentDraft, cat: Catalog, rng: random.Random) -> str:
    k = rng.randrange(len(d.legs) - 1)
    box = rng.choice(d.containers)
    discharged, _loaded = _hub_window(d, box, k)
    hub = d.legs[k].discharge_port
    terminal = discharged.facility
    cfs = f"{cat.ports[hub].name} free zone CFS"
    old = box.seal
    affixer = SealAffixer.SHIPPER if rng.random() < 0.5 else SealAffixer.CONSOLIDATOR
    fresh = new_seal(rng, affixer, d.legs[-1].service.carrier.scac)
    t_out = at_minute(discharged.t + rng.randrange(4 * HOUR, 12 * HOUR))
    t_in = at_minute(t_out + rng.randrange(30 * HOUR, 48 * HOUR))
    _reseal_after(box, discharged.t, fresh)
    _evidence(box, EventDraft(EventType.GATE_OUT, t_out, hub, terminal, seal=old))
    reported = rng.random() < 0.5
    if reported:
        t_strip = at_minute(t_out + rng.randrange(6 * HOUR, 14 * HOUR))
        _evidence(box, EventDraft(EventType.STRIPPED, t_strip, hub, cfs, full=False))
        t_stuff = t_strip + rng.randrange(4, 12) * HOUR
        _evidence(box, EventDraft(EventType.STUFFED, t_stuff, hub, cfs, seal=fresh))
    _evidence(box, EventDraft(EventType.GATE_IN, t_in, hub, terminal, seal=fresh))
    said = "stripping and stuffing reported" if reported else "no stripping reported"
    return (
        f"{box.number} left the terminal at {hub} for {cfs}, was re-stuffed and came back "
        f"under seal {fresh.number} instead of {old.number} ({said})"
    )


def _laundered(d: ShipmentDraft, cat: Catalog, rng: random.Random) -> str:
    hub = d.route.hubs[0]
    country = hub[:2]
    true_country = d.supplier.party.country
    d.declared_pol = d.declared_receipt = hub
    d.declared_hubs = d.route.hubs[1:]
    for line in d.lines:
        line.origin = country
    for box in d.containers:  # where each box was really stuffed and first loaded
        for e in box.events:
            if e.etype is EventType.STUFFED or (e.etype is EventType.LOADED and e.leg == 0):
                e.evidence = True
    front = ""
    if rng.random() < 0.7:
        party = rng.choice(cat.companies.fronts[country]).party
        for role in (
            PartyRole.SHIPPER,
            PartyRole.SELLER,
            PartyRole.MANUFACTURER,
            PartyRole.STUFFER,
            PartyRole.CONSOLIDATOR,
        ):
            d.parties[role] = party
        front = f"; front company {party.name} named as shipper and manufacturer"
    return (
        f"stuffed at {d.origin} ({true_country}) by {d.supplier.party.name}; declared as "
        f"loaded at {hub} with origin {country}{front}"
    )


def _door_opened_at_sea(d: ShipmentDraft, rng: random.Random) -> str:
    """Rip-on/rip-off with the crew: the doors opened on board, between load and discharge.

    Only the box's own electronic seal or door sensor can tell, so the box carries one: an
    e-seal fitted at stuffing where it had none. The sensor reports the opening at sea (no port,
    no facility) with the seal as it reads it: a tamper alert, or intact where the doors were
    taken off their hinges and the seal left untouched."""
    k = rng.randrange(len(d.legs))
    box = rng.choice(d.containers)
    leg = d.legs[k]
    loaded = _move(box, EventType.LOADED, k)
    departed = _move(box, EventType.DEPARTED, k)
    arrived = _move(box, EventType.ARRIVED, k)
    seal = loaded.seal or box.seal
    seal.electronic = True
    span = arrived.t - departed.t
    t = at_minute(departed.t + span // 10 + rng.randrange(max(1, span * 8 // 10)))
    alert = rng.random() < 0.7
    condition = SealCondition.TAMPER_ALERT if alert else SealCondition.INTACT
    opened = EventDraft(EventType.DOOR_OPENED, t, None, None, k, seal, condition=condition)
    _evidence(box, opened)
    departed.evidence = arrived.evidence = True
    read = (
        f"e-seal {seal.number} raised a tamper alert"
        if alert
        else f"door sensor reported it; seal {seal.number} read intact (hinges taken off)"
    )
    at = datetime.fromtimestamp(t, UTC)
    return (
        f"doors of {box.number} opened at sea on {leg.vessel.name} voyage {leg.voyage} "
        f"between {leg.load_port} and {leg.discharge_port} at {at:%Y-%m-%d %H:%M} UTC, "
        f"{(t - departed.t) / HOUR:.0f} h after departure; {rng.choice(_CONTRABAND)} put in or "
        f"taken out with the crew's help; {read}"
    )


def _vague(d: ShipmentDraft, rng: random.Random) -> str:
    phrase = rng.choice(VAGUE_DESCRIPTIONS)
    line = rng.choice(d.lines)
    true = line.description
    line.description = phrase
    if rng.random() < 0.3:
        d.amendment = "description"
    return f"line of {true} declared as '{phrase}'"


def _wrong_hs(d: ShipmentDraft, rng: random.Random) -> str:
    line = d.lines[0]
    true = line.goods
    # A misclassification that could pass at a glance: goods of the same trade under another
    # heading, preferably one for cheaper goods (lower duty, lower value to explain).
    kin = [g for g in GOODS if g.category == true.category and g.hs_code[:4] != true.hs_code[:4]]
    covers = (
        [g for g in kin if g.usd_per_kg[1] <= true.usd_per_kg[1]]
        or kin
        or [g for g in GOODS if g.hs_code[:4] != true.hs_code[:4]]
    )
    cover = rng.choice(covers)
    for other in d.lines:
        if other.goods is true:
            other.hs_code = cover.hs_code
    return (
        f"{true.description} (HS {true.hs_code}) declared under HS {cover.hs_code} "
        f"({cover.description})"
    )


def _undervalued(d: ShipmentDraft, rng: random.Random) -> str:
    d.value_factor = round(rng.uniform(0.15, 0.45), 3)
    true = sum(line.value_usd for line in d.lines)
    return f"declared value is {d.value_factor:.0%} of the true value of about USD {true:,.0f}"


def _watchlisted(d: ShipmentDraft, cat: Catalog, rng: random.Random) -> str:
    entry = rng.choice(cat.watchlist)
    written, how = variant(entry.name, rng)
    # Listed parties carry an identifier like everyone else: screening is by name and address.
    address = entry.address if rng.random() < 0.6 else None
    party = Party(written, address, entry.country, party_identifiers(entry.country or "", rng))
    role = rng.choices(
        (PartyRole.SHIPPER, PartyRole.CONSIGNEE, PartyRole.NOTIFY_PARTY, PartyRole.MANUFACTURER),
        weights=(35, 25, 25, 15),
    )[0]
    d.parties[role] = party
    if role is PartyRole.SHIPPER:
        d.parties[PartyRole.SELLER] = party
    return f"{role.value} '{written}' is watch-list entry '{entry.name}' ({how})"


def _new_importer(d: ShipmentDraft, seed: int) -> str:
    party = new_importer_party(d, seed)
    old = d.importer.party
    for role, current in list(d.parties.items()):
        if current is old:
            d.parties[role] = party
    return f"importer '{party.name}' has no trade before this shipment"


def _certified(d: ShipmentDraft, cat: Catalog, rng: random.Random) -> str:
    m = cat.membership_of[d.importer.key]
    program = f"C-TPAT tier {m.tier}" if m.tier else f"AEO ({m.program_country})"
    box = rng.choice(d.containers)
    return (
        f"{rng.choice(_CONTRABAND)} concealed in {box.number} at stuffing at "
        f"{d.supplier.party.name}; importer {d.importer.party.name} is {program}; "
        f"seals and papers consistent"
    )


def inject(d: ShipmentDraft, scenarios: tuple[T, ...], cat: Catalog, seed: int) -> None:
    """Apply each scenario to the draft and record its label."""
    rng = d.rng
    for s in scenarios:
        if s is T.SEAL_SWAPPED:
            detail = _seal_swapped(d, rng)
        elif s is T.RESTUFFED_IN_TRANSIT:
            detail = _restuffed(d, cat, rng)
        elif s is T.ORIGIN_LAUNDERED:
            detail = _laundered(d, cat, rng)
        elif s is T.VAGUE_DESCRIPTION:
            detail = _vague(d, rng)
        elif s is T.WRONG_HS_CODE:
            detail = _wrong_hs(d, rng)
        elif s is T.UNDERVALUATION:
            detail = _undervalued(d, rng)
        elif s is T.WATCHLISTED_PARTY:
            detail = _watchlisted(d, cat, rng)
        elif s is T.NEW_IMPORTER:
            detail = _new_importer(d, seed)
        elif s is T.CERTIFIED_CHAIN_THREAT:
            detail = _certified(d, cat, rng)
        elif s is T.DOOR_OPENED_AT_SEA:
            detail = _door_opened_at_sea(d, rng)
        else:
            nm, best = d.route.nm, cat.lanes.best_nm[d.origin, d.destination]
            detail = (
                f"{' > '.join(d.route.ports)}: {nm:,.0f} nm where {best:,.0f} nm would do "
                f"({nm / best:.1f}x)"
            )
        d.labels.append(ThreatLabel(s, detail))
