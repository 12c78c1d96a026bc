"""The US Consolidated Screening List CSV (trade.gov), in its current layout (first column
``_id``) and in the 2019 layout (first column ``source``, no id column).

Lists are separated by ";" inside a field: alternative names, addresses (each ending in the
ISO country code), nationalities, dates of birth and identifiers. Identifiers are
"Type, value, CC" in the current layout and "CC, value, Type" in the 2019 one. The source list
("Entity List (EL) - Bureau of Industry and Security") is the entry's first program. Rows of
the 2019 layout without an entity number are keyed by a hash of source and name; rows with the
same key (a party listed once per address) are one entry.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from greenlane.domain.watchlists import EntryKind, ListEntry, ListVersion, make_version
from greenlane.parties.lists.countries import country_code
from greenlane.parties.lists.dates import iso_dates
from greenlane.parties.lists.idtypes import identifier
from greenlane.parties.lists.names import merged, person_names, split_list, unique
from greenlane.parties.lists.source import at_line, csv_rows, list_error, read_text

FORMAT, LIST_NAME = "csl-csv", "us_csl"
REQUIRED = ("source", "name", "type", "programs", "addresses", "alt_names", "ids")
KINDS = {
    "individual": EntryKind.PERSON,
    "entity": EntryKind.ORGANIZATION,
    "vessel": EntryKind.VESSEL,
    "aircraft": EntryKind.AIRCRAFT,
}
_AND = re.compile(r"^and\s+", re.IGNORECASE)
_CODE = re.compile(r"^[A-Z]{2}$")


def read_csl(path: Path) -> ListVersion:
    text = read_text(path, FORMAT)
    header = _header(text, path)
    current = header[0] == "_id"
    entries: dict[str, ListEntry] = {}
    lines: dict[str, int] = {}
    rows = csv_rows(text, path, FORMAT, header)
    next(rows)  # the header itself
    for line, values in rows:
        row = dict(zip(header, values, strict=True))
        entry = _entry(row, current, path, line)
        if entry.entry_id in entries:
            if current:
                raise list_error(
                    FORMAT,
                    f"_id {entry.entry_id} appears twice (first on line {lines[entry.entry_id]})",
                    where=at_line(path, line),
                    expected="one row per _id",
                )
            entry = merged(entries[entry.entry_id], entry)
        entries[entry.entry_id] = entry
        lines.setdefault(entry.entry_id, line)
    return make_version(LIST_NAME, FORMAT, str(path), entries.values())


def _header(text: str, path: Path) -> list[str]:
    first = text.split("\n", 1)[0].strip().strip("\r")
    header = [c.strip().strip('"') for c in first.split(",")]
    missing = [c for c in REQUIRED if c not in header]
    if missing or header[0] not in ("_id", "source"):
        raise list_error(
            FORMAT,
            f"header lacks {', '.join(missing) or '_id or source first'}",
            where=at_line(path, 1),
            expected="the CSL header: _id,source,entity_number,type,programs,name,...",
        )
    return header


def _entry(row: dict[str, str], current: bool, path: Path, line: int) -> ListEntry:
    name, source = row["name"].strip(), row["source"].strip()
    if not name:
        raise list_error(FORMAT, "a row has no name", where=at_line(path, line), expected="name")
    entry_id = (row["_id"] if current else row.get("entity_number", "")).strip()
    if not entry_id:
        if current:
            raise list_error(FORMAT, "a row has no _id", where=at_line(path, line), expected="_id")
        entry_id = "h" + hashlib.sha1(f"{source}\n{name}".encode()).hexdigest()[:16]
    kind = KINDS.get(row["type"].strip().casefold(), EntryKind.UNKNOWN)
    names = [name, name.split(";")[0]] + [_AND.sub("", n) for n in split_list(row["alt_names"])]
    addresses = [_AND.sub("", a) for a in split_list(row["addresses"])]
    countries = [_address_country(a) for a in addresses]
    for column in ("nationalities", "citizenships"):
        countries += [country_code(c) for c in re.split(r"[;,]", row.get(column) or "") if c]
    countries.append(country_code(row.get("vessel_flag", "")))
    identifiers = [_identifier(item, current) for item in split_list(row["ids"])]
    if call_sign := row.get("call_sign", "").strip():
        identifiers.insert(0, f"call_sign:{call_sign}")
    return ListEntry(
        list_name=LIST_NAME,
        entry_id=entry_id,
        kind=kind,
        names=unique(person_names(names) if kind is EntryKind.PERSON else names),
        countries=unique(countries),
        addresses=unique(addresses),
        identifiers=unique(identifiers),
        programs=unique([source, *split_list(row["programs"])]),
        birth_dates=unique(iso_dates(row.get("dates_of_birth", ""))),
        remarks=row.get("remarks", "").strip() or None,
    )


def _address_country(address: str) -> str | None:
    last = address.rsplit(",", 1)[-1].strip()
    return country_code(last) if _CODE.match(last) else None


def _identifier(item: str, current: bool) -> str | None:
    """ "Passport, 836238033, KP" (current) or "US, 80-0890696, Tax ID No." (2019)."""
    if current:
        label, _, value = item.partition(",")
        rest = value.rsplit(",", 1)
        if len(rest) == 2 and _CODE.match(rest[1].strip()):
            value = rest[0]
    else:
        value, _, label = item.rpartition(",")
        first = value.split(",", 1)
        if len(first) == 2 and _CODE.match(first[0].strip()):
            value = first[1]
    return identifier(label.strip(), value.strip()) if value.strip() else None
