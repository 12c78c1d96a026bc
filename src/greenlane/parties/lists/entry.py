"""One entry of a watch list, whatever list it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntryKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ListEntry:
    """A listed person, company, vessel or aircraft, as its list publishes it.

    ``names`` holds the primary name first, then every alias, exactly as written; screening
    normalises them. Countries are ISO 3166-1 alpha-2 where the list allows it. Identifiers are
    ``scheme:value`` strings (``imo:9123456``, ``passport:X1234``, ``tax_id:...``)."""

    list_name: str
    """The list: ``ofac_sdn``, ``ofac_nonsdn``, ``us_csl``, ``bis_dpl``, ``un_sc``,
    ``opensanctions``."""
    entry_id: str
    """The list's own id for the entry (OFAC ent_num, UN DATAID/reference, CSL _id, FtM id)."""
    kind: EntryKind
    names: tuple[str, ...]
    countries: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    remarks: str | None = None
    weak_names: tuple[str, ...] = ()
    """Aliases the list itself calls weak (UN quality "Low", FtM ``weakAlias``): short or common
    names that should not make a hit on their own. Not repeated in ``names``."""

    @property
    def key(self) -> str:
        return f"{self.list_name}:{self.entry_id}"
