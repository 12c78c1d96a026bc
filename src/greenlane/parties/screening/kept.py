"""Prepared names as data, so that a later process screens them without rigour's taggers.

Preparing a name analyses it with rigour (``prepared``), and the first person's name analysed
in a process builds rigour's person-name tagger: some twelve seconds, paid again by every new
process. What the analysis gives is plain data (each token's tag, the spans tagged with
symbols); written out here as JSON and read back into the same rigour objects, a name screens
as the analysis left it. A name is written only when reading it back gives every attribute
rigour exposes unchanged (``same``); one that would not is prepared again when needed.

The JSON is read without anything that could run code; anything malformed is a ValueError.
"""

from __future__ import annotations

import json
from typing import Any

from rigour.names import Name, NamePartTag, NameTypeTag, Span, Symbol, SymbolCategory

from greenlane.domain.watchlists import EntryKind
from greenlane.parties.names import LegalForm, NormalName
from greenlane.parties.screening.prepared import PreparedName, assemble

_NAME_TAGS = {
    t.value: t
    for t in (NameTypeTag.UNK, NameTypeTag.ENT, NameTypeTag.PER, NameTypeTag.ORG, NameTypeTag.OBJ)
}
_PART_TAGS = {
    t.value: t
    for t in (
        NamePartTag.UNSET,
        NamePartTag.AMBIGUOUS,
        NamePartTag.TITLE,
        NamePartTag.GIVEN,
        NamePartTag.MIDDLE,
        NamePartTag.FAMILY,
        NamePartTag.TRIBAL,
        NamePartTag.PATRONYMIC,
        NamePartTag.MATRONYMIC,
        NamePartTag.HONORIFIC,
        NamePartTag.SUFFIX,
        NamePartTag.NICK,
        NamePartTag.STOP,
        NamePartTag.NUM,
        NamePartTag.LEGAL,
    )
}
_CATEGORIES = {
    c.value: c
    for c in (
        SymbolCategory.ORG_CLASS,
        SymbolCategory.SYMBOL,
        SymbolCategory.DOMAIN,
        SymbolCategory.INITIAL,
        SymbolCategory.NAME,
        SymbolCategory.NICK,
        SymbolCategory.NUMERIC,
        SymbolCategory.LOCATION,
        SymbolCategory.PHONETIC,
    )
}


def normal_data(normal: NormalName) -> list[Any]:
    forms = [[f.text, f.form, f.generic] for f in normal.legal_forms]
    return [normal.original, normal.kind.value, list(normal.tokens), forms, normal.transliterated]


def normal_from_data(data: Any) -> NormalName:
    original, kind, tokens, forms, transliterated = data
    return NormalName(
        _text(original),
        EntryKind(kind),
        tuple(_text(t) for t in tokens),
        tuple(LegalForm(_text(a), _text(b), None if c is None else _text(c)) for a, b, c in forms),
        bool(transliterated),
    )


def _name_data(name: Name | None) -> list[Any] | None:
    if name is None:
        return None
    index = {id(part): i for i, part in enumerate(name.parts)}
    spans = [
        [[index[id(p)] for p in span.parts], span.symbol.category.value, span.symbol.id]
        for span in name.spans
    ]
    return [name.original, name.form, name.tag.value, [p.tag.value for p in name.parts], spans]


def _name_from_data(data: Any) -> Name | None:
    if data is None:
        return None
    original, form, tag, part_tags, spans = data
    name = Name(_text(original), _text(form), _NAME_TAGS[tag], phonetics=False)
    parts = name.parts
    if len(part_tags) != len(parts):
        raise ValueError("kept name: its tokens are not those it was kept with")
    for part, part_tag in zip(parts, part_tags, strict=True):
        part.tag = _PART_TAGS[part_tag]
    for indexes, category, symbol_id in spans:
        symbol = Symbol(_CATEGORIES[category], _text(symbol_id))
        name.spans.append(Span([parts[i] for i in indexes], symbol))
    return name


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"kept name: {value!r} is not text")
    return value


def normal_to_json(normal: NormalName) -> str:
    return json.dumps(normal_data(normal), ensure_ascii=False)


def normal_from_json(text: str) -> NormalName:
    try:
        return normal_from_data(json.loads(text))
    except (TypeError, KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"not a kept normal name: {exc}") from exc


def prepared_to_json(prepared: PreparedName) -> str | None:
    """The prepared name as JSON; None when reading it back would not give the same name."""
    try:
        latin, script = _name_data(prepared.latin), _name_data(prepared.script)
    except KeyError:  # a span over a token that is not one of the name's: not kept
        return None
    text = json.dumps([normal_data(prepared.normal), latin, script], ensure_ascii=False)
    try:
        back = prepared_from_json(text)
    except ValueError:
        return None
    return text if same(back, prepared) else None


def prepared_from_json(text: str) -> PreparedName:
    """The prepared name ``prepared_to_json`` wrote; ValueError for anything else."""
    try:
        normal, latin, script = json.loads(text)
        return assemble(normal_from_data(normal), _name_from_data(latin), _name_from_data(script))
    except (TypeError, KeyError, IndexError, ValueError, AttributeError) as exc:
        raise ValueError(f"not a kept prepared name: {exc}") from exc


def same(left: PreparedName, right: PreparedName) -> bool:
    """Whether the two prepared names are alike in everything the scorer can read."""
    return (
        left.normal == right.normal
        and left.scripts == right.scripts
        and name_state(left.latin) == name_state(right.latin)
        and name_state(left.script) == name_state(right.script)
    )


def name_state(name: Name | None) -> tuple[Any, ...] | None:
    """Every attribute rigour exposes of an analysed name, its tokens and its spans."""
    if name is None:
        return None
    parts = name.parts
    index = {id(part): i for i, part in enumerate(parts)}
    return (
        name.original,
        name.form,
        name.tag.value,
        name.comparable,
        name.norm_form,
        tuple(
            (
                p.form,
                p.index,
                p.tag.value,
                p.latinize,
                p.numeric,
                p.ascii,
                p.integer,
                p.comparable,
                p.metaphone,
            )
            for p in parts
        ),
        tuple(
            (
                tuple(index.get(id(p), -1) for p in span.parts),
                tuple((p.form, p.index, p.tag.value) for p in span.parts),
                span.symbol.category.value,
                span.symbol.id,
                span.comparable,
            )
            for span in name.spans
        ),
        tuple(sorted((s.category.value, s.id) for s in name.symbols)),
    )
