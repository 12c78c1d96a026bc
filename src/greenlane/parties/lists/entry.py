"""The list entry now lives in ``greenlane.domain.watchlists``; this name is kept for the
modules that still import it from here."""

from greenlane.domain.watchlists import EntryKind, ListEntry

__all__ = ["EntryKind", "ListEntry"]
