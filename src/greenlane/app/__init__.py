"""The application layer: one function per verb over a ``Database``.

The command line, the service and the Spark runner call these functions and nothing below them,
so a shipment is ingested, screened, assessed and explained the same way wherever it is asked.
"""

from greenlane.app.database import connect, table_counts
from greenlane.app.entities import Resolution, WideEntity, resolve_entities
from greenlane.app.goods import GoodsAssessment, assess_goods, goods_findings
from greenlane.app.identifiers import IDENTIFIER_KINDS, check_identifier
from greenlane.app.ingest import (
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
