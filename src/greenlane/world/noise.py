"""Reporting noise: what reaches customs is not exactly what happened.

Real event feeds are imperfect, on clean and threat shipments alike. The same terminal move is
often reported twice, once in the carrier's feed and once in the terminal's own EDIFACT (COARRI
for loads and discharges, CODECO for gate moves), minutes apart and now and then in conflict
(another voyage number, or a time hours off); some moves are never reported by anyone; some
reports leave the seal out. A visibility engine has to rebuild the journey from such data.

The noise is drawn from the shipment's own random stream after everything else has been drawn,
so it changes nothing else about the shipment, shipment i still depends only on (seed, i), and
with every share at zero nothing is drawn and the shipment is exactly the noiseless one.

What noise never does: drop a load or a discharge (the route rests on them), drop an event a
threat's label rests on (``EventDraft.evidence``) or the seal reading of one, or drop the seal
reading of a seal check, removal or reseal (reading the seal is what those events are).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields

from greenlane.domain.codes import EventType
from greenlane.errors import ConfigurationError
from greenlane.world.draft import EventDraft, SealDraft, ShipmentDraft
from greenlane.world.services import HOUR

COARRI = "edifact:COARRI"
"""Source of a terminal's second report of a load or discharge."""
CODECO = "edifact:CODECO"
"""Source of a terminal's second report of a gate move."""
_MINUTE = 60
_STUFFED = EventType.STUFFED
_GATE_IN = EventType.GATE_IN
_GATE_OUT = EventType.GATE_OUT
_LOADED = EventType.LOADED
_DISCHARGED = EventType.DISCHARGED
_DEPARTED = EventType.DEPARTED
_ARRIVED = EventType.ARRIVED
_SEAL_EVENTS = frozenset({EventType.SEAL_CHECKED, EventType.SEAL_REMOVED, EventType.RESEALED})


@dataclass(frozen=True, slots=True)
class ReportingNoise:
    """Shares of reporting noise; each is 0 to 1, and 0 turns that kind of noise off."""

    second_source: float = 0.25
    """Share of loads, discharges and gate moves also reported by the terminal (source
    ``edifact:COARRI`` or ``edifact:CODECO``): its own event id, the same port, facility,
    vessel, voyage and seal, and a time 0 to 90 minutes off, earlier or later."""
    conflicts: float = 0.01
    """Share of those second reports that genuinely disagree: for a load or discharge, half give
    the voyage number of the vessel's previous or next voyage; the rest (and every gate move)
    give a time 3 to 10 hours off."""
    missing_vessel_moves: float = 0.03
    """Share of departures and arrivals never reported."""
    missing_gate_moves: float = 0.02
    """Share of gate-in and gate-out moves never reported, by either source."""
    missing_stuffing: float = 0.01
    """Share of stuffing events never reported."""
    missing_seals: float = 0.10
    """Share of reports that read a seal but come without the seal reading (each report, first
    or second, on its own)."""
    misread_seals: float = 0.0
    """Share of seal readings keyed or read wrongly, each report on its own: one digit changed,
    two neighbours swapped, a character dropped or doubled, O for 0 or I for 1, the letter
    prefix left out. Off by default; bench/visibility.py turns it on (``--misread``) to measure
    what misreads do to the seal findings. The rate is an assumption: no public figure for
    seal-number keying errors exists that we know of."""

    def __post_init__(self) -> None:
        for f in fields(self):
            share = getattr(self, f.name)
            if not 0.0 <= share <= 1.0:
                raise ConfigurationError(
                    f"reporting noise {f.name} = {share} is not a share", expected="0 to 1"
                )

    @property
    def active(self) -> bool:
        return bool(
            self.second_source
            or self.missing_vessel_moves
            or self.missing_gate_moves
            or self.missing_stuffing
            or self.missing_seals
            or self.misread_seals
        )


NO_NOISE = ReportingNoise(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
"""Every event reported once, by the world's own feed, with its seal."""


def add_noise(d: ShipmentDraft, noise: ReportingNoise) -> None:
    """Drop, duplicate and strip the seal from the draft's events, box by box, in place.

    Events are left in the order they had, each second report right after its first; the
    caller sorts them by time.
    """
    if not noise.active:
        return
    rand = d.rng.random
    second = noise.second_source
    vessel_gone = noise.missing_vessel_moves
    gate_gone = noise.missing_gate_moves
    stuffing_gone = noise.missing_stuffing
    seal_gone = noise.missing_seals
    for box in d.containers:
        reported: list[EventDraft] = []
        for e in box.events:
            kind = e.etype
            if kind is _DEPARTED or kind is _ARRIVED:
                if vessel_gone and not e.evidence and rand() < vessel_gone:
                    continue
                reported.append(e)
                continue
            source = None
            if kind is _LOADED or kind is _DISCHARGED:
                source = COARRI
            elif kind is _GATE_IN or kind is _GATE_OUT:
                if gate_gone and not e.evidence and rand() < gate_gone:
                    continue
                source = CODECO
            elif kind is _STUFFED and stuffing_gone and not e.evidence and rand() < stuffing_gone:
                continue
            again = (
                _second_report(d, e, source, noise)
                if source is not None and second and rand() < second
                else None
            )
            if (
                seal_gone
                and e.seal is not None
                and not e.evidence
                and kind not in _SEAL_EVENTS
                and rand() < seal_gone
            ):
                e.seal = None
            reported.append(e)
            if again is not None:
                reported.append(again)
        box.events = reported
    if noise.misread_seals:  # after the rest, so that turning it on changes nothing else
        for box in d.containers:
            for e in box.events:
                if e.seal is not None and not e.evidence and rand() < noise.misread_seals:
                    e.seal = _misread(e.seal, d.rng)


_CONFUSABLE = {"0": "O", "O": "0", "1": "I", "I": "1", "5": "S", "S": "5", "8": "B", "B": "8"}


def misread_number(number: str, rng: random.Random) -> str:
    """The number as a careless hand or a camera reads it: one slip, never the number itself."""
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    if not digits:
        return number + "1"
    i = rng.choice(digits)
    way = rng.randrange(6)
    if way == 0:
        other = rng.choice([d for d in "0123456789" if d != number[i]])
        return number[:i] + other + number[i + 1 :]
    if way == 1 and i + 1 < len(number) and number[i] != number[i + 1]:
        return number[:i] + number[i + 1] + number[i] + number[i + 2 :]
    if way == 2:
        return number[:i] + number[i + 1 :]
    if way == 3:
        return number[:i] + number[i] + number[i:]
    prefix = len(number) - len(number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if way == 4 and 0 < prefix < len(number):
        return number[prefix:]
    swapped = [j for j, ch in enumerate(number) if ch in _CONFUSABLE]
    if swapped:
        j = rng.choice(swapped)
        return number[:j] + _CONFUSABLE[number[j]] + number[j + 1 :]
    return number[:i] + number[i] + number[i:]


def _misread(seal: SealDraft, rng: random.Random) -> SealDraft:
    """A copy of the seal read under another number, for one report only."""
    number = misread_number(seal.number, rng)
    return SealDraft(number, seal.affixed_by, seal.seal_class, seal.type_code, seal.electronic)


def _second_report(
    d: ShipmentDraft, e: EventDraft, source: str, noise: ReportingNoise
) -> EventDraft:
    """The terminal's own report of the same move."""
    rand = d.rng.random
    t = e.t + (int(rand() * 181) - 90) * _MINUTE
    voyage = None
    if noise.conflicts and rand() < noise.conflicts:
        if e.leg >= 0 and rand() < 0.5:
            leg = d.legs[e.leg]
            for step in (1, 2, 3) if rand() < 0.5 else (-1, -2, -3):
                voyage = leg.service.voyage(leg.week + step)
                if voyage != leg.voyage:
                    break
        else:
            off = 3 * HOUR + int(rand() * 421) * _MINUTE
            t = e.t + (off if rand() < 0.5 else -off)
    seal = e.seal
    if seal is not None and noise.missing_seals and rand() < noise.missing_seals:
        seal = None
    again = EventDraft(
        e.etype, t, e.unlocode, e.facility, e.leg, seal, e.transshipment, e.full, e.condition
    )
    again.source = source
    again.voyage = voyage
    return again
