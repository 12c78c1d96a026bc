"""Screen every party of every shipment against the loaded watch lists, and store the hits.

A party appears on many filings and many shipments written the same way; each distinct
(name, country, identifiers) is screened once per run, against the index of the current lists
kept in the store (``screening.stored``: built once per content of the lists, not per run), and
each party name as prepared by the screenings before (``screening.remembered``: a name screened
once needs no rigour tagger again).
Hits are risk findings for the shipment: which party, in which role and filing, matched which
list entry, how well and why.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from greenlane.parties.screening import Hit, Party, Screener, ScreeningIndex
from greenlane.parties.screening.remembered import keep_query_names, remembered_query_names
from greenlane.parties.screening.stored import current_index
from greenlane.settings import get_settings
from greenlane.store.repository import Database
from greenlane.store.screening import (
    ScreeningRun,
    StoredHit,
    all_bills,
    last_run_versions,
    open_bills,
    replace_hits,
    shipment_party_rows,
)
from greenlane.store.watchlists import current_version_numbers

PartyKey = tuple[str, str | None, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class ScreeningReport:
    shipments: int
    party_rows: int
    distinct_parties: int
    hits: int
    shipments_with_hits: int
    list_versions: dict[str, int]
    seconds: float
    hits_by_list: dict[str, int] = field(default_factory=dict)
    found: tuple[StoredHit, ...] = field(default=(), repr=False)
    """The hits stored, by master bill and best score first."""


def screen_bills(
    db: Database,
    bills: Sequence[str],
    *,
    threshold: float | None = None,
    index: ScreeningIndex | None = None,
) -> ScreeningReport:
    """Screen the parties of these master bills against the current lists (``index``, when
    the caller has it already); their stored hits become this run's."""
    started = time.perf_counter()
    versions = current_version_numbers(db)
    parties = shipment_party_rows(db, bills) if bills else []
    names = remembered_query_names(db, [row.name for row in parties])
    screener = Screener(
        index if index is not None else current_index(db), threshold=threshold, names=names
    )
    found: dict[PartyKey, list[Hit]] = {}
    hits: list[StoredHit] = []
    seen: set[tuple[str, str, str, str]] = set()
    for row in parties:
        key: PartyKey = (row.name, row.country, row.identifiers)
        if key not in found:
            found[key] = screener.screen(
                Party(
                    name=row.name,
                    countries=(row.country,) if row.country else (),
                    identifiers=row.identifiers,
                )
            )
        for hit in found[key]:
            once = (row.master_bill, row.role, row.name, hit.entry_key)
            if once in seen:  # the same party in the same role on another filing of the bill
                continue
            seen.add(once)
            hits.append(
                StoredHit(
                    master_bill=row.master_bill,
                    filing=row.filing,
                    role=row.role,
                    party_name=row.name,
                    party_country=row.country,
                    entry_key=hit.entry_key,
                    matched_name=hit.matched_name,
                    score=round(hit.score, 4),
                    name_score=round(hit.name_score, 4),
                    explanation=hit.explanation.lines() if hit.explanation else [],
                )
            )
    run = ScreeningRun(
        run_at=datetime.now(UTC),
        list_versions=versions,
        threshold=screener.threshold,
        shipments=len(bills),
        parties=len(found),
    )
    replace_hits(db, run, bills, hits)
    keep_query_names(db, names)
    return ScreeningReport(
        shipments=len(bills),
        party_rows=len(parties),
        distinct_parties=len(found),
        hits=len(hits),
        shipments_with_hits=len({h.master_bill for h in hits}),
        list_versions=versions,
        seconds=round(time.perf_counter() - started, 2),
        hits_by_list=dict(Counter(h.entry_key.split(":", 1)[0] for h in hits)),
        found=tuple(sorted(hits, key=lambda h: (h.master_bill, -h.score))),
    )


def open_shipments(db: Database, now: datetime | None = None) -> list[str]:
    """Shipments filed or moved within the last ``screening_open_days``: still to be released,
    so a list change matters to them."""
    days = get_settings().screening_open_days
    return open_bills(db, (now or datetime.now(UTC)) - timedelta(days=days))


def screen_open_shipments(
    db: Database,
    *,
    everything: bool = False,
    now: datetime | None = None,
    index: ScreeningIndex | None = None,
) -> ScreeningReport:
    bills = all_bills(db) if everything else open_shipments(db, now)
    return screen_bills(db, bills, index=index)


def rescreen_if_lists_changed(
    db: Database, now: datetime | None = None, *, index: ScreeningIndex | None = None
) -> ScreeningReport | None:
    """Screen open shipments again when a list changed since the last run; None when not."""
    if last_run_versions(db) == current_version_numbers(db):
        return None
    return screen_open_shipments(db, now=now, index=index)
