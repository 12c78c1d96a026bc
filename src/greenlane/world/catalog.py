"""The world's reference data, built once per world: ports, services, lanes, companies, programs.

Everything here is a pure function of the seed (and the start date, for membership dates), so two
processes building the same world hold the same catalog.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from greenlane.domain.codes import IdentifierScheme, PartyRole, TrustedTraderProgram
from greenlane.domain.ports import port_table
from greenlane.domain.records import (
    FilingParty,
    Party,
    PartyIdentifier,
    Port,
    TrustedTraderMembership,
)
from greenlane.errors import ConfigurationError
from greenlane.world.companies import Companies, Company, build_companies
from greenlane.world.names import BROKERS
from greenlane.world.network import CARRIERS, DESTINATIONS, ORIGIN_COUNTRIES, SERVICES, region_of
from greenlane.world.routes import Lanes, build_lanes
from greenlane.world.services import Service, build_services
from greenlane.world.watchlist import watchlist_parties

AEO_COUNTRIES = frozenset(
    {
        "CN",
        "KR",
        "JP",
        "MY",
        "TH",
        "SG",
        "IN",
        "TR",
        "DE",
        "IT",
        "SE",
        "PL",
        "BR",
        "TW",
        "VN",
        "ID",
        "NL",
        "BE",
    }
)
"""Countries whose customs run an AEO programme (the EU's and those it or the US recognise)."""


@dataclass(frozen=True, slots=True)
class Catalog:
    ports: Mapping[str, Port]
    services: tuple[Service, ...]
    lanes: Lanes
    companies: Companies
    memberships: tuple[TrustedTraderMembership, ...]
    membership_of: Mapping[int, TrustedTraderMembership]
    """Company key to its membership."""
    certified_importers: Mapping[str, tuple[Company, ...]]
    carrier_parties: Mapping[str, Party]
    watchlist: tuple[Party, ...]
    importer_cum: Mapping[str, tuple[float, ...]]
    """Cumulative importer weights per region, for ``random.choices``."""
    brokers: Mapping[str, tuple[tuple[str, Party], ...]]
    """Customs brokers by country: filer code and party."""

    def broker_for(self, importer: Company) -> tuple[str, Party]:
        """An importer always files through the same broker."""
        options = self.brokers[importer.party.country or "US"]
        return options[importer.key % len(options)]

    def used_ports(self) -> tuple[Port, ...]:
        codes = {c for s in self.services for c in s.spec.rotation}
        return tuple(self.ports[c] for c in sorted(codes))

    catalog_party_ids: frozenset[int] = frozenset()
    filing_parties: dict[tuple[PartyRole, int], FilingParty] = field(default_factory=dict)

    def filing_party(self, role: PartyRole, party: Party) -> FilingParty:
        """One shared (frozen) filing party per role and catalog party; one-off parties, such as
        a new importer, get their own. Catalog parties live as long as the catalog, so an id
        stays theirs."""
        key = (role, id(party))
        found = self.filing_parties.get(key)
        if found is not None:
            return found
        made = FilingParty(role, party)
        if key[1] in self.catalog_party_ids:
            self.filing_parties[key] = made
        return made


CHAIN_SHARE = 0.5
"""Share of the certified importers whose whole chain is enrolled: their broker, their regular
suppliers and the freight stations of those suppliers' countries. C-TPAT asks members to secure
their business partners; a Green Lane needs every party of the chain certified."""


def _chain_memberships(
    companies: Companies,
    certified: Mapping[str, tuple[Company, ...]],
    brokers: Mapping[str, tuple[tuple[str, Party], ...]],
    held: Sequence[TrustedTraderMembership],
    start: date,
    seed: int,
) -> list[TrustedTraderMembership]:
    """Memberships of the partners of half the certified importers, in the program of each
    partner's country (C-TPAT in the US and Mexico, the country's AEO elsewhere); partners in a
    country without one stay outside, as in real trade."""
    rng = random.Random(seed * 104729 + 5)
    enrolled = {id(m.party) for m in held}
    since = start - timedelta(days=400)
    out: list[TrustedTraderMembership] = []

    def enrol(party: Party) -> None:
        country = party.country or ""
        if id(party) in enrolled:
            return
        enrolled.add(id(party))
        serial = f"GL{len(out) + 1:06d}"
        if country in ("US", "MX"):
            program, home, kind = TrustedTraderProgram.CTPAT, "US", None
        elif country in AEO_COUNTRIES:
            program, home = TrustedTraderProgram.AEO, country
            kind = "security" if region_of(country) == "EU" else None
        else:
            return
        out.append(
            TrustedTraderMembership(
                f"{home}{serial}", program, party, home, None, kind, since, None, None, False
            )
        )

    countries: set[str] = set()
    for region in sorted(certified):
        for importer in certified[region]:
            if rng.random() >= CHAIN_SHARE:
                continue
            options = brokers[importer.party.country or "US"]
            enrol(options[importer.key % len(options)][1])
            for key in importer.suppliers:
                supplier = companies.by_key[key].party
                enrol(supplier)
                countries.add(supplier.country or "")
    for country in sorted(countries):
        for cfs in companies.consolidators.get(country, ()):
            enrol(cfs.party)
    return out


def _memberships(
    companies: Companies, carriers: Mapping[str, Party], start: date, seed: int
) -> tuple[list[TrustedTraderMembership], dict[int, TrustedTraderMembership]]:
    rng = random.Random(seed * 104729 + 3)
    serial = itertools.count(1)
    out: list[TrustedTraderMembership] = []
    by_key: dict[int, TrustedTraderMembership] = {}
    earliest = date(2008, 1, 1)
    span = max(30, (start - earliest).days - 180)

    def since() -> date:
        return earliest + timedelta(days=rng.randrange(span))

    def ctpat(party: Party, tier: int | None) -> TrustedTraderMembership:
        certified = since()
        validated = certified + timedelta(days=rng.randrange(90, 400)) if (tier or 0) >= 2 else None
        sid = f"SVI{next(serial):05d}{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}"
        return TrustedTraderMembership(
            sid,
            TrustedTraderProgram.CTPAT,
            party,
            "US",
            tier,
            None,
            certified,
            validated,
            None,
            rng.random() < 0.02,
        )

    def aeo(party: Party, country: str) -> TrustedTraderMembership:
        eu = region_of(country) == "EU"
        kind = ("full" if rng.random() < 0.7 else "security") if eu else None
        letter = "F" if kind == "full" else "S"
        mid = f"{country}AEO{letter if eu else ''}{next(serial):09d}"
        return TrustedTraderMembership(
            mid,
            TrustedTraderProgram.AEO,
            party,
            country,
            None,
            kind,
            since(),
            None,
            None,
            rng.random() < 0.02,
        )

    for region, importers in sorted(companies.importers.items()):
        for c in importers:
            country = c.party.country or ""
            if region == "US" and rng.random() < 0.35:
                by_key[c.key] = ctpat(c.party, rng.choices((1, 2, 3), weights=(30, 45, 25))[0])
            elif region == "EU" and rng.random() < 0.30:
                by_key[c.key] = aeo(c.party, country)
    for country, suppliers in sorted(companies.suppliers.items()):
        for c in suppliers:
            if country == "MX" and rng.random() < 0.2:
                by_key[c.key] = ctpat(c.party, None)
            elif country in AEO_COUNTRIES and rng.random() < 0.15:
                by_key[c.key] = aeo(c.party, country)
    out.extend(by_key[k] for k in sorted(by_key))
    out.extend(ctpat(p, None) for _, p in sorted(carriers.items()))
    return out, by_key


def build_catalog(seed: int, start: date) -> Catalog:
    ports = port_table()
    missing = sorted({c for s in SERVICES for c in s.rotation if c not in ports})
    if missing:
        raise ConfigurationError(
            f"the port table lacks ports the world sails to: {', '.join(missing)}"
        )
    services = build_services(ports, seed)
    lanes = build_lanes(services, ports)
    origin_ports: dict[str, list[str]] = defaultdict(list)
    for code in sorted({c for s in SERVICES for c in s.rotation}):
        country = code[:2]
        if country in ORIGIN_COUNTRIES and code not in DESTINATIONS:
            origin_ports[country].append(code)
    companies = build_companies(
        seed,
        {k: tuple(v) for k, v in origin_ports.items()},
        lambda o, d: (o, d) in lanes.normal,
    )
    carriers = {
        c.scac: Party(
            c.name, c.address, c.country, (PartyIdentifier(IdentifierScheme.SCAC, c.scac),)
        )
        for c in CARRIERS
    }
    memberships, membership_of = _memberships(companies, carriers, start, seed)
    certified = {
        region: tuple(
            c
            for c in group
            if c.key in membership_of
            and not membership_of[c.key].suspended
            and (membership_of[c.key].tier or 2) >= 2
        )
        for region, group in companies.importers.items()
    }
    brokers = {
        country: tuple((code, Party(name, None, country)) for code, name in entries)
        for country, entries in BROKERS.items()
    }
    memberships += _chain_memberships(companies, certified, brokers, memberships, start, seed)
    cum = {
        region: tuple(itertools.accumulate(c.weight for c in group))
        for region, group in companies.importers.items()
    }
    return Catalog(
        ports=ports,
        services=services,
        lanes=lanes,
        companies=companies,
        memberships=tuple(memberships),
        membership_of=membership_of,
        certified_importers=certified,
        carrier_parties=carriers,
        watchlist=watchlist_parties(),
        importer_cum=cum,
        brokers=brokers,
        catalog_party_ids=frozenset(
            [id(c.party) for c in companies.by_key.values()]
            + [id(p) for p in carriers.values()]
            + [id(p) for group in brokers.values() for _code, p in group]
        ),
    )
