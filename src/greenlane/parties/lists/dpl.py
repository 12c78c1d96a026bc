"""The BIS Denied Persons List: tab-separated, with a header, one row per name and address.

The list has no ids and repeats a denied party once per address, so rows with the same name
are one entry, keyed by that name. The list does not say whether a name is a person or a
company. The order's dates and Federal Register citation are kept as the remarks.
"""

from __future__ import annotations

from pathlib import Path

from greenlane.domain.watchlists import EntryKind, ListEntry, ListVersion, make_version
from greenlane.parties.lists.countries import country_code
from greenlane.parties.lists.names import merged, unique
from greenlane.parties.lists.source import at_line, csv_rows, list_error, read_text

FORMAT, LIST_NAME, PROGRAM = "bis-dpl", "bis_dpl", "Denied Persons List (DPL)"
COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)


def read_dpl(path: Path) -> ListVersion:
    text = read_text(path, FORMAT)
    entries: dict[str, ListEntry] = {}
    rows = csv_rows(text, path, FORMAT, COLUMNS, delimiter="\t")
    for line, row in rows:
        if not entries and [c.strip() for c in row] == list(COLUMNS):
            continue
        if not entries and line == 1:
            raise list_error(
                FORMAT,
                "the header is not the Denied Persons List's",
                where=at_line(path, line),
                expected="\t".join(COLUMNS),
            )
        entry = _entry(row, path, line)
        if (known := entries.get(entry.entry_id)) is not None:
            entry = merged(known, entry)
        entries[entry.entry_id] = entry
    return make_version(LIST_NAME, FORMAT, str(path), entries.values())


def _entry(row: list[str], path: Path, line: int) -> ListEntry:
    values = dict(zip(COLUMNS, (v.strip() for v in row), strict=True))
    name = values["Name"]
    if not name:
        raise list_error(FORMAT, "a row has no name", where=at_line(path, line), expected="Name")
    street, city, state = values["Street_Address"], values["City"], values["State"]
    postal, country = values["Postal_Code"], values["Country"]
    address = ", ".join(p for p in (street, city, state, postal, country) if p)
    dates = ", ".join(
        f"{label} {values[column]}"
        for label, column in (("effective", "Effective_Date"), ("expires", "Expiration_Date"))
        if values[column]
    )
    return ListEntry(
        list_name=LIST_NAME,
        entry_id=name,
        kind=EntryKind.UNKNOWN,
        names=(name,),
        countries=unique([country_code(country)]),
        addresses=unique([address]),
        programs=(PROGRAM,),
        remarks="; ".join(p for p in (dates, values["FR_Citation"]) if p) or None,
    )
