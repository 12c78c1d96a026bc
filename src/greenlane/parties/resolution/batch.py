"""Batch resolution: every party record to an entity with a stable id, and the evidence.

``resolve`` normalises the records, compares their distinct variants on Splink, joins them
strongest link first without ever joining two holders of different identifiers (``cluster``),
and names each entity after its earliest record: ``entity_id`` is a hash of that record's key.
The same records give the same ids in any order and in any run; when later records join an
entity its id stays, and when two entities merge the older one's id survives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from greenlane.parties.resolution import splink_run
from greenlane.parties.resolution.cluster import cluster
from greenlane.parties.resolution.features import (
    Vocabulary,
    address_frequencies,
    record_features,
    thin,
    variants,
    vocabulary,
)
from greenlane.parties.resolution.model import Model
from greenlane.parties.resolution.trained import MODEL

if TYPE_CHECKING:
    from splink.internals.database_api import DatabaseAPI

EVIDENCE_FLOOR = 0.5
"""Pairs scored below this match probability are not kept as evidence."""


def entity_id(record_key: str) -> str:
    """The id of the entity first seen in ``record_key``."""
    return "pty-" + hashlib.blake2b(record_key.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Resolution:
    records: pl.DataFrame
    """``record_key``, ``unique_id`` (the record's variant), ``entity_id``, ``seen_at``."""
    entities: pl.DataFrame
    """One row per entity (ENTITIES)."""
    links: pl.DataFrame
    """Every scored pair of variants at or above ``EVIDENCE_FLOOR``: match weight and
    probability, per comparison the level reached and its weight, the ``outcome`` (merged,
    same_group, refused_identifier_conflict, below_threshold) and the entities of both sides."""
    variants: pl.DataFrame
    """The comparison columns of each variant with its ``entity_id`` (the incremental index)."""
    vocabulary: Vocabulary
    """The word counts the blocking keys and common words were computed from."""
    address_tf: pl.DataFrame
    model: Model


ENTITIES: dict[str, pl.DataType] = {
    "entity_id": pl.String(),
    "name": pl.String(),
    "country": pl.String(),
    "identifiers": pl.List(pl.String()),
    "records": pl.UInt32(),
    "variants": pl.UInt32(),
    "first_seen": pl.Datetime("us", "UTC"),
    "first_record": pl.String(),
}
"""An entity: its most written name and country, every identifier its records carry, how many
records and variants, and its first record (whose key its id is made from)."""


def name_entities(features: pl.DataFrame, group: Mapping[str, str]) -> pl.DataFrame:
    """``record_key``, ``unique_id``, ``entity_id``, ``seen_at``: each group named after its
    earliest record (by ``seen_at``, then ``record_key``)."""
    keyed = features.select("record_key", "unique_id", "seen_at").with_columns(
        group=pl.col("unique_id").replace_strict(dict(group), return_dtype=pl.String)
    )
    first = (
        keyed.sort(["seen_at", "record_key"], nulls_last=True)
        .group_by("group", maintain_order=True)
        .first()
        .select("group", first_key="record_key")
    )
    names = {g: entity_id(k) for g, k in zip(first["group"], first["first_key"], strict=True)}
    return keyed.select(
        "record_key",
        "unique_id",
        entity_id=pl.col("group").replace_strict(names, return_dtype=pl.String),
        seen_at="seen_at",
    ).sort("record_key")


def entities(features: pl.DataFrame, named: pl.DataFrame) -> pl.DataFrame:
    """ENTITIES of records named by ``name_entities``."""
    rows = named.join(features.select("record_key", "name", "country", "ids"), on="record_key")
    ordered = rows.sort(["seen_at", "record_key"], nulls_last=True)

    def most(col: str) -> pl.Expr:
        """The most written value; of several, the one written first."""
        c = pl.col(col)
        return c.filter(c.is_in(c.drop_nulls().mode().implode())).first()

    out = ordered.group_by("entity_id", maintain_order=True).agg(
        most("name").alias("name"),
        most("country").alias("country"),
        pl.col("ids")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .drop_nulls()
        .unique()
        .sort()
        .alias("identifiers"),
        pl.len().alias("records"),
        pl.col("unique_id").n_unique().alias("variants"),
        pl.col("seen_at").first().alias("first_seen"),
        pl.col("record_key").first().alias("first_record"),
    )
    return out.select(pl.col(k).cast(t) for k, t in ENTITIES.items()).sort("entity_id")


def resolve(
    records: pl.DataFrame,
    model: Model | None = None,
    *,
    threads: int | None = None,
    database: DatabaseAPI[Any] | None = None,
) -> Resolution:
    """Entities of party records (``features.PARTY_RECORDS``) under ``model`` (the trained
    default when None), scored on ``database`` (a Splink ``DatabaseAPI``: ``SparkAPI`` at scale;
    an in-memory DuckDB when None)."""
    model = model or MODEL
    features = record_features(records)
    vocab = vocabulary(features.unique("unique_id"))
    var = variants(features, vocab)
    tf = address_frequencies(var)
    if var.height > 1:
        scored = splink_run.predict(
            var, model, min_probability=EVIDENCE_FLOOR, threads=threads, database=database
        )
    else:
        scored = pl.DataFrame(schema=splink_run.evidence_schema())
    ids = dict(zip(var["unique_id"].to_list(), var["ids"].to_list(), strict=True))
    groups, links = cluster(
        var["unique_id"].to_list(), ids, scored, model.threshold, model.attach, thin(var)
    )
    named = name_entities(features, groups)
    of = dict(zip(named["unique_id"].to_list(), named["entity_id"].to_list(), strict=False))
    links = links.with_columns(
        entity_id_l=pl.col("unique_id_l").replace_strict(of, return_dtype=pl.String),
        entity_id_r=pl.col("unique_id_r").replace_strict(of, return_dtype=pl.String),
    )
    var = var.with_columns(entity_id=pl.col("unique_id").replace_strict(of, return_dtype=pl.String))
    return Resolution(named, entities(features, named), links, var, vocab, tf, model)
