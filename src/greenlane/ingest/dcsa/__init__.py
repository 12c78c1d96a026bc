"""DCSA Track & Trace: v2.2 and v3.0 (conformance, draft and 3.0.0-beta1) event messages.

``ADAPTER.parse(content, source_message=...)`` reads a message into canonical events and
data-quality findings; ``write_events(events, version)`` writes events back as DCSA JSON.
Mapping decisions are in ``codes``; the shapes read are in ``message``, ``event`` and ``details``
(the careful reader) and ``typed_records`` and ``typed_flat`` (the typed path: the same reading
by msgspec schemas, without JSON pointers, for plain events without findings).
"""

from __future__ import annotations

import json

from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.dcsa.codes import FORMAT
from greenlane.ingest.dcsa.message import parse
from greenlane.ingest.dcsa.write import supported_types, write_events

__all__ = ["ADAPTER", "FORMAT", "DcsaAdapter", "parse", "supported_types", "write_events"]

# Keys no other format greenlane reads uses: the v3.0 classification, the ``...EventTypeCode``
# keys of v2.2 and beta1, DCSA's event time, and the retraction markers.
_MARKERS = (
    '"eventClassification"',
    'EventTypeCode"',
    '"eventDateTime"',
    '"eventClassifierCode"',
    '"retractedEventID"',
    '"isRetracted"',
)
_HEAD = 8192


class DcsaAdapter:
    """The ingest adapter for DCSA T&T messages."""

    name: str = FORMAT

    def detect(self, content: bytes) -> bool:
        """JSON whose first bytes carry a DCSA T&T key."""
        head = content[:_HEAD]
        try:
            text = head.decode(json.detect_encoding(head), errors="ignore")
        except LookupError:
            return False
        text = text.lstrip("\ufeff \t\r\n")
        if not text.startswith(("[", "{")):
            return False
        return any(marker in text for marker in _MARKERS)

    def parse(self, content: bytes, *, source_message: str) -> ParsedMessage:
        return parse(content, source_message=source_message)


ADAPTER = DcsaAdapter()
