"""OpenSanctions exports in FollowTheMoney JSON lines (``entities.ftm.json``): one entity per
line with ``id``, ``schema``, ``properties`` (every value a list of strings), ``datasets``.

Persons, companies, organizations, legal entities, vessels and aircraft become entries; the
other schemas (addresses, sanctions, ownerships, ...) do not, but an ``Address`` entity gives
its full text to the entries that point at it through ``addressEntity`` (by its id or one of
its referents). ``weakAlias`` names are weak names. The datasets, topics and program ids are
the programs. A line that is not a JSON object with an id and a schema is an error naming it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from greenlane.domain.watchlists import EntryKind, ListEntry, ListVersion, make_version
from greenlane.parties.lists.countries import country_code
from greenlane.parties.lists.names import unique
from greenlane.parties.lists.source import at_line, list_error, text_lines

FORMAT, LIST_NAME = "ftm-jsonl", "opensanctions"
KINDS = {
    "Person": EntryKind.PERSON,
    "Company": EntryKind.ORGANIZATION,
    "Organization": EntryKind.ORGANIZATION,
    "PublicBody": EntryKind.ORGANIZATION,
    "LegalEntity": EntryKind.UNKNOWN,
    "Vessel": EntryKind.VESSEL,
    "Airplane": EntryKind.AIRCRAFT,
}
NAMES = ("name", "alias", "previousName")
COUNTRIES = ("country", "nationality", "citizenship", "jurisdiction", "flag")
IDENTIFIERS = {
    "imoNumber": "imo",
    "mmsi": "mmsi",
    "callSign": "call_sign",
    "registrationNumber": "registration",
    "ogrnCode": "registration",
    "taxNumber": "tax_id",
    "innCode": "tax_id",
    "vatCode": "vat",
    "leiCode": "lei",
    "swiftBic": "swift_bic",
    "dunsCode": "duns",
    "passportNumber": "passport",
    "idNumber": "national_id",
    "email": "email",
    "website": "website",
}


def read_ftm(path: Path) -> ListVersion:
    entries: list[ListEntry] = []
    links: dict[int, list[str]] = {}
    addresses: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for line, entity in _entities(path):
        entity_id, schema = entity["id"], entity["schema"]
        if entity_id in first_line:
            raise list_error(
                FORMAT,
                f"entity {entity_id} appears twice (first on line {first_line[entity_id]})",
                where=at_line(path, line),
                expected="one line per entity",
            )
        first_line[entity_id] = line
        if schema == "Address":
            full = _values(entity, "full") or [entity.get("caption") or ""]
            for key in [entity_id, *_strings(entity.get("referents"))]:
                addresses[key] = full[0]
        elif schema in KINDS:
            if refs := _values(entity, "addressEntity"):
                links[len(entries)] = refs
            entries.append(_entry(entity))
    for index, refs in links.items():  # address entities may come after those naming them
        linked = [addresses.get(ref) for ref in refs]
        entry = entries[index]
        entries[index] = replace(entry, addresses=unique([*entry.addresses, *linked]))
    return make_version(LIST_NAME, FORMAT, str(path), entries)


def _entities(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for line, raw in text_lines(path, FORMAT):
        if not raw.strip():
            continue
        try:
            entity = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise list_error(
                FORMAT,
                f"not JSON ({exc.msg} at column {exc.colno}); the file may be cut short",
                where=at_line(path, line),
                expected="one FollowTheMoney entity as a JSON object per line",
            ) from None
        if not (
            isinstance(entity, dict)
            and isinstance(entity.get("id"), str)
            and isinstance(entity.get("schema"), str)
            and isinstance(entity.get("properties", {}), dict)
        ):
            raise list_error(
                FORMAT,
                "not a FollowTheMoney entity",
                where=at_line(path, line),
                expected='a JSON object with "id", "schema" and "properties"',
            )
        yield line, entity


def _strings(values: Any) -> list[str]:
    """The strings of a property's values; a nested entity counts by its caption."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    out = []
    for value in values:
        if isinstance(value, dict):
            value = value.get("caption")
        if isinstance(value, str) and value.strip():
            out.append(value)
    return out


def _values(entity: dict[str, Any], prop: str) -> list[str]:
    return _strings(entity.get("properties", {}).get(prop))


def _entry(entity: dict[str, Any]) -> ListEntry:
    names = [v for prop in NAMES for v in _values(entity, prop)]
    if not names:
        first, last = _values(entity, "firstName"), _values(entity, "lastName")
        names = [" ".join(p for p in (first[:1] + last[:1]) if p)] if first or last else []
    names = names or [str(entity.get("caption") or entity["id"])]
    identifiers = [
        f"{scheme}:{value}"
        for prop, scheme in IDENTIFIERS.items()
        for value in _values(entity, prop)
    ]
    return ListEntry(
        list_name=LIST_NAME,
        entry_id=entity["id"],
        kind=KINDS[entity["schema"]],
        names=unique(names),
        countries=unique(country_code(c) for p in COUNTRIES for c in _values(entity, p)),
        addresses=unique(_values(entity, "address")),
        identifiers=unique(identifiers),
        programs=unique(
            [
                *_strings(entity.get("datasets")),
                *_values(entity, "topics"),
                *_values(entity, "programId"),
            ]
        ),
        birth_dates=unique(_values(entity, "birthDate")),
        remarks="; ".join(_values(entity, "notes")) or None,
        weak_names=tuple(n for n in unique(_values(entity, "weakAlias")) if n not in names),
    )
