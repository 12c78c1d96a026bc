"""How alike two names are, 0..1, and why.

The tokens of the two names are lined up in three passes:

1. symbols: tokens rigour recognises on both sides as the same thing are paired, such as the
   same given name in another spelling or script (Vladimir, Wladimir, Владимир), an initial and
   the name it stands for, the same number written in words or digits, a place, a common
   organisation word ("intl" and "international");
2. spelling: the rest is aligned by rigour's edit-distance comparison (person names in the
   order that lines them up best, so "PUTIN, Vladimir" meets "Vladimir Putin"), which accepts
   typos within a budget that grows with the length of the token; two tokens of four letters
   or more one edit apart ("Puttin" and "Putin", "Eirc" and "Eric": a letter changed, added,
   dropped, or two swapped) score at least their edit similarity;
3. what is left over is paired token with token where both sides still have one: a conflict
   ("Al-Dulaimi" against "Al-Tikriti") weighs twice as much as a token missing on one side,
   with a little credit when the two are still alike by Jaro-Winkler, or when one is the
   initial of the other.

A token only in the query counts more against the match than one only in the list name (lists
give people's full names; a filing often a shorter one); for organisations the gap is smaller,
since a word only in the listed name ("Global United Shipping") more often names another
company. Legal forms are not part of the name:
different legal forms lower the score a little, a missing one not at all.

Three further rules. In Arabic names, given and father's names either side of "bin" must not
swap ("Salman bin Muhammad" is not "Muhammad bin Salman"). Where the two names written without
spaces are within a few edits of each other (Levenshtein similarity 0.85 or more; names in one
non-Latin script compare as written), the score is at least nine tenths of that similarity: a
typo that moves a space ("HA NJANG SU") or breaks a short token ("ADB AL-KHALIQ") leaves the
tokens misaligned but the name plainly the same. And a tenth of the score is the edit
similarity of the two names' sorted tokens, which orders names the passes score alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein
from rigour.names import (
    Alignment,
    Name,
    NamePart,
    NamePartTag,
    SymbolCategory,
    align_person_name_order,
    compare_parts,
    pair_symbols,
)

from greenlane.domain.watchlists import EntryKind
from greenlane.parties.names import LegalForm
from greenlane.parties.screening.prepared import PreparedName, prepare

SYMBOL_SCORES = {
    SymbolCategory.ORG_CLASS: 0.8,
    SymbolCategory.INITIAL: 0.9,
    SymbolCategory.NAME: 0.9,
    SymbolCategory.NICK: 0.6,
    SymbolCategory.SYMBOL: 0.9,
    SymbolCategory.NUMERIC: 0.9,
    SymbolCategory.LOCATION: 0.9,
}
SYMBOL_WEIGHTS = {
    SymbolCategory.ORG_CLASS: 0.7,
    SymbolCategory.INITIAL: 0.5,
    SymbolCategory.NICK: 0.8,
    SymbolCategory.SYMBOL: 0.3,
    SymbolCategory.NUMERIC: 1.3,
    SymbolCategory.LOCATION: 0.8,
}
QUERY_EXTRA = 0.8
LISTED_EXTRA = 0.2
LISTED_EXTRA_ORG = 0.5
CONFLICT = 2.0
STOP_WORD = 0.7
LEGAL_FORM = 0.3
SIMILAR_FLOOR = 0.8
SIMILAR_CAP = 0.6
INITIAL = 0.8
SWAPPED_PATRONYMIC = 0.7
TRANSLITERATED = 0.95
SORTED_EDIT = 0.1
ONE_EDIT_MIN = 4
WHOLE_NAME_FLOOR = 0.85
WHOLE_NAME = 0.9
PATRONYMIC = frozenset({"bin", "ben", "ibn", "bint", "binti", "ould", "walad"})


def _similar(query: str, listed: str, person: bool) -> float:
    """Credit for two tokens that spelling alignment would not pair."""
    query, listed = query.replace(" ", ""), listed.replace(" ", "")
    if not query or not listed:
        return 0.0
    if len(query) == 1 or len(listed) == 1:
        initial = person and query[0] == listed[0] and len(query) != len(listed)
        return INITIAL if initial else 0.0
    jw = JaroWinkler.normalized_similarity(query, listed)
    return max(0.0, (jw - SIMILAR_FLOOR) / (1 - SIMILAR_FLOOR)) * SIMILAR_CAP


def _one_edit(query: str, listed: str) -> float:
    """A floor for two tokens one edit apart (a letter changed, added or dropped, or two
    neighbours swapped): their edit similarity, when both have at least four letters."""
    if min(len(query), len(listed)) < ONE_EDIT_MIN:
        return 0.0
    if OSA.distance(query, listed, score_cutoff=1) > 1:
        return 0.0
    return OSA.normalized_similarity(query, listed)


def _residue(query: list[NamePart], listed: list[NamePart], person: bool) -> list[Alignment]:
    if person:
        query, listed = align_person_name_order(query, listed)
    else:
        query, listed = NamePart.tag_sort(query), NamePart.tag_sort(listed)
    found = compare_parts(query, listed)
    out: list[Alignment] = []
    query_only: list[Alignment] = []
    listed_only: list[Alignment] = []
    for align in found:
        if align.qps and align.rps:
            if align.score <= 0.0:
                align.score = _similar(align.qstr, align.rstr, person)
            align.score = max(align.score, _one_edit(align.qstr, align.rstr))
            out.append(align)
        elif align.qps:
            query_only.append(align)
        else:
            listed_only.append(align)
    for align in query_only:
        best, best_score = None, -1.0
        for other in listed_only:
            score = _similar(align.qstr, other.rstr, person)
            if score > best_score:
                best, best_score = other, score
        if best is None:
            align.weight = QUERY_EXTRA
            out.append(align)
            continue
        listed_only.remove(best)
        pair = Alignment(align.qps, best.rps, score=best_score, weight=CONFLICT)
        out.append(pair)
    for align in listed_only:
        align.weight = LISTED_EXTRA if person else LISTED_EXTRA_ORG
        out.append(align)
    return out


def _pairing_score(
    query: Name, listed: Name, edges: Sequence[Alignment], person: bool
) -> tuple[float, list[Alignment]]:
    aligned: list[Alignment] = []
    used_query: set[NamePart] = set()
    used_listed: set[NamePart] = set()
    for edge in edges:
        if edge.symbol is not None:
            edge.score = SYMBOL_SCORES.get(edge.symbol.category, 1.0)
            edge.weight = SYMBOL_WEIGHTS.get(edge.symbol.category, 1.0)
        aligned.append(edge)
        used_query.update(edge.qps)
        used_listed.update(edge.rps)
    rest_query = [p for p in query.parts if p not in used_query and p.tag != NamePartTag.LEGAL]
    rest_listed = [p for p in listed.parts if p not in used_listed and p.tag != NamePartTag.LEGAL]
    if rest_query or rest_listed:
        aligned.extend(_residue(rest_query, rest_listed, person))
    total = weighted = 0.0
    for align in aligned:
        if align.score < 1.0 and align.qps and align.rps and align.qstr == align.rstr:
            align.score = 1.0
        stop = (len(align.qps) == 1 and align.qps[0].tag == NamePartTag.STOP) or (
            len(align.rps) == 1 and align.rps[0].tag == NamePartTag.STOP
        )
        weight = align.weight * (STOP_WORD if stop else 1.0)
        total += weight
        weighted += weight * align.score
    return (weighted / total if total else 0.0), aligned


def _patronymic_pairs(name: Name) -> set[tuple[str, str]]:
    forms = [p.comparable for p in name.parts]
    return {
        (forms[i - 1], forms[i + 1])
        for i in range(1, len(forms) - 1)
        if forms[i] in PATRONYMIC and forms[i - 1] != forms[i + 1]
    }


def _swapped_patronymic(query: Name, listed: Name) -> bool:
    listed_pairs = _patronymic_pairs(listed)
    return any((b, a) in listed_pairs for a, b in _patronymic_pairs(query))


def compare_names(
    query: Name, listed: Name, person: bool, *, symbols: bool = True
) -> tuple[float, list[Alignment]]:
    """The best pairing of two analysed names: its score and its alignments. ``symbols``
    False skips the pairing by symbols (the names have none in common)."""
    if query.comparable == listed.comparable:
        return 1.0, [Alignment(query.parts, listed.parts, score=1.0)]
    best, best_aligned = 0.0, list[Alignment]()
    pairings = (pair_symbols(query, listed) if symbols else None) or [()]
    for edges in pairings:
        score, aligned = _pairing_score(query, listed, edges, person)
        if score > best or not best_aligned:
            best, best_aligned = score, aligned
            if score >= 1.0:
                break
    if person and _swapped_patronymic(query, listed):
        best *= SWAPPED_PATRONYMIC
    return best, best_aligned


def legal_forms(query: Sequence[LegalForm], listed: Sequence[LegalForm]) -> tuple[float, str]:
    """Score of the legal forms and what they did, when both names have one."""
    written = f"{', '.join(f.text for f in query)!r} and {', '.join(f.text for f in listed)!r}"
    if {f.form for f in query} & {f.form for f in listed}:
        return 1.0, f"the same legal form: {written}"
    kinds = {f.generic for f in query if f.generic}
    if kinds & {f.generic for f in listed if f.generic}:
        return 0.8, f"legal forms of one kind: {written}"
    return 0.4, f"different legal forms: {written}"


def _variants(query: PreparedName, listed: PreparedName) -> list[tuple[Name, Name, bool, bool]]:
    """The analysed forms to compare: (query form, list form, crosses scripts, have symbols
    in common). Two names in one script that rigour does not romanise (Arabic, Han, ...) are
    compared as written only: romanising them would lose the difference between two
    characters read alike. Otherwise the romanised forms are compared; and a name written in
    such a script is compared as written with the other's romanised form when they have
    symbols in common (a given name rigour knows in both scripts), since nothing else in
    two scripts can align."""
    shared = query.scripts & listed.scripts - {"Latin"}
    if query.script is not None and listed.script is not None and shared:
        common = bool(query.script_symbols & listed.script_symbols)
        return [(query.script, listed.script, False, common)]
    crossing = query.scripts != listed.scripts
    pairs: list[tuple[Name, Name, bool, bool]] = []
    if query.latin is not None and listed.latin is not None:
        common = bool(query.latin_symbols & listed.latin_symbols)
        pairs.append((query.latin, listed.latin, crossing, common))
    if (
        query.script is not None
        and listed.latin is not None
        and query.script_symbols & listed.latin_symbols
    ):
        pairs.append((query.script, listed.latin, True, True))
    if (
        listed.script is not None
        and query.latin is not None
        and listed.script_symbols & query.latin_symbols
    ):
        pairs.append((query.latin, listed.script, True, True))
    return pairs


def best_alignment(
    query: PreparedName, listed: PreparedName
) -> tuple[float, list[Alignment], bool]:
    """The best name score over the forms compared (``_variants``), its alignments, and
    whether it crossed scripts. Two names are compared as people's when one is a person's and
    the other a person's or of unknown kind (the Denied Persons List does not say)."""
    person = (query.person or listed.person) and EntryKind.ORGANIZATION not in (
        query.normal.kind,
        listed.normal.kind,
    )
    best, best_aligned, best_translit = 0.0, list[Alignment](), False
    for q, r, translit, common in _variants(query, listed):
        score, aligned = compare_names(q, r, person, symbols=common)
        if translit:
            score *= TRANSLITERATED
        if score > best or not best_aligned:
            best, best_aligned, best_translit = score, aligned, translit
    return best, best_aligned, best_translit


def final_score(query: PreparedName, listed: PreparedName, name_score: float) -> float:
    """The name score with the legal forms, the whole-name edit similarity and the
    sorted-token similarity folded in."""
    q_forms, r_forms = query.normal.legal_forms, listed.normal.legal_forms
    if q_forms and r_forms:
        form_score, _ = legal_forms(q_forms, r_forms)
        name_score = (name_score + LEGAL_FORM * form_score) / (1 + LEGAL_FORM)
    sorted_edit = Levenshtein.normalized_similarity(query.sorted_key, listed.sorted_key)
    if query.script is not None and listed.script is not None:
        joined = Levenshtein.normalized_similarity(query.joined_script, listed.joined_script)
    else:
        joined = Levenshtein.normalized_similarity(query.joined, listed.joined)
    if joined >= WHOLE_NAME_FLOOR:
        name_score = max(name_score, WHOLE_NAME * joined)
    return (1 - SORTED_EDIT) * name_score + SORTED_EDIT * sorted_edit


def score_prepared(query: PreparedName, listed: PreparedName) -> float:
    """How alike the two names are, 0..1 (the hot path: no explanation)."""
    name_score, _, _ = best_alignment(query, listed)
    return final_score(query, listed, name_score)


def score_names(query: str, listed: str, kind: EntryKind = EntryKind.UNKNOWN) -> float:
    """How alike two names of one kind are, 0..1: the score screening gives a list name."""
    return score_prepared(prepare(query, kind, query=True), prepare(listed, kind))
