"""Interchange and message envelopes: UNB/UNZ, UNG/UNE, UNH/UNT, and their checks.

What real interchanges get wrong is kept and reported, not rejected: a UNT segment count that does
not match (the COPRAR and CUSCAR samples), a missing UNT or UNZ after the last complete segment,
a control reference that differs between header and trailer, messages without an interchange
header. The content of such a message is still readable. Only a message cut in the middle of a
segment is unreadable, and ``syntax.split`` has already refused it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding
from greenlane.ingest.base import is_digits, parse_error
from greenlane.ingest.edifact.syntax import FORMAT, Segment
from greenlane.ingest.edifact.unb import unb_findings


@dataclass(slots=True)
class Message:
    """One UNH..UNT message: its header, the segments between, and the interchange it came in."""

    header: Segment
    body: list[Segment]
    sender: str
    interchange_ref: str
    prepared_at: datetime | None
    trailer: Segment | None = None

    @property
    def reference(self) -> str:
        return self.header.get(0) or f"seg{self.header.number}"

    @property
    def type(self) -> str:
        return self.header.get(1, 0).upper()

    @property
    def directory(self) -> str:
        """Version and release, e.g. ``D95B``."""
        return (self.header.get(1, 1) + self.header.get(1, 2)).upper()

    def event_id(self, n: int) -> str:
        return f"{self.sender}:{self.interchange_ref}:{self.reference}:{n}"


@dataclass(slots=True)
class Envelope:
    messages: list[Message] = field(default_factory=list)
    findings: list[DataQualityFinding] = field(default_factory=list)


def _finding(
    code: str, message: str, fld: str, value: str | None, where: str
) -> DataQualityFinding:
    return DataQualityFinding(code, message, fld, value, Severity.WARNING, where)


def interchange_time(unb: Segment) -> datetime | None:
    """UNB date (YYMMDD, or CCYYMMDD in syntax 4) and time (HHMM); None when unreadable."""
    day, clock = unb.get(3, 0), unb.get(3, 1) or "0000"
    if not (is_digits(day) and is_digits(clock[:4])):
        return None
    if len(day) == 6:
        day = ("20" if int(day[:2]) < 70 else "19") + day
    try:
        return datetime.strptime(day + clock[:4], "%Y%m%d%H%M").replace(tzinfo=UTC)
    except ValueError:
        return None


class _Reader:
    """Walks the segments once, closing envelopes as their trailers (or their absence) say."""

    def __init__(self, segments: list[Segment], source_message: str) -> None:
        self.segments = segments
        self.fallback_ref = source_message[:16] or "unknown"
        self.out = Envelope()
        self.unb: Segment | None = None
        self.sender, self.ref = "unknown", self.fallback_ref
        self.prepared_at: datetime | None = None
        self.message: Message | None = None
        self.messages_in_interchange = 0
        self.group: Segment | None = None
        self.groups_in_interchange = 0
        self.messages_in_group = 0
        self.interchange_refs: set[str] = set()
        self.message_refs: set[str] = set()

    def run(self) -> Envelope:
        first = self.segments[0]
        if first.tag not in ("UNB", "UNH"):
            raise parse_error(
                FORMAT,
                f"the interchange starts with {first.tag}",
                where=first.where,
                expected="UNA, UNB or UNH",
            )
        if first.tag == "UNH":
            self.out.findings.append(
                _finding(
                    "edifact.missing_unb",
                    "message without an interchange header (UNB): sender and control reference "
                    "unknown",
                    "envelope.interchange_header",
                    None,
                    first.where,
                )
            )
        for segment in self.segments:
            handler = getattr(self, f"_on_{segment.tag.lower()}", None)
            if handler is not None:
                handler(segment)
            elif self.message is not None:
                self.message.body.append(segment)
            else:
                self.out.findings.append(
                    _finding(
                        "edifact.outside_message",
                        f"segment {segment.tag} stands outside any message (no UNH before it); "
                        "ignored",
                        "envelope.message_header",
                        segment.tag,
                        segment.where,
                    )
                )
        self._close_message(None, self.segments[-1])
        if self.group is not None:
            self._missing("UNE", "functional group", self.group, self.segments[-1])
        if self.unb is not None:
            self._missing("UNZ", "interchange", self.unb, self.segments[-1])
        return self.out

    def _missing(self, trailer: str, what: str, header: Segment, at: Segment) -> None:
        self.out.findings.append(
            _finding(
                f"edifact.missing_{trailer.lower()}",
                f"the {what} opened by {header.tag} at line {header.line} has no {trailer} "
                "trailer (the interchange may be truncated after its last complete segment)",
                f"envelope.{trailer}",
                None,
                at.where,
            )
        )

    def _on_unb(self, segment: Segment) -> None:
        if self.message is not None:
            self._close_message(None, segment)
        if self.unb is not None:
            self._missing("UNZ", "interchange", self.unb, segment)
        self.unb = segment
        self.sender = segment.get(1, 0) or "unknown"
        self.ref = segment.get(4, 0) or self.fallback_ref
        if not segment.get(4, 0):
            self.out.findings.append(
                _finding(
                    "edifact.control_reference",
                    "UNB carries no interchange control reference",
                    "envelope.control_reference",
                    None,
                    segment.where,
                )
            )
        self.out.findings.extend(unb_findings(segment))
        self._check_unique(segment, self.ref, self.interchange_refs, "interchange")
        self.message_refs = set()
        self.prepared_at = interchange_time(segment)
        self.messages_in_interchange = 0
        self.groups_in_interchange = 0

    def _on_unz(self, segment: Segment) -> None:
        if self.message is not None:
            self._close_message(None, segment)
        if self.unb is None:
            self.out.findings.append(
                _finding(
                    "edifact.unexpected_trailer",
                    "UNZ without a UNB before it; ignored",
                    "envelope.UNZ",
                    None,
                    segment.where,
                )
            )
            return
        counted = self.groups_in_interchange or self.messages_in_interchange
        self._check_count(segment, counted, "messages or groups", "envelope.message_count")
        self._check_ref(segment, self.unb.get(4, 0), "UNB")
        self.unb = None

    def _on_ung(self, segment: Segment) -> None:
        if self.message is not None:
            self._close_message(None, segment)
        self.group = segment
        self.groups_in_interchange += 1
        self.messages_in_group = 0

    def _on_une(self, segment: Segment) -> None:
        if self.message is not None:
            self._close_message(None, segment)
        if self.group is not None:
            self._check_count(segment, self.messages_in_group, "messages", "envelope.group_count")
            self._check_ref(segment, self.group.get(4, 0), "UNG")
        self.group = None

    def _on_unh(self, segment: Segment) -> None:
        if self.message is not None:
            self._close_message(None, segment)
        self.message = Message(segment, [], self.sender, self.ref, self.prepared_at)
        self._check_unique(segment, self.message.reference, self.message_refs, "message")
        self.messages_in_interchange += 1
        self.messages_in_group += 1

    def _on_unt(self, segment: Segment) -> None:
        if self.message is None:
            self.out.findings.append(
                _finding(
                    "edifact.unexpected_trailer",
                    "UNT without a UNH before it; ignored",
                    "envelope.UNT",
                    None,
                    segment.where,
                )
            )
            return
        self._close_message(segment, segment)

    def _close_message(self, trailer: Segment | None, at: Segment) -> None:
        message = self.message
        if message is None:
            return
        self.message = None
        message.trailer = trailer
        self.out.messages.append(message)
        if trailer is None:
            self._missing("UNT", f"message {message.reference}", message.header, at)
            return
        self._check_count(trailer, len(message.body) + 2, "segments", "envelope.segment_count")
        self._check_ref(trailer, message.header.get(0), "UNH")

    def _check_count(self, trailer: Segment, actual: int, what: str, fld: str) -> None:
        said = trailer.get(0)
        if is_digits(said) and int(said) == actual:
            return
        self.out.findings.append(
            _finding(
                f"edifact.{trailer.tag.lower()}_count",
                f"{trailer.tag} says {said or '(nothing)'} {what}; the interchange has {actual}",
                fld,
                said,
                trailer.where,
            )
        )

    def _check_unique(self, segment: Segment, ref: str, seen: set[str], what: str) -> None:
        """Control references are unique per file (interchanges) and per interchange
        (messages); a repeat is a resent or spliced message, and its events would collide."""
        if ref in seen:
            self.out.findings.append(
                _finding(
                    "edifact.duplicate_reference",
                    f"{what} control reference {ref!r} appears a second time",
                    f"envelope.{what}_reference",
                    ref,
                    segment.where,
                )
            )
        seen.add(ref)

    def _check_ref(self, trailer: Segment, opened: str, header: str) -> None:
        said = trailer.get(1)
        if said == opened:
            return
        self.out.findings.append(
            _finding(
                "edifact.control_reference",
                f"{trailer.tag} control reference {said!r} differs from {header}'s {opened!r}",
                "envelope.control_reference",
                said,
                trailer.where,
            )
        )


def read_envelope(segments: list[Segment], source_message: str) -> Envelope:
    """The messages of the interchange(s) and the envelope findings."""
    if not segments:
        raise parse_error(FORMAT, "no segment at all", where="line 1", expected="UNA, UNB or UNH")
    envelope = _Reader(segments, source_message).run()
    if not envelope.messages:
        raise parse_error(
            FORMAT,
            "the interchange holds no message",
            where=segments[-1].where,
            expected="a UNH message header",
        )
    return envelope


def groups(segments: list[Segment], starts: str) -> Iterator[list[Segment]]:
    """Segment groups that each begin with a segment tagged ``starts``; the lead-in is skipped."""
    current: list[Segment] | None = None
    for segment in segments:
        if segment.tag == starts:
            if current is not None:
                yield current
            current = [segment]
        elif current is not None:
            current.append(segment)
    if current is not None:
        yield current


def before(segments: list[Segment], tag: str) -> list[Segment]:
    """The segments before the first ``tag`` (a message's header part)."""
    for i, segment in enumerate(segments):
        if segment.tag == tag:
            return segments[:i]
    return list(segments)
