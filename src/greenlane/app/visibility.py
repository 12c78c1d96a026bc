"""A container's journey and seal chain of custody, as the stored events and filings show them."""

from __future__ import annotations

from typing import Literal

from greenlane.domain.ports import port_table
from greenlane.errors import NotFoundError
from greenlane.store import Database
from greenlane.visibility.report import TripReport, container_reports, journeys


def place(code: str | None) -> str:
    """A UN/LOCODE with the port's name, e.g. 'Karachi (PKKHI)'; '-' for none."""
    if not code:
        return "-"
    port = port_table().get(code)
    return f"{port.name} ({code})" if port else code


def _of_bill(found: list[TripReport], bill: str | None) -> list[TripReport]:
    if bill is None:
        return found
    chosen = [r for r in found if r.bill_of_lading == bill.strip()]
    if not chosen:
        trips = ", ".join(str(r.bill_of_lading) for r in found)
        raise NotFoundError(f"no trip under bill {bill.strip()!r}; trips: {trips}")
    return chosen


def journey(
    db: Database, container_or_bill: str, *, bill: str | None = None
) -> tuple[Literal["container", "bill"], list[TripReport]]:
    """The trips of a container (oldest first) or the containers of a bill of lading: observed
    legs, true origin, transshipments and findings beside the declared route. ``bill`` picks one
    trip of a container used several times. NotFoundError when nothing is stored under it."""
    kind, found = journeys(db, container_or_bill)
    return ("container" if kind == "container" else "bill"), _of_bill(found, bill)


def seals(db: Database, container: str, *, bill: str | None = None) -> TripReport:
    """The container's latest trip (or the trip under ``bill``) with its seal timeline and
    chain-of-custody state."""
    found = _of_bill(container_reports(db, container), bill)
    if not found:
        raise NotFoundError(f"no events for container {container.strip()!r}")
    return found[-1]
