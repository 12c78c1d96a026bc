"""``load_list``: any official list file (or OFAC folder) read into one ``ListVersion``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from greenlane.domain.watchlists import ListVersion
from greenlane.errors import ConfigurationError
from greenlane.parties.lists.csl import read_csl
from greenlane.parties.lists.detect import FORMATS, detect_format
from greenlane.parties.lists.dpl import read_dpl
from greenlane.parties.lists.ftm import read_ftm
from greenlane.parties.lists.ofac import CONSOLIDATED, SDN, read_ofac
from greenlane.parties.lists.un import read_un
from greenlane.settings import get_settings

Reader = Callable[[Path, int], ListVersion]

READERS: dict[str, Reader] = {
    "ofac-sdn-csv": lambda path, _limit: read_ofac(path, SDN),
    "ofac-cons-csv": lambda path, _limit: read_ofac(path, CONSOLIDATED),
    "csl-csv": lambda path, _limit: read_csl(path),
    "bis-dpl": lambda path, _limit: read_dpl(path),
    "un-xml": lambda path, limit: read_un(path, max_bytes=limit),
    "ftm-jsonl": lambda path, _limit: read_ftm(path),
}
assert tuple(READERS) == FORMATS


def load_list(
    path: str | Path, list_format: str | None = None, *, max_xml_bytes: int | None = None
) -> ListVersion:
    """Read the list at ``path`` in ``list_format`` (detected when None).

    An XML file over ``max_xml_bytes`` (default ``GREENLANE_MAX_MESSAGE_BYTES``) is refused
    unread. Anything unreadable raises a ``GreenlaneError`` naming the file, the line or XPath,
    and what was expected."""
    path = Path(path)
    fmt = list_format or detect_format(path)
    reader = READERS.get(fmt)
    if reader is None:
        raise ConfigurationError(
            f"unknown list format {fmt!r}", expected=f"one of {', '.join(FORMATS)}"
        )
    limit = max_xml_bytes if max_xml_bytes is not None else get_settings().max_message_bytes
    return reader(path, limit)
