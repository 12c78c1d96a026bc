"""Party records to the comparison columns Splink reads, one row per distinct variant.

Records that say the same thing once normalised (same name, address, country and identifiers)
are one *variant*: they cannot be told apart, so they are compared once. A variant's id is a hash
of what it says, so it is the same in every run and on every machine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

import polars as pl

from greenlane.domain.frames import conformed as conform
from greenlane.parties.resolution.normalise import (
    legal_form,
    locality,
    normalise_address,
    normalise_country,
    normalise_name,
    qualifier,
)

TIME = pl.Datetime("us", "UTC")

PARTY_RECORDS: dict[str, pl.DataType] = {
    "record_key": pl.String(),
    "name": pl.String(),
    "address": pl.String(),
    "country": pl.String(),
    "identifiers": pl.List(pl.String()),
    "seen_at": TIME,
}
"""What resolution reads: one party as one filing wrote it. ``record_key`` is unique and stable
(a filing reference, version, role and position); identifiers are ``scheme:value`` strings;
``seen_at`` (the filing time) decides which record names an entity."""

VARIANTS: dict[str, pl.DataType] = {
    "unique_id": pl.String(),
    "name_norm": pl.String(),
    "name_compact": pl.String(),
    "name_tokens": pl.List(pl.String()),
    "block_keys": pl.List(pl.String()),
    "descriptors": pl.List(pl.String()),
    "distinctive": pl.String(),
    "qualifiers": pl.String(),
    "name_key": pl.String(),
    "legal_form": pl.String(),
    "address_norm": pl.String(),
    "locality": pl.String(),
    "country": pl.String(),
    "ids": pl.List(pl.String()),
    "id_keys": pl.List(pl.String()),
    "id_schemes": pl.List(pl.String()),
}
"""The comparison columns of one variant (Splink's input table)."""

BLOCK_TOKENS = 3
"""Blocking pairs the rarest three words of a name: one mistyped word still leaves a pair."""
COMMON = 3
COMMON_SHARE = 0.0005
"""A word in at least COMMON distinct names and this share of them is a word of the trade's
vocabulary (a place, a line of business), not a typing slip: two names that each have such a
word the other lacks name two companies (``Huali Electronics``, ``Huali Technology``). Words are
compared by their skeleton (``skeleton``), so an abbreviation is not a different word."""


def consonants(word: str) -> str:
    """The first letter and the consonants after it, doubled letters once."""
    out = word[:1]
    for ch in word[1:]:
        if ch not in "aeiouy" and ch != out[-1]:
            out += ch
    return out


def skeleton(word: str) -> str:
    """The first letter and the next two consonants, doubled letters once, a plural s dropped:
    ``appliance`` and ``appl`` are ``apl``, ``footwear`` and ``ftwr`` are ``ftw``."""
    if len(word) >= 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return consonants(word)[:3]


def _mapped(column: pl.Series, fn: Callable[[str], str | None]) -> dict[str, str | None]:
    """``fn`` of each distinct value: normalising is per distinct string, not per record."""
    return {v: fn(v) for v in column.drop_nulls().unique().to_list()}


def id_masks(ident: str) -> list[str]:
    """``scheme:VALUE`` with each character of the value masked in turn: two values one
    keystroke apart (a wrong or swapped character) share a mask."""
    scheme, _, value = ident.partition(":")
    out = [f"{scheme}:{value[:i]}?{value[i + 1 :]}" for i in range(len(value))]
    # Two neighbouring characters swapped: both positions masked.
    out += [f"{scheme}:{value[:i]}??{value[i + 2 :]}" for i in range(len(value) - 1)]
    return out


def _variant_id(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def record_features(records: pl.DataFrame) -> pl.DataFrame:
    """Each record with its comparison columns and ``unique_id`` (its variant)."""
    r = conform(records, PARTY_RECORDS, keep=True)
    names = _mapped(r["name"], normalise_name)
    forms = _mapped(r["name"], legal_form)
    countries = _mapped(r["country"], normalise_country)
    addresses = _mapped(r["address"], normalise_address)
    places = _mapped(r["address"], locality)
    scheme = pl.element().str.extract(r"^\s*([^:]+?)\s*:", 1).str.to_lowercase()
    value = pl.element().str.extract(r":(.*)$", 1).str.to_uppercase()
    value = value.str.replace_all(r"[^0-9A-Z]", "")
    ids = pl.col("identifiers").list.eval(
        pl.when(value.str.len_chars() > 0).then(pl.concat_str(scheme, pl.lit(":"), value))
    )
    out = r.with_columns(
        name_norm=pl.col("name").replace_strict(names, default=None, return_dtype=pl.String),
        legal_form=pl.col("name").replace_strict(forms, default=None, return_dtype=pl.String),
        address_norm=pl.col("address").replace_strict(
            addresses, default=None, return_dtype=pl.String
        ),
        locality=pl.col("address").replace_strict(places, default=None, return_dtype=pl.String),
        country=pl.col("country").replace_strict(countries, default=None, return_dtype=pl.String),
        ids=ids.list.drop_nulls().list.unique().list.sort(),
    ).with_columns(
        name_compact=pl.col("name_norm").str.replace_all(" ", ""),
        name_tokens=pl.col("name_norm").str.split(" ").list.unique().list.sort(),
        ids=pl.when(pl.col("ids").list.len() > 0).then(pl.col("ids")),
    )
    out = out.with_columns(
        id_keys=pl.col("ids").map_elements(
            lambda ids: sorted({k for i in ids for k in id_masks(i)}),
            return_dtype=pl.List(pl.String),
            skip_nulls=True,
        ),
        id_schemes=pl.col("ids")
        .list.eval(pl.element().str.extract(r"^([^:]+):", 1))
        .list.unique()
        .list.sort(),
        content=pl.concat_str(
            pl.col("name_norm").fill_null(""),
            pl.col("legal_form").fill_null(""),
            pl.col("address_norm").fill_null(""),
            pl.col("country").fill_null(""),
            pl.col("ids").list.join(" ").fill_null(""),
            separator="\x1f",
        ),
    )
    contents = out["content"].unique().to_list()
    uid = {c: _variant_id(c) for c in contents}
    return out.with_columns(
        unique_id=pl.col("content").replace_strict(uid, return_dtype=pl.String)
    ).drop("content")


@dataclass(frozen=True)
class Vocabulary:
    """In how many distinct names each word occurs, out of how many names: what makes a word
    rare (blocking) or common (descriptors). Kept with an index so new records are keyed the
    same way as the batch."""

    words: Mapping[str, int]
    names: int

    @property
    def common_floor(self) -> int:
        return max(COMMON, round(COMMON_SHARE * self.names))

    @cached_property
    def common(self) -> dict[str, list[str]]:
        """The common words by first letter, most frequent first."""
        floor = self.common_floor
        out: dict[str, list[str]] = {}
        for w, n in sorted(self.words.items(), key=lambda item: (-item[1], item[0])):
            if n >= floor:
                out.setdefault(w[:1], []).append(w)
        return out

    def is_common(self, word: str) -> bool:
        return self.words.get(word, 0) >= self.common_floor

    def expand(self, word: str) -> str | None:
        """The common word a short rare word abbreviates (``chem``: ``chemical``, ``ftwr``:
        ``footwear``), the most frequent when several fit, else None."""
        if len(word) > 5 or self.is_common(word):
            return None
        stem = consonants(word)
        for c in self.common.get(word[:1], ()):
            if len(c) > len(word) and (c.startswith(word) or consonants(c).startswith(stem)):
                return c
        return None


def vocabulary(variants: pl.DataFrame) -> Vocabulary:
    names = variants.select(pl.col("name_norm").drop_nulls().unique())
    counts = (
        names.select(pl.col("name_norm").str.split(" ").list.unique().alias("t"))
        .explode("t")
        .group_by("t")
        .len()
    )
    words = dict(zip(counts["t"].to_list(), counts["len"].to_list(), strict=True))
    return Vocabulary(words, names.height)


def _block_keys(tokens: list[str] | None, counts: Mapping[str, int]) -> list[str]:
    if not tokens:
        return []
    rare = sorted(tokens, key=lambda t: (counts.get(t, 0), t))[:BLOCK_TOKENS]
    if len(rare) == 1:
        return rare
    return sorted(
        {f"{a}|{b}" if a < b else f"{b}|{a}" for i, a in enumerate(rare) for b in rare[i + 1 :]}
    )


@dataclass(frozen=True, slots=True)
class NameParts:
    """What the model reads of a normalised name beyond its letters."""

    block_keys: list[str]
    descriptors: list[str] | None
    """Skeletons of its common words (and of abbreviations of common words)."""
    distinctive: str | None
    """Its other words, in order (None when it has none)."""
    qualifiers: str
    """Skeletons of its group qualifiers (``Holding``, ``Group``, ...), sorted; may be empty."""
    name_key: str | None
    """The name with abbreviations of common words written out: ``Noorhaven Chem.`` and
    ``Noorhaven Chemical`` have one key."""


def name_parts(name: str | None, vocab: Vocabulary) -> NameParts:
    if not name:
        return NameParts([], None, None, "", None)
    words = name.split(" ")
    full = [vocab.expand(w) or w for w in words]
    common = [vocab.is_common(w) for w in full]
    distinctive = " ".join(w for w, c in zip(full, common, strict=True) if not c)
    return NameParts(
        block_keys=_block_keys(sorted(set(words)), vocab.words),
        descriptors=sorted({skeleton(w) for w, c in zip(full, common, strict=True) if c}) or None,
        distinctive=distinctive or None,
        qualifiers=" ".join(sorted({q for q in map(qualifier, words) if q})),
        name_key=" ".join(full),
    )


def variants(features: pl.DataFrame, vocab: Vocabulary | None = None) -> pl.DataFrame:
    """One row per variant (VARIANTS); name parts from ``vocab`` (default: the vocabulary of
    these names)."""
    v = features.unique("unique_id", keep="first").sort("unique_id")
    vocab = vocabulary(v) if vocab is None else vocab
    parts = {n: name_parts(n, vocab) for n in v["name_norm"].unique().to_list()}
    per = [parts[n] for n in v["name_norm"].to_list()]
    return conform(
        v.with_columns(
            block_keys=pl.Series([p.block_keys for p in per], dtype=pl.List(pl.String)),
            descriptors=pl.Series([p.descriptors for p in per], dtype=pl.List(pl.String)),
            distinctive=pl.Series([p.distinctive for p in per], dtype=pl.String),
            qualifiers=pl.Series([p.qualifiers for p in per], dtype=pl.String),
            name_key=pl.Series([p.name_key for p in per], dtype=pl.String),
        ),
        VARIANTS,
    )


def address_frequencies(variants: pl.DataFrame) -> pl.DataFrame:
    """Splink's term-frequency table for ``address_norm``: the share of distinct names written
    at each address. A formation agent's address carries hundreds of names, a company's own a
    handful of spellings."""
    v = variants.filter(pl.col("address_norm").is_not_null())
    total = max(1, v["name_compact"].n_unique())
    return v.group_by("address_norm").agg(
        (pl.col("name_compact").n_unique() / total).alias("tf_address_norm")
    )


def thin(variants: pl.DataFrame) -> frozenset[str]:
    """Variants that are a name only: no address, no identifier."""
    only_name = variants.filter(pl.col("address_norm").is_null() & pl.col("ids").is_null())
    return frozenset(only_name["unique_id"].to_list())
