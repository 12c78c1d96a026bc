"""A name made ready for the pair scorer: reduced once, analysed once.

The scorer works on rigour's analysed names (tokens tagged as legal forms, stop words or
numbers; spans tagged with symbols: the same given name in another spelling or script, an
initial, a place, an organisation word). Every list name is prepared once when the index is
built; a party's name once per screening.
"""

from __future__ import annotations

from dataclasses import dataclass

from rigour.names import Name, NameTypeTag, Symbol, analyze_names
from rigour.text.scripts import text_scripts
from rigour.text.translit import should_ascii

from greenlane.domain.watchlists import EntryKind
from greenlane.parties.names import NormalName, normalize_name

TAGS = {
    EntryKind.PERSON: NameTypeTag.PER,
    EntryKind.ORGANIZATION: NameTypeTag.ORG,
    EntryKind.VESSEL: NameTypeTag.OBJ,
    EntryKind.AIRCRAFT: NameTypeTag.OBJ,
    EntryKind.UNKNOWN: NameTypeTag.ENT,
}


@dataclass(frozen=True, slots=True)
class PreparedName:
    normal: NormalName
    latin: Name | None
    """The name's ASCII tokens (legal forms removed) as rigour analyses them."""
    script: Name | None
    """The name as written, analysed, when its script is one rigour does not romanise itself
    (Arabic, Han, Hebrew, Devanagari, ...): compared as written with a name in the same
    script, and by symbols (the same given name) with names in other scripts."""
    scripts: frozenset[str]
    """The scripts the name is written in (``Latin``, ``Cyrillic``, ``Arabic``, ``Han``...)."""
    latin_symbols: frozenset[Symbol]
    script_symbols: frozenset[Symbol]
    """The symbols of ``latin`` and ``script``: where two names have none in common, pairing
    them by symbols can be skipped."""
    sorted_key: str
    """``normal.sorted_key``, kept."""
    joined: str
    """The tokens in written order without spaces."""
    joined_script: str
    """The name as written, lower case, letters and digits only."""

    @property
    def person(self) -> bool:
        return self.normal.kind is EntryKind.PERSON


def _analyse(tag: NameTypeTag, text: str, query: bool) -> Name | None:
    if not text:
        return None
    names = analyze_names(
        tag, [text], infer_initials=query and tag is NameTypeTag.PER, phonetics=False
    )
    return max(names, key=lambda name: len(name.parts), default=None)


def prepare(text: str, kind: EntryKind, *, query: bool = False) -> PreparedName:
    """``text`` reduced (``normalize_name``) and analysed as a name of ``kind``. A query's
    single letters are taken as initials."""
    normal = normalize_name(text, kind)
    tag = TAGS[kind]
    latin = _analyse(tag, normal.key, query)
    script = None
    if normal.transliterated and not should_ascii(normal.original):
        script = _analyse(tag, normal.original, query)
    return assemble(normal, latin, script)


def assemble(normal: NormalName, latin: Name | None, script: Name | None) -> PreparedName:
    """The prepared name of a reduced name and its analysed forms (``prepare``, or read back
    from the store: ``kept``)."""
    return PreparedName(
        normal,
        latin,
        script,
        frozenset(text_scripts(normal.original)),
        frozenset(latin.symbols) if latin is not None else frozenset(),
        frozenset(script.symbols) if script is not None else frozenset(),
        normal.sorted_key,
        "".join(normal.tokens),
        "".join(ch for ch in normal.original.casefold() if ch.isalnum()),
    )
