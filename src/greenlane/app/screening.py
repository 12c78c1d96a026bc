"""Watch lists and screening: load a list file as the list's next version, see what is loaded,
screen the parties of shipments against the current lists and see what hit.

A load that changes a list builds the screening index of the current lists there and then (the
slow step, kept in the store for every later screening) and screens the open shipments again.
Asking for what is not there (an unknown bill, no list loaded, no shipment stored) raises
``NotFoundError``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from greenlane.errors import NotFoundError
from greenlane.settings import get_settings
from greenlane.store import Database
from greenlane.store.screening import StoredHit, all_bills, hits_for_bill, known_bills
from greenlane.store.watchlists import (
    LoadResult,
    StoredVersion,
    current_versions,
    list_versions,
    store_list_version,
)

if TYPE_CHECKING:
    from greenlane.parties.shipment_screening import ScreeningReport

# The screening machinery (rigour, rapidfuzz, the index) is imported by the verbs that screen,
# so listing the lists or reading stored hits does not pay for it.


@dataclass(frozen=True, slots=True)
class ListLoad:
    result: LoadResult
    rescreened: ScreeningReport | None
    """The open shipments screened again because the list changed; None when it did not."""


@dataclass(frozen=True, slots=True)
class ShipmentHits:
    master_bill: str
    hits: tuple[StoredHit, ...]
    """Best score first."""

    @property
    def best(self) -> float:
        return self.hits[0].score


@dataclass(frozen=True, slots=True)
class Screening:
    scope: str
    """``bills`` (the bills asked for), ``open`` (filed or moved in the last
    ``screening_open_days``) or ``all``."""
    report: ScreeningReport
    shipments_hit: tuple[ShipmentHits, ...]
    """The screened shipments with hits, the best hit first; the others had none."""
    open_days: int


def load_list(db: Database, path: str | Path, list_format: str | None = None) -> ListLoad:
    """Read the list file (or OFAC folder) at ``path`` and store it as the list's next version;
    when that changed the list, build the screening index of the current lists and screen the
    open shipments again."""
    from greenlane.parties.lists import load_list as read_list  # the readers: for loads only
    from greenlane.parties.screening.stored import current_index
    from greenlane.parties.shipment_screening import rescreen_if_lists_changed

    result = store_list_version(db, read_list(path, list_format))
    if not result.stored:
        return ListLoad(result, None)
    index = current_index(db)
    return ListLoad(result, rescreen_if_lists_changed(db, index=index))


def watch_lists(db: Database) -> list[StoredVersion]:
    """Every stored version of every list, by list name and number (empty when none)."""
    return list_versions(db)


def screen_shipments(db: Database, bills: Sequence[str]) -> Screening:
    """Screen the parties of these master bills; each must be a stored shipment."""
    from greenlane.parties.shipment_screening import screen_bills

    wanted = list(dict.fromkeys(b.strip() for b in bills))
    _require_lists(db)
    missing = [b for b in wanted if b not in known_bills(db, wanted)]
    if missing:
        raise NotFoundError(
            f"no shipment with master bill {', '.join(missing)}",
            expected="the master bill of a stored shipment",
        )
    return _screening("bills", screen_bills(db, wanted))


def screen_open(db: Database, now: datetime | None = None) -> Screening:
    """Screen the open shipments (filed or moved in the last ``screening_open_days``); none
    open is no error: the report says so."""
    from greenlane.parties.shipment_screening import open_shipments, screen_bills

    _require_lists(db)
    return _screening("open", screen_bills(db, open_shipments(db, now)))


def screen_all(db: Database) -> Screening:
    """Screen every stored shipment."""
    from greenlane.parties.shipment_screening import screen_bills

    _require_lists(db)
    bills = all_bills(db)
    if not bills:
        raise NotFoundError("no shipments are stored to screen", expected="messages ingested first")
    return _screening("all", screen_bills(db, bills))


def shipment_hits(db: Database, bill: str) -> list[StoredHit]:
    """The hits of a shipment's last screening, best first (empty when it had none)."""
    if not known_bills(db, [bill.strip()]):
        raise NotFoundError(f"no shipment with master bill {bill.strip()}")
    return hits_for_bill(db, bill.strip())


def _require_lists(db: Database) -> None:
    if not current_versions(db):
        raise NotFoundError(
            "no watch list is loaded to screen against",
            expected="a watch list loaded first (greenlane lists load PATH)",
        )


def _screening(scope: str, report: ScreeningReport) -> Screening:
    by_bill: dict[str, list[StoredHit]] = {}
    for hit in report.found:
        by_bill.setdefault(hit.master_bill, []).append(hit)
    shipments = [
        ShipmentHits(bill, tuple(sorted(hits, key=lambda h: -h.score)))
        for bill, hits in by_bill.items()
    ]
    shipments.sort(key=lambda s: (-s.best, s.master_bill))
    return Screening(scope, report, tuple(shipments), get_settings().screening_open_days)
