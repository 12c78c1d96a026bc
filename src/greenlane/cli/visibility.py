"""Visibility commands: a container's journey and its seal chain of custody."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from greenlane import app as core
from greenlane.cli.common import DatabaseOption, clear_errors, console
from greenlane.cli.journey_tables import print_journey, print_seals

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
    kind, found = core.journey(core.connect(database), container_or_bill, bill=bill)
    if not as_json:
        for item in found:
            print_journey(console, item)
        return
    if kind == "container":
        latest = core.journey_document(found[-1])
        latest["trips"] = [r.bill_of_lading for r in found]
        print(json.dumps(latest, indent=2))
    else:
        doc = {
            "bill_of_lading": container_or_bill.strip(),
            "journeys": [core.journey_document(r) for r in found],
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
    trip = core.seals(core.connect(database), container, bill=bill)
    if as_json:
        print(json.dumps(core.seals_document(trip), indent=2))
        return
    print_seals(console, trip)
