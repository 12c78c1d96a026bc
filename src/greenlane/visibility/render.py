"""Journey reports as a terminal table (the seed slide's columns) and as JSON."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from greenlane.model.ports import port_table
from greenlane.visibility.report import ContainerJourney

LEG_COLUMNS = (
    "Container",
    "Date",
    "B/L",
    "Seal type",
    "Origin",
    "Loaded",
    "Unloaded",
    "Destination",
    "Vessel",
    "Voyage",
)


def place(code: str | None) -> str:
    """A UN/LOCODE with the port's name, e.g. 'Karachi (PKKHI)'."""
    if not code:
        return "-"
    port = port_table().get(code)
    return f"{port.name} ({code})" if port else code


def leg_rows(journey: ContainerJourney) -> list[tuple[str, ...]]:
    return [
        (
            journey.container_number,
            leg.loaded_at.date().isoformat(),
            leg.bill_of_lading or journey.bill_of_lading or "-",
            journey.seal_type or "-",
            place(journey.origin),
            place(leg.load_port),
            place(leg.discharge_port),
            place(journey.destination),
            leg.vessel_name or leg.vessel_imo or "-",
            leg.voyage or "-",
        )
        for leg in journey.legs
    ]


def print_journey(console: Console, journey: ContainerJourney) -> None:
    table = Table(title=f"Journey of {journey.container_number} (observed)")
    for column in LEG_COLUMNS:
        table.add_column(column)
    for row in leg_rows(journey):
        table.add_row(*row)
    console.print(table)

    declared = journey.declared
    if declared is None:
        console.print("No filing declares a route for this container.")
    else:
        route = Table(title=f"Declared route ({journey.declared_in})")
        for column in (
            "Place of receipt",
            "Port of loading",
            "Transshipment",
            "Port of discharge",
            "Place of delivery",
        ):
            route.add_column(column)
        route.add_row(
            place(declared.place_of_receipt),
            place(declared.port_of_loading),
            ", ".join(place(p) for p in declared.transshipment_ports) or "none declared",
            place(declared.port_of_discharge),
            place(declared.place_of_delivery),
        )
        console.print(route)
    for finding in journey.findings:
        console.print(f"[yellow]data quality[/] {finding.code}: {finding.message}", highlight=False)


def journey_json(journeys: list[ContainerJourney]) -> dict[str, Any]:
    items = []
    for journey in journeys:
        declared = journey.declared
        items.append(
            {
                "container": journey.container_number,
                "bill_of_lading": journey.bill_of_lading,
                "origin": journey.origin,
                "destination": journey.destination,
                "seal_type": journey.seal_type,
                "legs": [
                    {
                        "load_port": leg.load_port,
                        "loaded_at": leg.loaded_at.isoformat(),
                        "discharge_port": leg.discharge_port,
                        "discharged_at": leg.discharged_at.isoformat()
                        if leg.discharged_at
                        else None,
                        "vessel": leg.vessel_name,
                        "vessel_imo": leg.vessel_imo,
                        "voyage": leg.voyage,
                    }
                    for leg in journey.legs
                ],
                "declared": None
                if declared is None
                else {
                    "filing": journey.declared_in,
                    "place_of_receipt": declared.place_of_receipt,
                    "port_of_loading": declared.port_of_loading,
                    "transshipment_ports": list(declared.transshipment_ports),
                    "port_of_discharge": declared.port_of_discharge,
                    "place_of_delivery": declared.place_of_delivery,
                },
                "findings": [
                    {"code": f.code, "field": f.field, "value": f.value, "message": f.message}
                    for f in journey.findings
                ],
            }
        )
    return {"journeys": items}
