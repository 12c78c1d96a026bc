"""Why two names matched, token by token, in words an officer can read."""

from __future__ import annotations

from dataclasses import dataclass

from rigour.names import Alignment, SymbolCategory

from greenlane.parties.screening.prepared import PreparedName
from greenlane.parties.screening.scorer import (
    CONFLICT,
    best_alignment,
    final_score,
    legal_forms,
)

SYMBOL_WORDS = {
    SymbolCategory.NAME: "same name",
    SymbolCategory.INITIAL: "initial",
    SymbolCategory.NICK: "nickname",
    SymbolCategory.NUMERIC: "number",
    SymbolCategory.LOCATION: "place",
    SymbolCategory.SYMBOL: "organisation word",
    SymbolCategory.DOMAIN: "organisation word",
    SymbolCategory.ORG_CLASS: "legal form",
    SymbolCategory.PHONETIC: "sounds alike",
}


@dataclass(frozen=True, slots=True)
class TokenMatch:
    """One line of an explanation: query tokens, list tokens, how they were matched."""

    query: str
    listed: str
    how: str
    """``same``; ``same name`` (another spelling or script of one given name), ``initial``,
    ``nickname``, ``number``, ``place``, ``organisation word``; ``spelling`` (a typo within
    the budget for the token's length); ``similar`` (alike, but more than a typo);
    ``different``; ``only in query``; ``only in list name``."""
    score: float

    def __str__(self) -> str:
        if not self.listed:
            return f"{self.query!r} only in the query"
        if not self.query:
            return f"{self.listed!r} only in the list name"
        if self.how == "same":
            return f"{self.query!r} same"
        return f"{self.query!r} ~ {self.listed!r}: {self.how} ({self.score:.2f})"


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The score of a query name against a list name, with its explanation."""

    score: float
    query: str
    listed: str
    tokens: tuple[TokenMatch, ...]
    legal_forms: str | None
    """What the legal forms did: ignored when one side has none, else the same, of one kind
    or different."""
    transliterated: bool
    """The names are in different scripts and were compared romanised."""

    def lines(self) -> list[str]:
        out = [str(token) for token in self.tokens]
        if self.legal_forms:
            out.append(self.legal_forms)
        if self.transliterated:
            out.append("compared across scripts, after transliteration")
        return out


def _how(align: Alignment) -> str:
    if not align.rps:
        return "only in query"
    if not align.qps:
        return "only in list name"
    if align.qstr == align.rstr:
        return "same"
    if align.symbol is not None:
        return SYMBOL_WORDS.get(align.symbol.category, "same meaning")
    short, long = sorted((align.qstr.replace(" ", ""), align.rstr.replace(" ", "")), key=len)
    if len(short) == 1 and len(long) > 1 and long.startswith(short) and align.score > 0:
        return "initial"
    if align.score <= 0.0:
        return "different"
    return "similar" if align.weight == CONFLICT else "spelling"


def token_matches(aligned: list[Alignment]) -> tuple[TokenMatch, ...]:
    """The alignments in the query's token order, then the list name's extra tokens."""

    def order(align: Alignment) -> tuple[int, int]:
        if align.qps:
            return (0, min(p.index for p in align.qps))
        return (1, min(p.index for p in align.rps))

    return tuple(
        TokenMatch(align.qstr, align.rstr, _how(align), round(align.score, 4))
        for align in sorted(aligned, key=order)
    )


def _legal_note(query: PreparedName, listed: PreparedName) -> str | None:
    q_forms, r_forms = query.normal.legal_forms, listed.normal.legal_forms
    if q_forms and r_forms:
        return legal_forms(q_forms, r_forms)[1]
    if q_forms or r_forms:
        written = ", ".join(f.text for f in (q_forms or r_forms))
        side = "query" if q_forms else "list name"
        return f"legal form ignored: {written!r} (only the {side} has one)"
    return None


def match_names(query: PreparedName, listed: PreparedName) -> NameMatch:
    """``score_prepared`` with its explanation."""
    name_score, aligned, crossed = best_alignment(query, listed)
    return NameMatch(
        score=final_score(query, listed, name_score),
        query=query.normal.original,
        listed=listed.normal.original,
        tokens=token_matches(aligned),
        legal_forms=_legal_note(query, listed),
        transliterated=crossed,
    )
