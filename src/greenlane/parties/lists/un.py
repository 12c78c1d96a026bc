"""The UN Security Council consolidated list XML (scsanctions.un.org, ``CONSOLIDATED_LIST``).

Parsed with defusedxml only: a document declaring entities (billion laughs) or referring to
external ones is refused, and a file over the size limit is not read at all. Individuals and
entities are keyed by their REFERENCE_NUMBER (``CDi.001``); the name is FIRST_NAME to
FOURTH_NAME joined, aliases of quality "Low" are kept as weak names, the name in its original
script is an alias. UN_LIST_TYPE (``Al-Qaida``, ``DPRK``) is the program. Places in errors are
XPaths (``/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[12]/REFERENCE_NUMBER``).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLSyntaxError

import defusedxml
import defusedxml.ElementTree as SafeET

from greenlane.domain.watchlists import EntryKind, ListEntry, ListVersion, make_version
from greenlane.parties.lists.countries import country_code
from greenlane.parties.lists.dates import iso_dates, year_range
from greenlane.parties.lists.idtypes import identifier
from greenlane.parties.lists.names import unique
from greenlane.parties.lists.source import list_error, read_bytes

FORMAT, LIST_NAME, ROOT = "un-xml", "un_sc", "CONSOLIDATED_LIST"
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
ADDRESS_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
GROUPS = (
    ("INDIVIDUALS", "INDIVIDUAL", EntryKind.PERSON),
    ("ENTITIES", "ENTITY", EntryKind.ORGANIZATION),
)


def read_un(path: Path, *, max_bytes: int) -> ListVersion:
    root = parse(read_bytes(path, FORMAT, max_bytes=max_bytes), path)
    entries: list[ListEntry] = []
    seen: dict[str, str] = {}
    for group, tag, kind in GROUPS:
        for position, node in enumerate(root.findall(f"{group}/{tag}"), 1):
            xpath = f"/{ROOT}/{group}/{tag}[{position}]"
            entry = _entry(node, tag, kind, path, xpath)
            if entry.entry_id in seen:
                raise list_error(
                    FORMAT,
                    f"REFERENCE_NUMBER {entry.entry_id} appears twice (first at "
                    f"{seen[entry.entry_id]})",
                    where=f"{path} {xpath}/REFERENCE_NUMBER",
                    expected="one element per reference number",
                )
            seen[entry.entry_id] = xpath
            entries.append(entry)
    return make_version(LIST_NAME, FORMAT, str(path), entries)


def parse(content: bytes, path: Path) -> Element:
    try:
        root = SafeET.fromstring(
            content, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException as exc:
        raise list_error(
            FORMAT,
            f"XML refused: {exc}",
            where=f"{path} DOCTYPE",
            expected="XML without entity declarations or external references",
        ) from None
    except XMLSyntaxError as exc:
        line, column = exc.position
        raise list_error(
            FORMAT,
            f"XML is not well-formed ({exc})",
            where=f"{path} line {line} column {column}",
            expected="well-formed XML",
        ) from None
    if root.tag != ROOT:
        raise list_error(
            FORMAT,
            f"root element {root.tag!r} is not the UN consolidated list",
            where=f"{path} /{root.tag}",
            expected=ROOT,
        )
    return root


def _text(node: Element | None) -> str:
    return " ".join((node.text or "").split()) if node is not None else ""


def _entry(node: Element, tag: str, kind: EntryKind, path: Path, xpath: str) -> ListEntry:
    reference = _text(node.find("REFERENCE_NUMBER"))
    if not reference:
        raise list_error(
            FORMAT,
            f"{tag} without a reference number",
            where=f"{path} {xpath}/REFERENCE_NUMBER",
            expected="a REFERENCE_NUMBER such as CDi.001",
        )
    name = " ".join(p for p in (_text(node.find(n)) for n in NAME_PARTS) if p)
    if not name:
        raise list_error(
            FORMAT,
            f"{tag} {reference} has no name",
            where=f"{path} {xpath}/FIRST_NAME",
            expected="FIRST_NAME (and SECOND_NAME to FOURTH_NAME)",
        )
    aliases: list[str] = []
    weak: list[str] = []
    for alias in node.findall(f"{tag}_ALIAS"):
        if alias_name := _text(alias.find("ALIAS_NAME")):
            low = _text(alias.find("QUALITY")).casefold() == "low"
            (weak if low else aliases).append(alias_name)
    addresses = [
        ", ".join(p for p in (_text(a.find(part)) for part in ADDRESS_PARTS) if p)
        for a in node.findall(f"{tag}_ADDRESS")
    ]
    countries = [_text(v) for v in node.findall("NATIONALITY/VALUE")]
    countries += [_text(a.find("COUNTRY")) for a in node.findall(f"{tag}_ADDRESS")]
    return ListEntry(
        list_name=LIST_NAME,
        entry_id=reference,
        kind=kind,
        names=unique([name, *aliases, _text(node.find("NAME_ORIGINAL_SCRIPT"))]),
        countries=unique([country_code(c) for c in countries if c]),
        addresses=unique(addresses),
        identifiers=unique(_documents(node, tag)),
        programs=unique([_text(node.find("UN_LIST_TYPE"))]),
        birth_dates=unique(_birth_dates(node, tag)),
        remarks=_text(node.find("COMMENTS1")) or None,
        weak_names=tuple(n for n in unique(weak) if n not in (name, *aliases)),
    )


def _documents(node: Element, tag: str) -> list[str | None]:
    found: list[str | None] = []
    for document in node.findall(f"{tag}_DOCUMENT"):
        number = _text(document.find("NUMBER"))
        if number:
            kind = _text(document.find("TYPE_OF_DOCUMENT"))
            found.append(identifier(kind, number) or f"document:{number}")
    return found


def _birth_dates(node: Element, tag: str) -> list[str]:
    found: list[str] = []
    for birth in node.findall(f"{tag}_DATE_OF_BIRTH"):
        if date := _text(birth.find("DATE")):
            found += iso_dates(date)
        if year := _text(birth.find("YEAR")):
            found.append(year)
        first, last = _text(birth.find("FROM_YEAR")), _text(birth.find("TO_YEAR"))
        if first or last:
            found += year_range(first or last, last or first)
    return found
