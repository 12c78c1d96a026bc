"""The adapters greenlane knows, in the order format detection tries them."""

from __future__ import annotations

from greenlane.errors import ConfigurationError, ParseError
from greenlane.ingest.base import Adapter
from greenlane.ingest.dcsa import ADAPTER as DCSA
from greenlane.ingest.edifact import ADAPTER as EDIFACT
from greenlane.ingest.epcis import ADAPTER as EPCIS
from greenlane.ingest.native import ADAPTER as NATIVE
from greenlane.ingest.x12 import ADAPTER as X12


def adapters() -> tuple[Adapter, ...]:
    # Native first: its marker key is unambiguous; the standards follow.
    return (NATIVE, DCSA, EPCIS, EDIFACT, X12)


def adapter_named(name: str) -> Adapter:
    for adapter in adapters():
        if adapter.name == name:
            return adapter
    known = ", ".join(a.name for a in adapters())
    raise ConfigurationError(f"unknown format {name!r}", expected=f"one of {known}")


def detect(content: bytes) -> Adapter | None:
    return next((a for a in adapters() if a.detect(content)), None)


def near_miss(content: bytes) -> ParseError | None:
    """For bytes no adapter detected: an adapter that recognises a damaged message of its own
    format (``near_miss``) names what is wrong, instead of "format not recognised"."""
    for adapter in adapters():
        check = getattr(adapter, "near_miss", None)
        try:
            found = check(content) if check is not None else None
        except Exception:  # a diagnosis is a courtesy: failing it leaves "not recognised"
            found = None
        if isinstance(found, ParseError):
            return found
    return None
