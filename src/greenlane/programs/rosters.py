"""The program lists as CSV files: C-TPAT and AEO rosters, mutual recognition, CSI ports.

Administrations publish these lists in their own shapes; greenlane reads one plain CSV layout per
kind (documented in docs/greenlane-lane.md, samples in tests/programs/fixtures) so that a list
can be converted once with a spreadsheet and loaded the same way every time. A bad row fails the
whole file with its line and column named: half a roster is worse than none, because a missing
member silently loses its benefits.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from greenlane.domain.codes import IdentifierScheme, TrustedTraderProgram
from greenlane.domain.records import Party, PartyIdentifier, Port, TrustedTraderMembership
from greenlane.errors import ConfigurationError

KINDS = ("ctpat", "aeo", "mra", "csi")

CTPAT_COLUMNS = ("membership_id", "name", "country", "tier", "certified_on")
CTPAT_OPTIONAL = (
    "address",
    "identifier_scheme",
    "identifier",
    "validated_on",
    "valid_until",
    "suspended",
)
AEO_COLUMNS = ("membership_id", "name", "country", "program_country", "certified_on")
AEO_OPTIONAL = (
    "address",
    "identifier_scheme",
    "identifier",
    "aeo_type",
    "valid_until",
    "suspended",
)
MRA_COLUMNS = ("program", "jurisdiction", "partner_program", "partner_jurisdiction", "signed_on")
MRA_OPTIONAL = ("in_force_from", "in_force_until", "note")
CSI_COLUMNS = ("unlocode", "name", "country", "csi_since")

_TIERS = {"": None, "1": 1, "2": 2, "3": 3, "I": 1, "II": 2, "III": 3}
_AEO_TYPES = {
    "": None,
    "full": "full",
    "aeof": "full",
    "security": "security",
    "aeos": "security",
    "customs": "customs",
    "aeoc": "customs",
}
_TRUE = {"1", "true", "yes", "y"}
_FALSE = {"", "0", "false", "no", "n"}

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Recognition:
    """A mutual recognition arrangement: each program counts the other's members as its own."""

    program: str
    jurisdiction: str
    partner_program: str
    partner_jurisdiction: str
    signed_on: date
    in_force_from: date | None = None
    """When members began to be recognised; the signing date when not given."""
    in_force_until: date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class _Row:
    path: Path
    line: int
    values: dict[str, str]

    def where(self, column: str) -> str:
        return f"{self.path}:{self.line} column {column}"

    def text(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            raise ConfigurationError(f"{column} is empty", where=self.where(column))
        return value

    def day(self, column: str, *, required: bool = False) -> date | None:
        value = self.required(column) if required else self.text(column)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ConfigurationError(
                f"{column} {value!r} is not a date", where=self.where(column), expected="YYYY-MM-DD"
            ) from None

    def choice(self, column: str, options: dict[str, T], expected: str) -> T:
        value = self.text(column)
        key = value.upper() if value.upper() in options else value.lower()
        if key not in options:
            raise ConfigurationError(
                f"{column} {value!r} is not known", where=self.where(column), expected=expected
            )
        return options[key]

    def flag(self, column: str) -> bool:
        value = self.text(column).lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ConfigurationError(
            f"{column} {value!r} is not true or false",
            where=self.where(column),
            expected="true/false",
        )

    def party(self) -> Party:
        scheme, ident = self.text("identifier_scheme"), self.text("identifier")
        identifiers: tuple[PartyIdentifier, ...] = ()
        if ident:
            try:
                kind = IdentifierScheme(scheme.lower() or "other")
            except ValueError:
                kind = IdentifierScheme.OTHER
            identifiers = (PartyIdentifier(kind, ident),)
        country = self.required("country").upper()
        return Party(self.required("name"), self.text("address") or None, country, identifiers)


def _rows(path: Path, columns: tuple[str, ...], optional: tuple[str, ...]) -> Iterator[_Row]:
    """The rows of a CSV file whose header has every column (and may have the optional ones)."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigurationError(f"cannot read {path}: {exc.strerror}", where=str(path)) from exc
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in columns if c not in header]
        if missing:
            raise ConfigurationError(
                f"the file lacks column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                where=f"{path}:1",
                expected="header " + ",".join(columns) + "".join(f"[,{o}]" for o in optional),
            )
        reader.fieldnames = header
        for line, values in enumerate(reader, start=2):
            if any((v or "").strip() for v in values.values()):
                yield _Row(path, line, values)


def read_ctpat(path: Path) -> list[TrustedTraderMembership]:
    """C-TPAT partners: tier I-III (empty for partners without tiers: carriers, brokers,
    foreign manufacturers), certification, validation and end dates, suspension."""
    out = []
    for row in _rows(path, CTPAT_COLUMNS, CTPAT_OPTIONAL):
        out.append(
            TrustedTraderMembership(
                membership_id=row.required("membership_id"),
                program=TrustedTraderProgram.CTPAT,
                party=row.party(),
                program_country="US",
                tier=row.choice("tier", _TIERS, "1, 2, 3, I, II, III or empty"),
                certified_on=row.day("certified_on", required=True),
                validated_on=row.day("validated_on"),
                valid_until=row.day("valid_until"),
                suspended=row.flag("suspended"),
            )
        )
    return out


def read_aeo(path: Path) -> list[TrustedTraderMembership]:
    """Authorised Economic Operators of any administration: its country, the certificate type
    (AEOF full, AEOS security, AEOC customs simplifications; empty where the program has none)."""
    out = []
    for row in _rows(path, AEO_COLUMNS, AEO_OPTIONAL):
        out.append(
            TrustedTraderMembership(
                membership_id=row.required("membership_id"),
                program=TrustedTraderProgram.AEO,
                party=row.party(),
                program_country=row.required("program_country").upper(),
                aeo_type=row.choice("aeo_type", _AEO_TYPES, "full, security, customs or empty"),
                certified_on=row.day("certified_on", required=True),
                valid_until=row.day("valid_until"),
                suspended=row.flag("suspended"),
            )
        )
    return out


def read_mra(path: Path) -> list[Recognition]:
    """Mutual recognition arrangements, one row per pair of programs."""
    out = []
    for row in _rows(path, MRA_COLUMNS, MRA_OPTIONAL):
        signed = row.day("signed_on", required=True)
        assert signed is not None
        out.append(
            Recognition(
                program=row.required("program").lower(),
                jurisdiction=row.required("jurisdiction").upper(),
                partner_program=row.required("partner_program").lower(),
                partner_jurisdiction=row.required("partner_jurisdiction").upper(),
                signed_on=signed,
                in_force_from=row.day("in_force_from"),
                in_force_until=row.day("in_force_until"),
                note=row.text("note") or None,
            )
        )
    return out


def read_csi(path: Path) -> list[Port]:
    """The CSI ports with the day each joined (empty when not known)."""
    return [
        Port(
            unlocode=row.required("unlocode").upper(),
            name=row.required("name"),
            country=row.required("country").upper(),
            csi=True,
            csi_since=row.day("csi_since"),
        )
        for row in _rows(path, CSI_COLUMNS, ())
    ]
