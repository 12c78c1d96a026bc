"""The application layer: one function per verb over a ``Database``.

The command line, the service and the Spark runner call these functions and nothing below them,
so a shipment is ingested, screened, assessed and explained the same way wherever it is asked.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from greenlane.app.database import connect, table_counts
    from greenlane.app.entities import Resolution, WideEntity, resolve_entities
    from greenlane.app.goods import GoodsAssessment, assess_goods, goods_findings
    from greenlane.app.identifiers import IDENTIFIER_KINDS, check_identifier
    from greenlane.app.messages import (
        QuarantinedMessage,
        ingest,
        message_files,
        quarantined,
        quarantined_message,
        retry,
    )
    from greenlane.app.parties import ShipmentParties, entity_records, parties_of
    from greenlane.app.profiles import profile_changes, rule_profile
    from greenlane.app.visibility import journey, place, seals
    from greenlane.ingest.batch import IngestReport
    from greenlane.risk.profiles import Profile, ProfileDiff, Rule
    from greenlane.store import Database
    from greenlane.visibility.documents import journey_document, seals_document
    from greenlane.visibility.report import Row, TripReport

# Where each public name lives: imported on first use, so that a command pays only for the
# stages it runs (the entity resolver alone takes seconds to import).
_WHERE = {
    "Database": "greenlane.store",
    "GoodsAssessment": "greenlane.app.goods",
    "IDENTIFIER_KINDS": "greenlane.app.identifiers",
    "IngestReport": "greenlane.ingest.batch",
    "Profile": "greenlane.risk.profiles",
    "ProfileDiff": "greenlane.risk.profiles",
    "QuarantinedMessage": "greenlane.app.messages",
    "Resolution": "greenlane.app.entities",
    "Row": "greenlane.visibility.report",
    "Rule": "greenlane.risk.profiles",
    "ShipmentParties": "greenlane.app.parties",
    "TripReport": "greenlane.visibility.report",
    "WideEntity": "greenlane.app.entities",
    "assess_goods": "greenlane.app.goods",
    "check_identifier": "greenlane.app.identifiers",
    "connect": "greenlane.app.database",
    "entity_records": "greenlane.app.parties",
    "goods_findings": "greenlane.app.goods",
    "ingest": "greenlane.app.messages",
    "journey": "greenlane.app.visibility",
    "journey_document": "greenlane.visibility.documents",
    "message_files": "greenlane.app.messages",
    "parties_of": "greenlane.app.parties",
    "place": "greenlane.app.visibility",
    "profile_changes": "greenlane.app.profiles",
    "quarantined": "greenlane.app.messages",
    "quarantined_message": "greenlane.app.messages",
    "resolve_entities": "greenlane.app.entities",
    "retry": "greenlane.app.messages",
    "rule_profile": "greenlane.app.profiles",
    "seals": "greenlane.app.visibility",
    "seals_document": "greenlane.visibility.documents",
    "table_counts": "greenlane.app.database",
}
__all__ = [
    "IDENTIFIER_KINDS",
    "Database",
    "GoodsAssessment",
    "IngestReport",
    "Profile",
    "ProfileDiff",
    "QuarantinedMessage",
    "Resolution",
    "Row",
    "Rule",
    "ShipmentParties",
    "TripReport",
    "WideEntity",
    "assess_goods",
    "check_identifier",
    "connect",
    "entity_records",
    "goods_findings",
    "ingest",
    "journey",
    "journey_document",
    "message_files",
    "parties_of",
    "place",
    "profile_changes",
    "quarantined",
    "quarantined_message",
    "resolve_entities",
    "retry",
    "rule_profile",
    "seals",
    "seals_document",
    "table_counts",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
