"""Visibility commands: a container's journey and its seal chain of custody."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from greenlane.cli.common import DatabaseOption, clear_errors, console, open_database
from greenlane.errors import NotFoundError

if TYPE_CHECKING:
    from greenlane.visibility.report import TripReport

BillOption = Annotated[
    str | None, typer.Option(help="Of a container used on several trips, the trip's bill.")
]


@clear_errors
def journey(
    container_or_bill: Annotated[str, typer.Argument(help="Container number or bill of lading.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    bill: BillOption = None,
    database: DatabaseOption = None,
) -> None:
    """Observed legs, true origin, transshipments and findings beside the declared route."""
    from greenlane.visibility.render import journey_json, print_journey
    from greenlane.visibility.report import journeys

    kind, found = journeys(open_database(database), container_or_bill)
    found = _of_bill(found, bill)
    if not as_json:
        for item in found:
            print_journey(console, item)
        return
    if kind == "container":
        latest = journey_json(found[-1])
        latest["trips"] = [r.bill_of_lading for r in found]
        print(json.dumps(latest, indent=2))
    else:
        doc = {
            "bill_of_lading": container_or_bill.strip(),
            "journeys": [journey_json(r) for r in found],
        }
        print(json.dumps(doc, indent=2))


@clear_errors
def seals(
    container: Annotated[str, typer.Argument(help="Container number.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    bill: BillOption = None,
    database: DatabaseOption = None,
) -> None:
    """The seal timeline of a container's latest trip and its chain-of-custody state."""
    from greenlane.visibility.render import print_seals, seals_json
    from greenlane.visibility.report import container_reports

    found = _of_bill(container_reports(open_database(database), container), bill)
    if not found:
        raise NotFoundError(f"no events for container {container.strip()!r}")
    if as_json:
        print(json.dumps(seals_json(found[-1]), indent=2))
        return
    print_seals(console, found[-1])


def _of_bill(found: list[TripReport], bill: str | None) -> list[TripReport]:
    if bill is None:
        return found
    chosen = [r for r in found if r.bill_of_lading == bill.strip()]
    if not chosen:
        trips = ", ".join(str(r.bill_of_lading) for r in found)
        raise NotFoundError(f"no trip under bill {bill.strip()!r}; trips: {trips}")
    return chosen
