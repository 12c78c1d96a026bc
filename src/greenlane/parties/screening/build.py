"""Building the screening index: every list name prepared, and the parts the index looks up.

This is the slow step (rigour analyses each of the 28,000 names of the SDN list: some twenty
seconds); its result, ``IndexParts``, is flat lists and arrays, which
``greenlane.parties.screening.stored`` keeps in the store so that it is done once per content
of the lists. What is kept includes every list name as prepared (``with_prepared``, JSON written
by ``kept``), so that an index read back scores names without analysing them again.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rigour.names import SymbolCategory

from greenlane.domain.watchlists import EntryKind, ListEntry, canonical_json, entry_fields
from greenlane.parties.screening.kept import prepared_to_json
from greenlane.parties.screening.postings import INT32, Postings
from greenlane.parties.screening.prepared import PreparedName, prepare

FUZZY_MIN = 4
"""Tokens shorter than this are found only as they are."""


@dataclass(frozen=True, slots=True)
class IndexParts:
    """Everything the index looks things up in. Names are numbered in entry order, so the
    names of entry ``e`` are ``entry_names[e]`` up to ``entry_names[e + 1]``."""

    entry_fields: list[str]
    """Each entry as canonical JSON (``greenlane.domain.watchlists.entry_fields``), read when
    the entry is scored."""
    entry_kinds: list[EntryKind]
    entry_names: array[int]
    name_written: list[str]
    """Each name as the list writes it."""
    name_keys: list[str]
    """Each name's sorted tokens (``NormalName.sorted_key``)."""
    exact: Postings
    """Token to names."""
    fuzzy: Postings
    """Token, and token with one letter left out, to names."""
    symbols: Postings
    """Given-name symbol (rigour's id) to names, each name once."""
    identifiers: Postings
    """``identifier_key`` to entries."""
    prepared: bytes = b""
    """Each name as prepared, JSON (``kept.prepared_to_json``) in UTF-8, one after the other;
    empty for a name that could not be kept that way, or when none was (``with_prepared``)."""
    prepared_starts: array[int] = field(default_factory=lambda: array(INT32))
    """Where each name's JSON starts in ``prepared``, and where the last ends; empty when no
    name's is kept."""

    def __post_init__(self) -> None:
        entries, names = len(self.entry_fields), len(self.name_written)
        if not (len(self.entry_kinds) == entries and len(self.entry_names) == entries + 1):
            raise ValueError("index parts: entry arrays of different lengths")
        if len(self.name_keys) != names or self.entry_names[-1] != names:
            raise ValueError("index parts: name arrays of different lengths")
        starts = self.prepared_starts
        if starts and (len(starts) != names + 1 or starts[-1] != len(self.prepared)):
            raise ValueError("index parts: prepared names do not match the names")

    def prepared_json(self, name_id: int) -> str | None:
        """The JSON of the name as prepared, when it was kept."""
        starts = self.prepared_starts
        if not starts or starts[name_id] == starts[name_id + 1]:
            return None
        return self.prepared[starts[name_id] : starts[name_id + 1]].decode("utf-8")


def with_prepared(parts: IndexParts, prepared: Sequence[PreparedName]) -> IndexParts:
    """The parts with every name as prepared (``prepared``, by name id) kept in them."""
    if len(prepared) != len(parts.name_written):
        raise ValueError("index parts: one prepared name for each name is needed")
    chunks: list[bytes] = []
    starts = array(INT32, [0])
    for name in prepared:
        text = prepared_to_json(name)
        chunks.append(b"" if text is None else text.encode("utf-8"))
        starts.append(starts[-1] + len(chunks[-1]))
    return replace(parts, prepared=b"".join(chunks), prepared_starts=starts)


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


def build_parts(
    entries: Iterable[ListEntry],
) -> tuple[IndexParts, list[ListEntry], list[PreparedName]]:
    """The parts of the index of ``entries``, with the entries and every name prepared (kept
    by an index built here, so that nothing is prepared twice)."""
    listed = list(entries)
    written: list[str] = []
    keys: list[str] = []
    prepared_names: list[PreparedName] = []
    entry_names = array(INT32, [0])
    exact: defaultdict[str, list[int]] = defaultdict(list)
    fuzzy: defaultdict[str, list[int]] = defaultdict(list)
    identifiers: defaultdict[str, list[int]] = defaultdict(list)
    symbols: defaultdict[str, set[int]] = defaultdict(set)
    for number, entry in enumerate(listed):
        seen: set[str] = set()
        for text in entry.names:
            prepared = prepare(text, entry.kind)
            key = prepared.sorted_key
            if not key or key in seen:  # the same name in another order or punctuation
                continue
            seen.add(key)
            name_id = len(written)
            written.append(text)
            keys.append(key)
            prepared_names.append(prepared)
            fuzzy_keys: set[str] = set()
            for token in frozenset(prepared.normal.tokens):
                exact[token].append(name_id)
                fuzzy_keys |= deletions(token)
            for fuzzy_key in fuzzy_keys:
                fuzzy[fuzzy_key].append(name_id)
            for symbol in prepared.latin_symbols | prepared.script_symbols:
                if symbol.category is SymbolCategory.NAME:
                    symbols[str(symbol.id)].add(name_id)
        entry_names.append(len(written))
        for identifier in entry.identifiers:
            if (id_key := identifier_key(identifier)) is not None:
                identifiers[id_key].append(number)
    parts = IndexParts(
        entry_fields=[canonical_json(entry_fields(e)) for e in listed],
        entry_kinds=[e.kind for e in listed],
        entry_names=entry_names,
        name_written=written,
        name_keys=keys,
        exact=Postings.from_runs(exact),
        fuzzy=Postings.from_runs(fuzzy),
        symbols=Postings.from_runs({k: sorted(ids) for k, ids in symbols.items()}),
        identifiers=Postings.from_runs(identifiers),
    )
    return parts, listed, prepared_names
