"""Who is in a shipment's chain: the parties of all its filings, role by role.

``ROLES`` has one row per party named in a filing (a role may be named twice), with what kind
of placeholder its name is, if any: ``TO ORDER``, ``UNKNOWN``, ``N/A``, ``TBA``, ``SAME AS
CONSIGNEE``, a role word, an empty name. The same frame code serves one shipment
(``shipment_roles`` on records) and millions (``roles_frame`` on filing and party frames, the
world's Parquet tables among them). What a filing regime requires of these parties, and the
findings on missing ones, are in regimes.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import polars as pl

from greenlane.domain.frames import conform
from greenlane.domain.records import Filing

TIME = pl.Datetime("us", "UTC")
FILING_KEY = ["master_bill", "filing_type", "reference", "version"]
"""What names one version of a filing in every frame here."""

ROLES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "house_bill": pl.String(),
    "filing_type": pl.String(),
    "reference": pl.String(),
    "version": pl.Int32(),
    "filed_at": TIME,
    "role": pl.String(),
    "position": pl.Int32(),
    "name": pl.String(),
    "address": pl.String(),
    "country": pl.String(),
    "identifiers": pl.List(pl.String()),
    "placeholder": pl.String(),
}
"""One row per party a filing names: ``position`` counts parties of one role in one filing;
identifiers are ``scheme:value``; ``placeholder`` says what kind of placeholder the name is."""

FILINGS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "filing_type": pl.String(),
    "reference": pl.String(),
    "version": pl.Int32(),
    "filed_at": TIME,
    "house_bill": pl.String(),
    "port_of_discharge": pl.String(),
}
"""What the checks read of a filing (the world's ``filings`` table has these columns)."""
PARTIES: dict[str, pl.DataType] = {
    **{k: FILINGS[k] for k in FILING_KEY},
    **{k: pl.String() for k in ("role", "name", "address", "country")},
    "identifiers": pl.List(pl.String()),
}
"""The parties of filings; the world's ``parties`` table, with ``identifier_scheme`` and
``identifier`` instead of ``identifiers``, is read too."""
GOODS: dict[str, pl.DataType] = {
    **{k: FILINGS[k] for k in FILING_KEY},
    "line_number": pl.Int32(),
    "hs_code": pl.String(),
    "origin_country": pl.String(),
}
"""The goods lines of filings, as far as the ISF checks read them."""


# --- Placeholders -----------------------------------------------------------------------------

_PLACEHOLDERS: tuple[tuple[str, str], ...] = (
    ("to_order", r"(TO )?(THE )?ORDER( OF .*)?|TO ORDER.*"),
    ("unknown", r"UNKNOWN|UNK|NOT KNOWN|UNSPECIFIED|UNDISCLOSED|VARIOUS|ANY|PRIVATE"),
    ("not_applicable", r"N ?A|NOT APPLICABLE|NOT AVAILABLE|NONE|NIL|NULL|NO NAME"),
    ("to_be_advised", r"TB[ADC]|TO BE (ADVISED|ANNOUNCED|CONFIRMED|DETERMINED|NOMINATED)|PENDING"),
    ("same_as_other", r"(SAME|AS)( AS)? (ABOVE|CONSIGNEE|SHIPPER|BUYER|SELLER|NOTIFY|IMPORTER).*"),
    ("same_as_other", r"SAME|DITTO|AS ABOVE"),
    ("as_per_document", r"(AS PER|SEE|REFER TO) .*"),
    ("role_word", r"(THE )?(CONSIGNEE|SHIPPER|BUYER|SELLER|MANUFACTURER|IMPORTER|NOTIFY( PARTY)?)"),
    ("dummy", r"TEST|DUMMY|X+|0+|-+|\?+"),
)
_PLACEHOLDER_RES = tuple((kind, re.compile(rf"^(?:{p})$")) for kind, p in _PLACEHOLDERS)


@lru_cache(maxsize=65_536)
def placeholder(name: str | None) -> str | None:
    """What kind of placeholder ``name`` is (``empty``, ``to_order``, ``unknown``,
    ``not_applicable``, ``to_be_advised``, ``same_as_other``, ``as_per_document``,
    ``role_word``, ``dummy``), or None for a real name."""
    text = re.sub(r"[^A-Z0-9?]+", " ", (name or "").upper()).strip()
    if not text:
        return "empty"
    for kind, pattern in _PLACEHOLDER_RES:
        if pattern.match(text):
            return kind
    return None


# --- Frames -----------------------------------------------------------------------------------


def roles_frame(
    filings: pl.DataFrame | pl.LazyFrame, parties: pl.DataFrame | pl.LazyFrame
) -> pl.DataFrame:
    """ROLES from a filings frame (FILINGS columns) and a parties frame keyed like it (``role``,
    ``name``, ``address``, ``country``, and ``identifiers`` as a list or the world's
    ``identifier_scheme`` / ``identifier`` pair)."""
    p = parties.lazy()
    names = p.collect_schema().names()
    if "identifiers" not in names and "identifier" in names:
        ident = pl.concat_str(pl.col("identifier_scheme"), pl.lit(":"), pl.col("identifier"))
        p = p.with_columns(
            identifiers=pl.when(pl.col("identifier").is_not_null()).then(pl.concat_list(ident))
        )
    f = conform(filings, FILINGS).select(*FILING_KEY, "filed_at", "house_bill")
    joined = (
        p.with_columns(pl.col("version").cast(pl.Int32))
        .join(f, on=FILING_KEY, how="left")
        .with_columns(position=pl.int_range(pl.len()).over([*FILING_KEY, "role"]).cast(pl.Int32))
    )
    out = conform(joined, ROLES).collect()
    kinds = {n: placeholder(n) for n in out["name"].unique().to_list()}
    return out.with_columns(
        placeholder=pl.col("name").replace_strict(kinds, default=None, return_dtype=pl.String)
    ).sort([*FILING_KEY, "role", "position"])


def filing_frames(filings: Iterable[Filing]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """FILINGS, PARTIES and GOODS frames of canonical filing records."""
    frows: list[tuple[object, ...]] = []
    prows: list[tuple[object, ...]] = []
    grows: list[tuple[object, ...]] = []
    for f in filings:
        key = (f.master_bill, f.filing_type.value, f.reference, f.version)
        frows.append((*key, f.filed_at, f.house_bill, f.route.port_of_discharge))
        for fp in f.parties:
            ids = [f"{i.scheme.value}:{i.value}" for i in fp.party.identifiers]
            p = fp.party
            prows.append((*key, fp.role.value, p.name, p.address, p.country, ids))
        grows.extend((*key, g.line_number, g.hs_code, g.origin_country) for g in f.goods)
    return (
        pl.DataFrame(frows, schema=FILINGS, orient="row"),
        pl.DataFrame(prows, schema=PARTIES, orient="row"),
        pl.DataFrame(grows, schema=GOODS, orient="row"),
    )


def shipment_roles(filings: Iterable[Filing]) -> pl.DataFrame:
    """ROLES of canonical filing records (one shipment's, or many)."""
    f, p, _g = filing_frames(filings)
    return roles_frame(f, p)


def shipment_parties(roles: pl.DataFrame) -> pl.DataFrame:
    """Per shipment and role: every distinct name written for it and the filings that name it:
    everyone in the chain at a glance."""
    return (
        roles.filter(pl.col("placeholder").is_null())
        .group_by("master_bill", "role")
        .agg(
            pl.col("name").unique().sort().alias("names"),
            pl.concat_str("filing_type", pl.lit(" "), "reference").unique().sort().alias("filings"),
        )
        .sort("master_bill", "role")
    )


def party_records(roles: pl.DataFrame) -> pl.DataFrame:
    """The real (not placeholder) parties of ROLES as resolution records: ``record_key`` is
    ``filing_type:reference:version:role:position``, ``seen_at`` the filing time."""
    key = pl.concat_str(
        "filing_type",
        "reference",
        pl.col("version").cast(pl.String),
        "role",
        pl.col("position").cast(pl.String),
        separator=":",
    )
    return roles.filter(pl.col("placeholder").is_null()).select(
        key.alias("record_key"),
        "name",
        "address",
        "country",
        "identifiers",
        pl.col("filed_at").alias("seen_at"),
        "master_bill",
        "role",
    )
