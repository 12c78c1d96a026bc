"""UN/EDIFACT syntax (ISO 9735): bytes to segments that know their place in the interchange.

pydifact's tokenizer reads the elements of each segment (separators, release character). The
splitting into segments is done here first, because a quarantine message and a data-quality
finding must name the segment and the line it starts on, which pydifact does not track.

Rules followed, beyond the happy path of the samples:

* ``UNA`` service string advice sets the six service characters; without it the defaults of
  syntax level A apply (``:+.? '``), or level B's information separators (IS1/IS3/IS4) when the
  character after the first tag is IS3.
* A space in the release position of ``UNA`` means "no release character".
* Line breaks are not part of the syntax: they may follow a segment terminator or wrap a segment
  (fixed-width exports), so CR/LF inside a segment are dropped.
* The text is decoded as UTF-8 when it is valid UTF-8, else by the character set the syntax
  identifier names (UNOC ISO 8859-1 and its siblings); a mismatch with the declared identifier is a
  finding, not an error.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from pydifact.control.characters import Characters
from pydifact.exceptions import EDISyntaxError
from pydifact.parser import Parser
from pydifact.tokenizer import Tokenizer

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding
from greenlane.ingest.base import parse_error

FORMAT = "edifact"

_NO_RELEASE = "\uffff"  # a non-character: never in text, so nothing is ever escaped
_LEVEL_B = "\x1f\x1d.\uffff \x1c"  # IS1 component, IS3 element, IS4 terminator, no release
_DEFAULT = ":+.? '"
_TAG = re.compile(r"[A-Z][A-Z0-9]{2}")
_SYNTAX_ID = re.compile(r"UN[O-Z][A-Z]")

# ISO 9735 syntax identifiers and the character sets they name.
_CHARSETS = {
    "UNOA": "ascii",
    "UNOB": "ascii",
    "UNOC": "latin-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOG": "iso8859-3",
    "UNOH": "iso8859-4",
    "UNOI": "iso8859-6",
    "UNOJ": "iso8859-8",
    "UNOK": "iso8859-9",
    "UNOW": "utf-8",
    "UNOY": "utf-8",
}

_PARSER = Parser()


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment: its tag, its elements as tuples of components, and where it stands."""

    tag: str
    elements: tuple[tuple[str, ...], ...]
    number: int
    """Position in the interchange, from 1 (the UNA service string advice is not counted)."""
    line: int
    """Line (from 1) on which the segment starts."""

    def get(self, element: int, component: int = 0) -> str:
        """The component's text, stripped; empty when the segment does not carry it."""
        if element < len(self.elements):
            parts = self.elements[element]
            if component < len(parts):
                return parts[component].strip()
        return ""

    def components(self, element: int) -> tuple[str, ...]:
        return self.elements[element] if element < len(self.elements) else ()

    @property
    def where(self) -> str:
        return f"segment {self.number} ({self.tag}), line {self.line}"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    syntax_id: str | None
    findings: tuple[DataQualityFinding, ...]


def _declared_syntax(content: bytes) -> str | None:
    head = content[:400].decode("latin-1")
    at = head.find("UNB")
    if at < 0:
        return None
    match = _SYNTAX_ID.search(head, at + 3, at + 12)
    return match.group(0) if match else None


def decode(content: bytes) -> Decoded:
    """Text of the interchange; never fails (ISO 8859-1 maps every byte)."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(content.decode("utf-16"), None, ())
        except UnicodeDecodeError:
            pass
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    syntax_id = _declared_syntax(content)
    declared = _CHARSETS.get(syntax_id or "", "latin-1")
    findings: list[DataQualityFinding] = []
    try:
        text = content.decode("utf-8")
        if declared != "utf-8" and not text.isascii():
            findings.append(
                _encoding_finding(
                    f"syntax identifier {syntax_id or '(none)'} declares "
                    f"{declared.upper()} but the bytes are UTF-8; read as UTF-8",
                    syntax_id,
                )
            )
        return Decoded(text, syntax_id, tuple(findings))
    except UnicodeDecodeError:
        pass
    fallback = declared if declared not in ("ascii", "utf-8") else "latin-1"
    text = content.decode(fallback, errors="replace")
    if declared in ("ascii", "utf-8"):
        findings.append(
            _encoding_finding(
                f"syntax identifier {syntax_id} declares {declared.upper()} but the bytes are "
                f"not; read as {fallback.upper()}",
                syntax_id,
            )
        )
    return Decoded(text, syntax_id, tuple(findings))


def _encoding_finding(message: str, syntax_id: str | None) -> DataQualityFinding:
    return DataQualityFinding(
        "edifact.encoding", message, "envelope.syntax_identifier", syntax_id, Severity.INFO, "UNB"
    )


def service_characters(text: str) -> tuple[Characters, int, list[DataQualityFinding]]:
    """The service characters, the offset of the first real segment, and any finding on them."""
    start = len(text) - len(text.lstrip())
    if text.startswith("UNA", start):
        chars = text[start + 3 : start + 9]
        if len(chars) < 6:
            raise parse_error(
                FORMAT,
                "the UNA service string advice is cut short",
                where="segment 0 (UNA), line 1",
                expected="6 service characters after UNA",
            )
        if chars[5].isalnum() and not chars[4].isalnum() and text.startswith("UN", start + 8):
            # A writer that forgot the reserved position: "UNA:+.?'UNB...". Common enough to read.
            short = chars[:4] + " " + chars[4]
            finding = DataQualityFinding(
                "edifact.una",
                f"UNA gives 5 service characters {chars[:5]!r}, not 6; read as {short!r}",
                "envelope.service_characters",
                chars[:5],
                Severity.WARNING,
                "segment 0 (UNA), line 1",
            )
            return *_advice(short), start + 8, [finding]
        return *_advice(chars), start + 9, []
    if text[start + 3 : start + 4] == "\x1d":
        return Characters.from_str(_LEVEL_B), start, []
    return Characters.from_str(_DEFAULT), start, []


def _advice(chars: str) -> tuple[Characters]:
    separators = [chars[0], chars[1], chars[5]] + ([chars[3]] if chars[3] != " " else [])
    if len(set(separators)) != len(separators) or any(c.isalnum() for c in separators):
        raise parse_error(
            FORMAT,
            f"the UNA service characters {chars!r} are not distinct punctuation",
            where="segment 0 (UNA), line 1",
            expected="distinct component, element, release and terminator characters",
        )
    release = _NO_RELEASE if chars[3] == " " else chars[3]
    return (Characters.from_str(chars[:3] + release + chars[4:]),)


def _skip_blank(text: str, pos: int, blank: str) -> int:
    while pos < len(text) and text[pos] in blank:
        pos += 1
    return pos


def split(text: str) -> tuple[list[Segment], list[DataQualityFinding]]:
    """Every segment of the interchange, in order, with its number and line."""
    chars, pos, findings = service_characters(text)
    term, release = chars.segment_terminator, chars.escape_character
    blank = "".join(c for c in " \t\r\n" if c != term)
    wrap = "".join(c for c in "\r\n" if c != term)
    segments: list[Segment] = []
    line, counted = 1, 0
    pos = _skip_blank(text, pos, blank)
    while pos < len(text):
        line += text.count("\n", counted, pos)
        counted = pos
        end = _terminator(text, pos, term, release)
        number = len(segments) + 1
        if end < 0:
            tail = text[pos : pos + 20]
            raise parse_error(
                FORMAT,
                f"the interchange ends in the middle of a segment ({tail!r}...)",
                where=f"segment {number}, line {line}",
                expected=f"segment terminator {term!r}",
            )
        raw = text[pos : end + 1]
        if wrap:
            raw = raw.translate({ord(c): None for c in wrap})
        segments.append(_segment(raw, chars, number, line))
        pos = _skip_blank(text, end + 1, blank)
    return segments, findings


def _terminator(text: str, pos: int, term: str, release: str) -> int:
    """Index of the next terminator that no release character escapes, or -1."""
    at = pos
    while True:
        end = text.find(term, at)
        if end < 0:
            return -1
        k, escapes = end - 1, 0
        while k >= pos and text[k] == release:
            escapes += 1
            k -= 1
        if escapes % 2 == 0:
            return end
        at = end + 1


def _segment(raw: str, chars: Characters, number: int, line: int) -> Segment:
    where = f"segment {number}, line {line}"
    try:
        tokens = Tokenizer().get_tokens(raw, chars)
        raws = list(_PARSER.convert_tokens_to_raw_segments(tokens))
    except EDISyntaxError as exc:
        raise parse_error(FORMAT, str(exc), where=where, expected="a well-formed segment") from exc
    if len(raws) != 1 or not raws[0]:
        raise parse_error(FORMAT, "empty segment", where=where, expected="a segment tag")
    elements = tuple((e,) if isinstance(e, str) else tuple(e) for e in raws[0])
    tag = elements[0][0] if len(elements[0]) == 1 else ""
    if not _TAG.fullmatch(tag):
        shown = chars.component_separator.join(elements[0])[:20]
        raise parse_error(
            FORMAT,
            f"{shown!r} is not a segment tag",
            where=where,
            expected="a segment tag of 3 upper-case letters or digits (e.g. EQD)",
        )
    return Segment(tag, elements[1:], number, line)
