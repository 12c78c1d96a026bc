"""OFAC's legacy CSV files: the SDN list (sdn.csv, add.csv, alt.csv and the optional
sdn_comments.csv) and the consolidated non-SDN list (cons_prim.csv, cons_add.csv, cons_alt.csv,
cons_comments.csv), both in the same layout.

The files have no header; ``-0-`` is an empty field. Individuals are named "LAST, First"; the
name is kept so and its "First Last" order added as an alias. Countries come from the addresses,
the nationality and citizenship remarks and a vessel's flag; identifiers from the call sign and
the remarks (see ``remarks``). The comments file carries the end of remarks too long for the
main file, and is joined to them. Rows of the other files that name an entry the main file does
not have are skipped and counted in the version's notes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from greenlane.domain.watchlists import EntryKind, ListEntry, ListVersion, make_version
from greenlane.parties.lists.countries import country_code
from greenlane.parties.lists.names import person_names, unique
from greenlane.parties.lists.remarks import imo_numbers, read_remarks
from greenlane.parties.lists.source import at_line, csv_rows, field, list_error, read_text

PRIMARY = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ADDRESS = ("ent_num", "Add_num", "Address", "City/State/Province/Postal", "Country", "Add_remarks")
ALIAS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
COMMENT = ("ent_num", "Remarks_Extended")

KINDS = {
    None: EntryKind.ORGANIZATION,
    "individual": EntryKind.PERSON,
    "vessel": EntryKind.VESSEL,
    "aircraft": EntryKind.AIRCRAFT,
}


@dataclass(frozen=True, slots=True)
class Layout:
    format: str
    list_name: str
    primary: str
    address: str
    alias: str
    comments: str

    @property
    def files(self) -> tuple[str, ...]:
        return (self.primary, self.address, self.alias, self.comments)


SDN = Layout("ofac-sdn-csv", "ofac_sdn", "sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")
CONSOLIDATED = Layout(
    "ofac-cons-csv",
    "ofac_nonsdn",
    "cons_prim.csv",
    "cons_add.csv",
    "cons_alt.csv",
    "cons_comments.csv",
)


def find_file(folder: Path, name: str) -> Path | None:
    """``name`` in ``folder``, in any letter case (OFAC also publishes SDN.CSV)."""
    exact = folder / name
    if exact.is_file():
        return exact
    matches = [p for p in folder.iterdir() if p.is_file() and p.name.casefold() == name]
    return matches[0] if matches else None


def folder_of(path: Path, layout: Layout) -> Path:
    """The folder of the set: the path itself, or the folder of one of the set's files."""
    if path.is_file() and path.name.casefold() in layout.files:
        return path.parent
    return path


def read_ofac(path: Path, layout: Layout) -> ListVersion:
    folder = folder_of(path, layout)
    if not folder.is_dir():
        raise list_error(
            layout.format,
            f"{path} is not a folder of OFAC CSV files",
            where=str(path),
            expected=f"a folder with {', '.join(layout.files[:3])} (or one of those files)",
        )
    paths = {name: find_file(folder, name) for name in layout.files}
    for name in layout.files[:3]:
        if paths[name] is None:
            raise list_error(
                layout.format,
                f"{name} is missing",
                where=str(folder),
                expected=f"{', '.join(layout.files[:3])} side by side",
            )
    reader = _Reader(layout)
    primary = paths[layout.primary]
    assert primary is not None
    reader.read_primary(primary)
    others = (
        (layout.address, ADDRESS, reader.read_address),
        (layout.alias, ALIAS, reader.read_alias),
        (layout.comments, COMMENT, reader.read_comment),
    )
    for name, columns, read in others:
        if (file := paths[name]) is not None:
            skipped = [line for line, row in _rows(file, layout, columns) if not read(row)]
            if skipped:
                reader.notes.append(_skipped_note(name, layout.primary, skipped))
    return make_version(
        layout.list_name, layout.format, str(folder), reader.entries(), reader.notes
    )


def _rows(path: Path, layout: Layout, columns: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    return list(csv_rows(read_text(path, layout.format), path, layout.format, columns))


def _skipped_note(name: str, primary: str, lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:10]) + (", ..." if len(lines) > 10 else "")
    rows = "1 row" if len(lines) == 1 else f"{len(lines)} rows"
    return f"{name}: {rows} for entries not in {primary} skipped (lines {shown})"


class _Reader:
    """The rows of the set, gathered per ent_num."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.rows: dict[str, list[str]] = {}
        self.addresses: defaultdict[str, list[str]] = defaultdict(list)
        self.countries: defaultdict[str, list[str]] = defaultdict(list)
        self.aliases: defaultdict[str, list[str]] = defaultdict(list)
        self.comments: defaultdict[str, list[str]] = defaultdict(list)
        self.notes: list[str] = []

    def read_primary(self, path: Path) -> None:
        first_line: dict[str, int] = {}
        for line, row in _rows(path, self.layout, PRIMARY):
            ent_num = row[0].strip()
            if not ent_num.isdigit():
                raise list_error(
                    self.layout.format,
                    f"ent_num {ent_num!r} is not a number",
                    where=at_line(path, line),
                    expected="the entry number in the first field",
                )
            if ent_num in first_line:
                raise list_error(
                    self.layout.format,
                    f"ent_num {ent_num} appears twice (first on line {first_line[ent_num]})",
                    where=at_line(path, line),
                    expected="one row per entry",
                )
            if field(row[1]) is None:
                raise list_error(
                    self.layout.format,
                    f"entry {ent_num} has no name",
                    where=at_line(path, line),
                    expected="SDN_Name in the second field",
                )
            first_line[ent_num] = line
            self.rows[ent_num] = row

    def read_address(self, row: list[str]) -> bool:
        ent_num = row[0].strip()
        if ent_num not in self.rows:
            return False
        parts = [field(row[2]), field(row[3]), field(row[4])]
        if address := ", ".join(p for p in parts if p):
            self.addresses[ent_num].append(address)
        if parts[2] and (code := country_code(parts[2])):
            self.countries[ent_num].append(code)
        return True

    def read_alias(self, row: list[str]) -> bool:
        ent_num = row[0].strip()
        if ent_num not in self.rows:
            return False
        if name := field(row[3]):
            self.aliases[ent_num].append(name)
        return True

    def read_comment(self, row: list[str]) -> bool:
        ent_num = row[0].strip()
        if ent_num not in self.rows:
            return False
        if text := row[1]:
            self.comments[ent_num].append(text)
        return True

    def entries(self) -> list[ListEntry]:
        return [self._entry(ent_num, row) for ent_num, row in self.rows.items()]

    def _entry(self, ent_num: str, row: list[str]) -> ListEntry:
        kind = KINDS.get((field(row[2]) or "").casefold() or None, EntryKind.UNKNOWN)
        name = field(row[1]) or ""
        text = field("".join([field(row[11]) or "", *self.comments[ent_num]]))
        remarks = read_remarks(text)
        names = [name, *self.aliases[ent_num], *remarks.aliases]
        if kind is EntryKind.PERSON:
            names = person_names(names)
        identifiers = [f"call_sign:{c}" for c in [field(row[5])] if c]
        if kind is EntryKind.VESSEL:
            identifiers += imo_numbers(text)
        flag = field(row[9])
        return ListEntry(
            list_name=self.layout.list_name,
            entry_id=ent_num,
            kind=kind,
            names=unique(names),
            countries=unique(
                [*self.countries[ent_num], *remarks.countries, country_code(flag or "")]
            ),
            addresses=unique(self.addresses[ent_num]),
            identifiers=unique([*identifiers, *remarks.identifiers]),
            programs=unique(_programs(field(row[3]))),
            birth_dates=unique(remarks.birth_dates),
            remarks=text,
        )


def _programs(text: str | None) -> list[str]:
    """ "SDGT] [IFSR" is two programs: the file cuts "[SDGT] [IFSR]" at its outer brackets."""
    if not text:
        return []
    return [p.strip(" []") for p in text.split("] [") if p.strip(" []")]
