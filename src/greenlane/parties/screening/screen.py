"""Screening one party against the index: scored hits, each with its explanation.

The name decides, unless an identifier says otherwise: one the entry also carries (an IMO
number, a passport, a tax id, compared on letters and digits only) takes the score nine tenths
of the way from the name's score to certainty, so a renamed vessel with its listed IMO number
is a hit whatever its name. The rest moves the score a little. Where both the party and the
entry have countries, one in common moves the score a tenth of the way up and none in common
takes 8 % off; a birth date works the same way for people (dates compare by prefix, so a listed
year agrees with any day in it, and a year either side is not held against a match).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rigour.names import SymbolCategory

from greenlane.domain.watchlists import EntryKind, ListEntry
from greenlane.parties.names import country_code
from greenlane.parties.screening.explain import NameMatch, match_names
from greenlane.parties.screening.index import ScreeningIndex
from greenlane.parties.screening.prepared import PreparedName
from greenlane.parties.screening.queries import QueryNames
from greenlane.parties.screening.scorer import score_prepared
from greenlane.settings import get_settings

IDENTIFIER_PULL = 0.9
AGREEMENT_PULL = 0.1
CONFLICT_FACTOR = 0.92

COMPATIBLE = {
    EntryKind.PERSON: frozenset({EntryKind.PERSON, EntryKind.UNKNOWN}),
    EntryKind.ORGANIZATION: frozenset({EntryKind.ORGANIZATION, EntryKind.UNKNOWN}),
    EntryKind.VESSEL: frozenset({EntryKind.VESSEL, EntryKind.UNKNOWN}),
    EntryKind.AIRCRAFT: frozenset({EntryKind.AIRCRAFT, EntryKind.UNKNOWN}),
}
"""List entries a party of a known kind can match; a party of unknown kind matches any."""


@dataclass(frozen=True, slots=True)
class Party:
    """A party as a filing names it."""

    name: str
    kind: EntryKind = EntryKind.UNKNOWN
    countries: tuple[str, ...] = ()
    """Codes or names ("DE", "Germany"), as the filing gives them."""
    identifiers: tuple[str, ...] = ()
    """``scheme:value`` strings, as in ``ListEntry.identifiers``."""
    birth_date: str | None = None
    """ISO 8601, any precision ("1961", "1961-04", "1961-04-29"); people only."""


@dataclass(frozen=True, slots=True)
class Explanation:
    name: NameMatch
    country: str | None = None
    birth_date: str | None = None
    identifiers: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        out = [f"name {self.name.query!r} against {self.name.listed!r}", *self.name.lines()]
        out += [line for line in (self.country, self.birth_date) if line]
        out += [f"identifier in common: {identifier}" for identifier in self.identifiers]
        return out


@dataclass(frozen=True, slots=True)
class Hit:
    entry_key: str
    """``list_name:entry_id`` of the list entry."""
    matched_name: str
    """The entry's name (or alias) that matched best, as the list writes it."""
    score: float
    """The name score moved by identifiers, countries and birth date."""
    name_score: float
    explanation: Explanation | None = field(default=None, repr=False)
    """Filled for ``Screener.screen``; ``ranked`` fills it only when asked."""


def _countries(codes_or_names: tuple[str, ...]) -> set[str]:
    return {code for text in codes_or_names if (code := country_code(text))}


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Agreement (True), conflict (False) or nothing to compare (None), in words."""

    agrees: bool | None = None
    note: str | None = None

    def apply(self, score: float) -> float:
        if self.agrees is None:
            return score
        return score + (1.0 - score) * AGREEMENT_PULL if self.agrees else score * CONFLICT_FACTOR


def _country(party: set[str], entry: ListEntry) -> _Evidence:
    listed = set(entry.countries)
    if not party or not listed:
        return _Evidence()
    if common := party & listed:
        return _Evidence(True, f"country in common: {', '.join(sorted(common))}")
    return _Evidence(
        False,
        f"countries differ: party {', '.join(sorted(party))}, list {', '.join(sorted(listed))}",
    )


def _year(date: str) -> int | None:
    return int(date[:4]) if date[:4].isdigit() else None


def _birth_date(party: str | None, entry: ListEntry) -> _Evidence:
    if not party or entry.kind is not EntryKind.PERSON or not entry.birth_dates:
        return _Evidence()
    listed = ", ".join(entry.birth_dates)
    if any(party.startswith(d) or d.startswith(party) for d in entry.birth_dates):
        return _Evidence(True, f"birth date agrees: {party} and {listed}")
    year = _year(party)
    years = [y for d in entry.birth_dates if (y := _year(d)) is not None]
    if year is not None and any(abs(year - y) <= 1 for y in years):
        return _Evidence(None, f"birth date a year apart: {party} and {listed}")
    return _Evidence(False, f"birth dates differ: {party} and {listed}")


@dataclass(frozen=True, slots=True)
class _Scored:
    score: float
    name_score: float
    entry: int
    name_id: int
    country: _Evidence
    birth_date: _Evidence
    identifiers: tuple[str, ...]


class Screener:
    """Screens parties against one index, with the thresholds of the settings unless given.
    Party names are prepared through ``names`` (kept by screenings before, see ``remembered``),
    or prepared here."""

    def __init__(
        self,
        index: ScreeningIndex,
        *,
        threshold: float | None = None,
        limit: int | None = None,
        shortlist: int | None = None,
        candidates: int | None = None,
        names: QueryNames | None = None,
    ) -> None:
        settings = get_settings()
        self.index = index
        self.names = QueryNames() if names is None else names
        self.threshold = settings.screening_threshold if threshold is None else threshold
        self.limit = settings.screening_limit if limit is None else limit
        self.shortlist = settings.screening_shortlist if shortlist is None else shortlist
        self.candidates = settings.screening_candidates if candidates is None else candidates

    def screen(self, party: Party) -> list[Hit]:
        """The party's hits at or above the threshold, best first, each explained."""
        queries = _Queries(party, self.names)
        scored = [s for s in self._scored(party, queries) if s.score >= self.threshold]
        return [self._hit(s, queries, explain=True) for s in scored[: self.limit]]

    def ranked(self, party: Party, *, explain: bool = False) -> list[Hit]:
        """Every entry the index shortlisted, best first, whatever its score; without
        explanations unless asked (they cost more than the scores)."""
        queries = _Queries(party, self.names)
        return [self._hit(s, queries, explain=explain) for s in self._scored(party, queries)]

    def _scored(self, party: Party, queries: _Queries) -> list[_Scored]:
        index = self.index
        kinds = COMPATIBLE.get(party.kind)
        best: dict[int, tuple[float, int]] = {}
        normal = self.names.normal(party.name, party.kind)
        symbols = _symbol_groups(queries.get(EntryKind.PERSON)) if normal.transliterated else []
        shortlist = index.shortlist(normal, kinds, self.shortlist, self.candidates, symbols)
        for name_id in shortlist:
            self._consider(best, name_id, queries)
        by_identifier = self._identifier_entries(party, kinds)
        for entry_no in by_identifier:
            if entry_no not in best:
                for name_id in index.names_of(entry_no):
                    self._consider(best, name_id, queries)
        countries = _countries(party.countries)
        out: list[_Scored] = []
        for entry_no, (name_score, name_id) in best.items():
            entry = index.entries[entry_no]
            score = name_score
            identifiers = tuple(by_identifier.get(entry_no, ()))
            if identifiers:
                score += (1.0 - score) * IDENTIFIER_PULL
            country = _country(countries, entry)
            birth_date = _birth_date(party.birth_date, entry)
            score = birth_date.apply(country.apply(score))
            out.append(
                _Scored(score, name_score, entry_no, name_id, country, birth_date, identifiers)
            )
        out.sort(key=lambda s: -s.score)
        return out

    def _consider(
        self, best: dict[int, tuple[float, int]], name_id: int, queries: _Queries
    ) -> None:
        indexed = self.index.names[name_id]
        kind = self.index.kind_of(indexed.entry)
        score = score_prepared(queries.get(kind), indexed.prepared)
        if indexed.entry not in best or score > best[indexed.entry][0]:
            best[indexed.entry] = (score, name_id)

    def _identifier_entries(
        self, party: Party, kinds: frozenset[EntryKind] | None
    ) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for identifier in party.identifiers:
            for entry_no in self.index.by_identifier(identifier):
                if kinds is None or self.index.kind_of(entry_no) in kinds:
                    found.setdefault(entry_no, []).append(identifier)
        return found

    def _hit(self, scored: _Scored, queries: _Queries, *, explain: bool) -> Hit:
        entry = self.index.entries[scored.entry]
        indexed = self.index.names[scored.name_id]
        explanation = None
        if explain:
            explanation = Explanation(
                name=match_names(queries.get(entry.kind), indexed.prepared),
                country=scored.country.note,
                birth_date=scored.birth_date.note,
                identifiers=scored.identifiers,
            )
        return Hit(
            entry.key, indexed.written, round(scored.score, 4), scored.name_score, explanation
        )


def _symbol_groups(query: PreparedName) -> list[frozenset[str]]:
    """The given-name symbols of each part of a name written in a script rigour does not
    romanise; none for other names, whose tokens the index finds."""
    if query.script is None:
        return []
    groups: dict[tuple[int, ...], set[str]] = {}
    for span in query.script.spans:
        if span.symbol.category is SymbolCategory.NAME:
            groups.setdefault(tuple(p.index for p in span.parts), set()).add(str(span.symbol.id))
    return [frozenset(group) for group in groups.values()]


class _Queries:
    """The party's name prepared as each kind of entry it meets needs (once each)."""

    def __init__(self, party: Party, names: QueryNames) -> None:
        self.party = party
        self._names = names

    def get(self, kind: EntryKind) -> PreparedName:
        as_kind = kind if self.party.kind is EntryKind.UNKNOWN else self.party.kind
        return self._names.prepared(self.party.name, as_kind)


def screen(index: ScreeningIndex, party: Party) -> list[Hit]:
    """The party's hits against the index at the threshold of the settings."""
    return Screener(index).screen(party)
