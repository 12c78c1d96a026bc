"""Party names prepared once and remembered in the store, so a later screening needs no tagger.

A party's name is prepared (reduced, and analysed by rigour) for every kind of list entry it is
scored against; the first person's name analysed in a process builds rigour's person-name
tagger, some twelve seconds of a command that screens one shipment. The screener's ``QueryNames``
(``remembered_query_names``) hands it each name as kept in the store when a screening before
prepared it, else prepared there and then and noted, so that ``keep_query_names`` keeps it for
the next one.

A name is kept under the SHA-256 of the code that prepares names (``stored.code_version``:
rigour's version and greenlane.parties' source), how it was prepared and its kind, and the name
itself: new code finds nothing kept and prepares again. A shipment whose parties were never
screened pays the tagger once, as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from greenlane.domain.watchlists import EntryKind
from greenlane.parties.names import NormalName
from greenlane.parties.screening.kept import (
    normal_from_json,
    normal_to_json,
    prepared_from_json,
    prepared_to_json,
)
from greenlane.parties.screening.prepared import PreparedName
from greenlane.parties.screening.queries import QueryNames
from greenlane.parties.screening.stored import code_version
from greenlane.store.prepared_names import PreparedNameRow, keep_names, kept_names
from greenlane.store.repository import Database

QUERY, NORMAL = "query", "normal"


def name_key(how: str, kind: EntryKind, name: str) -> str:
    text = f"{code_version()}\n{how}\n{kind.value}\n{name}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _version_key() -> str:
    return hashlib.sha256(code_version().encode("utf-8")).hexdigest()


def remembered_query_names(db: Database, names: Iterable[str]) -> QueryNames:
    """The names as kept by screenings before, for every kind; unreadable ones left out (they
    are prepared again)."""
    wanted: dict[str, tuple[str, EntryKind, str]] = {}
    for name in dict.fromkeys(names):
        for kind in EntryKind:
            for how in (QUERY, NORMAL):
                wanted[name_key(how, kind, name)] = (how, kind, name)
    prepared: dict[tuple[str, EntryKind], PreparedName] = {}
    normal: dict[tuple[str, EntryKind], NormalName] = {}
    for key, content in kept_names(db, list(wanted)).items():
        how, kind, name = wanted[key]
        try:
            if how == QUERY:
                prepared[(name, kind)] = prepared_from_json(content)
            else:
                normal[(name, kind)] = normal_from_json(content)
        except ValueError:
            continue
    return QueryNames(prepared, normal)


def keep_query_names(db: Database, names: QueryNames) -> int:
    """Keep the names prepared since they were read (those that can be kept faithfully); how
    many rows."""
    rows: list[PreparedNameRow] = []
    for (name, kind), prepared in names.fresh_prepared.items():
        if (content := prepared_to_json(prepared)) is not None:
            rows.append(
                PreparedNameRow(name_key(QUERY, kind, name), QUERY, kind.value, name, content)
            )
    for (name, kind), normal in names.fresh_normal.items():
        content = normal_to_json(normal)
        if normal_from_json(content) != normal:
            continue
        rows.append(
            PreparedNameRow(name_key(NORMAL, kind, name), NORMAL, kind.value, name, content)
        )
    if rows:
        keep_names(db, _version_key(), rows)
    names.fresh_prepared.clear()
    names.fresh_normal.clear()
    return len(rows)
