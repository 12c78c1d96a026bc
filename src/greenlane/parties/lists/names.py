"""Small helpers on names, value lists and entries shared by the readers."""

from __future__ import annotations

from collections.abc import Iterable

from greenlane.domain.watchlists import MULTI_VALUED, EntryKind, ListEntry


def natural_order(name: str) -> str | None:
    """ "First Last" for a person's name written "LAST, First"; None when it is not so written.

    Only a name with exactly one comma, text on both sides, is turned round: "LOGAN MOREY,
    Elvis Angus" gives "Elvis Angus LOGAN MOREY", "MORENO JR., Daniel Gonzalo" gives
    "Daniel Gonzalo MORENO JR."."""
    if name.count(",") != 1:
        return None
    last, first = (part.strip() for part in name.split(","))
    if not last or not first:
        return None
    return f"{first} {last}"


def person_names(names: Iterable[str]) -> list[str]:
    """Each name as written, followed by its "First Last" order where it has one."""
    out: list[str] = []
    for name in names:
        out.append(name)
        if (turned := natural_order(name)) is not None:
            out.append(turned)
    return out


def unique(values: Iterable[str | None]) -> tuple[str, ...]:
    """The non-empty values, stripped, in first-seen order, without exact repeats."""
    seen: dict[str, None] = {}
    for value in values:
        if value and (text := value.strip()):
            seen.setdefault(text, None)
    return tuple(seen)


def split_list(text: str | None, separator: str = ";") -> list[str]:
    """A separated list's items, stripped, empty ones dropped."""
    if not text:
        return []
    return [item.strip() for item in text.split(separator) if item.strip()]


def merged(first: ListEntry, second: ListEntry) -> ListEntry:
    """One entry from two rows of the same party (lists without ids repeat a party per
    address): every value of both, the first's in front."""
    tuples = {
        name: unique([*getattr(first, name), *getattr(second, name)]) for name in MULTI_VALUED
    }
    remarks = unique([first.remarks, second.remarks])
    return ListEntry(
        list_name=first.list_name,
        entry_id=first.entry_id,
        kind=first.kind if first.kind is not EntryKind.UNKNOWN else second.kind,
        remarks="; ".join(remarks) if remarks else None,
        **tuples,
    )
