"""What changed between two versions of a list: entries added, changed and removed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ListChanges:
    """Entry ids (the list's own) added, changed and removed, each sorted."""

    list_name: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
        }

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def touched(self) -> tuple[str, ...]:
        """Added and changed entries: those a party must be screened against again."""
        return _ordered((*self.added, *self.changed))


def _ordered(ids: Iterable[str]) -> tuple[str, ...]:
    """Numeric ids (OFAC's ent_num) in numeric order, then the others in text order."""
    return tuple(sorted(ids, key=lambda i: (not i.isdigit(), int(i) if i.isdigit() else 0, i)))


def diff(list_name: str, before: Mapping[str, str], after: Mapping[str, str]) -> ListChanges:
    """Compare two {entry id: entry hash} maps of the same list."""
    return ListChanges(
        list_name=list_name,
        added=_ordered(after.keys() - before.keys()),
        changed=_ordered(k for k in after.keys() & before.keys() if after[k] != before[k]),
        removed=_ordered(before.keys() - after.keys()),
    )
