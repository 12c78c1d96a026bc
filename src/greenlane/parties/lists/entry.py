"""The list entry now lives in ``greenlane.model.watchlists``; this name is kept for the
modules that still import it from here."""

from greenlane.model.watchlists import EntryKind, ListEntry

__all__ = ["EntryKind", "ListEntry"]
