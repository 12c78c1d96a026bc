"""Records built a column at a time are the records their class would make."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from test_dcsa import handmade_events

from greenlane.domain.records import Event
from greenlane.ingest import build as columns


def test_records_built_from_columns_are_the_records() -> None:
    events = handmade_events()
    fields = [[getattr(e, f) for e in events] for f in Event.__slots__]
    built = columns.builder(Event)(*fields)
    assert built == events and all(type(e) is Event for e in built)
    with pytest.raises(AttributeError):
        built[0].event_id = "x"  # type: ignore[misc]
    assert columns.builder(Event)(*([] for _ in Event.__slots__)) == []
    assert replace(built[0], event_id="y").event_id == "y"


def test_builder_refuses_records_with_more_than_fields() -> None:
    @dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            assert self.value >= 0

    with pytest.raises(TypeError):
        columns.builder(Checked)
