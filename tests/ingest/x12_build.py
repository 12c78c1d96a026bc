"""Build small X12 interchanges for tests, with the envelope counts right unless told otherwise."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.x12 import ADAPTER

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "x12"

Transaction = tuple[str, str, Sequence[str]]
"""(ST01 code, ST02 control number, body segments written with '*')."""


def isa(sender: str = "SENDER", control: int = 1, sep: str = "*", component: str = ">") -> str:
    """A fixed-width ISA (without its terminator) using ``sep`` as element separator."""
    elements = [
        "ISA", "00", " " * 10, "00", " " * 10, "ZZ", f"{sender:<15}", "ZZ", f"{'RECEIVER':<15}",
        "240101", "1200", "U", "00401", f"{control:09d}", "0", "P", component,
    ]  # fmt: skip
    text = sep.join(elements)
    assert len(text) == 105
    return text


def interchange(
    *transactions: Transaction,
    sender: str = "SENDER",
    control: int = 1,
    sep: str = "*",
    component: str = ">",
    terminator: str = "~",
    newline: str = "\n",
) -> str:
    """One interchange, one functional group; bodies are written with '*' and re-delimited."""
    lines = [isa(sender, control, sep, component)]
    lines.append(sep.join(["GS", "QO", sender, "RECEIVER", "20240101", "1200", "7", "X", "004010"]))
    for code, st_control, body in transactions:
        lines.append(sep.join(["ST", code, st_control]))
        lines += [seg.replace("*", sep) for seg in body]
        lines.append(sep.join(["SE", str(len(body) + 2), st_control]))
    lines.append(sep.join(["GE", str(len(transactions)), "7"]))
    lines.append(sep.join(["IEA", "1", f"{control:09d}"]))
    return "".join(line + terminator + newline for line in lines)


def status(
    code: str = "VA",
    *,
    date: str = "20240301",
    time: str = "0807",
    box: tuple[str, str, str] = ("CSQU", "305438", "3"),
    full: str = "L",
    location: tuple[str, str] = ("", ""),
    extra: Sequence[str] = (),
) -> list[str]:
    """A 315 body: B4 then ``extra`` segments."""
    b4 = ["B4", "", "", code, date, time, "", box[0], box[1], full, "45G1", *location, box[2]]
    return ["*".join(b4), *extra]


def parse(text: str | bytes) -> ParsedMessage:
    data = text.encode("latin-1") if isinstance(text, str) else text
    return ADAPTER.parse(data, source_message="sha256:test")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def codes(result: ParsedMessage) -> list[str]:
    return [f.code for f in result.findings]
