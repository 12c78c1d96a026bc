"""Entity resolution of trade parties across filings and over time.

Batch: ``resolve(records)`` gives every party record a stable entity id and keeps the evidence
of every link (Splink on DuckDB here; the settings are backend-neutral). Incremental:
``EntityIndex(resolution).match(new_records)`` places a new filing's parties without a rerun.
Records are ``PARTY_RECORDS`` frames; ``greenlane.parties.roles.party_records`` makes them from
filings.
"""

from greenlane.parties.resolution.batch import ENTITIES, Resolution, entity_id, resolve
from greenlane.parties.resolution.features import PARTY_RECORDS
from greenlane.parties.resolution.incremental import MATCHES, EntityIndex
from greenlane.parties.resolution.model import Model
from greenlane.parties.resolution.splink_run import explain, train
from greenlane.parties.resolution.trained import MODEL

__all__ = [
    "ENTITIES",
    "MATCHES",
    "MODEL",
    "PARTY_RECORDS",
    "EntityIndex",
    "Model",
    "Resolution",
    "entity_id",
    "explain",
    "resolve",
    "train",
]
