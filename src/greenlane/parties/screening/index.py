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

An index is built from entries (``ScreeningIndex(entries)``, the slow step, see ``build``) or
from parts kept in the store (``ScreeningIndex.from_parts``); either way a list name is prepared
for the scorer only when it is first scored, and an entry read only when it is first needed, so
the two screen alike.
"""

from __future__ import annotations

import heapq
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from greenlane.domain.watchlists import EntryKind, ListEntry, entry_from_fields
from greenlane.parties.names import NormalName
from greenlane.parties.screening.build import (
    FUZZY_MIN,
    IndexParts,
    build_parts,
    deletions,
    identifier_key,
    with_prepared,
)
from greenlane.parties.screening.kept import prepared_from_json
from greenlane.parties.screening.prepared import PreparedName, prepare

FUZZY_WEIGHT = 0.7
COMMON_SHARE = 0.02
"""A token in more than this share of the names (at least ``COMMON_MIN``) is common."""
COMMON_MIN = 100
FAINT_SHARE = 0.3
FAINT_RATIO = 60
"""A candidate with less than this share of the query's token weight and sorted tokens less
alike than this (rapidfuzz ratio) is not scored: over 200,000 such candidates of the benchmark's
queries against the SDN and UN lists, none scored above 0.68."""

__all__ = ["IndexedName", "ScreeningIndex", "deletions", "identifier_key"]


@dataclass(frozen=True, slots=True)
class IndexedName:
    entry: int
    """Position of the entry in ``ScreeningIndex.entries``."""
    written: str
    prepared: PreparedName
    sorted_key: str


class _Entries:
    """The index's entries by position, each read from its JSON when first asked for."""

    def __init__(self, fields: list[str], known: Iterable[ListEntry] = ()) -> None:
        self._fields = fields
        self._read: dict[int, ListEntry] = dict(enumerate(known))

    def __len__(self) -> int:
        return len(self._fields)

    def __getitem__(self, position: int) -> ListEntry:
        if (entry := self._read.get(position)) is None:
            entry = entry_from_fields(json.loads(self._fields[position]))
            self._read[position] = entry
        return entry

    def __iter__(self) -> Iterator[ListEntry]:
        return (self[i] for i in range(len(self)))


class _Names:
    """The index's names by id, each prepared for the scorer when first asked for."""

    def __init__(self, index: ScreeningIndex, known: Sequence[PreparedName] = ()) -> None:
        self._index = index
        self._prepared: dict[int, PreparedName] = dict(enumerate(known))

    def __len__(self) -> int:
        return len(self._index.parts.name_written)

    def __getitem__(self, name_id: int) -> IndexedName:
        parts, entry = self._index.parts, self._index.name_entry[name_id]
        written = parts.name_written[name_id]
        if (prepared := self._prepared.get(name_id)) is None:
            prepared = self._kept(name_id) or prepare(written, parts.entry_kinds[entry])
            self._prepared[name_id] = prepared
        return IndexedName(entry, written, prepared, parts.name_keys[name_id])

    def _kept(self, name_id: int) -> PreparedName | None:
        text = self._index.parts.prepared_json(name_id)
        if text is None:
            return None
        try:
            return prepared_from_json(text)
        except ValueError:
            return None  # not as it was written: prepared again

    def __iter__(self) -> Iterator[IndexedName]:
        return (self[i] for i in range(len(self)))


class ScreeningIndex:
    """The entries of one or more lists, ready to screen against."""

    def __init__(self, entries: Iterable[ListEntry]) -> None:
        parts, listed, prepared = build_parts(entries)
        self._setup(parts, listed, prepared)

    @classmethod
    def from_parts(cls, parts: IndexParts) -> ScreeningIndex:
        """The index of parts built before (and kept), preparing nothing yet."""
        index = cls.__new__(cls)
        index._setup(parts, (), ())
        return index

    def _setup(
        self, parts: IndexParts, listed: Sequence[ListEntry], prepared: Sequence[PreparedName]
    ) -> None:
        self.parts = parts
        self.entries = _Entries(parts.entry_fields, listed)
        self.names = _Names(self, prepared)
        starts = parts.entry_names
        self.name_entry: list[int] = []
        for entry in range(len(parts.entry_fields)):
            self.name_entry.extend([entry] * (starts[entry + 1] - starts[entry]))
        self._exact, self._fuzzy = parts.exact, parts.fuzzy
        self._symbols, self._identifiers = parts.symbols, parts.identifiers
        total = max(len(parts.name_written), 1)
        self._common = max(COMMON_MIN, int(total * COMMON_SHARE))
        self._total = total
        self._common_sets: dict[str, frozenset[int]] = {}

    def kept_parts(self) -> IndexParts:
        """The parts with every name as prepared in them, to keep."""
        return with_prepared(self.parts, [name.prepared for name in self.names])

    def kind_of(self, entry: int) -> EntryKind:
        return self.parts.entry_kinds[entry]

    def __len__(self) -> int:
        return len(self.entries)

    def weight(self, token: str) -> float:
        """Inverse document frequency of the token among the list names."""
        found = self._exact.count(token)
        if not found:
            found = min((self._fuzzy.count(k) for k in deletions(token)), default=0)
        return math.log(1 + self._total / (1 + found))

    def names_of(self, entry: int) -> list[int]:
        """Name ids of the entry at position ``entry``."""
        starts = self.parts.entry_names
        return list(range(starts[entry], starts[entry + 1]))

    def by_identifier(self, identifier: str) -> list[int]:
        """Entries (positions) that carry the identifier."""
        id_key = identifier_key(identifier)
        return list(self._identifiers.get(id_key)) if id_key else []

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
            postings = self._exact.get(token)
            if len(postings) > self._common:
                common.append(token)
                continue
            weight = weights[token]
            near: set[int] = set()
            if len(token) >= FUZZY_MIN:
                for key in deletions(token):
                    other = self._fuzzy.get(key)
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
                    for name_id in self._exact.get(token):
                        found[name_id] = found.get(name_id, 0.0) + weights[token]
            else:
                for token in common:
                    weight = weights[token]
                    for name_id in self._common_set(token).intersection(found):
                        found[name_id] += weight
        return self._best(found, total, kinds, limit)

    def _common_set(self, token: str) -> frozenset[int]:
        """The names of a common token as a set (made once per token, when first needed)."""
        if (found := self._common_sets.get(token)) is None:
            found = frozenset(self._exact.get(token))
            self._common_sets[token] = found
        return found

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
            postings = [self._symbols.get(key) for key in group]
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
            of, kind = self.name_entry, self.parts.entry_kinds
            found = {n: s for n, s in found.items() if kind[of[n]] in kinds}
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
        name_keys = self.parts.name_keys
        keys = [name_keys[name_id] for _, name_id in found]
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
            entry = self.name_entry[name_id]
            if per_entry.get(entry, 0) >= 2:
                continue
            per_entry[entry] = per_entry.get(entry, 0) + 1
            out.append(name_id)
            if len(out) >= limit:
                break
        return out
