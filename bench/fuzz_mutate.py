"""Mutations of a message for bench/fuzz_ingest.py: bytes, JSON structure, text encodings,
EDIFACT and X12 segments, XML tricks. Each mutator takes a seeded ``random.Random`` and the bytes
and gives new bytes; ``mutate`` applies one to three of them, chosen to suit the message."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from typing import Any

Mutator = Callable[[random.Random, bytes], bytes]

BIG = "\x01BIG"
_BIG = re.compile(r'"(?:\\u0001|\x01)BIG(\d+)(?:\\u0001|\x01)BIG"')

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
ODD_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    1e308,
    "",
    " ",
    "\ud800",
    "\udfff x",
    "a\x00b",
    "\u202e\u0301",
    "𝟘𝟙²³",
    [],
    {},
    [[]],
    {"": None},
    "9" * 400,
    "2026-13-45T25:61:61Z",
    "NaN",
)


# Bytes.


def flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def random_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        out[at:at] = rng.randbytes(rng.randint(1, 6))
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def delete_slice(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, 64) :]


def repeat_slice(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    piece = data[a : a + rng.randint(1, 200)]
    return data[:a] + piece * rng.randint(2, 20) + data[a:]


def special_bytes(rng: random.Random, data: bytes) -> bytes:
    specials = [b"\x00", b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r", b"\x1a"]
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(specials) + data[at:]


# Text encodings and byte-order marks.

BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\xef\xbb\xbf" * 2)


def encoding(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "cp037"])
    return text.encode(codec, "replace")


def bom(rng: random.Random, data: bytes) -> bytes:
    return rng.choice(BOMS) + data


# JSON structure.


def _nodes(value: Any, out: list[tuple[Any, Any]]) -> None:
    """Every (container, key) pair, so a mutation can replace or drop the value there."""
    if isinstance(value, dict):
        for key in list(value):
            out.append((value, key))
            _nodes(value[key], out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.append((value, i))
            _nodes(item, out)


def _deep(rng: random.Random) -> Any:
    depth = rng.choice([70, 200, 1_000, 5_000, 20_000])
    value: Any = "x"
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def _odd_value(rng: random.Random, old: Any) -> Any:
    pick = rng.random()
    if pick < 0.1:
        return _deep(rng)
    if pick < 0.2:
        return f"{BIG}{rng.choice([120, 5_000, 20_000])}{BIG}"  # a number too long for int()
    if pick < 0.3:
        return "A" * rng.choice([300, 70_000, 1_500_000])
    if pick < 0.4 and isinstance(old, str):
        return old.translate(SUPERSCRIPT)
    if pick < 0.5 and isinstance(old, str | int | float):
        return [old] if rng.random() < 0.5 else {"value": old}
    if pick < 0.6 and isinstance(old, str) and old.isascii() and old.isdigit():
        return int(old)
    if pick < 0.7 and isinstance(old, int | float) and not isinstance(old, bool):
        return str(old)
    return rng.choice(ODD_VALUES)


def _json_edit(rng: random.Random, doc: Any) -> Any:
    nodes: list[tuple[Any, Any]] = []
    _nodes(doc, nodes)
    if not nodes:
        return _odd_value(rng, doc)
    for _ in range(rng.randint(1, 3)):
        parent, key = rng.choice(nodes)
        if isinstance(parent, dict) and key not in parent:
            continue
        if isinstance(parent, list) and key >= len(parent):
            continue
        move = rng.random()
        if move < 0.25:
            del parent[key]
        elif move < 0.35 and isinstance(parent, dict):
            parent[rng.choice([key.upper(), key + "X", "", "\ud800", "@" + key])] = parent.pop(key)
        elif move < 0.45 and isinstance(parent, list):
            parent.extend([parent[key]] * rng.randint(1, 30))
        elif move < 0.5 and isinstance(parent[key], list):
            parent[key] = []
        else:
            parent[key] = _odd_value(rng, parent[key])
    return doc


def json_edit(rng: random.Random, data: bytes) -> bytes:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return flip(rng, data)
    doc = _json_edit(rng, doc)
    try:
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
    except (RecursionError, ValueError):
        return truncate(rng, data)
    text = _BIG.sub(lambda m: "7" * int(m.group(1)), text)
    return text.encode("utf-8", "surrogatepass")


def json_text(rng: random.Random, data: bytes) -> bytes:
    """Edits a serialiser would never make: duplicate keys, escapes, comments, NaN."""
    tricks = [
        (rb'"([a-zA-Z]+)":', rb'"\1":1,"\1":'),
        (rb'":\s*"', rb'": "\\ud83d'),
        (rb'":\s*"', rb'": "\\u0000'),
        (rb"\d+", rb"1e999999"),
        (rb"\d+", rb"NaN"),
        (rb"\{", rb"{/*c*/"),
        (rb",", rb",,"),
        (rb"\]", rb",]"),
    ]
    pattern, repl = rng.choice(tricks)
    return re.sub(pattern, repl, data, count=rng.randint(1, 3))


# EDIFACT and X12 segments.


def _separators(data: bytes) -> tuple[bytes, bytes, bytes]:
    """Segment, element and component separators (EDIFACT UNA, X12 ISA, or the defaults)."""
    if data.startswith(b"UNA") and len(data) >= 9:
        return data[8:9], data[4:5], data[3:4]
    if data.lstrip(b"\xef\xbb\xbf").startswith(b"ISA") and len(data) > 105:
        return data[105:106], data[3:4], data[104:105]
    return b"'", b"+", b":"


def segments(rng: random.Random, data: bytes) -> bytes:
    end, element, component = _separators(data)
    parts = data.split(end)
    if len(parts) < 2:
        return flip(rng, data)
    i = rng.randrange(len(parts))
    move = rng.random()
    if move < 0.2:
        del parts[i]
    elif move < 0.35:
        parts.insert(i, parts[i])
    elif move < 0.45:
        j = rng.randrange(len(parts))
        parts[i], parts[j] = parts[j], parts[i]
    elif move < 0.6:
        fields = parts[i].split(element)
        k = rng.randrange(len(fields))
        fields[k] = rng.choice(
            [
                b"",
                b"X" * 40,
                fields[k] * 3,
                fields[k].decode("latin-1").translate(SUPERSCRIPT).encode(),
            ]
        )
        parts[i] = element.join(fields)
    elif move < 0.7:
        parts[i] = parts[i].replace(element, component, 1)
    elif move < 0.8:
        digits = parts[i].decode("latin-1").translate(SUPERSCRIPT)
        parts[i] = digits.encode("utf-8")
    elif move < 0.9:
        parts[i] = parts[i] + b"?" if rng.random() < 0.5 else b"??" + parts[i]
    else:
        parts = parts[: i + 1] + parts[1 : i + 1] + parts[i + 1 :]  # a second message inside
    return end.join(parts)


def separators(rng: random.Random, data: bytes) -> bytes:
    if data.startswith(b"UNA") and len(data) >= 9:
        una = bytearray(data[:9])
        una[rng.randrange(3, 9)] = rng.choice(b"+:'?* \x00\n")
        return bytes(una) + data[9:]
    if data.startswith(b"ISA") and len(data) > 106:
        out = bytearray(data)
        out[rng.choice([3, 104, 105])] = rng.choice(b"*~:^|\n ")
        return bytes(out)
    return b"UNA" + bytes(rng.choice(b":+.? '") for _ in range(6)) + data


# XML.

XML_TRICKS = (
    b'<?xml version="1.0" encoding="x-unknown"?>',
    b'<?xml version="1.0" encoding="UTF-16"?>',
    b'<?xml version="1.0" encoding="EBCDIC-CP-US"?>',
    b'<?xml version="1.0" encoding="Shift_JIS"?>',
    b'<?xml version="1.1"?>',
    b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE d SYSTEM "http://example.invalid/d.dtd">',
    b"<?pi stuff?>",
)


def xml_tricks(rng: random.Random, data: bytes) -> bytes:
    move = rng.random()
    if move < 0.4:
        body = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data)
        return rng.choice(XML_TRICKS) + body
    if move < 0.6:
        return re.sub(rb">([^<]{1,40})<", rb">&x;&#xD800;&#0;<", data, count=1)
    if move < 0.8:
        return re.sub(rb">([^<]{1,40})<", rb"><![CDATA[\1]]><", data, count=rng.randint(1, 5))
    tags = [m.start() for m in re.finditer(rb"</", data)]
    if tags:
        at = rng.choice(tags)
        return data[:at] + data[data.find(b">", at) + 1 :]
    return data


def kind(data: bytes) -> str:
    head = data[:200].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<"):
        return "xml"
    if head.startswith((b"UNA", b"UNB", b"ISA")):
        return "segments"
    return "other"


BY_KIND: dict[str, tuple[Mutator, ...]] = {
    "json": (json_edit, json_edit, json_edit, json_text),
    "xml": (xml_tricks, xml_tricks),
    "segments": (segments, segments, segments, separators),
    "other": (),
}
ANY: tuple[Mutator, ...] = (
    flip,
    random_bytes,
    truncate,
    delete_slice,
    repeat_slice,
    special_bytes,
    encoding,
    bom,
)


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to three mutations, mostly of the message's own structure."""
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        own = BY_KIND[kind(data)]
        pool = own if own and rng.random() < 0.7 else ANY
        try:
            data = rng.choice(pool)(rng, data)
        except (ValueError, RecursionError, OverflowError):  # a mutation that cannot apply here
            data = flip(rng, data)
    return data
