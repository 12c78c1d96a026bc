"""The names of the parties screened, prepared as queries once each (``prepare(name, kind,
query=True)``), or given as kept by a screening before (``remembered``)."""

from __future__ import annotations

from greenlane.domain.watchlists import EntryKind
from greenlane.parties.names import NormalName, normalize_name
from greenlane.parties.screening.prepared import PreparedName, prepare


class QueryNames:
    """Party names as queries, prepared when first asked for unless known; ``fresh`` are the
    ones prepared here."""

    def __init__(
        self,
        prepared: dict[tuple[str, EntryKind], PreparedName] | None = None,
        normal: dict[tuple[str, EntryKind], NormalName] | None = None,
    ) -> None:
        self._prepared = dict(prepared or {})
        self._normal = dict(normal or {})
        self.fresh_prepared: dict[tuple[str, EntryKind], PreparedName] = {}
        self.fresh_normal: dict[tuple[str, EntryKind], NormalName] = {}

    def prepared(self, name: str, kind: EntryKind) -> PreparedName:
        """``prepare(name, kind, query=True)``."""
        key = (name, kind)
        if (found := self._prepared.get(key)) is None:
            found = prepare(name, kind, query=True)
            self._prepared[key] = self.fresh_prepared[key] = found
        return found

    def normal(self, name: str, kind: EntryKind) -> NormalName:
        """``normalize_name(name, kind)``: what ``prepared`` starts from."""
        key = (name, kind)
        if (known := self._prepared.get(key)) is not None:
            return known.normal
        if (found := self._normal.get(key)) is None:
            found = normalize_name(name, kind)
            self._normal[key] = self.fresh_normal[key] = found
        return found
