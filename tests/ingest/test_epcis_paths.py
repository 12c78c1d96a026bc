"""The EPCIS readers: the typed path takes the plain events, of documents msgspec cuts and of
those ``json`` decodes alike, and whatever it takes it reads exactly as the careful reader and
the mapper do (records, findings and their order, errors)."""

from __future__ import annotations

import copy
import gc
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenlane.domain.codes import EventType, SealAffixer, SealClass, SealCondition
from greenlane.domain.records import Event, SealReading
from greenlane.errors import ParseError
from greenlane.ingest.epcis import (
    ADAPTER,
    read_document,
    typed_decode,
    typed_records,
    write_document,
)
from greenlane.ingest.epcis.document import open_json
from greenlane.ingest.epcis.mapping import Mapper
from greenlane.ingest.epcis.parse import _printable, _reencoded
from greenlane.ingest.epcis.typed_parts import PartReader
from greenlane.ingest.epcis.vocab import EXTENSION_FIELDS

AGREE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
T0 = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
BOX, BOX2 = "CSQU3054383", "MSKU9070323"
SEAL = SealReading(
    "H1", SealCondition.INTACT, SealAffixer.SHIPPER, SealClass.HIGH_SECURITY, True, "IT"
)


def handmade() -> list[Event]:
    """Every event type, with and without vessel, place, facility, bill and seals."""
    events = []
    for n, kind in enumerate(EventType):
        events.append(
            Event(
                f"E-{n}",
                kind,
                T0,
                BOX if n % 4 else "ABCU1234560",
                unlocode=("NLRTM", "SGSIN", None)[n % 3],
                facility=("ECT Delta", None, "urn:epc:id:sgln:0614141.00001.0")[n % 3],
                vessel_imo=("9176187", None)[n % 2],
                vessel_name="A" if n % 2 else None,
                voyage="1E" if n % 2 else None,
                bill_of_lading=("B1", None)[n % 2],
                full=(True, False, None)[n % 3],
                seals=((SEAL, SealReading("string")) if n % 2 else ()),
                transshipment=bool(n % 5 == 0),
            )
        )
    return events


WRITTEN = write_document(handmade())
PLAIN = write_document(handmade(), extensions=False)  # what a partner without greenlane reads
FOREIGN = json.dumps(
    {
        "@context": [
            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
            {"gl": "https://w3id.org/greenlane/epcis/", "ex": "https://example.com/"},
        ],
        "type": "EPCISDocument",
        "epcisBody": {
            "eventList": [
                {
                    "type": "ObjectEvent",
                    "eventID": f"urn:uuid:{n}",
                    "eventTime": "2024-05-01T10:00:00+02:00",
                    "epcList": epcs,
                    "action": "OBSERVE",
                    "bizStep": step,
                    "readPoint": {"id": "urn:unece:unlocode:NLRTM"},
                    "bizLocation": {"id": "urn:epc:id:sgln:0614141.00001.0"},
                    "bizTransactionList": [
                        {"type": "cbv:BTT-bol", "bizTransaction": "urn:epcglobal:cbv:bt:1:B7"}
                    ],
                    "destinationList": [{"type": "location", "destination": "urn:epc:id:imovn:9"}],
                    "gl:seals": [{"gl:number": "S1", "gl:electronic": True}],
                    "ex:note": "ignored",
                }
                for n, (epcs, step) in enumerate(
                    [
                        (["urn:epc:id:bic:CSQU3054383", "urn:epc:id:bic:MSKU9070323"], "loading"),
                        (["urn:epc:id:imovn:9176187"], "cbv:BizStep-departing"),
                        (["urn:epc:id:bic:CSQU3054383"], "loading"),
                        (["urn:epc:id:bic:CSQU3054383", "urn:epc:id:imovn:1"], "arriving"),
                    ]
                )
            ]
        },
    }
).encode()
SEEDS = [WRITTEN, PLAIN, FOREIGN]


def careful(content: bytes) -> Any:
    """What the careful reader and the mapper alone make of a message (the reference)."""
    try:
        document = read_document(content)
        mapper = Mapper("m", escapes=document.escapes)
        for event in document.events:
            mapper.add(event)
    except ParseError as exc:
        return ("error", str(exc), exc.where)
    findings = [_printable(f) for f in (*document.findings, *mapper.findings)]
    return tuple(mapper.events), tuple(findings)


def adapter(content: bytes) -> Any:
    try:
        result = ADAPTER.parse(content, source_message="m")
    except ParseError as exc:
        return ("error", str(exc), exc.where)
    return result.events, result.findings


def typed_reads(content: bytes) -> list[bool]:
    """Whether the typed path reads each event of a document, decoded by ``json`` and written
    back (as a document msgspec does not cut is read)."""
    document = open_json(content)
    cut = _reencoded(document)
    assert cut is not None
    reader = PartReader(document.context, Mapper("m", escapes=document.escapes))
    return [each is not None for each in typed_records.read_document(cut, reader, document.items)]


def typed_share(content: bytes) -> float:
    read = typed_reads(content)
    return sum(read) / len(read)


def test_the_typed_path_reads_every_extension_field() -> None:
    assert sorted(typed_decode._EXTENSION_TYPES) == sorted(EXTENSION_FIELDS)


def test_the_seeds_agree_and_take_the_typed_path() -> None:
    for content in SEEDS:
        assert adapter(content) == careful(content)
    # every event the careful path reads into one record without a finding
    assert typed_reads(WRITTEN) == clean_singles(WRITTEN)
    assert sum(typed_reads(WRITTEN)) >= 7  # the others hold a placeholder seal: a finding
    assert typed_reads(FOREIGN) == clean_singles(FOREIGN)  # several containers: careful


def clean_singles(content: bytes) -> list[bool]:
    """Whether the careful path reads each event of a document alone into one record, with
    no finding."""
    document = json.loads(content)
    found = []
    for event in document["epcisBody"]["eventList"]:
        alone = {**document, "epcisBody": {"eventList": [event]}}
        outcome = careful(json.dumps(alone).encode())
        found.append(outcome[0] != "error" and len(outcome[0]) == 1 and not outcome[1])
    return found


def test_a_world_document_takes_the_typed_path_throughout() -> None:
    from greenlane.world import WorldConfig, build_world

    events = [e for ws in build_world(WorldConfig(seed=3, shipments=40)).shipments()
              for e in ws.events]  # fmt: skip
    content = write_document(events)
    assert typed_reads(content) == clean_singles(content)
    assert typed_share(content) > 0.95
    assert adapter(content) == careful(content)
    # with a document extension key msgspec's schema does not hold: json decodes it
    extended = content.replace(b'{"@context"', b'{"ex:batch": "1", "@context"', 1)
    assert typed_decode.cut(extended) is None
    assert typed_reads(extended) == typed_reads(content)
    assert adapter(extended) == careful(extended)


EPCIS_KEYS = [
    "type", "eventID", "eventTime", "eventTimeZoneOffset", "epcList", "childEPCs", "parentID",
    "action", "bizStep", "disposition", "readPoint", "bizLocation", "id", "bizTransactionList",
    "bizTransaction", "sourceList", "source", "destinationList", "destination", "@context",
    "sensorElementList", "errorDeclaration", "greenlane:eventType", "greenlane:eventId",
    "greenlane:vesselIMO", "greenlane:vesselName", "greenlane:voyage", "greenlane:full",
    "greenlane:seals", "greenlane:transshipment", "greenlane:number", "greenlane:condition",
    "greenlane:affixedBy", "greenlane:sealClass", "greenlane:electronic", "greenlane:typeCode",
    "https://w3id.org/greenlane/epcis/full", "gl:seals", "gl:number", "gl:electronic",
    "greenlane:unlocode", "ex:note",
]  # fmt: skip
VALUES: list[Any] = (
    ["", " ", "ObjectEvent", "AggregationEvent", "epcis:ObjectEvent", "OBSERVE", "ADD", "DELETE",
     "loading", "unloading", "cbv:BizStep-loading", "urn:epcglobal:cbv:bizstep:arriving",
     "ex:sealing", "container_open", "in_transit", "bol", "location", "loaded", "resealed",
     "intact", "shipper", "H", "urn:epc:id:bic:CSQU3054383", "urn:epc:id:bic:PLU775132",
     "urn:epc:id:imovn:9176187", "urn:epc:id:imovn:", "urn:epc:id:sscc:0614141.1234567890",
     "urn:unece:unlocode:NLRTM", "urn:unece:unlocode:XX123", "2024-05-01T10:00:00Z",
     "2024-05-01T10:00:00", "+02:00", "S1", "string", 0, 1, 1.0, True, False, None, [], {},
     [{}], ["urn:epc:id:bic:CSQU3054383"], {"id": "urn:unece:unlocode:SGSIN"},
     [{"type": "bol", "bizTransaction": "B9"}], [{"greenlane:number": "S2"}],
     [{"type": "location", "destination": "urn:epc:id:imovn:"}],
     {"greenlane": "https://example.com/"}]
)  # fmt: skip
EPCIS_VALUES: st.SearchStrategy[Any] = st.sampled_from(VALUES)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


def _objects(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


# Keys worth changing in each kind of object of an event.
NESTED_KEYS = {
    "place": ["id", "greenlane:unlocode", "gl:unlocode", "ex:note", "type"],
    "link": ["type", "bizTransaction", "source", "destination", "id", "ex:note"],
    "seal": [
        "greenlane:number", "greenlane:condition", "greenlane:affixedBy", "greenlane:sealClass",
        "greenlane:electronic", "greenlane:typeCode", "gl:number", "gl:electronic", "ex:note",
    ],
}  # fmt: skip
GONE = object()


def _targets(event: dict[str, Any]) -> list[tuple[tuple[Any, ...], list[str]]]:
    """(path of an object in the event, keys to change in it)."""
    found: list[tuple[tuple[Any, ...], list[str]]] = [((), EPCIS_KEYS)]
    for key, value in event.items():
        if key in ("readPoint", "bizLocation"):
            found.append(((key,), NESTED_KEYS["place"]))
        elif key.endswith("List") and key != "epcList":
            found.append(((key, 0), NESTED_KEYS["link"]))
        elif key.endswith("seals") and value:
            found.append(((key, 0), NESTED_KEYS["seal"]))
    return found


def _changed(event: dict[str, Any], path: tuple[Any, ...], key: str, value: Any) -> Any:
    changed = copy.deepcopy(event)
    target = changed
    for step in path:
        target = target[step]
    if value is GONE:
        target.pop(key, None)
    else:
        target[key] = copy.deepcopy(value)
    return changed


def _written_with(key: str) -> int:
    events = json.loads(WRITTEN)["epcisBody"]["eventList"]
    return next(i for i, event in enumerate(events) if key in event)


@pytest.mark.parametrize("first", [True, False], ids=["changed-last", "changed-first"])
@pytest.mark.parametrize(
    ("seed", "index"),
    [
        (WRITTEN, _written_with("greenlane:seals")),
        (WRITTEN, _written_with("destinationList")),
        (WRITTEN, _written_with("greenlane:eventType")),
        (FOREIGN, 0),
        (FOREIGN, 3),
    ],
)
def test_every_single_change_agrees(seed: bytes, index: int, first: bool) -> None:
    """One value of a plain event changed (or removed), beside the event unchanged, so that the
    typed path's caches hold the plain values when the changed one comes (and the other way);
    in the document as written, and with a document key that sends it to json."""
    document = json.loads(seed)
    plain = document["epcisBody"]["eventList"][index]
    disagree = []
    for path, keys in _targets(plain):
        for key in keys:
            for value in [GONE, *VALUES]:
                changed = _changed(plain, path, key, value)
                pair = [plain, changed] if first else [changed, plain]
                document["epcisBody"]["eventList"] = pair
                content = json.dumps(document).encode()
                for each in (content, content.replace(b"{", b'{"ex:doc": 1, ', 1)):
                    if adapter(each) != careful(each):
                        disagree.append((path, key, value))
    assert disagree == []


@AGREE
@given(seed=st.sampled_from(SEEDS), data=st.data())
def test_the_typed_path_agrees_with_the_careful_path(seed: bytes, data: st.DataObject) -> None:
    """Change a few values of a few events (the others stay plain and fill the caches first)."""
    document = json.loads(seed)
    events = document["epcisBody"]["eventList"]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(events) - 1))
        if data.draw(st.booleans()):  # a copy of another event, so values repeat
            events[at] = copy.deepcopy(events[data.draw(st.integers(0, len(events) - 1))])
        for _ in range(data.draw(st.integers(1, 4))):
            target = data.draw(st.sampled_from(_objects(events[at])))
            key = data.draw(st.sampled_from(EPCIS_KEYS))
            if data.draw(st.booleans()):
                target.pop(key, None)
            else:
                target[key] = copy.deepcopy(data.draw(EPCIS_VALUES | json_values))
    content = json.dumps(document).encode()
    assert adapter(content) == careful(content)
    if data.draw(st.booleans()):  # a document json decodes: the typed path reads it written back
        content = content.replace(b"{", b'{"ex:doc": 1, ', 1)
        assert adapter(content) == careful(content)


@pytest.mark.parametrize(
    ("path", "odd"),
    [
        (("greenlane:seals", 0, "greenlane:electronic"), 0),  # False == 0, but 0 is no boolean
        (("greenlane:seals", 0, "greenlane:electronic"), 1.0),
        (("greenlane:full",), 1),
        (("greenlane:transshipment",), 0),
        (("readPoint", "id"), 1),
        (("bizTransactionList", 0, "type"), 1),
        (("eventTime",), "2024-05-01T10:00:00"),
        (("bizStep",), "ex:loading"),
    ],
)
def test_a_value_equal_to_a_remembered_one_but_of_another_type_is_not_taken(
    path: tuple[Any, ...], odd: Any
) -> None:
    """The caches are keyed by value, and 1 == True == 1.0 in Python: the careful path decides."""
    first = {
        "type": "ObjectEvent",
        "eventID": "urn:uuid:1",
        "eventTime": "2024-05-01T10:00:00Z",
        "epcList": ["urn:epc:id:bic:CSQU3054383"],
        "action": "OBSERVE",
        "bizStep": "loading",
        "readPoint": {"id": "urn:unece:unlocode:NLRTM"},
        "bizTransactionList": [{"type": "bol", "bizTransaction": "B1"}],
        "greenlane:full": True,
        "greenlane:transshipment": False,
        "greenlane:seals": [{"greenlane:number": "S1", "greenlane:electronic": False}],
    }
    second = copy.deepcopy(first)
    target: Any = second
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = odd
    doc = {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                     {"greenlane": "https://w3id.org/greenlane/epcis/"}],
        "type": "EPCISDocument",
        "epcisBody": {"eventList": [first, second]},
    }  # fmt: skip
    content = json.dumps(doc).encode()
    assert typed_reads(content) == [True, False]
    assert adapter(content) == careful(content)


def test_an_unreadable_event_is_the_error_whatever_an_earlier_one_holds() -> None:
    """Events are all read before any is mapped, on both paths."""
    doc = json.loads(WRITTEN)
    events = doc["epcisBody"]["eventList"]
    events[0]["epcList"] = ["urn:epc:id:bic:CSQU\\ud800"]  # refused when mapped
    events[-1]["action"] = "MOVE"  # refused when read
    content = json.dumps(doc).encode().replace(b"\\\\ud800", b"\\ud800")
    outcome = adapter(content)
    assert outcome == careful(content)
    assert outcome[0] == "error" and "action" in outcome[1]


def test_collector_state_is_restored() -> None:
    assert gc.isenabled()
    ADAPTER.parse(WRITTEN, source_message="m")
    assert gc.isenabled()
    with pytest.raises(ParseError):
        ADAPTER.parse(b'{"type": "EPCISDocument"', source_message="m")
    assert gc.isenabled()
    gc.disable()
    try:
        ADAPTER.parse(WRITTEN, source_message="m")
        assert not gc.isenabled()
    finally:
        gc.enable()
