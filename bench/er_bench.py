"""A labelled trade-party benchmark for entity resolution, grown from the world's companies.

Each row is one party as one filing wrote it; ``entity`` is who it really is. The entities are
the world's companies (``build_companies``), plus, for larger benchmarks, more companies named the
same way from a vocabulary recombined from the world's own words (a new name is never the "same
as" a taken one, as registries require). Each entity is written in a few spellings (the filers'
systems each keep their own) and every filing picks one, so records repeat, as real ones do. The
spellings carry what real filings carry: legal forms rewritten or dropped, capitals,
punctuation, abbreviations, typing slips, a dropped city prefix, other scripts and
romanisations; addresses abbreviated, cut, mistyped, missing, or moved when the company moved;
identifiers mostly missing and now and then mistyped.

Hard negatives sit beside them: sister companies (the group's distinctive name with another
line of business or a Holding/Trading/Group qualifier, often at the group's address), namesakes
(the same name in another country or another city or state), companies registered at one
formation agent's address under look-alike names, and the namesakes the world already has
(``Pacific Apparel Inc.`` in Los Angeles and ``Pacific Apparel LLC`` in Newark).
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import polars as pl

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from er_spelling import (
    CN_CITIES,
    LEGAL_FORMS,
    address_variant,
    id_typo,
    industry_phrases,
    name_variant,
    new_cn_word,
    new_word,
    split_words,
    typo,
)
from greenlane.world import names
from greenlane.world.companies import (
    PERSON_NAME_SPACE,
    importer_address,
    party_identifiers,
    person_firm_name,
)

ER_RECORDS: dict[str, pl.DataType] = {
    "record_key": pl.String(),
    "entity": pl.String(),
    "name": pl.String(),
    "address": pl.String(),
    "country": pl.String(),
    "identifiers": pl.List(pl.String()),
    "seen_at": pl.Datetime("us", "UTC"),
    "alterations": pl.List(pl.String()),
    "group": pl.String(),
}
"""One party record per row; ``entity`` is the truth, ``alterations`` what the filing did to
the name, address and identifiers, ``group`` the hard-negative group the entity belongs to
(``sister:<entity>``, ``namesake:<entity>``, ``agent:<n>``) or null."""

START = datetime(2024, 1, 1, tzinfo=UTC)
DAYS = 730
MEAN_RECORDS = 5.6
"""Records per entity: Pareto-distributed, a fifth seen once, a few on 60 filings."""
MOVED = 0.08
"""Share of entities that move once during the two years."""
SISTERS = 0.08
NAMESAKES = 0.03
"""Share of companies with an unrelated namesake: the same name in another country, or in
another city or state of the same country (registries are per state or per court)."""
AGENT_SHARE = 0.05
_CARRY = defaultdict(lambda: 0.35, {"duns": 0.15, "scac": 0.9})
"""How often a filer writes an identifier it could: the manifests of most filings carry none."""


@dataclass(frozen=True, slots=True)
class Entity:
    key: str
    name: str
    address: str | None
    country: str
    identifiers: tuple[str, ...]
    group: str | None = None
    moved: tuple[int, str] | None = None
    """Day of the move and the new address."""


def _ids(country: str, rng: random.Random) -> tuple[str, ...]:
    out = [f"{i.scheme.value}:{i.value}" for i in party_identifiers(country, rng)]
    if rng.random() < 0.3:
        out.append(f"duns:{rng.randrange(10**8, 10**9)}")
    return tuple(out)


def _city_of(address: str | None, country: str) -> str | None:
    if not address:
        return None
    parts = [p.strip() for p in address.split(",")]
    return ", ".join(parts[-2:]) if country == "US" else parts[-1]


def _world_entities(seed: int) -> list[Entity]:
    from greenlane.world.catalog import build_catalog  # the world's reference data, built once

    companies = build_catalog(seed, START.date()).companies
    rng = random.Random(seed * 31 + 5)
    out = []
    for key in sorted(companies.by_key):
        p = companies.by_key[key].party
        country = p.country or "US"
        ids = tuple(f"{i.scheme.value}:{i.value}" for i in p.identifiers)
        if rng.random() < 0.3 and not any(i.startswith("scac:") for i in ids):
            ids += (f"duns:{rng.randrange(10**8, 10**9)}",)
        if not re.search(r"\(\d+\)$", p.name):  # the world's fallback for a name it ran out of
            out.append(Entity(f"W{key:05d}", p.name, p.address, country, ids))
    return out


_SAME_AS_IGNORED = frozenset(
    split_words(
        "co company corp corporation inc incorporated llc ltd limited pvt private pte gmbh bv nv "
        "ab kk spa sl ltda sa de cv sdn bhd jsc joint stock fze pt and the"
    )
)
"""Words a registry's "same as" test ignores (the UK's: legal forms, ``company``, ``and``)."""


def _near_keys(name: str, country: str) -> set[tuple[str, str]]:
    """The name as a registry's "same as" test reads it (no punctuation, legal forms or
    plural s), and every way of deleting one character from that: two names within one edit
    share one of these."""
    words = [w for w in re.split(r"[^a-z0-9]+", name.lower()) if w]
    words = [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]
    key = "".join(w for w in words if w not in _SAME_AS_IGNORED)
    return {(country, key)} | {(country, key[:i] + key[i + 1 :]) for i in range(len(key))}


class _Namer:
    """New company names in the world's styles, never repeating a name."""

    def __init__(self, rng: random.Random, seed: int, taken: set[str], world: list[Entity]) -> None:
        self.rng, self.seed, self.taken = rng, seed, taken
        self.slots = rng.sample(range(PERSON_NAME_SPACE // 2), 50_000)
        self.near: set[tuple[str, str]] = set()
        for e in world:
            self.near.update(_near_keys(e.name, e.country))

    def _distinct(self, name: str, country: str) -> bool:
        """Registries refuse a name the "same as" another or one keystroke from it (China's name
        approval, the UK's "same as" rules): a new company's name is neither."""
        keys = _near_keys(name, country)
        if name in self.taken or not self.near.isdisjoint(keys):
            return False
        self.taken.add(name)
        self.near.update(keys)
        return True

    def name(self, country: str) -> tuple[str, str]:
        rng = self.rng
        for attempt in range(100):
            if attempt >= 50 and country in ("US", "NL", "DE", "BE"):
                # Small vocabularies run out: the rest are named after their founders.
                name = person_firm_name(self.slots.pop(), self.seed, country)
                address = importer_address(country, rng, None if country != "US" else "Newark, NJ")
            elif country == "US":
                if rng.random() < 0.3:
                    name = person_firm_name(self.slots.pop(), self.seed, "US")
                else:
                    word = new_word(names.US_WORDS, rng) if rng.random() < 0.7 else None
                    word = word or rng.choice(names.US_WORDS)
                    noun = rng.choice(names.US_NOUNS[rng.choice(list(names.US_NOUNS))])
                    name = f"{word} {noun} {rng.choice(names.US_SUFFIXES)}"
                city = rng.choice([p for g in names.US_PLACES.values() for p in g])
                address = importer_address("US", rng, city)
            else:
                template, words, cities, _addr = names.COUNTRY_STYLE[country]
                city = rng.choice(cities)
                word = new_cn_word(rng) if country == "CN" else new_word(words, rng)
                if country in ("NL", "DE", "BE") and rng.random() < 0.6:
                    industry = rng.choice(names.US_NOUNS[rng.choice(list(names.US_NOUNS))])
                else:
                    industry = rng.choice(industry_phrases())
                name = template.format(w=word, i=industry, c=city)
                address = importer_address(country, rng, city)
            if self._distinct(name, country):
                return name, address
        raise RuntimeError(f"no new company name left for {country}")


_AGENTS: tuple[tuple[str, str, str], ...] = (
    ("HK", "Room 1501, Grand Millennium Plaza, 181 Queen's Road Central, Hong Kong", "Limited"),
    (
        "HK",
        "Flat B, 11/F, Wing Fat Commercial Building, 39 Nathan Road, Kowloon, Hong Kong",
        "Ltd.",
    ),
    ("CN", "Room 201, Building A, No. 1 Qianwan 1st Road, Qianhai, Shenzhen", "Co., Ltd."),
    ("AE", "Office 1204, Business Centre, Jebel Ali Free Zone, Dubai", "FZE"),
    ("SG", "10 Anson Road, #26-04 International Plaza, Singapore", "Pte. Ltd."),
    ("US", "1209 Orange Street, Wilmington, DE", "LLC"),
    ("MY", "Level 15, Menara Exchange, Jalan Harbour, Johor Bahru", "Sdn. Bhd."),
    ("TR", "Merkez Mah. Ticaret Cad. No: 5, Istanbul", "Dis Tic. Ltd. Sti."),
)
"""Formation agents' addresses, where hundreds of companies are registered."""
_SHELL_WORDS = split_words(
    "Golden Star Dragon Ocean Bright Grand Rich Fortune Eagle Lucky Wise Asia Union Sun Rising "
    "Jade Pearl Phoenix Silver Crown Royal Diamond Harvest Sky Prosper Ever Win Lotus Tiger"
)
_SHELL_KINDS = (
    "Trading",
    "International Trading",
    "Industrial",
    "Holdings",
    "Supply Chain",
    "Import & Export",
    "Technology",
    "Resources",
)


def _agent_companies(rng: random.Random, n: int, taken: set[str], seed: int) -> list[Entity]:
    out: list[Entity] = []
    per_agent = max(4, n // len(_AGENTS))
    for a, (country, address, form) in enumerate(_AGENTS):
        for _ in range(per_agent):
            for _attempt in range(50):
                words = rng.sample(_SHELL_WORDS, 2)
                name = f"{words[0]} {words[1]} {rng.choice(_SHELL_KINDS)} {form}"
                if name not in taken:
                    break
            taken.add(name)
            out.append(
                Entity(
                    f"A{seed}{len(out):05d}",
                    name,
                    address,
                    country,
                    _ids(country, rng),
                    f"agent:{a}",
                )
            )
    return out


def _with_qualifier(name: str, rng: random.Random) -> str:
    """``Huali Electronics Holding Co., Ltd.``: a qualifier before the legal form."""
    words = ("Holding", "Trading", "International", "Industrial", "Group")
    qualifier = rng.choice([w for w in words if w not in name] or ["Group"])
    for pattern in LEGAL_FORMS:
        m = re.search(rf"\s{pattern}$", name)
        if m:
            return f"{name[: m.start()]} {qualifier}{name[m.start() :]}"
    return f"{name} {qualifier}"


def _sisters(entities: list[Entity], rng: random.Random, taken: set[str]) -> list[Entity]:
    """Sister companies: another line of business under the group's distinctive name, or the
    group's holding or trading arm; at the group's address four times in ten."""
    phrases = sorted(
        set(industry_phrases()) | {p for group in names.US_NOUNS.values() for p in group},
        key=lambda p: (-len(p), p),
    )
    out: list[Entity] = []
    for parent in entities:
        if parent.group is not None or rng.random() >= SISTERS:
            continue
        for k in range(rng.choice((1, 1, 2))):
            found = next(
                (p for p in phrases if re.search(rf"\b{re.escape(p)}\b", parent.name)), None
            )
            if found is not None and rng.random() < 0.8:
                other = rng.choice([p for p in phrases if p not in found and found not in p])
                name = re.sub(rf"\b{re.escape(found)}\b", other, parent.name, count=1)
            else:
                name = _with_qualifier(parent.name, rng)
            if name in taken:
                continue
            taken.add(name)
            styled = parent.country == "US" or parent.country in names.COUNTRY_STYLE
            if rng.random() < 0.4 or parent.address is None or not styled:
                address = parent.address
            else:
                address = importer_address(
                    parent.country, rng, _city_of(parent.address, parent.country)
                )
            ids = _ids(parent.country, rng)
            out.append(
                Entity(
                    f"{parent.key}S{k}", name, address, parent.country, ids, f"sister:{parent.key}"
                )
            )
    return out


def _namesakes(entities: list[Entity], rng: random.Random) -> list[Entity]:
    """Unrelated companies under the same name: half in another country (with its legal form),
    half in another city of the same country (a Chinese name takes its own city's name)."""
    styled = sorted(names.COUNTRY_STYLE)
    out: list[Entity] = []
    for e in entities:
        if e.group is not None or rng.random() >= NAMESAKES:
            continue
        country, name = e.country, e.name
        if rng.random() < 0.5 or (country not in styled and country != "US"):
            country = rng.choice([c for c in styled if c != e.country])
            template = names.COUNTRY_STYLE[country][0]
            stem = name
            for pattern in LEGAL_FORMS:
                stem = re.sub(rf",?\s*{pattern}$", "", stem)
            stem = re.sub(r"^PT ", "", stem)
            form = template.split("{i}")[-1].strip()
            name = f"PT {stem}" if template.startswith("PT") else f"{stem} {form}".strip()
            city = None
        elif country == "CN" and name.split()[0] in CN_CITIES:
            city = rng.choice([c for c in CN_CITIES if c != name.split()[0]])
            name = f"{city} {name.split(' ', 1)[1]}"
        else:
            city = None
        if country == "US":
            city = rng.choice([p for g in names.US_PLACES.values() for p in g])
        address = importer_address(country, rng, city)
        ids = _ids(country, rng)
        out.append(Entity(f"{e.key}H", name, address, country, ids, f"namesake:{e.key}"))
    return out


def bench_entities(seed: int, count: int) -> list[Entity]:
    """About ``count`` entities: the world's companies (a sample of them when ``count`` is
    smaller), more in the same styles when larger, sisters, namesakes and agent-registered
    companies."""
    rng = random.Random(seed * 7 + 3)
    world = _world_entities(seed)
    taken = {e.name for e in world}
    base_count = round(count / (1 + SISTERS * 1.33 + NAMESAKES) * (1 - AGENT_SHARE))
    if base_count <= len(world):
        base = rng.sample(world, base_count)
    else:
        countries = Counter(e.country for e in world)
        styled = [c for c in sorted(countries) if c == "US" or c in names.COUNTRY_STYLE]
        weights = [countries[c] for c in styled]
        namer = _Namer(rng, seed, taken, world)
        base = list(world)
        for country in rng.choices(styled, weights=weights, k=base_count - len(world)):
            name, address = namer.name(country)
            base.append(Entity(f"N{len(base):06d}", name, address, country, _ids(country, rng)))
    agents = _agent_companies(rng, round(count * AGENT_SHARE), taken, seed)
    entities = base + _sisters(base, rng, taken) + _namesakes(base, rng) + agents
    moved = []
    for e in entities:
        if rng.random() < MOVED and e.address:
            same_city = _city_of(e.address, e.country) if rng.random() < 0.7 else None
            if e.country == "US" and same_city is None:
                same_city = rng.choice([p for g in names.US_PLACES.values() for p in g])
            new = importer_address(e.country, rng, same_city)
            moved.append(
                Entity(
                    e.key,
                    e.name,
                    e.address,
                    e.country,
                    e.identifiers,
                    e.group,
                    (rng.randrange(60, DAYS - 60), new),
                )
            )
        else:
            moved.append(e)
    return moved


@dataclass(frozen=True, slots=True)
class _Spelling:
    name: str
    alterations: tuple[str, ...]
    address_seed: int
    carries: tuple[str, ...]
    """The identifiers this filer writes."""


def _spellings(e: Entity, n: int, rng: random.Random) -> list[_Spelling]:
    count = min(n, 1 + min(5, int(rng.expovariate(0.7))))
    out = []
    for j in range(count):
        alterations: tuple[str, ...] = ()
        if j == 0 and rng.random() < 0.6:
            name = e.name
        else:
            name, alterations = name_variant(e.name, e.country, rng)
        carries = tuple(i for i in e.identifiers if rng.random() < _CARRY[i.split(":")[0]])
        out.append(_Spelling(name, alterations, rng.randrange(1 << 30), carries))
    return out


def _records(e: Entity, rng: random.Random) -> list[tuple[object, ...]]:
    n = min(60, max(1, int(rng.paretovariate(1.4) * 2.5) - 1))
    spellings = _spellings(e, n, rng)
    weights = [1 / (j + 1) for j in range(len(spellings))]
    rows: list[tuple[object, ...]] = []
    for _ in range(n):
        s = rng.choices(spellings, weights=weights)[0]
        day = rng.randrange(DAYS)
        name, alterations = s.name, list(s.alterations)
        if rng.random() < 0.03:
            name = typo(name, rng)
            alterations.append("typo")
        address = e.address
        if e.moved is not None and day >= e.moved[0]:
            address = e.moved[1]
            alterations.append("moved address")
        if address is not None:
            address, how = address_variant(address, e.country, random.Random(s.address_seed))
            alterations.extend(how)
        if address is None or rng.random() < 0.07:
            address = None
            alterations.append("no address")
        ids = list(s.carries)
        if ids and rng.random() < 0.01:
            k = rng.randrange(len(ids))
            ids[k] = id_typo(ids[k], rng)
            alterations.append("identifier mistyped")
        if not ids and e.identifiers:
            alterations.append("no identifier")
        country = None if rng.random() < 0.02 else e.country
        if country is None:
            alterations.append("no country")
        seen = START + timedelta(days=day, seconds=rng.randrange(86_400))
        rows.append((e.key, name, address, country, ids, seen, sorted(set(alterations)), e.group))
    return rows


def er_bench(seed: int = 2, records: int = 20_000) -> pl.DataFrame:
    """About ``records`` labelled party records (ER_RECORDS), in a shuffled order."""
    rng = random.Random(seed * 1_000_003 + records)
    entities = bench_entities(seed, max(2, round(records / MEAN_RECORDS)))
    rows = [row for e in entities for row in _records(e, rng)]
    rng.shuffle(rows)
    keyed = [(f"R{seed}-{i:07d}", *row) for i, row in enumerate(rows)]
    return pl.DataFrame(keyed, schema=ER_RECORDS, orient="row")
