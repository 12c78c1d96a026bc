"""The UN/EDIFACT adapter: one interchange in, events, filings and findings out.

Supported messages: COARRI, CODECO, IFTSTA, BAPLIE (events), CUSCAR (filings), COPRAR (checked,
no records), in directories D.95B to D.21A; others in the same interchange are reported and
skipped. An interchange with no supported message, or that cannot be read (cut mid-segment,
broken service characters, no segment tag), raises ParseError and is quarantined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeAlias

from greenlane.domain.codes import Severity
from greenlane.domain.records import Event, Filing
from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage, parse_error
from greenlane.ingest.edifact.baplie import parse_baplie
from greenlane.ingest.edifact.coarri import parse_coarri
from greenlane.ingest.edifact.codeco import parse_codeco
from greenlane.ingest.edifact.coprar import parse_coprar
from greenlane.ingest.edifact.cuscar import parse_cuscar
from greenlane.ingest.edifact.envelope import Message, read_envelope
from greenlane.ingest.edifact.iftsta import parse_iftsta
from greenlane.ingest.edifact.syntax import FORMAT, decode, split
from greenlane.ingest.edifact.values import Findings

EventReader: TypeAlias = Callable[[Message, str, Findings], list[Event]]

EVENT_MESSAGES: dict[str, EventReader] = {
    "COARRI": parse_coarri,
    "CODECO": parse_codeco,
    "IFTSTA": parse_iftsta,
    "BAPLIE": parse_baplie,
    "COPRAR": parse_coprar,
}
SUPPORTED = (*EVENT_MESSAGES, "CUSCAR")

_DIRECTORY = re.compile(r"D(\d\d)([AB])", re.ASCII)
_OLDEST, _NEWEST = (1995, "B"), (2021, "A")
_START = re.compile(rb"\s*UN(A|[BH][^A-Za-z0-9])")
_UNH = re.compile(rb"['\n]\s*UNH[^A-Za-z0-9]")
_CONTROL = {c: "." for c in range(32)}


def _check_directory(message: Message, findings: Findings) -> None:
    match = _DIRECTORY.fullmatch(message.directory)
    if match:
        year = int(match.group(1))
        key = (year + (1900 if year >= 90 else 2000), match.group(2))
        if _OLDEST <= key <= _NEWEST:
            return
    findings.add(
        "edifact.directory",
        f"{message.type} directory {message.directory or '(none)'} is outside D.95B to D.21A; "
        "read with the same rules",
        "envelope.directory",
        message.directory,
        message.header.where,
        Severity.INFO,
    )


class EdifactAdapter:
    name = FORMAT

    def detect(self, content: bytes) -> bool:
        head = content[:64]
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
            head = head.decode("utf-16", errors="ignore").encode("latin-1", errors="ignore")
        return _START.match(head) is not None

    def near_miss(self, content: bytes) -> ParseError | None:
        """For bytes no detector took: EDIFACT messages (UNH) behind a start that is not UNA
        or UNB, e.g. a corrupt UNB, named as such rather than as an unknown format."""
        head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
        if not _UNH.search(head):
            return None
        first = head[:12].decode("latin-1").translate(_CONTROL)
        return parse_error(
            FORMAT,
            f"the interchange header is corrupt: it starts {first!r} where UNA or UNB belongs",
            where="segment 1 (the UNA or UNB)",
            expected="an interchange starting UNA or UNB+syntax identifier",
        )

    def parse(self, content: bytes, *, source_message: str) -> ParsedMessage:
        decoded = decode(content)
        findings = Findings(list(decoded.findings))
        segments, syntax_findings = split(decoded.text)
        findings.extend(syntax_findings)
        envelope = read_envelope(segments, source_message)
        findings.extend(envelope.findings)
        types: list[str] = []
        events: list[Event] = []
        filings: list[Filing] = []
        for message in envelope.messages:
            kind = message.type
            if kind not in SUPPORTED:
                findings.add(
                    "edifact.unsupported_message",
                    f"message type {kind or '(none)'} is not read by greenlane; skipped",
                    "envelope.message_type",
                    kind,
                    message.header.where,
                )
                continue
            _check_directory(message, findings)
            if kind not in types:
                types.append(kind)
            if kind == "CUSCAR":
                filings += parse_cuscar(message, source_message, findings)
            else:
                events += EVENT_MESSAGES[kind](message, source_message, findings)
        if not types:
            first = envelope.messages[0]
            found = sorted({m.type or "no type" for m in envelope.messages})
            raise parse_error(
                FORMAT,
                f"no message greenlane reads (found {', '.join(found)})",
                where=first.header.where,
                expected=f"one of {', '.join(SUPPORTED)}",
            )
        return ParsedMessage(
            format=f"{FORMAT}:{'+'.join(types)}",
            filings=tuple(filings),
            events=tuple(events),
            findings=tuple(findings.items),
        )


ADAPTER = EdifactAdapter()
