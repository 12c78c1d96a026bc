"""What is wrong with a UNB (interchange header), each finding naming the element.

A UNB that cannot be read at all makes the interchange's sender, reference or time unknown;
the findings say which element and why, instead of the file passing as something unrecognised.
"""

from __future__ import annotations

import re

from greenlane.domain.codes import Severity
from greenlane.domain.records import DataQualityFinding
from greenlane.ingest.edifact.syntax import Segment

_SYNTAX = re.compile(r"UN[O-Z][A-Z]", re.ASCII)
_VERSION = re.compile(r"[1-4]", re.ASCII)


def _ascii_digits(text: str, lengths: tuple[int, ...]) -> bool:
    return text.isascii() and text.isdigit() and len(text) in lengths


def unb_findings(unb: Segment) -> list[DataQualityFinding]:
    """Findings on the UNB's syntax identifier, parties and date (code ``edifact.unb``)."""
    checks = (
        (
            "syntax identifier",
            "envelope.syntax",
            unb.get(0, 0),
            bool(_SYNTAX.fullmatch(unb.get(0, 0))),
        ),
        (
            "syntax version",
            "envelope.syntax_version",
            unb.get(0, 1),
            bool(_VERSION.fullmatch(unb.get(0, 1))),
        ),
        ("sender", "envelope.sender", unb.get(1, 0), bool(unb.get(1, 0).strip())),
        ("recipient", "envelope.recipient", unb.get(2, 0), bool(unb.get(2, 0).strip())),
        ("date", "envelope.prepared_date", unb.get(3, 0), _ascii_digits(unb.get(3, 0), (6, 8))),
        ("time", "envelope.prepared_time", unb.get(3, 1), _ascii_digits(unb.get(3, 1), (4,))),
    )
    return [
        DataQualityFinding(
            "edifact.unb",
            f"UNB {name} {value!r} is not valid" if value else f"UNB has no {name}",
            fld,
            value or None,
            Severity.WARNING,
            unb.where,
        )
        for name, fld, value, ok in checks
        if not ok
    ]
