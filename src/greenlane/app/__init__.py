"""The application layer: one function per verb over a ``Database``.

The command line, the service and the Spark runner call these functions and nothing below them,
so a shipment is ingested, screened, assessed and explained the same way wherever it is asked.
docs/api.md shows them in use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from greenlane.app.assessment import (
        AssessReport,
        ModelProbabilities,
        Period,
        assess,
        backtest,
        decision,
        selection_policy,
    )
    from greenlane.app.database import connect, table_counts
    from greenlane.app.entities import Resolution, WideEntity, resolve_entities
    from greenlane.app.goods import (
        GoodsAssessment,
        HeadingGuess,
        assess_goods,
        classify_goods,
        goods_findings,
    )
    from greenlane.app.identifiers import IDENTIFIER_KINDS, check_identifier
    from greenlane.app.messages import (
        QuarantinedMessage,
        ingest_files,
        message_files,
        quarantined,
        quarantined_message,
        refused_messages,
        retry,
    )
    from greenlane.app.models import (
        DataSource,
        Declarations,
        evaluate_model,
        load_declarations,
        model_card,
        model_drift,
        model_probabilities,
        score_with_model,
        simulate_exploration,
        train_model,
    )
    from greenlane.app.parties import ShipmentParties, entity_records, parties_of
    from greenlane.app.pipeline import Decisions, decide
    from greenlane.app.profiles import ProfileChoice, choose_profile, profile_changes
    from greenlane.app.programs import (
        eligibility,
        load_programs,
        path_to_green_lane,
        resume,
        show_programs,
    )
    from greenlane.app.screening import (
        ListLoad,
        Screening,
        ShipmentHits,
        load_list,
        screen_all,
        screen_open,
        screen_shipments,
        shipment_hits,
        watch_lists,
    )
    from greenlane.app.visibility import journey, place, seals
    from greenlane.ingest.batch import IngestReport
    from greenlane.risk.profiles import Profile, ProfileDiff, Rule
    from greenlane.store import Database
    from greenlane.visibility.documents import journey_document, seals_document
    from greenlane.visibility.report import Row, TripReport

# Where each public name lives: imported on first use, so that a command pays only for the
# stages it runs (the entity resolver alone takes seconds to import). No submodule may share
# a public name: importing it would bind the module over the name.
_WHERE = {
    "AssessReport": "greenlane.app.assessment",
    "DataSource": "greenlane.app.models",
    "Database": "greenlane.store",
    "Decisions": "greenlane.app.pipeline",
    "Declarations": "greenlane.app.models",
    "GoodsAssessment": "greenlane.app.goods",
    "HeadingGuess": "greenlane.app.goods",
    "IDENTIFIER_KINDS": "greenlane.app.identifiers",
    "IngestReport": "greenlane.ingest.batch",
    "ListLoad": "greenlane.app.screening",
    "ModelProbabilities": "greenlane.app.assessment",
    "Period": "greenlane.app.assessment",
    "Profile": "greenlane.risk.profiles",
    "ProfileChoice": "greenlane.app.profiles",
    "ProfileDiff": "greenlane.risk.profiles",
    "QuarantinedMessage": "greenlane.app.messages",
    "Resolution": "greenlane.app.entities",
    "Row": "greenlane.visibility.report",
    "Rule": "greenlane.risk.profiles",
    "Screening": "greenlane.app.screening",
    "ShipmentHits": "greenlane.app.screening",
    "ShipmentParties": "greenlane.app.parties",
    "TripReport": "greenlane.visibility.report",
    "WideEntity": "greenlane.app.entities",
    "assess": "greenlane.app.assessment",
    "assess_goods": "greenlane.app.goods",
    "classify_goods": "greenlane.app.goods",
    "backtest": "greenlane.app.assessment",
    "check_identifier": "greenlane.app.identifiers",
    "choose_profile": "greenlane.app.profiles",
    "connect": "greenlane.app.database",
    "decide": "greenlane.app.pipeline",
    "decision": "greenlane.app.assessment",
    "eligibility": "greenlane.app.programs",
    "entity_records": "greenlane.app.parties",
    "evaluate_model": "greenlane.app.models",
    "goods_findings": "greenlane.app.goods",
    "ingest_files": "greenlane.app.messages",
    "journey": "greenlane.app.visibility",
    "journey_document": "greenlane.visibility.documents",
    "load_declarations": "greenlane.app.models",
    "load_list": "greenlane.app.screening",
    "load_programs": "greenlane.app.programs",
    "message_files": "greenlane.app.messages",
    "model_card": "greenlane.app.models",
    "model_drift": "greenlane.app.models",
    "model_probabilities": "greenlane.app.models",
    "parties_of": "greenlane.app.parties",
    "path_to_green_lane": "greenlane.app.programs",
    "place": "greenlane.app.visibility",
    "profile_changes": "greenlane.app.profiles",
    "quarantined": "greenlane.app.messages",
    "quarantined_message": "greenlane.app.messages",
    "refused_messages": "greenlane.app.messages",
    "resolve_entities": "greenlane.app.entities",
    "resume": "greenlane.app.programs",
    "retry": "greenlane.app.messages",
    "score_with_model": "greenlane.app.models",
    "screen_all": "greenlane.app.screening",
    "screen_open": "greenlane.app.screening",
    "screen_shipments": "greenlane.app.screening",
    "seals": "greenlane.app.visibility",
    "seals_document": "greenlane.visibility.documents",
    "selection_policy": "greenlane.app.assessment",
    "shipment_hits": "greenlane.app.screening",
    "show_programs": "greenlane.app.programs",
    "simulate_exploration": "greenlane.app.models",
    "table_counts": "greenlane.app.database",
    "train_model": "greenlane.app.models",
    "watch_lists": "greenlane.app.screening",
}
__all__ = [
    "IDENTIFIER_KINDS",
    "AssessReport",
    "DataSource",
    "Database",
    "Decisions",
    "Declarations",
    "GoodsAssessment",
    "HeadingGuess",
    "IngestReport",
    "ListLoad",
    "ModelProbabilities",
    "Period",
    "Profile",
    "ProfileChoice",
    "ProfileDiff",
    "QuarantinedMessage",
    "Resolution",
    "Row",
    "Rule",
    "Screening",
    "ShipmentHits",
    "ShipmentParties",
    "TripReport",
    "WideEntity",
    "assess",
    "assess_goods",
    "backtest",
    "check_identifier",
    "choose_profile",
    "classify_goods",
    "connect",
    "decide",
    "decision",
    "eligibility",
    "entity_records",
    "evaluate_model",
    "goods_findings",
    "ingest_files",
    "journey",
    "journey_document",
    "load_declarations",
    "load_list",
    "load_programs",
    "message_files",
    "model_card",
    "model_drift",
    "model_probabilities",
    "parties_of",
    "path_to_green_lane",
    "place",
    "profile_changes",
    "quarantined",
    "quarantined_message",
    "refused_messages",
    "resolve_entities",
    "resume",
    "retry",
    "score_with_model",
    "screen_all",
    "screen_open",
    "screen_shipments",
    "seals",
    "seals_document",
    "selection_policy",
    "shipment_hits",
    "show_programs",
    "simulate_exploration",
    "table_counts",
    "train_model",
    "watch_lists",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
