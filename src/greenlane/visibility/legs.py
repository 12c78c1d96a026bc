"""Legs of a container's journey, rebuilt from its events.

A leg is one move on one vessel: loaded at one port, discharged at another. Events may arrive late
and out of order, so everything is sorted by the time the move happened, never by arrival.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from greenlane.model.codes import EventType
from greenlane.model.records import Event


@dataclass(frozen=True, slots=True)
class Leg:
    container_number: str
    bill_of_lading: str | None
    load_port: str | None
    loaded_at: datetime
    discharge_port: str | None
    discharged_at: datetime | None
    vessel_name: str | None
    vessel_imo: str | None
    voyage: str | None


def _same_transport(load: Event, other: Event) -> bool:
    """A discharge belongs to a load when vessel and voyage agree, where both are known."""
    if load.vessel_imo and other.vessel_imo and load.vessel_imo != other.vessel_imo:
        return False
    if load.vessel_name and other.vessel_name and load.vessel_name != other.vessel_name:
        return False
    return not (load.voyage and other.voyage and load.voyage != other.voyage)


def legs_of(container_number: str, events: Iterable[Event]) -> list[Leg]:
    """Pair each load with the next discharge of the same vessel and voyage."""
    ordered = sorted(
        (e for e in events if e.container_number == container_number),
        key=lambda e: e.occurred_at,
    )
    legs: list[Leg] = []
    for i, load in enumerate(ordered):
        if load.event_type is not EventType.LOADED:
            continue
        discharge = next(
            (
                e
                for e in ordered[i + 1 :]
                if e.event_type is EventType.DISCHARGED and _same_transport(load, e)
            ),
            None,
        )
        legs.append(
            Leg(
                container_number=container_number,
                bill_of_lading=load.bill_of_lading
                or (discharge.bill_of_lading if discharge else None),
                load_port=load.unlocode,
                loaded_at=load.occurred_at,
                discharge_port=discharge.unlocode if discharge else None,
                discharged_at=discharge.occurred_at if discharge else None,
                vessel_name=load.vessel_name or (discharge.vessel_name if discharge else None),
                vessel_imo=load.vessel_imo or (discharge.vessel_imo if discharge else None),
                voyage=load.voyage or (discharge.voyage if discharge else None),
            )
        )
    return legs


def observed_origin(events: Sequence[Event]) -> str | None:
    """Where the box was stuffed, or failing that, where it was first loaded."""
    ordered = sorted(events, key=lambda e: e.occurred_at)
    for wanted in (EventType.STUFFED, EventType.LOADED):
        for event in ordered:
            if event.event_type is wanted and event.unlocode:
                return event.unlocode
    return None


def observed_destination(events: Sequence[Event]) -> str | None:
    """Where the box was last discharged."""
    discharges = [e for e in events if e.event_type is EventType.DISCHARGED and e.unlocode]
    return max(discharges, key=lambda e: e.occurred_at).unlocode if discharges else None


def seal_type_at_stuffing(events: Sequence[Event]) -> str | None:
    """The seal type code first read on the box (at stuffing when there is such an event)."""
    for event in sorted(events, key=lambda e: e.occurred_at):
        for seal in event.seals:
            if seal.type_code:
                return seal.type_code
    return None
