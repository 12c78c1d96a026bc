"""The X12 envelope: ISA/IEA interchange, GS/GE functional groups, ST/SE transaction sets.

The delimiters are not fixed by the standard but announced by the ISA segment itself, which is
fixed width (106 characters): the element separator is its 4th character, the component separator
is ISA16 and the segment terminator is the character right after ISA16. Line breaks written after
terminators for readability are ignored.

Segments are numbered from the start of their interchange (ISA is segment 1), so that a place
such as ``segment 4 (B4) element 13`` can be found by counting segments in the file.

A structure that cannot be followed (no ISA, a segment outside a transaction set, a message cut
short before IEA) raises ParseError. Control totals and control numbers that disagree (SE01, SE02,
GE01, GE02, IEA01, IEA02) are data-quality findings: the content is still readable.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding
from greenlane.errors import ParseError
from greenlane.ingest.base import parse_error

FORMAT = "x12"
ISA_LENGTH = 106
"""ISA with its terminator: 'ISA' + 16 separators + 86 characters of fixed-width elements + 1."""
_ISA_WIDTHS = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)
_TAG = re.compile(r"[A-Z][A-Z0-9]{1,2}")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Segment:
    tag: str
    elements: tuple[str, ...]
    """Element 01 first; values as written, surrounding spaces removed."""
    position: int
    """1-based position in the interchange (ISA = 1)."""

    def get(self, number: int) -> str:
        """Element ``number`` (1-based, as in ``B4-03``); empty when absent."""
        if 0 < number <= len(self.elements):
            return self.elements[number - 1]
        return ""

    def place(self, element: int | None = None) -> str:
        text = f"segment {self.position} ({self.tag})"
        return text if element is None else f"{text} element {element:02d}"


@dataclass(frozen=True, slots=True)
class Transaction:
    """One ST..SE transaction set with what its envelope says about it."""

    code: str
    """ST01, e.g. ``315``."""
    control: str
    """ST02, the transaction set control number."""
    st: Segment
    body: tuple[Segment, ...]
    """The segments between ST and SE."""
    isa: Segment
    gs: Segment

    @property
    def sender(self) -> str:
        """ISA06 interchange sender id, trimmed."""
        return self.isa.get(6).strip()

    @property
    def interchange_control(self) -> str:
        """ISA13 interchange control number."""
        return self.isa.get(13).strip()

    def place(self, segment: Segment | None = None, element: int | None = None) -> str:
        """``ST 00001 segment 4 (B4) element 13``: a place any reader of the file can find."""
        where = f"ST {self.control}"
        return where if segment is None else f"{where} {segment.place(element)}"


@dataclass(slots=True)
class Envelope:
    transactions: list[Transaction] = field(default_factory=list)
    findings: list[DataQualityFinding] = field(default_factory=list)


def decode(content: bytes) -> str:
    """X12 is ASCII text; a byte order mark names another encoding, anything else falls to
    Latin-1 so that no byte is refused before the structure is checked."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError as exc:
                raise parse_error(
                    FORMAT,
                    f"text is not valid {encoding}",
                    where=f"byte {exc.start}",
                    expected=f"{encoding} text as its byte order mark says",
                ) from exc
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("latin-1")


def looks_like_x12(content: bytes) -> bool:
    head = content[:16].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:3] == b"ISA" and len(head) > 3 and not chr(head[3]).isalnum()


def _finding(code: str, message: str, where: str, value: str | None = None) -> DataQualityFinding:
    return DataQualityFinding(code, message, "envelope", value, Severity.WARNING, where)


@dataclass(frozen=True, slots=True)
class _Delimiters:
    element: str
    component: str
    terminator: str


def _delimiters(text: str, start: int) -> _Delimiters:
    """Read the delimiters from the ISA at ``start``; the fixed positions first, then by count."""
    if len(text) - start < 4:
        raise parse_error(
            FORMAT,
            "message ends inside the ISA segment",
            where="segment 1 (ISA)",
            expected=f"an ISA segment of {ISA_LENGTH} characters",
        )
    sep = text[start + 3]
    if sep.isalnum() or sep in " \r\n":  # control characters such as GS (0x1D) are allowed
        raise parse_error(
            FORMAT,
            f"ISA is followed by {sep!r}, not an element separator",
            where="segment 1 (ISA)",
            expected="a separator character such as '*' after 'ISA'",
        )
    fixed = text[start : start + ISA_LENGTH]
    if (
        len(fixed) == ISA_LENGTH
        and fixed.count(sep, 0, ISA_LENGTH - 2) == 16
        and (fixed[ISA_LENGTH - 3] == sep)
    ):
        component, terminator = fixed[ISA_LENGTH - 2], fixed[ISA_LENGTH - 1]
    else:
        # Not fixed width: find ISA16 by counting separators.
        pos = start
        for _ in range(16):
            pos = text.find(sep, pos + 1)
            if pos < 0:
                raise parse_error(
                    FORMAT,
                    "message ends inside the ISA segment",
                    where="segment 1 (ISA)",
                    expected="16 ISA elements",
                )
        if pos + 2 >= len(text):
            raise parse_error(
                FORMAT,
                "message ends inside the ISA segment",
                where="segment 1 (ISA) element 16",
                expected="a component separator and a segment terminator",
            )
        component, terminator = text[pos + 1], text[pos + 2]  # _check_isa says what is off
    if terminator.isalnum() or terminator in (sep, component) or component == sep:
        raise parse_error(
            FORMAT,
            f"delimiters are not distinct: element {sep!r}, component {component!r}, "
            f"segment terminator {terminator!r}",
            where="segment 1 (ISA) element 16",
            expected="three different delimiter characters, the terminator not a letter or digit",
        )
    return _Delimiters(sep, component, terminator)


def _segments(text: str, start: int, delims: _Delimiters) -> tuple[list[Segment], int]:
    """Segments of one interchange, up to and including IEA; returns them and where text resumes."""
    segments: list[Segment] = []
    pos = start
    strip = " \t\r\n\x00" if delims.terminator != "\n" else " \t\r\x00"
    while pos < len(text):
        end = text.find(delims.terminator, pos)
        raw = text[pos:] if end < 0 else text[pos:end]
        pos = len(text) if end < 0 else end + 1
        raw = raw.strip(strip)
        if not raw:
            continue
        if end < 0:
            raise parse_error(
                FORMAT,
                "message ends inside a segment (no segment terminator)",
                where=f"segment {len(segments) + 1}",
                expected=f"the segment terminator {delims.terminator!r}",
            )
        parts = raw.split(delims.element)
        tag = parts[0].strip()
        position = len(segments) + 1
        if not _TAG.fullmatch(tag):
            raise parse_error(
                FORMAT,
                f"{tag[:10]!r} is not a segment identifier",
                where=f"segment {position}",
                expected="2 or 3 upper-case letters or digits starting with a letter",
            )
        # ISA values keep their fixed-width padding; the readers trim what they use.
        values = tuple(parts[1:]) if tag == "ISA" else tuple(p.strip() for p in parts[1:])
        segments.append(Segment(tag, values, position))
        if tag == "IEA":
            break
    return segments, pos


def _control_check(
    findings: list[DataQualityFinding], trailer: Segment, element: int, expected: str, what: str
) -> None:
    actual = trailer.get(element)
    if actual.lstrip("0") != expected.strip().lstrip("0"):
        findings.append(
            _finding(
                "x12.control_number",
                f"{trailer.tag}{element:02d} {what} is {actual!r}; "
                f"the header says {expected.strip()!r}",
                trailer.place(element),
                actual,
            )
        )


def _count_check(
    findings: list[DataQualityFinding], trailer: Segment, element: int, counted: int, what: str
) -> None:
    actual = trailer.get(element)
    if not (actual.isascii() and actual.isdigit() and int(actual) == counted):
        findings.append(
            _finding(
                "x12.control_count",
                f"{trailer.tag}{element:02d} says {actual!r} {what}; the message has {counted}",
                trailer.place(element),
                actual,
            )
        )


class _Reader:
    """Walks the segments of one interchange and checks its nesting."""

    def __init__(self, segments: list[Segment], envelope: Envelope) -> None:
        self.segments = segments
        self.envelope = envelope
        self.index = 1  # segments[0] is the ISA

    def _truncated(self, expected: str) -> ParseError:
        last = self.segments[-1]
        return parse_error(
            FORMAT,
            f"message ends after {last.place()} before its {expected} trailer",
            where=f"after {last.place()}",
            expected=expected,
        )

    def _out_of_place(self, seg: Segment, expected: str) -> ParseError:
        return parse_error(
            FORMAT, f"{seg.tag} segment out of place", where=seg.place(), expected=expected
        )

    def read(self) -> None:
        isa = self.segments[0]
        groups = 0
        while True:
            if self.index >= len(self.segments):
                raise self._truncated("IEA")
            seg = self.segments[self.index]
            self.index += 1
            if seg.tag == "IEA":
                _count_check(self.envelope.findings, seg, 1, groups, "functional groups")
                _control_check(self.envelope.findings, seg, 2, isa.get(13), "control number")
                return
            if seg.tag != "GS":
                raise self._out_of_place(seg, "GS (functional group header) or IEA")
            self._group(isa, seg)
            groups += 1

    def _group(self, isa: Segment, gs: Segment) -> None:
        count = 0
        while True:
            if self.index >= len(self.segments):
                raise self._truncated("GE")
            seg = self.segments[self.index]
            self.index += 1
            if seg.tag == "GE":
                _count_check(self.envelope.findings, seg, 1, count, "transaction sets")
                _control_check(self.envelope.findings, seg, 2, gs.get(6), "group control number")
                return
            if seg.tag != "ST":
                raise self._out_of_place(seg, "ST (transaction set header) or GE")
            self._transaction(isa, gs, seg)
            count += 1

    def _transaction(self, isa: Segment, gs: Segment, st: Segment) -> None:
        body: list[Segment] = []
        while True:
            if self.index >= len(self.segments):
                raise self._truncated("SE")
            seg = self.segments[self.index]
            self.index += 1
            if seg.tag == "SE":
                break
            if seg.tag in ("ST", "GS", "GE", "ISA", "IEA"):
                raise self._out_of_place(seg, f"SE closing the ST at {st.place()}")
            body.append(seg)
        code, control = st.get(1), st.get(2)
        if not control:
            raise parse_error(
                FORMAT,
                "ST has no control number",
                where=st.place(2),
                expected="ST02 transaction set control number",
            )
        _count_check(self.envelope.findings, seg, 1, len(body) + 2, "segments (ST to SE)")
        _control_check(self.envelope.findings, seg, 2, control, "control number")
        self.envelope.transactions.append(Transaction(code, control, st, tuple(body), isa, gs))


def _check_isa(isa: Segment, findings: list[DataQualityFinding]) -> None:
    if len(isa.elements) < 16:
        raise parse_error(
            FORMAT,
            f"ISA has {len(isa.elements)} elements",
            where=isa.place(),
            expected="16 ISA elements",
        )
    for number, width in enumerate(_ISA_WIDTHS, start=1):
        value = isa.get(number)
        if len(value) != width and number != 16:
            findings.append(
                _finding(
                    "x12.isa_element_width",
                    f"ISA{number:02d} is {len(value)} characters; the standard fixes it at {width}",
                    isa.place(number),
                    value,
                )
            )
            break  # one finding says it; the others usually follow from the same cause


def read(content: bytes) -> Envelope:
    """The transaction sets of every interchange in ``content`` and the envelope's findings."""
    text = decode(content)
    envelope = Envelope()
    pos = len(text) - len(text.lstrip())
    if not text.startswith("ISA", pos):
        raise parse_error(
            FORMAT,
            "message does not start with an ISA segment",
            where="segment 1",
            expected="'ISA' interchange control header",
        )
    while True:
        delims = _delimiters(text, pos)
        segments, pos = _segments(text, pos, delims)
        isa = segments[0]
        _check_isa(isa, envelope.findings)
        # A message cut short has no IEA: the reader names the trailer it missed (SE, GE, IEA).
        _Reader(segments, envelope).read()
        rest = text[pos:].lstrip(" \t\r\n\x00")
        if not rest:
            return envelope
        if not rest.startswith("ISA"):
            envelope.findings.append(
                _finding(
                    "x12.trailing_data",
                    f"{len(rest)} characters after the IEA trailer are not an interchange; "
                    "they were not read",
                    f"after {segments[-1].place()}",
                    rest[:40],
                )
            )
            return envelope
        pos = len(text) - len(rest)
