"""What OFAC's remarks field says about an entry, beyond the text itself.

The remarks are segments separated by ";": ``DOB 28 Jul 1963``, ``nationality Russia``,
``Passport P0017003 (Belize)``, ``alt. Tax ID No. 52-2083095 (United States)``,
``Vessel Registration Identification IMO 9486910``, ``a.k.a. 'HESA'``. Segments that say
nothing this module knows are left in the remarks text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from greenlane.parties.lists.countries import country_code
from greenlane.parties.lists.dates import iso_dates
from greenlane.parties.lists.idtypes import identifier, split_labelled

_ALT = re.compile(r"^alt\.\s+", re.IGNORECASE)
_ALIAS = re.compile(r"^(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s*'(.+)'$", re.IGNORECASE)
_COUNTRY = re.compile(r"^(?:nationality|citizen)\s+(.+)$", re.IGNORECASE)
_DOB = re.compile(r"^DOB\s+(.+)$")
_IMO = re.compile(r"\bIMO\s*(\d{7})\b")


@dataclass
class Remarks:
    identifiers: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def read_remarks(text: str | None) -> Remarks:
    found = Remarks()
    if not text:
        return found
    for raw in text.split(";"):
        segment = raw.strip()
        if segment.endswith("'."):
            segment = segment[:-1]
        if (alias := _ALIAS.match(segment)) is not None:
            found.aliases.append(alias.group(1).strip())
            continue
        segment = _ALT.sub("", segment.rstrip(". "))
        if (country := _COUNTRY.match(segment)) is not None:
            if code := country_code(country.group(1)):
                found.countries.append(code)
        elif (dob := _DOB.match(segment)) is not None:
            found.birth_dates.extend(iso_dates(dob.group(1)))
        elif (labelled := split_labelled(segment)) and (value := identifier(*labelled)):
            found.identifiers.append(value)
    return found


def imo_numbers(text: str | None) -> list[str]:
    """``imo:`` identifiers for every ``IMO 1234567`` in the text (vessels' remarks)."""
    return [f"imo:{n}" for n in _IMO.findall(text or "")]
