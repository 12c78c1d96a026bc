"""Reading list files: text with its encoding sorted out, CSV rows with their line numbers, and
errors that name the file, the place and what was expected.

Official list files are not always tidy: OFAC's legacy CSV files end with a DOS end-of-file
byte (0x1A) and have CRLF line ends, some exports start with a byte-order mark, and older files
are in Windows-1252 rather than UTF-8. All of that is accepted; a row with the wrong number of
fields, a quote left open or bytes that are not text is an error, never a guess.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from greenlane.errors import NotFoundError, ParseError

NULL = "-0-"
"""OFAC's legacy CSV files write an empty field as ``-0-`` (often followed by a space)."""


def list_error(fmt: str, message: str, *, where: str, expected: str | None = None) -> ParseError:
    """A ParseError whose text starts with the list format, so the CLI line reads well."""
    return ParseError(f"{fmt}: {message}", where=where, expected=expected)


def at_line(path: Path, line: int) -> str:
    return f"{path} line {line}"


def read_bytes(path: Path, fmt: str, *, max_bytes: int | None = None) -> bytes:
    """The whole file; a missing file, a folder or one over ``max_bytes`` is a clear error."""
    check_file(path, fmt, max_bytes=max_bytes)
    return path.read_bytes()


def check_file(path: Path, fmt: str, *, max_bytes: int | None = None) -> None:
    if not path.exists():
        raise NotFoundError(f"{fmt}: {path} does not exist", where=str(path), expected="a file")
    if not path.is_file():
        raise list_error(fmt, f"{path} is not a file", where=str(path), expected="a file")
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise list_error(
            fmt,
            f"file of {size:,} bytes is over the limit of {max_bytes:,}",
            where=str(path),
            expected="GREENLANE_MAX_MESSAGE_BYTES or fewer bytes",
        )


def text_lines(path: Path, fmt: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line, read as a stream (JSON-lines exports run to
    gigabytes); UTF-8 only, as JSON requires."""
    check_file(path, fmt)
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, 1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise list_error(
                    fmt,
                    f"bytes that are not UTF-8 ({exc.reason})",
                    where=f"{at_line(path, number)} column {exc.start + 1}",
                    expected="UTF-8 text",
                ) from None
            yield number, text.removeprefix("\ufeff") if number == 1 else text


def decode(content: bytes, path: Path, fmt: str) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252; a trailing DOS end-of-file
    byte is dropped. NUL bytes mean the file is not text."""
    if b"\x00" in content:
        line = content[: content.index(b"\x00")].count(b"\n") + 1
        raise list_error(
            fmt, "NUL byte: this is not a text file", where=at_line(path, line), expected="text"
        )
    content = content.removeprefix(b"\xef\xbb\xbf").rstrip(b"\x1a")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def read_text(path: Path, fmt: str, *, max_bytes: int | None = None) -> str:
    return decode(read_bytes(path, fmt, max_bytes=max_bytes), path, fmt)


def csv_rows(
    text: str,
    path: Path,
    fmt: str,
    columns: Sequence[str],
    *,
    delimiter: str = ",",
) -> Iterator[tuple[int, list[str]]]:
    """(line, fields) of every non-blank row, each with exactly ``len(columns)`` fields. The
    line is where the row starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise list_error(
                fmt,
                f"CSV cannot be read ({exc}); the file may be cut short",
                where=at_line(path, line),
                expected=f"{len(columns)} fields: {', '.join(columns)}",
            ) from None
        start, line = line, reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != len(columns):
            raise list_error(
                fmt,
                f"{len(row)} fields where {len(columns)} were expected; the file may be cut short",
                where=at_line(path, start),
                expected=", ".join(columns),
            )
        yield start, row


def field(value: str) -> str | None:
    """A field's value stripped; None when empty or OFAC's ``-0-``."""
    value = value.strip()
    return None if not value or value == NULL else value
