"""The contract every format adapter keeps.

An adapter reads the bytes of one message and returns canonical records plus the data-quality
findings it met on the way. It never touches storage: the ingest pipeline archives the raw message
first, then calls the adapter, then stores what it returned in one transaction. A message that
cannot be read raises ``greenlane.errors.ParseError`` naming the format, the place (line and
segment, JSON pointer or XPath) and what was expected; the pipeline quarantines it.

Values that parse but are wrong (check digits, unknown codes, masses out of range) are not errors:
they are kept in the records and reported as findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from greenlane.domain.codes import Severity
from greenlane.domain.records import (
    DataQualityFinding,
    Event,
    Filing,
    InspectionResult,
    TrustedTraderMembership,
)
from greenlane.errors import ParseError


def shown(value: object, limit: int = 60) -> str:
    """A sender's value quoted in a message: its repr, cut short (hostile input may hold
    megabytes in one string)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_digits(text: str) -> bool:
    """Only ASCII digits 0-9: ``str.isdigit`` also takes superscripts (``"¹⁹"``), which ``int``
    refuses, and other scripts' digits, which ``int`` reads silently."""
    return text.isascii() and text.isdigit()


def finding(
    code: str,
    message: str,
    field: str,
    value: str | None,
    where: str,
    severity: Severity = Severity.WARNING,
) -> DataQualityFinding:
    """A data-quality finding, in the order the JSON readers name its parts."""
    return DataQualityFinding(code, message, field, value, severity, where)


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    format: str
    """Format and message type, e.g. ``dcsa``, ``epcis``, ``edifact:COARRI``, ``x12:315``."""
    filings: tuple[Filing, ...] = ()
    events: tuple[Event, ...] = ()
    inspections: tuple[InspectionResult, ...] = ()
    memberships: tuple[TrustedTraderMembership, ...] = ()
    findings: tuple[DataQualityFinding, ...] = ()
    """Each finding's ``where`` names the place in the message; ``field`` the canonical field."""

    @property
    def record_count(self) -> int:
        return len(self.filings) + len(self.events) + len(self.inspections) + len(self.memberships)


class Adapter(Protocol):
    name: str
    """Format family: ``native``, ``dcsa``, ``epcis``, ``edifact`` or ``x12``."""

    def detect(self, content: bytes) -> bool:
        """True when the bytes look like this format (cheap: a look at the first bytes)."""
        ...

    def parse(self, content: bytes, *, source_message: str) -> ParsedMessage:
        """Records of one message; ``source_message`` is its content hash, stamped on records."""
        ...


def parse_error(fmt: str, message: str, *, where: str, expected: str | None = None) -> ParseError:
    """A ParseError whose text starts with the format, so a quarantine list reads well."""
    return ParseError(f"{fmt}: {message}", where=where, expected=expected)
