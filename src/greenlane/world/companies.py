"""The trading companies of the world: suppliers, importers, forwarders, brokers, fronts.

Importers buy from a handful of regular suppliers, so trade has history: the same pairs recur on
the same lanes, which is what makes a new importer or an odd route stand out.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from greenlane.domain.codes import IdentifierScheme
from greenlane.domain.records import Party, PartyIdentifier
from greenlane.world import names
from greenlane.world.goods import CATEGORIES, GOODS, Goods
from greenlane.world.ids import scramble
from greenlane.world.network import DESTINATIONS, HUBS, ORIGIN_COUNTRIES, region_of

PERSON_NAME_SPACE = 1 << 20
"""Distinct person-named firm names (64 first names x 64 last names x 32 nouns x 8 forms)."""
PERSON_NAMED = 0.2
"""Share of catalog importers named after a person, so such a name says nothing by itself."""
_LEGAL_PREFIXES = (
    "",
    "Holding ",
    "Trading ",
    "Europe ",
    "Import ",
    "International ",
    "Group ",
    "Global ",
)
_LEGAL_FORMS = {"US": "LLC", "NL": "B.V.", "DE": "GmbH", "BE": "NV"}

CATEGORY_SHARE: dict[str, float] = {
    "electronics": 15,
    "appliances": 7,
    "machinery": 8,
    "auto": 8,
    "home": 12,
    "toys": 5,
    "apparel": 14,
    "textiles": 5,
    "footwear": 6,
    "food": 6,
    "reefer": 4,
    "chemicals": 5,
    "materials": 9,
}
US_PORT_GROUPS: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("west", ("USLGB", "USLAX"), 28),
    ("east", ("USNYC",), 12),
    ("south", ("USSAV",), 10),
    ("gulf", ("USHOU",), 8),
)
EU_IMPORTER_PORTS: dict[str, tuple[tuple[str, ...], float]] = {
    "NL": (("NLRTM", "BEANR"), 17),
    "DE": (("DEHAM", "NLRTM"), 13),
    "BE": (("BEANR", "NLRTM"), 12),
}


@dataclass(frozen=True, slots=True)
class Company:
    key: int
    party: Party
    category: str
    ports: tuple[str, ...]
    """A supplier's ports of loading, an importer's ports of discharge."""
    goods: tuple[Goods, ...] = ()
    suppliers: tuple[int, ...] = ()
    """An importer's regular suppliers (keys)."""
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Companies:
    by_key: Mapping[int, Company]
    suppliers: Mapping[str, tuple[Company, ...]]
    """By country."""
    importers: Mapping[str, tuple[Company, ...]]
    """By import region, US or EU."""
    fronts: Mapping[str, tuple[Company, ...]]
    """Trading companies in hub countries that origin laundering puts on the papers."""
    consolidators: Mapping[str, tuple[Company, ...]]
    forwarders: tuple[Company, ...]


def _address(country: str, rng: random.Random, city: str | None = None) -> tuple[str, str]:
    _template, _words, cities, addr = names.COUNTRY_STYLE[country]
    city = city or rng.choice(cities)
    return addr.format(n=rng.randrange(1, 400), s=rng.choice(names.STREETS), c=city), city


def _local_name(country: str, industry: str, rng: random.Random, city: str) -> str:
    template, words, _cities, _addr = names.COUNTRY_STYLE[country]
    return template.format(w=rng.choice(words), i=industry, c=city)


def _us_name(category: str, rng: random.Random) -> str:
    return (
        f"{rng.choice(names.US_WORDS)} {rng.choice(names.US_NOUNS[category])} "
        f"{rng.choice(names.US_SUFFIXES)}"
    )


def importer_address(country: str, rng: random.Random, city: str | None = None) -> str:
    """An importer's address: a US street in the given city, or the country's own style."""
    if country == "US":
        return f"{rng.randrange(100, 9999)} {rng.choice(names.STREETS)} Blvd, {city}"
    return _address(country, rng, city)[0]


def person_firm_name(slot: int, seed: int, country: str) -> str:
    """A firm named after a person, e.g. ``Maya Nguyen Imports LLC``: a different name for each
    slot below ``PERSON_NAME_SPACE`` (a bijection), so slots hand out names that never repeat."""
    x = scramble(slot, seed, 31, PERSON_NAME_SPACE)
    first, x = names.FIRST_NAMES[x % 64], x // 64
    last, x = names.LAST_NAMES[x % 64], x // 64
    noun, x = names.NEW_FIRM_NOUNS[x % 32], x // 32
    form = _LEGAL_PREFIXES[x % 8] + _LEGAL_FORMS.get(country, "Ltd.")
    return f"{first} {last} {noun} {form}"


def party_identifiers(country: str, rng: random.Random) -> tuple[PartyIdentifier, ...]:
    return _id(country, rng)


def _id(country: str, rng: random.Random) -> tuple[PartyIdentifier, ...]:
    if country == "US":
        value = f"{rng.randrange(10, 99)}-{rng.randrange(10**6, 10**7)}00"
        return (PartyIdentifier(IdentifierScheme.IMPORTER_NUMBER, value),)
    if region_of(country) == "EU":
        return (PartyIdentifier(IdentifierScheme.EORI, f"{country}{rng.randrange(10**9, 10**10)}"),)
    return (PartyIdentifier(IdentifierScheme.TAX_ID, f"{country}{rng.randrange(10**9, 10**10)}"),)


def build_companies(
    seed: int,
    origin_ports: Mapping[str, tuple[str, ...]],
    reachable: Callable[[str, str], bool],
) -> Companies:
    """Suppliers by country and category, importers with their regular suppliers."""
    rng = random.Random(seed * 7919 + 11)
    taken: set[str] = set()
    by_key: dict[int, Company] = {}

    def unique(make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in taken:
                taken.add(name)
                return name
        name = f"{make()} ({len(taken)})"
        taken.add(name)
        return name

    def add(company: Company) -> Company:
        by_key[company.key] = company
        return company

    suppliers: dict[str, list[Company]] = defaultdict(list)
    for country, share in ORIGIN_COUNTRIES.items():
        for category in CATEGORIES:
            goods = tuple(g for g in GOODS if g.category == category and country in g.origins)
            if not goods or not origin_ports.get(country):
                continue
            for _ in range(max(1, round(share * CATEGORY_SHARE[category] / 12))):
                address, city = _address(country, rng)
                industry = rng.choice(names.INDUSTRY[category])
                name = unique(partial(_local_name, country, industry, rng, city))
                party = Party(name, address, country, _id(country, rng))
                ports = origin_ports[country]
                home = tuple(rng.sample(ports, k=min(len(ports), rng.choice((1, 1, 2)))))
                suppliers[country].append(
                    add(
                        Company(
                            len(by_key), party, category, home, goods, (), rng.paretovariate(1.5)
                        )
                    )
                )

    fronts: dict[str, list[Company]] = defaultdict(list)
    for hub in sorted(HUBS):
        country = hub[:2]
        for _ in range(3):
            address, city = _address(country, rng)
            name = unique(partial(_local_name, country, "Trading", rng, city))
            party = Party(name, address, country, _id(country, rng))
            fronts[country].append(add(Company(len(by_key), party, "trading", (hub,))))

    consolidators: dict[str, list[Company]] = defaultdict(list)
    for country in suppliers:
        for _ in range(2):
            address, city = _address(country, rng)
            name = unique(partial(_local_name, country, "CFS Logistics", rng, city))
            party = Party(name, address, country, _id(country, rng))
            consolidators[country].append(
                add(Company(len(by_key), party, "cfs", origin_ports[country]))
            )

    forwarders = []
    for scac, name, country in names.FORWARDERS:
        taken.add(name)
        party = Party(name, None, country, (PartyIdentifier(IdentifierScheme.SCAC, scac),))
        forwarders.append(add(Company(len(by_key), party, "nvocc", ())))

    all_suppliers = [s for group in suppliers.values() for s in group]
    importers: dict[str, list[Company]] = defaultdict(list)
    slots: list[tuple[str, str, tuple[str, ...], float]] = [
        ("US", group, ports, weight) for group, ports, weight in US_PORT_GROUPS
    ] + [(c, c, ports, weight) for c, (ports, weight) in EU_IMPORTER_PORTS.items()]
    for country, group, ports, weight in slots:
        for category in CATEGORIES:
            count = max(1, round(weight * CATEGORY_SHARE[category] / 10))
            for _ in range(count):
                own = ports if len(ports) == 1 or rng.random() < 0.6 else ports[:1]
                pool = [
                    s
                    for s in all_suppliers
                    if s.category == category
                    and region_of(s.party.country or "") != region_of(country)
                    and any(reachable(o, d) for o in s.ports for d in own)
                ]
                if not pool:
                    continue
                k = min(len(pool), rng.randrange(2, 7))
                # Supplier counts already follow country shares; weight by size only.
                picks = rng.choices(pool, weights=[s.weight for s in pool], k=k)
                regular = tuple(sorted({s.key for s in picks}))
                us_city = rng.choice(names.US_PLACES[group]) if country == "US" else None
                address = importer_address(country, rng, us_city)
                if rng.random() < PERSON_NAMED:
                    # Drawn from the top of the range new importers draw from the bottom of.
                    name = person_firm_name(PERSON_NAME_SPACE - 1 - len(by_key), seed, country)
                    taken.add(name)
                elif country == "US":
                    name = unique(partial(_us_name, category, rng))
                else:
                    noun = rng.choice(names.US_NOUNS[category])
                    name = unique(partial(_local_name, country, noun, rng, address.split(", ")[-1]))
                party = Party(name, address, country, party_identifiers(country, rng))
                importers[region_of(country)].append(
                    add(
                        Company(
                            len(by_key), party, category, own, (), regular, rng.paretovariate(1.2)
                        )
                    )
                )

    assert all(d in DESTINATIONS for group in importers.values() for c in group for d in c.ports)
    return Companies(
        by_key=by_key,
        suppliers={k: tuple(v) for k, v in suppliers.items()},
        importers={k: tuple(v) for k, v in importers.items()},
        fronts={k: tuple(v) for k, v in fronts.items()},
        consolidators={k: tuple(v) for k, v in consolidators.items()},
        forwarders=tuple(forwarders),
    )
