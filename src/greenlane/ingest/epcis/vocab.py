"""EPCIS 2.0 / CBV 2.0 vocabulary and JSON-LD @context handling.

Only what reading needs: the prefixes a document declares (so ``cbv:BizStep-loading`` and
``example:myField`` expand), and the CBV code lists so a bizStep or disposition can be told
standard or not. Remote contexts are never fetched: the EPCIS context is known, any other remote
context only matters for the prefixes it would define, which a document can always declare inline.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from greenlane.errors import ParseError
from greenlane.ingest.base import parse_error

FORMAT = "epcis"

GREENLANE_NS = "https://w3id.org/greenlane/epcis/"
"""greenlane's extension namespace: fields EPCIS cannot carry (vessel name, voyage, seals, ...)."""

EXTENSION_FIELDS = (
    "eventType",
    "eventId",
    "vesselIMO",
    "vesselName",
    "voyage",
    "full",
    "seals",
    "transshipment",
)
"""Event-level greenlane extension fields (``greenlane:<name>``), explained in writer.py."""

EPCIS_NS = "https://ref.gs1.org/epcis/"
CBV_NS = "https://ref.gs1.org/cbv/"
GS1_VOC = "https://gs1.org/voc/"
EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

# The prefixes the standard EPCIS 2.0 context defines; a document may add to or override them.
STANDARD_PREFIXES: Mapping[str, str] = {
    "epcis": EPCIS_NS,
    "cbv": CBV_NS,
    "cbvmda": "urn:epcglobal:cbv:mda:",
    "gs1": GS1_VOC,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
}


def _terms(text: str) -> frozenset[str]:
    return frozenset(text.split())


# CBV 2.0 code lists (CBV section 7; the same terms as the GS1 cbv-context-*.jsonld files).
BIZ_STEPS = _terms(
    """accepting arriving assembling collecting commissioning consigning creating_class_instance
    cycle_counting decommissioning departing destroying disassembling dispensing encoding
    entering_exiting holding inspecting installing killing loading other packing picking
    receiving removing repackaging repairing replacing reserving retail_selling sampling
    sensor_reporting shipping staging_outbound stock_taking stocking storing transporting
    unloading unpacking void_shipping"""
)
DISPOSITIONS = _terms(
    """active available completeness_inferred completeness_verified conformant container_closed
    container_open damaged destroyed dispensed disposed encoded expired in_progress in_transit
    inactive mismatch_class mismatch_instance mismatch_quantity needs_replacement
    no_pedigree_match non_conformant non_sellable_other partially_dispensed recalled reserved
    retail_sold returned sellable_accessible sellable_not_accessible stolen unavailable
    unknown"""
)
BIZ_TRANSACTION_TYPES = _terms(
    "bol cert desadv inv pedigree po poc prodorder recadv rma testprd testres upevt"
)
SOURCE_DEST_TYPES = frozenset({"owning_party", "possessing_party", "location"})

# vocabulary -> (terms, the URI forms a term may be written in: CBV 2.0 web URI, EPCIS 1.x URN)
_VOCABS: Mapping[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "bizStep": (
        BIZ_STEPS,
        (CBV_NS + "BizStep-", "http://ref.gs1.org/cbv/BizStep-", "urn:epcglobal:cbv:bizstep:"),
    ),
    "disposition": (
        DISPOSITIONS,
        (CBV_NS + "Disp-", "http://ref.gs1.org/cbv/Disp-", "urn:epcglobal:cbv:disp:"),
    ),
    "bizTransactionType": (
        BIZ_TRANSACTION_TYPES,
        (CBV_NS + "BTT-", "http://ref.gs1.org/cbv/BTT-", "urn:epcglobal:cbv:btt:"),
    ),
    "sourceDestType": (
        SOURCE_DEST_TYPES,
        (CBV_NS + "SDT-", "http://ref.gs1.org/cbv/SDT-", "urn:epcglobal:cbv:sdt:"),
    ),
}

# URI schemes that are never JSON-LD prefixes, whatever a context says.
_SCHEMES = frozenset({"urn", "http", "https"})


class Context:
    """The prefixes in force for a document (or one event with its own @context)."""

    __slots__ = ("_expanded", "_terms", "ext_keys", "prefixes", "standard")

    def __init__(self, prefixes: Mapping[str, str], *, standard: bool) -> None:
        self.prefixes = dict(prefixes)
        self.standard = standard
        """True when the EPCIS context is among the contexts (or the binding is XML)."""
        self._terms: dict[str, dict[str, tuple[str, bool]]] = {vocab: {} for vocab in _VOCABS}
        self._expanded: dict[str, str] = {}
        self.ext_keys = {key: name for key, name in self._greenlane_keys()}
        """Key as written in the document -> greenlane extension field name."""

    def _greenlane_keys(self) -> list[tuple[str, str]]:
        names = [p for p, iri in self.prefixes.items() if iri == GREENLANE_NS]
        keys = [(GREENLANE_NS + field, field) for field in EXTENSION_FIELDS]
        keys += [(f"{p}:{field}", field) for p in names for field in EXTENSION_FIELDS]
        return keys

    @classmethod
    def from_jsonld(cls, value: Any, where: str, base: Context | None = None) -> Context:
        """Prefixes from an @context: a URL, an object of term definitions, or a list of both."""
        prefixes = dict(base.prefixes if base else STANDARD_PREFIXES)
        standard = base.standard if base else False
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, str):
                standard = standard or "epcis-context" in item
            elif isinstance(item, dict):
                for term, definition in item.items():
                    if term.startswith("@"):
                        continue
                    if isinstance(definition, str):
                        prefixes[term] = definition
                    elif isinstance(definition, dict) and isinstance(definition.get("@id"), str):
                        prefixes[term] = definition["@id"]
            elif item is not None:
                at = f"{where}/{i}" if isinstance(value, list) else where
                raise context_error(at)
        return cls(prefixes, standard=standard)

    def expand(self, value: str) -> str:
        """A compact IRI (``prefix:suffix``) with its prefix replaced; anything else unchanged."""
        found = self._expanded.get(value)
        if found is None:
            found = value
            prefix, colon, rest = value.partition(":")
            if colon and prefix not in _SCHEMES and not rest.startswith("//"):
                iri = self.prefixes.get(prefix)
                if iri is not None:
                    found = iri + rest
            self._expanded[value] = found
        return found

    def term(self, vocab: str, value: str) -> tuple[str, bool]:
        """(CBV term, True) for a standard value in any of its forms, else (expanded IRI, False)."""
        cache = self._terms[vocab]
        found = cache.get(value)
        if found is None:
            found = cache[value] = _classify(vocab, self.expand(value))
        return found


def _classify(vocab: str, iri: str) -> tuple[str, bool]:
    terms, forms = _VOCABS[vocab]
    if iri in terms:
        return iri, True
    for form in forms:
        if iri.startswith(form) and iri[len(form) :] in terms:
            return iri[len(form) :], True
    return iri, False


def local_name(iri: str) -> str:
    """The last part of an IRI (after ``/``, ``#`` or ``:``): ``DoorOpen`` of ``ex:DoorOpen``."""
    cut = max(iri.rfind("/"), iri.rfind("#"), iri.rfind(":"))
    return iri[cut + 1 :]


def context_error(where: str) -> ParseError:
    return parse_error(
        FORMAT,
        "@context entry is neither a URL nor an object",
        where=where,
        expected="a context URL, an object of term definitions, or a list of them",
    )
