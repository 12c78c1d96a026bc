"""Identifier labels as the US lists write them ("Passport", "Tax ID No.", "NIT #", "Vessel
Registration Identification") to the ``scheme:value`` strings of ``ListEntry.identifiers``.

Only identifiers that can single out a party in a filing are kept: documents of persons, company
registrations and tax numbers, IMO and MMSI numbers, SWIFT codes, e-mail and web addresses,
aircraft serial and transponder codes. Sanctions annotations that share the same layout
("Secondary sanctions risk", "Gender", directive determinations) are not identifiers.
"""

from __future__ import annotations

import re

SCHEMES: dict[str, str] = {
    "passport": "passport",
    "passport no.": "passport",
    "diplomatic passport": "passport",
    "national passport": "passport",
    "número de pasaporte": "passport",
    "numéro de passeport": "passport",
    "national id no.": "national_id",
    "national identification number": "national_id",
    "identification number": "national_id",
    "id no.": "national_id",
    "cedula no.": "national_id",
    "d.n.i.": "national_id",
    "c.u.r.p.": "national_id",
    "curp #": "national_id",
    "kenyan id no.": "national_id",
    "personal id card": "national_id",
    "residency number": "national_id",
    "electoral registry no.": "national_id",
    "credencial electoral": "national_id",
    "turkish identification number": "national_id",
    "ssn": "ssn",
    "tax id no.": "tax_id",
    "nit #": "tax_id",
    "r.f.c.": "tax_id",
    "rfc": "tax_id",
    "ruc #": "tax_id",
    "c.u.i.t.": "tax_id",
    "italian fiscal code": "tax_id",
    "v.a.t. number": "vat",
    "vat number": "vat",
    "legal entity number": "lei",
    "registration id": "registration",
    "registration number": "registration",
    "business registration number": "registration",
    "business registration document #": "registration",
    "business number": "registration",
    "company number": "registration",
    "uk company number": "registration",
    "commercial registry number": "registration",
    "public registration number": "registration",
    "government gazette number": "registration",
    "folio mercantil no.": "registration",
    "matricula mercantil no": "registration",
    "matricula mercantil no.": "registration",
    "trade license no.": "registration",
    "c.r. no.": "registration",
    "chamber of commerce number": "registration",
    "certificate of incorporation number": "registration",
    "enterprise number": "registration",
    "unified social credit code (uscc)": "registration",
    "vessel registration identification": "imo",
    "mmsi": "mmsi",
    "swift/bic": "swift_bic",
    "d-u-n-s number": "duns",
    "email address": "email",
    "website": "website",
    "aircraft manufacturer's serial number (msn)": "msn",
    "aircraft mode s transponder code": "mode_s",
}

LABELS = sorted(SCHEMES, key=len, reverse=True)
"""Longest first, so "Diplomatic Passport" is not read as "Passport"."""

_IMO = re.compile(r"^IMO\s*(\d{7})\b", re.IGNORECASE)
_COUNTRY = re.compile(r"\s*\([^()]*\)\s*$")
_TRAILER = re.compile(r"\s+(?:issued|expires|expiring|valid)\b.*$", re.IGNORECASE)


def scheme_for(label: str) -> str | None:
    return SCHEMES.get(" ".join(label.split()).casefold())


def identifier(label: str, value: str) -> str | None:
    """``scheme:value`` for a labelled value, or None when the label is not an identifier.

    An ``IMO 1234567`` value is an IMO number whatever its label says (OFAC writes vessels'
    under "Vessel Registration Identification" and "Identification Number", shipping companies'
    under "Company Number")."""
    value = " ".join(value.split()).rstrip(".;, ")
    if (imo := _IMO.match(value)) is not None:
        company = "company" in label.casefold()
        return f"{'imo_company' if company else 'imo'}:{imo.group(1)}"
    scheme = scheme_for(label)
    if scheme is None:
        return None
    value = _TRAILER.sub("", value)
    while (trimmed := _COUNTRY.sub("", value)) != value and trimmed:
        value = trimmed  # "P0017003 (Belize)", "01200175 (Bogota)"
    value = value.strip().rstrip(".;, ")
    return f"{scheme}:{value}" if value else None


def split_labelled(text: str) -> tuple[str, str] | None:
    """(label, value) when ``text`` starts with a known label, as in OFAC's remarks."""
    folded = text.casefold()
    for label in LABELS:
        if folded.startswith(label) and folded[len(label) : len(label) + 1] in (" ", ":"):
            return text[: len(label)], text[len(label) + 1 :].strip()
    return None
