"""Watch lists: official files read into one shape, versioned in the store, screened against.

``load_list(path, format)`` reads OFAC SDN and consolidated CSV, the US Consolidated Screening
List, the BIS Denied Persons List, the UN Security Council XML and OpenSanctions FollowTheMoney
JSON lines into a ``ListVersion`` of ``ListEntry`` records (the types of
``greenlane.domain.watchlists``, re-exported here); ``greenlane.store.watchlists`` keeps the
versions and says what changed.
"""

from greenlane.domain.watchlists import EntryKind, ListChanges, ListEntry, ListVersion, diff
from greenlane.parties.lists.detect import FORMATS, detect_format
from greenlane.parties.lists.load import load_list

__all__ = [
    "FORMATS",
    "EntryKind",
    "ListChanges",
    "ListEntry",
    "ListVersion",
    "detect_format",
    "diff",
    "load_list",
]
