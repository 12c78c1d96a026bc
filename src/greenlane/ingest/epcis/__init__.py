"""GS1 EPCIS 2.0: JSON / JSON-LD and XML documents and query documents in, JSON-LD out.

``ADAPTER`` reads a document into canonical container events plus data-quality findings (see
mapping.py for what each EPCIS event means); ``write_document`` writes canonical events as an
EPCISDocument this adapter reads back unchanged (see writer.py for what EPCIS cannot carry);
``read_document`` gives the EPCIS-level events, before any customs meaning is given.
"""

from __future__ import annotations

import re

from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.epcis.document import read_json
from greenlane.ingest.epcis.model import EpcisDocument, EpcisEvent, SensorReport
from greenlane.ingest.epcis.parse import parse_message
from greenlane.ingest.epcis.vocab import FORMAT, GREENLANE_NS
from greenlane.ingest.epcis.writer import event_object, write_document
from greenlane.ingest.epcis.xmlbinding import read_xml

__all__ = [
    "ADAPTER",
    "GREENLANE_NS",
    "EpcisAdapter",
    "EpcisDocument",
    "EpcisEvent",
    "SensorReport",
    "event_object",
    "read_document",
    "write_document",
]

_HEAD = 65536
_TYPE_BEFORE = re.compile(rb'"@?type"\s*:\s*"(?:epcis:|https://ref\.gs1\.org/epcis/)?$')
_SINGLE_EVENT = re.compile(
    rb'"type"\s*:\s*"(?:Object|Aggregation|Transaction|Transformation|Association)Event"'
)


def _start(content: bytes) -> bytes:
    head = content[:_HEAD]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip()


def read_document(content: bytes) -> EpcisDocument:
    """The EPCIS-level events of a document; XML when it starts with ``<``, else JSON."""
    if _start(content).startswith(b"<"):
        return read_xml(content)
    return read_json(content)


def _json_document(content: bytes) -> bool:
    """A ``"type": "EPCIS[Query]Document"`` member anywhere (JSON-LD puts keys in any order)."""
    for token in (b'EPCISDocument"', b'EPCISQueryDocument"'):
        at, tries = content.find(token), 0
        while at != -1 and tries < 8:
            if _TYPE_BEFORE.search(content[max(0, at - 48) : at]):
                return True
            at, tries = content.find(token, at + 1), tries + 1
    head = content[:_HEAD]
    return b"epcis" in head and b"eventTime" in head and _SINGLE_EVENT.search(head) is not None


class EpcisAdapter:
    name = FORMAT

    def detect(self, content: bytes) -> bool:
        start = _start(content)
        if start.startswith(b"<"):
            return b"urn:epcglobal:epcis" in start and (
                b"EPCISDocument" in start or b"EPCISQueryDocument" in start
            )
        return start.startswith(b"{") and _json_document(content)

    def parse(self, content: bytes, *, source_message: str) -> ParsedMessage:
        return parse_message(content, source_message, xml=_start(content).startswith(b"<"))


ADAPTER = EpcisAdapter()
