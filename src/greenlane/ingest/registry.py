"""The adapters greenlane knows, in the order format detection tries them."""

from __future__ import annotations

from greenlane.errors import ConfigurationError
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
