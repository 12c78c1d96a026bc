"""A generated world written as the messages a customs administration receives.

Filings and inspection results go out as native JSON documents (the format a national single
window would hand over), memberships as one native document, and container events in the
standard chosen: DCSA Track & Trace 3.0, GS1 EPCIS 2.0 JSON-LD or UN/EDIFACT (COARRI, CODECO,
IFTSTA). An event the standard has no message for (DCSA T&T has no goods inspection) goes into
the batch's native document, so nothing of the world is left out. ``greenlane ingest FOLDER``
then reads it all back through the adapters, as real traffic would arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from greenlane.domain.records import Event
from greenlane.ingest import dcsa, epcis
from greenlane.ingest.edifact.writer import write_events as write_edifact
from greenlane.ingest.native.write import write_document
from greenlane.world.load import batches
from greenlane.world.world import World

EventFormat = Literal["dcsa", "epcis", "edifact"]
EVENT_FORMATS: tuple[EventFormat, ...] = ("dcsa", "epcis", "edifact")
_SUFFIX = {"dcsa": ".dcsa.json", "epcis": ".epcis.jsonld", "edifact": ".edi"}
_DCSA_TYPES = dcsa.supported_types("3.0")


@dataclass
class MessagesWritten:
    folder: Path
    files: int = 0
    filings: int = 0
    events: int = 0
    events_in_native: int = 0
    inspections: int = 0
    memberships: int = 0

    def __str__(self) -> str:
        return (
            f"{self.files:,} messages in {self.folder}: {self.filings:,} filings, "
            f"{self.events:,} events ({self.events_in_native:,} of them in native documents), "
            f"{self.inspections:,} inspection results, {self.memberships:,} memberships"
        )


def _carried(fmt: EventFormat) -> Callable[[Event], bool]:
    """Whether the standard has a message for the event."""
    if fmt == "dcsa":
        return lambda event: event.event_type in _DCSA_TYPES
    return lambda event: True


def _event_message(fmt: EventFormat, events: Sequence[Event]) -> bytes:
    if fmt == "dcsa":
        return dcsa.write_events(events, "3.0")
    if fmt == "epcis":
        return epcis.write_document(events)
    return write_edifact(events)


def write_messages(
    world: World, folder: Path, *, events_as: EventFormat = "dcsa", batch_size: int = 500
) -> MessagesWritten:
    """The world as message files in ``folder``, ``batch_size`` shipments to a file of each kind."""
    if events_as not in EVENT_FORMATS:
        raise ValueError(f"events go out as one of {', '.join(EVENT_FORMATS)}, not {events_as!r}")
    folder.mkdir(parents=True, exist_ok=True)
    written = MessagesWritten(folder)
    carried = _carried(events_as)
    if world.memberships:
        (folder / "memberships.json").write_bytes(write_document(memberships=world.memberships))
        written.files += 1
        written.memberships = len(world.memberships)
    for n, batch in enumerate(batches(world.shipments(), batch_size), start=1):
        filings = [f for ws in batch for f in ws.filings]
        inspections = [i for ws in batch for i in ws.inspections]
        events = [e for ws in batch for e in ws.events]
        sent = [e for e in events if carried(e)]
        left = [e for e in events if not carried(e)]
        (folder / f"filings-{n:06d}.json").write_bytes(
            write_document(filings=filings, inspections=inspections, events=left)
        )
        written.files += 1
        if sent:
            (folder / f"events-{n:06d}{_SUFFIX[events_as]}").write_bytes(
                _event_message(events_as, sent)
            )
            written.files += 1
        written.filings += len(filings)
        written.inspections += len(inspections)
        written.events += len(events)
        written.events_in_native += len(left)
    return written
