"""What happened to each box: legs sailed on the timetable and the events that report them."""

from __future__ import annotations

from greenlane.domain.codes import EventType, SealAffixer, SealCondition
from greenlane.world.cargo import new_seal
from greenlane.world.draft import ContainerDraft, EventDraft, LegRun, SealDraft, ShipmentDraft
from greenlane.world.routes import Route
from greenlane.world.services import DAY, HOUR, Service

MINUTE = 60
_US_STATION = "Centralized Examination Station"
_EU_STATION = "Customs inspection area"


def sail(route: Route, services: tuple[Service, ...], ready: int, connection: int) -> list[LegRun]:
    """Put the cargo on the first voyage of each leg that sails after it can be there."""
    legs = []
    t = ready
    for leg in route.legs:
        s = services[leg.service]
        week = s.week_departing(leg.load, t)
        _, departed = s.call(week, leg.load)
        arrived, _ = s.call(week, leg.discharge)
        legs.append(
            LegRun(
                s, leg.load, leg.discharge, week, s.vessel(week), s.voyage(week), departed, arrived
            )
        )
        t = arrived + connection
    return legs


def at_minute(t: int) -> int:
    return t - t % MINUTE


def base_events(d: ShipmentDraft, box: ContainerDraft, shipper_site: str) -> None:
    """Stuffing at the shipper through the last discharge: the honest history of one box."""
    rng = d.rng
    seal = box.seal
    ev = box.events
    first = d.legs[0]
    gate_in = at_minute(first.departed - rng.randrange(20 * HOUR, 72 * HOUR))
    stuffed = at_minute(gate_in - rng.randrange(6 * HOUR, 72 * HOUR))
    origin = first.load_port
    ev.append(EventDraft(EventType.STUFFED, stuffed, origin, shipper_site, seal=seal))
    ev.append(
        EventDraft(
            EventType.GATE_IN, gate_in, origin, first.service.terminals[first.load_pos], seal=seal
        )
    )
    last = len(d.legs) - 1
    for k, leg in enumerate(d.legs):
        at_load = leg.service.terminals[leg.load_pos]
        at_discharge = leg.service.terminals[leg.discharge_pos]
        loaded = at_minute(leg.departed - rng.randrange(2 * HOUR, 16 * HOUR))
        ev.append(EventDraft(EventType.LOADED, loaded, leg.load_port, at_load, k, seal, k > 0))
        ev.append(EventDraft(EventType.DEPARTED, leg.departed, leg.load_port, at_load, k))
        ev.append(EventDraft(EventType.ARRIVED, leg.arrived, leg.discharge_port, at_discharge, k))
        discharged = at_minute(leg.arrived + rng.randrange(2 * HOUR, 20 * HOUR))
        ev.append(
            EventDraft(
                EventType.DISCHARGED,
                discharged,
                leg.discharge_port,
                at_discharge,
                k,
                seal,
                k < last,
            )
        )


def current_seal(box: ContainerDraft) -> SealDraft:
    """The seal the box carries after its last event so far."""
    for e in reversed(box.events):
        if e.seal is not None:
            return e.seal
    return box.seal


def arrival_events(
    d: ShipmentDraft, box: ContainerDraft, consignee_site: str, seal_check: bool, exam: str | None
) -> int | None:
    """After the last discharge: a seal check, a customs examination, gate out, stripping.

    ``exam`` is ``"physical"`` (seal cut, inspected, resealed by customs), ``"scan"`` (inspected
    only) or None. Returns the time of the examination, if any.
    """
    rng = d.rng
    pod = d.destination
    t = max(e.t for e in box.events)
    terminal = d.legs[-1].service.terminals[d.legs[-1].discharge_pos]
    seal = current_seal(box)
    if seal_check:
        t = at_minute(t + rng.randrange(1 * HOUR, 12 * HOUR))
        condition = SealCondition.INTACT
        if seal.electronic and rng.random() < 0.03:
            condition = SealCondition.TAMPER_ALERT  # e-seals raise false alarms
        box.events.append(
            EventDraft(EventType.SEAL_CHECKED, t, pod, terminal, seal=seal, condition=condition)
        )
    inspected = None
    if exam is not None:
        station = _US_STATION if pod.startswith("US") else _EU_STATION
        t = at_minute(t + rng.randrange(6 * HOUR, 48 * HOUR))
        if exam == "physical":
            box.events.append(EventDraft(EventType.SEAL_REMOVED, t, pod, station, seal=seal))
            inspected = t + rng.randrange(1, 4) * HOUR
            box.events.append(EventDraft(EventType.INSPECTED, inspected, pod, station))
            seal = new_seal(rng, SealAffixer.CUSTOMS, d.legs[-1].service.carrier.scac)
            seal.number = ("CBP" if pod.startswith("US") else "CUS") + seal.number[2:]
            t = inspected + rng.randrange(1, 3) * HOUR
            box.events.append(EventDraft(EventType.RESEALED, t, pod, station, seal=seal))
        else:
            inspected = t
            box.events.append(EventDraft(EventType.INSPECTED, t, pod, station, seal=seal))
    gate_out = at_minute(t + rng.randrange(12 * HOUR, 5 * DAY))
    box.events.append(EventDraft(EventType.GATE_OUT, gate_out, pod, terminal, seal=seal))
    stripped = at_minute(gate_out + rng.randrange(4 * HOUR, 3 * DAY))
    box.events.append(EventDraft(EventType.STRIPPED, stripped, pod, consignee_site, full=False))
    return inspected
