"""Expedited rulings: requests for binding rulings (classification, origin, value) from certified
traders are worked first.

The queue is ordered by whether the requester holds a certification that counts in the ruling
administration's jurisdiction on the day the request came in (own program or mutually
recognised), then by tier, highest first, then first come, first served.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from greenlane.programs.certify import certify
from greenlane.programs.frames import Programs
from greenlane.programs.recognitions import home_program


@dataclass(frozen=True, slots=True)
class RulingRequest:
    request_id: str
    party: str
    """The requester as the case files name parties: its identifier, else its name in capitals."""
    name: str
    country: str | None
    received_at: datetime
    subject: str


@dataclass(frozen=True, slots=True)
class QueuedRuling:
    position: int
    request: RulingRequest
    certified: bool
    tier: int
    why: str


def ruling_queue(
    requests: Iterable[RulingRequest], programs: Programs, jurisdiction: str = "US"
) -> list[QueuedRuling]:
    """The requests in the order to work them."""
    given = list(requests)
    if not given:
        return []
    frame = pl.DataFrame(
        {
            "master_bill": [r.request_id for r in given],
            "role": ["requester"] * len(given),
            "party": [r.party for r in given],
            "name": [r.name for r in given],
            "country": [r.country for r in given],
            "decided_at": [r.received_at for r in given],
            "home_jurisdiction": [jurisdiction] * len(given),
            "home_program": [home_program(jurisdiction)] * len(given),
        },
        schema_overrides={"decided_at": pl.Datetime("us", "UTC"), "country": pl.String},
    )
    judged = {row["master_bill"]: row for row in certify(frame, programs).iter_rows(named=True)}
    ranked = sorted(
        given,
        key=lambda r: (
            judged[r.request_id]["status"] != "met",
            -judged[r.request_id]["tier"],
            r.received_at,
            r.request_id,
        ),
    )
    out = []
    for k, r in enumerate(ranked, start=1):
        j = judged[r.request_id]
        certified = j["status"] == "met"
        why = f"certified: {j['evidence']}" if certified else f"not certified: {j['evidence']}"
        out.append(QueuedRuling(k, r, certified, int(j["tier"]) if certified else 0, why))
    return out
