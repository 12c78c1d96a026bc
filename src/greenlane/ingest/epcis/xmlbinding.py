"""The EPCIS XML binding (2.0, and the 1.x layout with extension / baseExtension wrappers).

XML is parsed only with defusedxml, and a document that declares entities (billion laughs) or
refers to external ones (XXE) is refused with a ParseError: EPCIS never needs either. A plain
``<!DOCTYPE x>`` without declarations, as some GS1 examples carry, is accepted.

Each event element is turned into the JSON shape of the same event and read by the JSON reader,
so both bindings mean the same; places are XPaths (``/EPCISDocument/EPCISBody/EventList/
ObjectEvent[2]/bizStep``). Extension elements are kept when they hold text, keyed by their
namespace URI + local name, which is how EPCIS 2.0 maps XML extensions to JSON-LD.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XMLSyntaxError

import defusedxml
import defusedxml.ElementTree as SafeET

from greenlane.ingest.base import shown
from greenlane.ingest.epcis.model import EpcisDocument, EpcisEvent
from greenlane.ingest.epcis.reader import EVENT_TYPES, EventReader, error
from greenlane.ingest.epcis.vocab import STANDARD_PREFIXES, Context

_XMLNS = re.compile(rb'xmlns:([A-Za-z_][\w.\-]*)\s*=\s*["\']([^"\']*)["\']')
_TEXT = frozenset(
    {
        "eventTime",
        "recordTime",
        "eventTimeZoneOffset",
        "eventID",
        "action",
        "bizStep",
        "disposition",
        "parentID",
        "transformationID",
        "certificationInfo",
    }
)
_LISTS = {"epcList": "epc", "childEPCs": "epc", "inputEPCList": "epc", "outputEPCList": "epc"}
_PAIRS = {
    "bizTransactionList": "bizTransaction",
    "sourceList": "source",
    "destinationList": "destination",
}
_WRAPPERS = frozenset({"extension", "baseExtension"})
_NUMBERS = frozenset(
    {"value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue"}
)
_ITEM_TAGS = {
    **_LISTS,
    **_PAIRS,
    "sensorElementList": "sensorElement",
    "correctiveEventIDs": "correctiveEventID",
}


def _local(tag: str) -> tuple[str, str]:
    """(namespace URI, local name) of an ElementTree tag ``{ns}name``."""
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def xml_item(base: str, key: str, index: int) -> str:
    child = _ITEM_TAGS.get(key)
    return f"{base}/{key}/{child}[{index + 1}]" if child else f"{base}/{key}[{index + 1}]"


def _text(element: Element) -> str:
    return (element.text or "").strip()


def _children(element: Element) -> list[Element]:
    """Children, with 1.x ``extension`` / ``baseExtension`` wrappers opened."""
    out: list[Element] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        if _local(child.tag)[1] in _WRAPPERS and not _local(child.tag)[0]:
            out += _children(child)
        else:
            out.append(child)
    return out


def _sensor_element(element: Element, where: str) -> dict[str, Any]:
    out: dict[str, Any] = {"sensorReport": []}
    reports = 0
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = _local(child.tag)[1]
        attrs = {k: v for k, v in child.attrib.items() if not k.startswith("{")}
        if name == "sensorMetadata":
            out["sensorMetadata"] = attrs
        elif name == "sensorReport":
            reports += 1
            out["sensorReport"].append(_report(attrs, f"{where}/sensorReport[{reports}]"))
    return out


def _report(attrs: dict[str, Any], where: str) -> dict[str, Any]:
    for key in _NUMBERS & attrs.keys():
        try:
            attrs[key] = float(attrs[key])
        except ValueError:
            raise error(
                f"{key} {shown(attrs[key])} is not a number", f"{where}/@{key}", "a decimal number"
            ) from None
    if "booleanValue" in attrs:
        flag = attrs["booleanValue"].strip()
        if flag not in ("true", "false", "1", "0"):
            raise error("booleanValue is not a boolean", f"{where}/@booleanValue", "true or false")
        attrs["booleanValue"] = flag in ("true", "1")
    return attrs


def _event(element: Element, where: str) -> dict[str, Any]:
    """An XML event element in the JSON shape of the same event."""
    out: dict[str, Any] = {"type": _local(element.tag)[1]}
    for child in _children(element):
        ns, name = _local(child.tag)
        if ns:  # an extension element: namespace URI + local name is its JSON-LD IRI
            if len(child) == 0:
                out[ns + name] = _text(child)
        elif name in _TEXT:
            out[name] = _text(child)
        elif name in _LISTS:
            out[name] = [_text(c) for c in child if isinstance(c.tag, str)]
        elif name in ("readPoint", "bizLocation"):
            place: dict[str, Any] = {}
            for part in _children(child):
                part_ns, part_name = _local(part.tag)
                place[part_ns + part_name] = _text(part)
            out[name] = place
        elif name in _PAIRS:
            id_key = _PAIRS[name]
            out[name] = [
                {"type": c.get("type"), id_key: _text(c)} if c.get("type") else {id_key: _text(c)}
                for c in child
                if isinstance(c.tag, str)
            ]
        elif name == "sensorElementList":
            out[name] = [
                _sensor_element(c, f"{where}/{name}/sensorElement[{i}]")
                for i, c in enumerate((c for c in child if isinstance(c.tag, str)), 1)
            ]
        elif name == "errorDeclaration":
            declaration: dict[str, Any] = {}
            for part in _children(child):
                part_ns, part_name = _local(part.tag)
                if part_name == "correctiveEventIDs" and not part_ns:
                    declaration[part_name] = [_text(c) for c in part if isinstance(c.tag, str)]
                elif not part_ns:
                    declaration[part_name] = _text(part)
            out[name] = declaration
    return out


def read_xml(content: bytes) -> EpcisDocument:
    try:
        root = SafeET.fromstring(
            content, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException as exc:
        raise error(
            f"XML refused: {exc}",
            "DOCTYPE",
            "XML without entity declarations or external references",
        ) from None
    except XMLSyntaxError as exc:
        line, column = exc.position
        raise error(
            f"XML is not well-formed ({exc})", f"line {line} column {column}", "well-formed XML"
        ) from None
    except (LookupError, ValueError) as exc:  # an encoding unknown, or multi-byte (UTF-32)
        raise error(
            f"the XML declaration names an encoding the XML parser cannot read ({exc})",
            "XML declaration",
            "UTF-8, UTF-16 or a single-byte encoding",
        ) from None
    kind = _local(root.tag)[1]
    top = f"/{kind}"
    if kind not in ("EPCISDocument", "EPCISQueryDocument"):
        raise error(
            f"root element {shown(kind)} is not an EPCIS document",
            top,
            "EPCISDocument or EPCISQueryDocument",
        )
    path = ["EPCISBody"] + (["QueryResults", "resultsBody"] if kind != "EPCISDocument" else [])
    node, base = root, top
    for step in path:
        found = next((c for c in node if isinstance(c.tag, str) and _local(c.tag)[1] == step), None)
        if found is None:
            raise error(f"{step} is missing", f"{base}/{step}", f"a {step} element")
        node, base = found, f"{base}/{step}"
    events_node = next(
        (c for c in node if isinstance(c.tag, str) and _local(c.tag)[1] == "EventList"), None
    )
    prefixes = dict(STANDARD_PREFIXES)
    prefixes.update(
        (p.decode("ascii", "replace"), iri.decode("utf-8", "replace"))
        for p, iri in _XMLNS.findall(content)
    )
    reader = EventReader(Context(prefixes, standard=True), xml_item)
    events: list[EpcisEvent] = []
    if events_node is not None:
        try:
            events = _events(events_node, f"{base}/EventList", reader)
        except RecursionError:
            raise error("XML is nested too deeply", f"{base}/EventList", "EPCIS events") from None
    # expat refuses surrogate character references, so XML text never holds one
    return EpcisDocument(kind, "xml", tuple(events), tuple(reader.findings), escapes=False)


def _events(events_node: Element, base: str, reader: EventReader) -> list[EpcisEvent]:
    events: list[EpcisEvent] = []
    counts: dict[str, int] = {}
    for wrapper in events_node:
        if not isinstance(wrapper.tag, str):
            continue
        name = _local(wrapper.tag)[1]
        counts[name] = counts.get(name, 0) + 1
        inner = [(wrapper, f"{base}/{name}[{counts[name]}]")]
        if name == "extension":  # EPCIS 1.x wraps the event types it added later
            inside: dict[str, int] = {}
            inner = []
            for element in wrapper:
                if isinstance(element.tag, str):
                    local = _local(element.tag)[1]
                    inside[local] = inside.get(local, 0) + 1
                    inner.append(
                        (element, f"{base}/extension[{counts[name]}]/{local}[{inside[local]}]")
                    )
        for element, where in inner:
            if _local(element.tag)[1] not in EVENT_TYPES:
                reader.read({"type": element.tag}, where)  # an extension event: a finding
                continue
            event = reader.read(_event(element, where), where)
            if event is not None:
                events.append(event)
    return events
