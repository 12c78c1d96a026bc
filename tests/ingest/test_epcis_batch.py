"""The EPCIS batch path: whatever it takes it reads exactly as the fast path does, and a
document read through it gives what reading its events one by one gives."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_epcis_fast import (
    EPCIS_KEYS,
    NESTED_KEYS,
    SEEDS,
    VALUES,
    _objects,
    adapter,
    careful,
    json_values,
)

from greenlane.ingest import columns
from greenlane.ingest.epcis import parse, write_document
from greenlane.ingest.epcis.batch import read_batch
from greenlane.ingest.epcis.document import open_json
from greenlane.ingest.epcis.fast import FastReader
from greenlane.ingest.epcis.mapping import Mapper
from greenlane.world import WorldConfig, build_world

AGREE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _world_document() -> bytes:
    shipments = build_world(WorldConfig(seed=3, shipments=30)).shipments()
    return write_document([e for s in shipments for e in s.events])


WORLD = _world_document()
BATCH_SEEDS = [*SEEDS, WORLD, WORLD, WORLD]  # the world's events are the batch path's
KEYS = sorted({*EPCIS_KEYS, *(key for keys in NESTED_KEYS.values() for key in keys), "sourceList"})
MORE_VALUES: list[Any] = [
    *VALUES,
    [{"type": "bol", "bizTransaction": "B9"}, {"type": "bol", "bizTransaction": "B8"}],
    [{"type": "location", "source": "urn:epc:id:imovn:9176187"}],
    [{"type": "owning_party", "source": "urn:epc:id:imovn:9176187"}],
    ["urn:epc:id:bic:CSQU3054383", "urn:epc:id:bic:MSKU9070323"],
    ["urn:epc:id:imovn:9176187"],
    [{"greenlane:number": "S2", "greenlane:electronic": 1}],
    [{"greenlane:number": "S2"}, {"greenlane:number": "S3", "greenlane:condition": "broken"}],
    {"id": "urn:unece:unlocode:SGSIN", "ex:note": "x"},
    {"id": 5},
    "urn:uuid:x",
]


def _reference(items: list[Any], context: Any) -> list[Any]:
    reader = FastReader(context, Mapper("m", escapes=False))
    return [reader.read(raw) for raw in items]


def _batch(items: list[Any], context: Any) -> list[Any]:
    with pytest.MonkeyPatch.context() as patch:  # every row read or rejected, none given up
        patch.setattr(columns, "TRIES", len(items) + 1)
        patch.setattr(columns, "CHUNK", 16)
        return read_batch(items, FastReader(context, Mapper("m", escapes=False)))


def _agree(items: list[Any], context: Any) -> int:
    """The batch's records are the fast path's; how many the batch took."""
    taken = 0
    for raw, got, quick in zip(items, _batch(items, context), _reference(items, context),
                               strict=True):  # fmt: skip
        if got is not None:
            taken += 1
            assert quick == (got,), raw
    return taken


def test_batch_reads_the_world_writers_output() -> None:
    """Every event of a world document but those with findings is read by the batch path
    (that is the speed), as the fast path reads it."""
    document = open_json(WORLD)
    reader = FastReader(document.context, Mapper("m", escapes=False))
    read = read_batch(document.items, reader)
    expected = _reference(document.items, document.context)
    checker = Mapper("m", escapes=False)
    for got, quick in zip(read, expected, strict=True):
        assert quick is not None
        if checker.rows_with_findings(list(quick)):
            assert got is None
        else:
            assert quick == (got,)
    assert sum(got is not None for got in read) > 0.9 * len(read)


def test_batch_agrees_with_the_fast_path_on_every_single_change() -> None:
    """Each key, set to each kind of value or removed, in every object of one event of each
    shape of a world document: read together, as a document would be."""
    document = open_json(WORLD)
    shapes: dict[Any, Any] = {}
    for raw in document.items:
        shapes.setdefault(tuple(sorted(raw)), raw)
    # A few events between them holding every key the world writes; each changed event is
    # read beside the event with the fewest keys, so that a batch holds absent keys too.
    chosen, covered = [], set()
    for raw in sorted(shapes.values(), key=len, reverse=True):
        if not set(raw) <= covered:
            chosen.append(raw)
            covered |= set(raw)
    least = min(shapes.values(), key=len)
    variants = []
    for raw in chosen:
        for i in range(len(_objects(raw))):
            for key in KEYS:
                for value in [GONE, *MORE_VALUES]:
                    variant = copy.deepcopy(raw)
                    target = _objects(variant)[i]
                    if value is GONE:
                        if key not in target:
                            continue
                        del target[key]
                    else:
                        target[key] = copy.deepcopy(value)
                    variants += [variant, least]
    assert _agree(variants, document.context) > len(variants) / 3


GONE = object()


@AGREE
@given(seed=st.sampled_from(BATCH_SEEDS), data=st.data())
def test_batch_agrees_with_the_fast_path(seed: bytes, data: st.DataObject) -> None:
    document = open_json(seed)
    items = copy.deepcopy(
        data.draw(st.lists(st.sampled_from(document.items), min_size=1, max_size=8))
    )
    for _ in range(data.draw(st.integers(0, 4))):
        target = data.draw(st.sampled_from(_objects(items)))
        key = data.draw(st.sampled_from(KEYS))
        if data.draw(st.booleans()):
            target.pop(key, None)
        else:
            target[key] = copy.deepcopy(data.draw(st.sampled_from(MORE_VALUES) | json_values))
    _agree(items, document.context)


def _without_batch(items: list[Any], fast: Any) -> list[Any]:
    return [None] * len(items)


@AGREE
@given(seed=st.sampled_from(BATCH_SEEDS), data=st.data())
def test_a_document_reads_as_without_the_batch_path(seed: bytes, data: st.DataObject) -> None:
    """Events repeated and changed: the same records, findings and errors as the careful path,
    and as the fast path alone."""
    document = json.loads(seed)
    events = document["epcisBody"]["eventList"]
    events[:] = copy.deepcopy(data.draw(st.lists(st.sampled_from(events), min_size=1, max_size=8)))
    for _ in range(data.draw(st.integers(0, 3))):
        target = data.draw(st.sampled_from(_objects(events)))
        key = data.draw(st.sampled_from(KEYS))
        target[key] = copy.deepcopy(data.draw(st.sampled_from(MORE_VALUES)))
    content = json.dumps(document).encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parse, "read_batch", _without_batch)
        expected = adapter(content)
    assert adapter(content) == expected == careful(content)
