"""The native JSON and CSV formats: records out, clear errors with places, published schema."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from greenlane.domain.codes import EventType, FilingType, PartyRole, SealCondition
from greenlane.domain.records import Event
from greenlane.errors import ParseError
from greenlane.ingest import epcis
from greenlane.ingest.native import ADAPTER
from greenlane.ingest.native.schema import native_json_schema
from greenlane.ingest.registry import detect

REPO = Path(__file__).resolve().parents[2]

DOCUMENT = {
    "greenlane": "1",
    "filings": [
        {
            "filing_type": "cargo_declaration",
            "reference": "MF-1",
            "filed_at": "2026-01-05T10:00:00+01:00",
            "master_bill": "3324803",
            "carrier_scac": "APLU",
            "vessel_name": "LONG PENNSYLVANIA",
            "voyage": "14E",
            "route": {"port_of_loading": "SGSIN", "port_of_discharge": "USLGB"},
            "parties": [
                {"role": "shipper", "name": "Indus Textiles Ltd", "country": "PK"},
                {"role": "consignee", "name": "Pacific Home LLC", "country": "US"},
            ],
            "goods": [
                {
                    "line_number": 1,
                    "description": "cotton bed linen",
                    "hs_code": "630231",
                    "gross_mass_kg": 12000,
                    "container_number": "CSQU3054383",
                }
            ],
            "containers": [
                {"number": "CSQU3054383", "seals": [{"number": "H53175", "affixed_by": "shipper"}]}
            ],
        }
    ],
    "events": [
        {
            "event_id": "e1",
            "event_type": "loaded",
            "occurred_at": "2026-01-07T08:00:00Z",
            "container_number": "APNR7744962",
            "unlocode": "SGSIN",
            "seals": [{"number": "H53175", "condition": "damaged"}],
        }
    ],
}


def parse(content: str | bytes) -> object:
    raw = content.encode() if isinstance(content, str) else content
    return ADAPTER.parse(raw, source_message="hash-1")


def test_json_document_becomes_records() -> None:
    content = json.dumps(DOCUMENT).encode()
    assert ADAPTER.detect(content)
    parsed = ADAPTER.parse(content, source_message="hash-1")
    filing = parsed.filings[0]
    assert filing.filing_type is FilingType.CARGO_DECLARATION
    assert filing.filed_at == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    assert filing.route.port_of_loading == "SGSIN"
    assert [p.name for p in filing.parties_in(PartyRole.SHIPPER)] == ["Indus Textiles Ltd"]
    assert filing.containers[0].seals[0].number == "H53175"
    assert filing.source_message == "hash-1"
    event = parsed.events[0]
    assert event.event_type is EventType.LOADED
    assert event.seals[0].condition is SealCondition.DAMAGED
    assert event.source == "native"
    # A bad check digit is kept as received and reported, never a reason to reject.
    assert event.container_number == "APNR7744962"
    assert "container.check_digit" in {f.code for f in parsed.findings}
    assert any(f.where == "/events/0" for f in parsed.findings)


def test_json_error_names_the_pointer() -> None:
    broken = json.loads(json.dumps(DOCUMENT))
    broken["events"][0]["occurred_at"] = "yesterday"
    with pytest.raises(ParseError) as err:
        parse(json.dumps(broken))
    assert err.value.where == "/events/0/occurred_at"
    assert str(err.value).startswith("native:")


def test_json_syntax_error_names_line_and_column() -> None:
    with pytest.raises(ParseError) as err:
        parse('{"greenlane": "1",\n "events": [}')
    assert err.value.where == "line 2 column 13"


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ParseError) as err:
        parse(json.dumps({"greenlane": "1", "evnts": []}))
    assert err.value.where == "/evnts"


EVENTS_CSV = """\
event_id,event_type,occurred_at,container_number,unlocode,vessel_name,voyage,full,seals
a1,loaded,2002-01-15T06:00:00Z,PLU775132,PKKHI,PEKING SENATOR,31E,true,IT1234:intact:shipper
a2,discharged,2002-01-22T10:00:00Z,PLU775132,SGSIN,PEKING SENATOR,31E,true,IT1234:broken
"""


def test_events_csv() -> None:
    assert ADAPTER.detect(EVENTS_CSV.encode())
    parsed = ADAPTER.parse(EVENTS_CSV.encode(), source_message="h")
    assert [e.event_type for e in parsed.events] == [EventType.LOADED, EventType.DISCHARGED]
    assert parsed.events[1].seals[0].condition is SealCondition.BROKEN
    assert parsed.events[0].seals[0].affixed_by is not None
    assert "container.shape" in {f.code for f in parsed.findings}


def test_csv_error_names_line_and_column() -> None:
    bad = EVENTS_CSV.replace("discharged", "teleported")
    with pytest.raises(ParseError) as err:
        parse(bad)
    assert err.value.where == "line 3, column event_type"


FILINGS_CSV = (
    "filing_type,reference,version,filed_at,master_bill,port_of_loading,port_of_discharge,"
    "transshipment_ports,shipper_name,shipper_country,line_number,description,hs_code,"
    "gross_mass_kg,container_number,container_seals\n"
    "cargo_declaration,MF-9,1,2026-02-01T00:00:00Z,BL9,CNSHA,USLAX,KRPUS;JPYOK,Acme,CN,1,"
    "steel bolts,731815,900,CSQU3054383,S1:shipper\n"
    "cargo_declaration,MF-9,1,2026-02-01T00:00:00Z,BL9,CNSHA,USLAX,KRPUS;JPYOK,Acme,CN,2,"
    "steel nuts,731816,400,CSQU3054383,S1:shipper\n"
)


def test_filings_csv_groups_goods_rows() -> None:
    parsed = ADAPTER.parse(FILINGS_CSV.encode(), source_message="h")
    (filing,) = parsed.filings
    assert [g.hs_code for g in filing.goods] == ["731815", "731816"]
    assert filing.route.transshipment_ports == ("KRPUS", "JPYOK")
    assert [c.number for c in filing.containers] == ["CSQU3054383"]
    assert filing.parties[0].party.country == "CN"


def test_csv_with_unknown_header_is_refused() -> None:
    with pytest.raises(ParseError) as err:
        parse("a,b,c\n1,2,3\n")
    assert err.value.where == "line 1"


def test_published_schema_is_the_one_the_code_uses() -> None:
    published = json.loads((REPO / "docs/schemas/native.schema.json").read_text())
    assert published == native_json_schema()


def test_an_epcis_document_naming_a_greenlane_prefix_is_not_native() -> None:
    event = Event("e1", EventType.LOADED, datetime(2026, 2, 1, tzinfo=UTC), "CSQU3054383")
    document = epcis.write_document([event])
    assert b'"greenlane":' in document  # the @context names the extension prefix
    assert not ADAPTER.detect(document)
    assert detect(document) is epcis.ADAPTER
