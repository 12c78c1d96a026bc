"""Journey report of a container or bill of lading: observed legs beside the declared route."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from greenlane.errors import NotFoundError
from greenlane.model.codes import FilingType
from greenlane.model.identifiers import check_container_number
from greenlane.model.records import DataQualityFinding, DeclaredRoute, Event, Filing
from greenlane.visibility.legs import (
    Leg,
    legs_of,
    observed_destination,
    observed_origin,
    seal_type_at_stuffing,
)


class JourneySource(Protocol):
    """What the report needs from storage (``greenlane.store.Database`` provides it)."""

    def events_for_container(self, number: str) -> list[Event]: ...
    def bills_for_container(self, number: str) -> list[str]: ...
    def containers_for_bill(self, bill: str) -> list[str]: ...
    def filings_for_bill(self, bill: str) -> list[Filing]: ...


@dataclass(frozen=True, slots=True)
class ContainerJourney:
    container_number: str
    bill_of_lading: str | None
    legs: tuple[Leg, ...]
    origin: str | None
    destination: str | None
    seal_type: str | None
    declared: DeclaredRoute | None
    declared_in: str | None
    """Which filing the declared route comes from (type, reference and version)."""
    findings: tuple[DataQualityFinding, ...]


def _declaring_filing(filings: list[Filing]) -> Filing | None:
    """The latest version of the cargo declaration, else the latest filing of any kind."""
    manifests = [f for f in filings if f.filing_type is FilingType.CARGO_DECLARATION]
    pool = manifests or filings
    return max(pool, key=lambda f: (f.version, f.filed_at)) if pool else None


def container_journey(
    source: JourneySource, container_number: str, events: list[Event] | None = None
) -> ContainerJourney:
    """The journey of one container; ``events`` when the caller has already read them."""
    if events is None:
        events = source.events_for_container(container_number)
    if not events:
        raise NotFoundError(f"no events for container {container_number!r}")
    bills = source.bills_for_container(container_number)
    bill = bills[0] if bills else None
    filing = _declaring_filing(source.filings_for_bill(bill)) if bill else None
    return ContainerJourney(
        container_number=container_number,
        bill_of_lading=bill,
        legs=tuple(legs_of(container_number, events)),
        origin=observed_origin(events),
        destination=observed_destination(events),
        seal_type=seal_type_at_stuffing(events),
        declared=filing.route if filing else None,
        declared_in=(
            f"{filing.filing_type.value} {filing.reference} v{filing.version}" if filing else None
        ),
        findings=tuple(check_container_number(container_number)),
    )


def journeys(source: JourneySource, container_or_bill: str) -> list[ContainerJourney]:
    """Journeys of a container, or of every container on a bill of lading."""
    key = container_or_bill.strip()
    if events := source.events_for_container(key):
        return [container_journey(source, key, events)]
    containers = source.containers_for_bill(key)
    if not containers:
        raise NotFoundError(f"no container or bill of lading {key!r} is known")
    return [container_journey(source, number) for number in containers]
