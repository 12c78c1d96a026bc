"""ANSI ASC X12 ocean messages: 315 status (events), 310 freight receipt and 309 customs
manifest (cargo declarations).

One message is one file: usually one interchange (ISA..IEA) with one or more functional groups
and transaction sets; every transaction set it can read adds records. Transaction sets of other
types are skipped with a finding; a message with none of 309, 310 or 315 is quarantined.
"""

from __future__ import annotations

from collections.abc import Callable

from greenlane.domain.codes import Severity
from greenlane.ingest.base import ParsedMessage, parse_error
from greenlane.ingest.x12 import codes
from greenlane.ingest.x12.common import Output
from greenlane.ingest.x12.envelope import FORMAT, Transaction, looks_like_x12, read
from greenlane.ingest.x12.freight_310 import read_310
from greenlane.ingest.x12.manifest_309 import read_309
from greenlane.ingest.x12.status_315 import read_315
from greenlane.ingest.x12.values import finding

__all__ = ["ADAPTER", "X12Adapter"]

_READERS: dict[str, Callable[[Transaction, str], Output]] = {
    "309": read_309,
    "310": read_310,
    "315": read_315,
}


class X12Adapter:
    """The ``x12`` adapter (see ``greenlane.ingest.base.Adapter``)."""

    name = FORMAT

    def detect(self, content: bytes) -> bool:
        return looks_like_x12(content)

    def parse(self, content: bytes, *, source_message: str) -> ParsedMessage:
        envelope = read(content)
        out = Output(findings=list(envelope.findings))
        seen: set[str] = set()
        for tx in envelope.transactions:
            reader = _READERS.get(tx.code)
            if reader is None:
                out.findings.append(
                    finding(
                        "x12.transaction_not_read",
                        f"transaction set {tx.code!r} is not one greenlane reads "
                        f"({', '.join(codes.SUPPORTED)}); it was skipped",
                        "transaction",
                        tx.place(tx.st, 1),
                        tx.code,
                        Severity.WARNING,
                    )
                )
                continue
            seen.add(tx.code)
            part = reader(tx, source_message)
            out.filings += part.filings
            out.events += part.events
            out.findings += part.findings
        if not seen:
            found = sorted({tx.code for tx in envelope.transactions})
            raise parse_error(
                FORMAT,
                f"no transaction set greenlane reads (found: {', '.join(found) or 'none'})",
                where="segment 3 (ST)" if found else "segment 2",
                expected=f"an ST of {', '.join(codes.SUPPORTED)}",
            )
        return ParsedMessage(
            format=f"{FORMAT}:{'+'.join(sorted(seen))}",
            filings=tuple(out.filings),
            events=tuple(out.events),
            # Bills of one manifest share their P4 port: say a shared finding once.
            findings=tuple(dict.fromkeys(out.findings)),
        )


ADAPTER = X12Adapter()
