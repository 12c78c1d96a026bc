"""The screening index: every list name prepared once, and a token index to find candidates.

Scoring a name against all 28,000 names of the SDN list would take a fifth of a second; the
index narrows that to a few names first. Each list name is indexed by its tokens and, for
tokens of four letters or more, by the token with any one letter left out; a query token with
one typo (a letter changed, added, dropped or two letters swapped) shares one of those keys with
the token it was meant to be. A candidate collects the weight of every query token it has, rarer
tokens weighing more (inverse document frequency); a misspelt token counts a little less than an
exact one. Tokens found in more than a few hundred names ("mohammed", "al", "trading") do not
bring candidates of their own, only add to those the rarer tokens found; a query with nothing
else is looked up by them after all. A name in a script whose romanisation rarely meets the
lists' spelling (Arabic, Hebrew: "محمد" romanises to "mhmd") is looked up by the given names
rigour recognises in it as well.

The best candidates are ranked again with the edit similarity of their sorted tokens to the
query's, and the first few are scored precisely (``scorer``), at most two names of one entry.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rigour.names import SymbolCategory

from greenlane.model.watchlists import EntryKind, ListEntry
from greenlane.parties.names import NormalName
from greenlane.parties.screening.prepared import PreparedName, prepare

FUZZY_MIN = 4
"""Tokens shorter than this are found only as they are."""
FUZZY_WEIGHT = 0.7
COMMON_SHARE = 0.02
"""A token in more than this share of the names (at least ``COMMON_MIN``) is common."""
COMMON_MIN = 100
FAINT_SHARE = 0.3
FAINT_RATIO = 60
"""A candidate with less than this share of the query's token weight and sorted tokens less
alike than this (rapidfuzz ratio) is not scored: over 200,000 such candidates of the benchmark's
queries against the SDN and UN lists, none scored above 0.68."""


@dataclass(frozen=True, slots=True)
class IndexedName:
    entry: int
    """Position of the entry in ``ScreeningIndex.entries``."""
    written: str
    prepared: PreparedName
    tokens: frozenset[str]
    sorted_key: str


def deletions(token: str) -> set[str]:
    """The token and the token with any one character left out."""
    keys = {token}
    if len(token) >= FUZZY_MIN:
        keys.update(token[:i] + token[i + 1 :] for i in range(len(token)))
    return keys


def identifier_key(identifier: str) -> str | None:
    """``scheme:VALUE`` with the value's letters and digits only, upper case."""
    scheme, _, value = identifier.partition(":")
    value = "".join(ch for ch in value if ch.isalnum()).upper()
    return f"{scheme.strip().casefold()}:{value}" if value else None


class ScreeningIndex:
    """The entries of one or more lists, ready to screen against."""

    def __init__(self, entries: Iterable[ListEntry]) -> None:
        self.entries: list[ListEntry] = list(entries)
        self.names: list[IndexedName] = []
        exact: defaultdict[str, list[int]] = defaultdict(list)
        fuzzy: defaultdict[str, list[int]] = defaultdict(list)
        identifiers: defaultdict[str, list[int]] = defaultdict(list)
        symbols: defaultdict[str, list[int]] = defaultdict(list)
        for number, entry in enumerate(self.entries):
            seen: set[str] = set()
            for written in entry.names:
                prepared = prepare(written, entry.kind)
                key = prepared.sorted_key
                if not key or key in seen:
                    continue
                seen.add(key)
                name_id = len(self.names)
                tokens = frozenset(prepared.normal.tokens)
                self.names.append(IndexedName(number, written, prepared, tokens, key))
                keys: set[str] = set()
                for token in tokens:
                    exact[token].append(name_id)
                    keys |= deletions(token)
                for fuzzy_key in keys:
                    fuzzy[fuzzy_key].append(name_id)
                for symbol in prepared.latin_symbols | prepared.script_symbols:
                    if symbol.category is SymbolCategory.NAME:
                        symbols[symbol.id].append(name_id)
            for identifier in entry.identifiers:
                if (id_key := identifier_key(identifier)) is not None:
                    identifiers[id_key].append(number)
        self._by_entry: dict[int, list[int]] = defaultdict(list)
        for name_id, indexed in enumerate(self.names):
            self._by_entry[indexed.entry].append(name_id)
        self._exact = dict(exact)
        self._fuzzy = dict(fuzzy)
        self._identifiers = dict(identifiers)
        self._symbols = {key: sorted(set(postings)) for key, postings in symbols.items()}
        total = max(len(self.names), 1)
        self._common = max(COMMON_MIN, int(total * COMMON_SHARE))
        self._total = total
        self._common_sets = {
            token: frozenset(postings)
            for token, postings in self._exact.items()
            if len(postings) > self._common
        }

    def __len__(self) -> int:
        return len(self.entries)

    def weight(self, token: str) -> float:
        """Inverse document frequency of the token among the list names."""
        found = len(self._exact.get(token, ()))
        if not found:
            found = min((len(self._fuzzy.get(k, ())) for k in deletions(token)), default=0)
        return math.log(1 + self._total / (1 + found))

    def names_of(self, entry: int) -> list[int]:
        """Name ids of the entry at position ``entry``."""
        return self._by_entry.get(entry, [])

    def by_identifier(self, identifier: str) -> list[int]:
        """Entries (positions) that carry the identifier."""
        id_key = identifier_key(identifier)
        return list(self._identifiers.get(id_key, ())) if id_key else []

    def candidates(
        self, tokens: Iterable[str], kinds: frozenset[EntryKind] | None, limit: int
    ) -> list[tuple[float, int]]:
        """Up to ``limit`` (share of the query's token weight found, name id), best first,
        among names of entries of ``kinds`` (None: any kind)."""
        query = sorted(set(tokens))
        weights = {token: self.weight(token) for token in query}
        total = sum(weights.values())
        if not total:
            return []
        found: dict[int, float] = {}
        common: list[str] = []
        for token in query:
            postings = self._exact.get(token, ())
            if len(postings) > self._common:
                common.append(token)
                continue
            weight = weights[token]
            near: set[int] = set()
            if len(token) >= FUZZY_MIN:
                for key in deletions(token):
                    other = self._fuzzy.get(key, ())
                    if len(other) <= self._common:
                        near.update(other)
                near.difference_update(postings)
            for name_id in postings:
                found[name_id] = found.get(name_id, 0.0) + weight
            fuzzy_weight = weight * FUZZY_WEIGHT
            for name_id in near:
                found[name_id] = found.get(name_id, 0.0) + fuzzy_weight
        if common:
            if not found:
                for token in common:
                    for name_id in self._exact[token]:
                        found[name_id] = found.get(name_id, 0.0) + weights[token]
            else:
                for token in common:
                    weight = weights[token]
                    for name_id in self._common_sets[token].intersection(found):
                        found[name_id] += weight
        return self._best(found, total, kinds, limit)

    def by_symbols(
        self, groups: Sequence[frozenset[str]], kinds: frozenset[EntryKind] | None, limit: int
    ) -> list[tuple[float, int]]:
        """Like ``candidates``, for a name in a script the tokens cannot be looked up in
        (Arabic, Hebrew, ...): each group is the given-name symbols rigour found on one part
        of it (محمد: the ids of Mohammed, Muhammad, Mohamed...), a part weighing as its rarest
        symbol."""
        found: dict[int, float] = {}
        total = 0.0
        for group in groups:
            postings = [self._symbols.get(key, ()) for key in group]
            rarest = min((len(p) for p in postings if p), default=0)
            weight = math.log(1 + self._total / (1 + rarest))
            total += weight
            if not rarest or rarest > self._common:
                continue
            hit: set[int] = set()
            for posting in postings:
                if len(posting) <= self._common:
                    hit.update(posting)
            for name_id in hit:
                found[name_id] = found.get(name_id, 0.0) + weight
        return self._best(found, total, kinds, limit) if total else []

    def _best(
        self,
        found: dict[int, float],
        total: float,
        kinds: frozenset[EntryKind] | None,
        limit: int,
    ) -> list[tuple[float, int]]:
        if kinds is not None:
            entries, names = self.entries, self.names
            found = {n: s for n, s in found.items() if entries[names[n].entry].kind in kinds}
        best = heapq.nlargest(limit, found.items(), key=lambda item: item[1])
        return [(score / total, name_id) for name_id, score in best]

    def shortlist(
        self,
        query: NormalName,
        kinds: frozenset[EntryKind] | None,
        limit: int,
        width: int,
        symbols: Sequence[frozenset[str]] = (),
    ) -> list[int]:
        """Name ids worth scoring precisely: the ``width`` best candidates by token weight (and
        by ``symbols``, see ``by_symbols``), re-ranked with the edit similarity of the sorted
        tokens, faint ones left out, at most two per entry, the first ``limit``."""
        found = self.candidates(query.tokens, kinds, width)
        if symbols:
            merged = {name_id: share for share, name_id in found}
            for share, name_id in self.by_symbols(symbols, kinds, width):
                merged[name_id] = max(share, merged.get(name_id, 0.0))
            found = [(share, name_id) for name_id, share in merged.items()]
        names = self.names
        keys = [names[name_id].sorted_key for _, name_id in found]
        ratios = process.extract(query.sorted_key, keys, scorer=fuzz.ratio, limit=None)
        ranked = sorted(
            (
                (found[i][0] + ratio / 100, found[i][1])
                for _, ratio, i in ratios
                if found[i][0] >= FAINT_SHARE or ratio >= FAINT_RATIO
            ),
            reverse=True,
        )
        out: list[int] = []
        per_entry: dict[int, int] = {}
        for _, name_id in ranked:
            entry = self.names[name_id].entry
            if per_entry.get(entry, 0) >= 2:
                continue
            per_entry[entry] = per_entry.get(entry, 0) + 1
            out.append(name_id)
            if len(out) >= limit:
                break
        return out
