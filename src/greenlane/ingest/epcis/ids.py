"""Identifiers inside EPCIS: containers, vessels and places, in the forms the standards allow.

* Container: the BIC EPC ``urn:epc:id:bic:CSQU3054383`` (GS1 TDS 2.0). A GIAI or GRAI (URN or
  GS1 Digital Link) whose asset reference ends in an ISO 6346 number is read as that container,
  since owners identify boxes that way; an SSCC identifies a load, never the box, and is not one.
* Vessel: the IMO vessel number EPC ``urn:epc:id:imovn:9176187``.
* Place: a UN/LOCODE written as ``urn:unece:unlocode:NLRTM`` or any URI naming ``locode`` whose
  last part is the code; SGLN, GLN Digital Link or other ids are facilities.

Values are kept as written (percent-escapes decoded); check digits are the validator's business.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from greenlane.ingest.epcis.vocab import GREENLANE_NS, STANDARD_PREFIXES

BIC_PREFIX = "urn:epc:id:bic:"
IMOVN_PREFIX = "urn:epc:id:imovn:"
UNLOCODE_PREFIX = "urn:unece:unlocode:"
FACILITY_PREFIX = GREENLANE_NS + "facility/"
BILL_PREFIX = GREENLANE_NS + "bol/"
_CBV_BT = "urn:epcglobal:cbv:bt:"

_EMBEDDED_CONTAINER = re.compile(r"[A-Z]{3}[UJZ][0-9]{7}$")
_ASSET_URNS = ("urn:epc:id:giai:", "urn:epc:id:grai:")
_ASSET_LINKS = ("/8004/", "/8003/")  # GS1 Digital Link application identifiers GIAI, GRAI
_LOCODE_TAIL = re.compile(r"[A-Za-z]{2} ?[A-Za-z2-9]{3}")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")


def _scheme_is(value: str, prefix: str) -> bool:
    """``value`` starts with ``prefix`` (lower case) in any case. Its first character is
    compared first: most values that are not written so start with another letter."""
    return value.startswith(prefix) or (
        value[:1].lower() == prefix[:1] and value[: len(prefix)].lower() == prefix
    )


def _unescape(text: str) -> str:
    """``unquote(text)``; escapes of ASCII characters (``%20``) decoded here, a few times
    quicker, anything else (``%C3%A9``, a stray ``%``) by ``unquote``. No escape decodes to a
    ``%`` before the last step, so none is decoded twice."""
    if "%" not in text:
        return text
    spaced = text.replace("%20", " ")  # by far the commonest: names of places and firms
    if "%" not in spaced:
        return spaced
    head, *rest = text.split("%")
    out = [head]
    for part in rest:
        char = _ASCII_ESCAPES.get(part[:2])
        if char is None:
            return unquote(text)
        out += (char, part[2:])
    return "".join(out)


_ASCII_ESCAPES = {
    high + low: chr(code)
    for code in range(128)
    for high in {f"{code:02x}"[0], f"{code:02X}"[0]}
    for low in {f"{code:02x}"[1], f"{code:02X}"[1]}
}


def container_of(epc: str) -> str | None:
    """The container number an EPC names, or None when it names something else."""
    if _scheme_is(epc, BIC_PREFIX):
        return _unescape(epc[len(BIC_PREFIX) :])
    tail: str | None = None
    if _scheme_is(epc, _ASSET_URNS[0]) or _scheme_is(epc, _ASSET_URNS[1]):
        tail = epc.rpartition(".")[2]
    elif epc.startswith("http"):
        for ai in _ASSET_LINKS:
            at = epc.find(ai)
            if at != -1:
                tail = epc[at + len(ai) :].split("/", 1)[0].split("?", 1)[0]
                break
    if tail:
        found = _EMBEDDED_CONTAINER.search(unquote(tail))
        if found:
            return found.group()
    return None


def vessel_of(epc: str) -> str | None:
    """The IMO number of an IMOVN EPC, or None."""
    if _scheme_is(epc, IMOVN_PREFIX):
        return _unescape(epc[len(IMOVN_PREFIX) :])
    return None


def unlocode_of(uri: str) -> str | None:
    """The UN/LOCODE a location URI names, or None (an SGLN names a facility, not a LOCODE)."""
    if _scheme_is(uri, UNLOCODE_PREFIX):
        return _unescape(uri[len(UNLOCODE_PREFIX) :])
    if "locode" not in uri.lower():
        return None
    cut = max(uri.rfind("/"), uri.rfind("#"), uri.rfind(":"), uri.rfind("="))
    tail = unquote(uri[cut + 1 :])
    return tail if _LOCODE_TAIL.fullmatch(tail) else None


def facility_of(uri: str) -> str:
    """The facility a location id names: greenlane's own facility URIs decode to the code."""
    if uri.startswith(FACILITY_PREFIX):
        return _unescape(uri[len(FACILITY_PREFIX) :])
    return uri


def bill_of(uri: str) -> str:
    """The bill of lading number of a ``bol`` business transaction id, as far as it can be told."""
    if uri.startswith(BILL_PREFIX):
        return _unescape(uri[len(BILL_PREFIX) :])
    if uri.startswith(_CBV_BT):  # urn:epcglobal:cbv:bt:<GLN of the issuer>:<document id>
        return uri[len(_CBV_BT) :].partition(":")[2] or uri
    return uri


def is_uri(value: str) -> bool:
    return _URI.fullmatch(value) is not None


def _escape(value: str) -> str:
    return quote(value, safe="")


def bic_epc(number: str) -> str:
    return BIC_PREFIX + _escape(number)


def imovn_epc(imo: str) -> str:
    return IMOVN_PREFIX + _escape(imo)


def unlocode_uri(code: str) -> str:
    return UNLOCODE_PREFIX + _escape(code)


def facility_uri(facility: str) -> str:
    """The facility itself when it is a URI a reader would not expand, else greenlane's URI."""
    scheme = facility.partition(":")[0]
    if is_uri(facility) and scheme not in STANDARD_PREFIXES and scheme != "greenlane":
        return facility
    return FACILITY_PREFIX + _escape(facility)


def bill_uri(bill: str) -> str:
    return BILL_PREFIX + _escape(bill)
