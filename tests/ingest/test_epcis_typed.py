"""The EPCIS typed path: whatever it takes it reads exactly as the careful reader does (and the
mapper finds nothing in it), and a document read through it gives what reading its events one
by one gives: the same records, findings and errors."""

from __future__ import annotations

import copy
import json
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec import Raw
from test_epcis_paths import (
    EPCIS_KEYS,
    FOREIGN,
    NESTED_KEYS,
    SEEDS,
    VALUES,
    _objects,
    adapter,
    careful,
    json_values,
)

from greenlane.errors import ParseError
from greenlane.ingest.epcis import typed_decode, typed_records, write_document
from greenlane.ingest.epcis.document import open_json
from greenlane.ingest.epcis.mapping import Mapper
from greenlane.ingest.epcis.reader import EventReader
from greenlane.ingest.epcis.typed_parts import PartReader
from greenlane.ingest.epcis.vocab import Context
from greenlane.world import WorldConfig, build_world

AGREE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _world_document() -> bytes:
    shipments = build_world(WorldConfig(seed=3, shipments=30)).shipments()
    return write_document([e for s in shipments for e in s.events])


WORLD = _world_document()
WORLD_SCHEMA = typed_decode.schema_of(open_json(WORLD).context, "greenlane:")
TYPED_SEEDS = [*SEEDS, WORLD, WORLD, WORLD]  # the world's events are the typed path's
KEYS = sorted({*EPCIS_KEYS, *(key for keys in NESTED_KEYS.values() for key in keys), "sourceList"})
MORE_VALUES: list[Any] = [
    *VALUES,
    [{"type": "bol", "bizTransaction": "B9"}, {"type": "bol", "bizTransaction": "B8"}],
    [{"type": "location", "source": "urn:epc:id:imovn:9176187"}],
    [{"type": "owning_party", "source": "urn:epc:id:imovn:9176187"}],
    [{"type": "location", "destination": "urn:epc:id:imovn:9176188"}],  # a bad check digit
    ["urn:epc:id:bic:CSQU3054383", "urn:epc:id:bic:MSKU9070323"],
    ["urn:epc:id:bic:CSQU3054384"],  # a bad check digit
    ["urn:epc:id:imovn:9176187"],
    [{"greenlane:number": "S2", "greenlane:electronic": 1}],
    [{"greenlane:number": "S2"}, {"greenlane:number": "S3", "greenlane:condition": "broken"}],
    [{"greenlane:number": "CA"}],  # a placeholder: a finding
    {"id": "urn:unece:unlocode:SGSIN", "ex:note": "x"},
    {"id": "urn:unece:unlocode:FRPAR"},  # no sea port: a finding for quay moves
    {"id": "https://w3id.org/greenlane/epcis/facility/Quay%201%2C%20Caf%C3%A9"},
    {"id": 5},
    "urn:uuid:x",
    "9176188",
    "2024-05-01T10:00:00+02:00",
    "2024-05-01T10:00:00.123456789Z",
]


@pytest.fixture(params=["whole", "split"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A document decoded whole (by the schema the world's documents are read with) or cut
    into raw events first (no schema to decode whole with)."""
    monkeypatch.setattr(typed_decode, "WHOLE", WORLD_SCHEMA if request.param == "whole" else None)
    return str(request.param)


def _reference(items: list[Any], context: Context) -> list[Any]:
    """The careful reader's and the mapper's records of each event; None where either finds
    something in it (or it is unreadable)."""
    found: list[Any] = []
    for raw in items:
        reader = EventReader(context)
        mapper = Mapper("m", escapes=False)
        try:
            event = reader.read(raw, "/0")
            if event is not None:
                mapper.add(event)
        except ParseError:
            event = None
        clean = event is not None and not reader.findings and not mapper.findings
        found.append(tuple(mapper.events) if clean else None)
    return found


def _typed(items: list[Any], context: Context) -> list[Any]:
    """The typed path on each event decoded on its own."""
    raws = [Raw(json.dumps(raw).encode()) for raw in items]
    schema = typed_decode.schema_of(context, typed_decode.prefix_of(context, items))
    events = typed_decode.decode_each(raws, schema)
    return typed_records.read_events(
        events, PartReader(context, Mapper("m", escapes=False)), schema[1]
    )


def _agree(items: list[Any], context: Context) -> int:
    """The typed path's records are the careful reader's; how many the typed path took."""
    taken = 0
    for raw, got, quick in zip(items, _typed(items, context), _reference(items, context),
                               strict=True):  # fmt: skip
        if got is not None:
            taken += 1
            assert quick == (got,), raw
    return taken


def test_typed_path_reads_the_world_writers_output() -> None:
    """Every event of a world document but those with findings is read by the typed path
    (that is the speed), as the careful reader reads it."""
    cut = typed_decode.split(WORLD)
    assert cut is not None and cut.has_context and cut.kind == "EPCISDocument"
    document = open_json(WORLD)
    assert [json.loads(bytes(raw)) for raw in cut.raws] == document.items
    read = _typed(document.items, document.context)
    expected = _reference(document.items, document.context)
    for got, quick in zip(read, expected, strict=True):
        assert (got is None) == (quick is None)
        assert got is None or quick == (got,)
    assert sum(got is not None for got in read) > 0.9 * len(read)


def test_split_leaves_what_is_not_a_utf8_epcis_document_to_json() -> None:
    document = json.loads(WORLD)
    events = document["epcisBody"]["eventList"][:3]
    small = {**document, "epcisBody": {"eventList": events}}
    cut = typed_decode.split(b" \n" + json.dumps(small, indent=2).encode())
    assert cut is not None and len(cut.raws) == 3
    head = {key: value for key, value in small.items() if key != "epcisBody"}
    query = {**head, "type": "EPCISQueryDocument", "epcisBody": {"queryResults": {}}}
    for content in (
        json.dumps(events[0]).encode(),  # one event
        json.dumps(query).encode(),
        json.dumps(small).encode("utf-16"),
        b"\xef\xbb\xbf" + json.dumps(small).encode(),
        json.dumps({**small, "ex:note": 1}).encode(),  # a key of no EPCISDocument
        json.dumps({**small, "epcisBody": {"eventList": events, "ex": 1}}).encode(),
        json.dumps({**small, "epcisBody": {"eventList": {}}}).encode(),
        json.dumps(small).encode()[:-1],
        json.dumps(small).encode().replace(b'"OBSERVE"', b'"OBSERVE\xff"', 1),  # not UTF-8
        json.dumps({**small, "creationDate": "\ud800"}).encode(),  # msgspec refuses it
    ):
        assert typed_decode.split(content) is None, content[:60]
    # the same key twice: the last one counts, as json reads it
    twice = json.dumps(small).encode()
    twice = twice.replace(b'"epcisBody":', b'"epcisBody":{"eventList":[]},"epcisBody":')
    cut = typed_decode.split(twice)
    assert cut is not None and len(cut.raws) == 3


def test_a_document_with_a_part_too_long_to_be_sure_of_goes_to_json() -> None:
    """msgspec reads a little deeper than json and skips integers json refuses to read: a
    document with an event (or a head value) long enough to hold either is left to json."""
    document = json.loads(WORLD)
    events = document["epcisBody"]["eventList"][:2]
    limit = typed_decode.longest_part()  # a few frames more or less inside the adapter
    assert 1000 < limit <= sys.get_int_max_str_digits()
    for where in ("event", "head"):
        for beyond in (-100, 100):
            changed = copy.deepcopy({**document, "epcisBody": {"eventList": events}})
            target = changed["epcisBody"]["eventList"][1] if where == "event" else changed
            key = "ex:note" if where == "event" else "id"
            target[key] = ""
            written = len(json.dumps(target)) if where == "event" else 2
            target[key] = "x" * (limit + beyond - written)
            cut = typed_decode.split(json.dumps(changed).encode())
            assert (cut is None) == (beyond > 0), (where, beyond)


def _typed_world() -> list[Any]:
    document = open_json(WORLD)
    return _typed(list(document.items), document.context)


@pytest.mark.parametrize(
    "odd",
    [
        "1" * 5000,  # more digits than json converts
        "[" * 990 + "]" * 990,  # nested nearly as deeply as json reads
        "[" * 2000 + "]" * 2000,
        "NaN",
        "1e400",
        '"\\ud800"',
        '"\\udc00\\ud800"',
        '"\\ud83d\\ude00"',
        '"\x7f"',
    ],
)
@pytest.mark.parametrize("where", ["event", "unknown", "head", "context", "part", "seal"])
def test_odd_json_anywhere_reads_as_json_reads_it(odd: str, where: str, mode: str) -> None:
    """Values json and msgspec might read differently, in a value no reader looks at (or in
    a part kept raw): the outcome (records, findings, or the error) is the careful path's."""
    document = json.loads(WORLD)
    read = zip(document["epcisBody"]["eventList"], _typed_world(), strict=True)
    events = [event for event, got in read if got is not None and "greenlane:seals" in event][:3]
    small = {**document, "epcisBody": {"eventList": events}}
    if where == "context":
        small["@context"] = [*small["@context"], {"ex": "https://example.com/"}]
    text = json.dumps(small)
    inside = {"part": '"epcList": [', "seal": '"greenlane:seals": [{', "unknown": ""}
    if where in inside:  # a second EPC, a key of a seal, a key no reader reads
        at = text.index('"action"') if where == "unknown" else text.index(inside[where])
        at += len(inside[where])
        value = odd if where == "part" else f'"ex:note": {odd}'
        content = (text[:at] + value + ", " + text[at:]).encode()
    else:
        marker = {"event": '"eventTimeZoneOffset"', "head": '"schemaVersion"', "context": '"ex"'}
        at = text.index(marker[where]) + len(marker[where]) + 1
        end = text.index(",", at) if where != "context" else text.index("}", at)
        content = (text[:at] + odd + text[end:]).encode()
    assert adapter(content) == careful(content)


@AGREE
@given(seed=st.sampled_from(TYPED_SEEDS), data=st.data())
def test_typed_path_agrees_with_the_careful_reader(seed: bytes, data: st.DataObject) -> None:
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


GONE = object()


@pytest.mark.parametrize("seed", [WORLD, FOREIGN], ids=["world", "foreign"])
def test_typed_path_agrees_with_the_careful_reader_on_every_single_change(seed: bytes) -> None:
    """Each key, set to each kind of value or removed, in every object of one event of each
    shape of a document: read together, as a document would be."""
    document = open_json(seed)
    shapes: dict[Any, Any] = {}
    for raw, got in zip(document.items, _typed(document.items, document.context), strict=True):
        if got is not None:
            shapes.setdefault(tuple(sorted(raw)), raw)
    # A few events between them holding every key the document writes; each changed event is
    # read beside the event with the fewest keys, so that a document holds absent keys too.
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


def _without_typed(events: list[Any], reader: Any, prefix: str) -> list[Any]:
    return [None] * len(events)


def _document_of(seed: bytes, data: st.DataObject, values: Any) -> bytes:
    """The seed's events drawn (so repeated) and changed."""
    document = json.loads(seed)
    events = document["epcisBody"]["eventList"]
    events[:] = copy.deepcopy(data.draw(st.lists(st.sampled_from(events), min_size=1, max_size=8)))
    for _ in range(data.draw(st.integers(0, 3))):
        target = data.draw(st.sampled_from(_objects(events)))
        key = data.draw(st.sampled_from(KEYS))
        target[key] = copy.deepcopy(data.draw(values))
    return json.dumps(document).encode()


@AGREE
@given(seed=st.sampled_from(TYPED_SEEDS), data=st.data())
def test_a_document_reads_as_without_the_typed_path(seed: bytes, data: st.DataObject) -> None:
    """Events repeated and changed: the same records, findings and errors as the careful path,
    and as the careful reader alone, whether the document is decoded whole or event by event."""
    content = _document_of(seed, data, st.sampled_from(MORE_VALUES))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typed_records, "read_events", _without_typed)
        expected = adapter(content)
    for schema in (None, WORLD_SCHEMA):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(typed_decode, "WHOLE", schema)
            assert adapter(content) == expected
    assert expected == careful(content)


@pytest.mark.parametrize(
    "context",
    [
        [{"gl": "https://w3id.org/greenlane/epcis/"}],
        [
            {
                "greenlane": "https://w3id.org/greenlane/epcis/",
                "gl": "https://w3id.org/greenlane/epcis/",
            }
        ],
        [],
        [{"greenlane": "https://example.com/other/"}],
    ],
)
@pytest.mark.parametrize("spelling", ["greenlane:", "gl:", "https://w3id.org/greenlane/epcis/"])
def test_extension_keys_are_read_as_the_context_spells_them(
    context: list[Any], spelling: str, mode: str
) -> None:
    """The typed schema follows the document's context; events writing greenlane's keys
    another way than their document's first events are left to the careful reader."""
    document = json.loads(WORLD)
    events = document["epcisBody"]["eventList"][:12]
    text = json.dumps(events)
    if spelling != "greenlane:":  # every other event spelled this way, the rest as written
        respelled = json.loads(text.replace('"greenlane:', f'"{spelling}'))
        events = [respelled[i] if i % 2 else events[i] for i in range(len(events))]
    document["@context"] = [document["@context"][0], *context]
    document["epcisBody"]["eventList"] = events
    content = json.dumps(document).encode()
    assert adapter(content) == careful(content)
    opened = open_json(content)
    _agree(opened.items, opened.context)
    # an event writing one field two ways: the key the context lists last wins, on all paths
    both = copy.deepcopy(events[0])
    both["https://w3id.org/greenlane/epcis/eventId"] = "other"
    document["epcisBody"]["eventList"] = [events[0], both]
    content = json.dumps(document).encode()
    assert adapter(content) == careful(content)


def test_greenlanes_decoders_are_built_once_others_per_document() -> None:
    """greenlane's own schema has its decoder built on import, for any context that spells
    its keys alike; another spelling gets a decoder of its own, which reads its events."""
    context = open_json(WORLD).context
    first = typed_decode.decoder(typed_decode.schema_of(context, "greenlane:"))
    same = Context(dict(context.prefixes), standard=True)
    assert typed_decode.decoder(typed_decode.schema_of(same, "greenlane:")) is first
    iri = typed_decode.schema_of(context, "https://w3id.org/greenlane/epcis/")
    other = typed_decode.decoder(iri)
    assert other is not first
    event = json.loads(WORLD)["epcisBody"]["eventList"][0]
    spelled = json.dumps(event).replace('"greenlane:', '"https://w3id.org/greenlane/epcis/')
    assert other.decode(spelled.encode()).eventID == event["eventID"]


def test_a_document_like_greenlanes_is_decoded_whole(mode: str) -> None:
    """One pass for a document whose greenlane keys are spelled as greenlane writes them; cut
    into raw events first otherwise. Nothing of one document is kept for the next."""
    cut = typed_decode.cut(WORLD)
    assert cut is not None
    assert (cut.events is not None) == (mode == "whole")
    assert (cut.raws is None) == (mode == "whole")
    adapter(WORLD)
    again = typed_decode.cut(WORLD)
    assert again is not None and (again.events is not None) == (mode == "whole")


@pytest.mark.parametrize("odd", [None, True, 1, "", "x", [], {}, [1], {"a": 1}, "1" * 5000])
def test_every_change_at_the_top_of_an_event_decoded_whole(odd: Any) -> None:
    """Each key of an event set to each kind of value, in a document decoded whole by the
    strict schema: what it does not read exactly goes event by event, the outcome is the
    careful path's."""
    document = json.loads(WORLD)
    events = document["epcisBody"]["eventList"]
    shapes = {tuple(sorted(event)): event for event in events}
    least = min(shapes.values(), key=len)
    changed = []
    for event in shapes.values():
        for key in KEYS:
            variant = copy.deepcopy(event)
            variant[key] = copy.deepcopy(odd)
            changed.append(variant)
    for variant in changed:
        document["epcisBody"]["eventList"] = [least, variant, least]
        content = json.dumps(document).encode()
        assert adapter(content) == careful(content), variant


def test_a_document_decoded_for_another_context_is_read_again() -> None:
    """greenlane's schema decodes the document, but its context makes other keys greenlane's:
    the events are cut and decoded by this document's own; the next document is not read
    with that one."""
    document = json.loads(WORLD)
    document["@context"] = [document["@context"][0], {"gl": "https://w3id.org/greenlane/epcis/"}]
    events = document["epcisBody"]["eventList"][:20]
    document["epcisBody"]["eventList"] = json.loads(
        json.dumps(events).replace('"greenlane:', '"gl:')
    )
    content = json.dumps(document).encode()
    assert adapter(content) == careful(content)
    assert adapter(WORLD) == careful(WORLD)
    again = typed_decode.cut(WORLD)
    assert again is not None and again.schema == WORLD_SCHEMA
    # greenlane's keys where this context does not make them greenlane's
    document["@context"] = [document["@context"][0]]
    document["epcisBody"]["eventList"] = events
    content = json.dumps(document).encode()
    assert adapter(content) == careful(content)


def test_a_part_too_long_to_be_sure_of_sends_the_document_to_json() -> None:
    """Decoded whole, the raw parts of events were skipped unread: one long enough to nest
    or count beyond what json reads is not decoded here (json reads the document)."""
    with pytest.raises(typed_decode.Unread):
        typed_records._part(b"[" + b"1" * 200 + b"]", list, 100)
    assert typed_records._part(b"[" + b"1" * 99 + b"]", list, 101) == [int("1" * 99)]
    assert typed_records._part(b"", list, 0) is None


def test_greenlane_documents_are_decoded_whole_from_the_first() -> None:
    """The schema a document is first decoded whole with is that of write_document's."""
    assert typed_decode.GREENLANE.ext_keys == open_json(WORLD).context.ext_keys
    assert typed_decode.WHOLE == WORLD_SCHEMA
    cut = typed_decode.cut(WORLD)
    assert cut is not None and cut.events is not None


def _as_query(content: bytes, results_body: dict[str, Any] | None = None) -> bytes:
    """The document's events as the answer to a query."""
    document = json.loads(content)
    events = document.pop("epcisBody")["eventList"]
    body = {"eventList": events} if results_body is None else results_body
    results = {"subscriptionID": "s1", "queryName": "SimpleEventQuery", "resultsBody": body}
    return json.dumps(
        {**document, "type": "EPCISQueryDocument", "epcisBody": {"queryResults": results}}
    ).encode()


@AGREE
@given(seed=st.sampled_from(TYPED_SEEDS), data=st.data())
def test_a_query_document_reads_as_without_the_typed_path(seed: bytes, data: st.DataObject) -> None:
    """The events of a query's answer, repeated and changed: read as the careful path reads
    them, decoded whole or event by event."""
    content = _as_query(_document_of(seed, data, st.sampled_from(MORE_VALUES)))
    expected = careful(content)
    for schema in (None, WORLD_SCHEMA):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(typed_decode, "WHOLE", schema)
            assert adapter(content) == expected


def test_query_documents_of_events_are_cut_others_go_to_json(mode: str) -> None:
    query = _as_query(WORLD)
    cut = typed_decode.cut(query)
    assert cut is not None and cut.query and cut.kind == "EPCISQueryDocument"
    assert len(cut.events if mode == "whole" else cut.raws or []) == len(open_json(WORLD).items)
    assert adapter(query) == careful(query)
    for odd in (_as_query(WORLD, {"vocabularyList": []}), _as_query(WORLD, {"eventList": {}})):
        assert typed_decode.cut(odd) is None
        assert adapter(odd) == careful(odd)
    # a shape that is not its type's: json reads it
    mislabelled = json.loads(query)
    mislabelled["type"] = "EPCISDocument"
    content = json.dumps(mislabelled).encode()
    assert adapter(content) == careful(content)
