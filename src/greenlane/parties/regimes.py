"""What each filing regime requires of a filing's parties, and the findings on what is missing.

``findings_frame`` checks the latest version of each filing against what its regime requires of
its parties (the ROLES of roles.py, where placeholders count as absent):

- the US importer security filing (10+2, in force since 26 January 2009): seller, buyer, importer
  of record (with its number), consignee (with its number), manufacturer or supplier, ship-to
  party, container stuffing location and consolidator (stuffer), names with addresses; and per
  goods line the country of origin and the HS code;
- the US 24-hour rule (cargo declarations since 2 December 2002): shipper and consignee names and
  addresses;
- the EU entry summary declaration: ICS1 (2011 to June 2024) consignor and consignee; ICS2 (from
  3 June 2024) also buyer and seller on house-level filings, names with addresses.

``TO ORDER`` is no missing consignee where a negotiable bill names a real notify party. One
shipment's filings are checked with ``role_findings``, millions with ``findings_frame`` on
filing, party and goods frames.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import polars as pl

from greenlane.domain.codes import FilingType, PartyRole, Severity
from greenlane.domain.frames import conform
from greenlane.domain.records import Filing
from greenlane.parties.roles import FILING_KEY, FILINGS, filing_frames, roles_frame

ROLE_FINDINGS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "filing_type": pl.String(),
    "reference": pl.String(),
    "version": pl.Int32(),
    "regime": pl.String(),
    "role": pl.String(),
    "kind": pl.String(),
    "severity": pl.String(),
    "value": pl.String(),
    "message": pl.String(),
}
"""Findings on the parties of a filing: the filing, the regime that requires the party, the
role, what is wrong (``kind``), the value as written, and a sentence for officers."""


EU = frozenset(
    str.split("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK")
)


ROLE_WORDS: dict[PartyRole, str] = {
    PartyRole.SELLER: "seller",
    PartyRole.BUYER: "buyer",
    PartyRole.SHIPPER: "shipper (consignor)",
    PartyRole.IMPORTER_OF_RECORD: "importer of record",
    PartyRole.CONSIGNEE: "consignee",
    PartyRole.MANUFACTURER: "manufacturer (or supplier)",
    PartyRole.SHIP_TO: "ship-to party",
    PartyRole.STUFFER: "container stuffing location",
    PartyRole.CONSOLIDATOR: "consolidator (stuffer)",
    PartyRole.NOTIFY_PARTY: "notify party",
    PartyRole.CARRIER: "carrier",
    PartyRole.NVOCC: "NVOCC",
    PartyRole.DECLARANT: "declarant",
}


@dataclass(frozen=True, slots=True)
class Regime:
    """What one filing regime requires of the parties of a filing."""

    name: str
    label: str
    filing_type: FilingType
    region: str
    since: date
    until: date | None
    required: tuple[PartyRole, ...]
    addresses: frozenset[PartyRole]
    identifiers: frozenset[PartyRole] = frozenset()
    house_roles: tuple[PartyRole, ...] = ()
    """Required only of house-level filings (a house bill, or a bill with no houses)."""
    goods: bool = False
    """Each goods line needs a country of origin and an HS code."""


_R, _CARGO, _ISF_TYPE = PartyRole, FilingType.CARGO_DECLARATION, FilingType.IMPORTER_SECURITY_FILING
_ISF = (_R.SELLER, _R.BUYER, _R.IMPORTER_OF_RECORD, _R.CONSIGNEE, _R.MANUFACTURER, _R.SHIP_TO,
        _R.STUFFER, _R.CONSOLIDATOR)  # fmt: skip
_NUMBERED = frozenset({_R.IMPORTER_OF_RECORD, _R.CONSIGNEE})
_ENS = (_R.SHIPPER, _R.CONSIGNEE)
REGIMES: tuple[Regime, ...] = (
    Regime("us_isf", "importer security filing (10+2)", _ISF_TYPE, "US", date(2009, 1, 26), None,
           _ISF, frozenset(_ISF) - _NUMBERED, _NUMBERED, goods=True),
    Regime("us_24h", "advance cargo declaration (24-hour rule)", _CARGO, "US", date(2002, 12, 2),
           None, _ENS, frozenset(_ENS)),
    Regime("eu_ics1", "entry summary declaration (ICS1)", _CARGO, "EU", date(2011, 1, 1),
           date(2024, 6, 3), _ENS, frozenset(_ENS)),
    Regime("eu_ics2", "entry summary declaration (ICS2)", _CARGO, "EU", date(2024, 6, 3), None,
           _ENS, frozenset({*_ENS, _R.SELLER, _R.BUYER}), house_roles=(_R.SELLER, _R.BUYER)),
)  # fmt: skip
"""The regimes checked, with the dates they apply from (and until)."""


def role_findings(filings: Iterable[Filing]) -> pl.DataFrame:
    """ROLE_FINDINGS of canonical filing records."""
    f, p, g = filing_frames(filings)
    return findings_frame(f, p, g)


# --- Findings ---------------------------------------------------------------------------------

_PLACEHOLDER_WORDS = {
    "empty": "an empty name",
    "to_order": "a bill made out to order",
    "unknown": "an unknown party",
    "not_applicable": "'not applicable'",
    "to_be_advised": "a party still to be advised",
    "same_as_other": "a reference to another party",
    "as_per_document": "a reference to another document",
    "role_word": "a role, not a name",
    "dummy": "a dummy value",
}


def _requirements() -> pl.DataFrame:
    """One row per regime and role it requires: house-level only, address and number needed."""
    return pl.DataFrame(
        [
            {
                "regime": r.name,
                "role": role.value,
                "house_only": role in r.house_roles,
                "needs_address": role in r.addresses,
                "needs_id": role in r.identifiers,
            }
            for r in REGIMES
            for role in (*r.required, *r.house_roles)
        ]
    )


def _regulated(filings: pl.DataFrame) -> pl.DataFrame:
    """The latest version of each filing with the regime that applies to it (if any)."""
    latest = filings.sort("version").group_by(FILING_KEY[:3], maintain_order=True).last()
    cargo = pl.col("filing_type") == FilingType.CARGO_DECLARATION.value
    has_houses = latest.filter(cargo & pl.col("house_bill").is_not_null())["master_bill"]
    country = pl.col("port_of_discharge").str.slice(0, 2)
    latest = latest.with_columns(
        region=pl.when(country == "US")
        .then(pl.lit("US"))
        .when(country.is_in(EU))
        .then(pl.lit("EU")),
        day=pl.col("filed_at").dt.date(),
        house_level=pl.col("house_bill").is_not_null()
        | ~pl.col("master_bill").is_in(has_houses.implode()),
    )
    regimes = pl.DataFrame(
        [
            {"regime": r.name, "label": r.label, "filing_type": r.filing_type.value,
             "region": r.region, "since": r.since, "until": r.until, "goods": r.goods}
            for r in REGIMES
        ],
        schema_overrides={"until": pl.Date},
    )  # fmt: skip
    applies = (pl.col("day") >= pl.col("since")) & (
        pl.col("until").is_null() | (pl.col("day") < pl.col("until"))
    )
    matched = latest.join(regimes, on=["filing_type", "region"], how="left").filter(
        pl.col("regime").is_null() | applies
    )
    return matched.with_columns(
        label=pl.col("label").fill_null(pl.col("filing_type").str.replace_all("_", " "))
    )


def _findings(
    frame: pl.DataFrame,
    kind: str,
    severity: Severity,
    message: pl.Expr,
    value: pl.Expr | None = None,
) -> pl.DataFrame:
    """ROLE_FINDINGS rows, one per row of ``frame`` (which has the filing key, ``regime``,
    ``role`` and what ``message`` and ``value`` read)."""
    return frame.select(
        *FILING_KEY,
        "regime",
        "role",
        pl.lit(kind).alias("kind"),
        pl.lit(severity.value).alias("severity"),
        (value if value is not None else pl.lit(None, pl.String)).alias("value"),
        message.alias("message"),
    )


def _role_word() -> pl.Expr:
    return pl.col("role").replace_strict(
        {r.value: w for r, w in ROLE_WORDS.items()}, default=pl.col("role")
    )


def findings_frame(
    filings: pl.DataFrame | pl.LazyFrame,
    parties: pl.DataFrame | pl.LazyFrame,
    goods: pl.DataFrame | pl.LazyFrame | None = None,
) -> pl.DataFrame:
    """ROLE_FINDINGS of the latest version of every filing: required parties missing or given
    as placeholders, addresses and numbers missing; with ``goods`` (keyed like the filings,
    ``line_number``, ``hs_code``, ``origin_country``), ISF lines without origin or HS code."""
    filed = _regulated(conform(filings, FILINGS).collect())
    keys = filed.select(*FILING_KEY, "regime", "label", "house_level")
    roles = roles_frame(filings, parties).join(keys, on=FILING_KEY, how="inner")
    word, ref, name = _role_word(), pl.col("reference"), pl.col("name").fill_null("")
    need = _requirements()
    required = keys.join(need, on="regime").filter(~pl.col("house_only") | pl.col("house_level"))
    named = roles.select(*FILING_KEY, "role").unique()
    missing = required.join(named, on=[*FILING_KEY, "role"], how="anti")
    out = [
        _findings(
            missing,
            "party_missing",
            Severity.ERROR,
            pl.format("The {} {} names no {}.", "label", ref, word),
        )
    ]
    out += _placeholder_findings(roles, need)
    real = roles.filter(pl.col("placeholder").is_null()).join(need, on=["regime", "role"])
    blank = pl.col("address").is_null() | (pl.col("address").str.strip_chars() == "")
    no_ids = pl.col("identifiers").list.len().fill_null(0) == 0
    out.append(
        _findings(
            real.filter(pl.col("needs_address") & blank),
            "party_address_missing",
            Severity.WARNING,
            pl.format("The {} {} in the {} {} has no address.", word, name, "label", ref),
            name,
        )
    )
    out.append(
        _findings(
            real.filter(pl.col("needs_id") & no_ids),
            "party_identifier_missing",
            Severity.WARNING,
            pl.format(
                "The {} {} in the {} {} has no number (IRS, EIN, SSN or CBP-assigned).",
                word,
                name,
                "label",
                ref,
            ),
            name,
        )
    )
    if goods is not None:
        out += _goods_findings(filed, goods)
    frames = [conform(f, ROLE_FINDINGS).collect() for f in out]
    return (
        pl.concat(frames)
        .unique(maintain_order=True)
        .sort([*FILING_KEY, "role", "kind"], nulls_last=True)
    )


def _placeholder_findings(roles: pl.DataFrame, need: pl.DataFrame) -> list[pl.DataFrame]:
    """Placeholders: a consignee made out to order is a negotiable bill (a finding to read, a
    warning when no notify party is named); any other placeholder stands for a missing party."""
    word, ref, name = _role_word(), pl.col("reference"), pl.col("name").fill_null("")
    notify = roles.filter(
        (pl.col("role") == PartyRole.NOTIFY_PARTY.value) & pl.col("placeholder").is_null()
    ).select(*FILING_KEY, notify=pl.col("name"))
    held = (
        roles.filter(pl.col("placeholder").is_not_null())
        .join(
            need.select("regime", "role", required=pl.lit(True)), on=["regime", "role"], how="left"
        )
        .join(notify.unique(FILING_KEY), on=FILING_KEY, how="left")
    )
    to_order = (
        (pl.col("placeholder") == "to_order")
        & (pl.col("role") == PartyRole.CONSIGNEE.value)
        & (pl.col("filing_type") == FilingType.CARGO_DECLARATION.value)
    )
    required = pl.col("required").fill_null(False)
    what = pl.col("placeholder").replace_strict(_PLACEHOLDER_WORDS, default="a placeholder")
    given = pl.format(
        'The {} {} gives the {} as "{}": {}, not a party.', "label", ref, word, name, what
    )
    return [
        _findings(
            held.filter(to_order & pl.col("notify").is_not_null()),
            "party_to_order",
            Severity.INFO,
            pl.format(
                'The consignee of {} is "{}" (a negotiable bill): the notify party {} is the '
                "one to check.",
                ref,
                name,
                "notify",
            ),
            name,
        ),
        _findings(
            held.filter(to_order & pl.col("notify").is_null()),
            "party_to_order_without_notify",
            Severity.WARNING,
            pl.format(
                'The consignee of {} is "{}" and no notify party is named: nobody to '
                "contact about the goods.",
                ref,
                name,
            ),
            name,
        ),
        _findings(
            held.filter(~to_order & required), "party_placeholder", Severity.ERROR, given, name
        ),
        _findings(
            held.filter(~to_order & ~required), "party_placeholder", Severity.WARNING, given, name
        ),
    ]


def _goods_findings(filed: pl.DataFrame, goods: pl.DataFrame | pl.LazyFrame) -> list[pl.DataFrame]:
    """ISF goods lines without a country of origin or an HS code."""
    isf = filed.filter(pl.col("goods").fill_null(False)).select(*FILING_KEY, "regime", "label")
    lines = (
        goods.lazy()
        .with_columns(pl.col("version").cast(pl.Int32), role=pl.lit(None, pl.String))
        .collect()
        .join(isf, on=FILING_KEY)
    )
    line, ref = pl.col("line_number"), pl.col("reference")
    return [
        _findings(
            lines.filter(pl.col("origin_country").is_null()),
            "origin_missing",
            Severity.ERROR,
            pl.format("Line {} of the {} {} has no country of origin.", line, "label", ref),
        ),
        _findings(
            lines.filter(pl.col("hs_code").is_null()),
            "hs_code_missing",
            Severity.ERROR,
            pl.format("Line {} of the {} {} has no HS code.", line, "label", ref),
        ),
    ]
