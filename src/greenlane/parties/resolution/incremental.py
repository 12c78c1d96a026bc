"""Incremental resolution: a new filing's parties against the known entities, without a rerun.

``EntityIndex`` holds the variants of a batch resolution on a Splink linker. ``match`` compares
each new party with them (Splink's ``predict_between``, the same model, blocking and keys as the
batch) and decides as the batch would: the strongest link at the model's threshold to an entity
whose identifiers do not conflict, else (for a name without address or identifier) the one
entity its weaker links lead to, else a new entity named after the record. A party written
exactly as a known variant joins that variant's entity at once. With ``add`` (the default) the
new variants join the index, so the next filing can match them.

What it does not do: two known entities that a new record shows to be one are not merged (the
record joins the older and names the other in ``also_links``); that takes a batch rerun, which
keeps the older entity's id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import polars as pl

from greenlane.parties.resolution import splink_run
from greenlane.parties.resolution.batch import EVIDENCE_FLOOR, Resolution, entity_id
from greenlane.parties.resolution.cluster import near, schemes
from greenlane.parties.resolution.features import VARIANTS, record_features, variants

if TYPE_CHECKING:
    from splink import Linker
    from splink.internals.splink_dataframe import SplinkDataFrame

MATCHES: dict[str, pl.DataType] = {
    "record_key": pl.String(),
    "entity_id": pl.String(),
    "new_entity": pl.Boolean(),
    "how": pl.String(),
    "unique_id": pl.String(),
    "matched_unique_id": pl.String(),
    "also_links": pl.List(pl.String()),
    **{k: v for k, v in splink_run.evidence_schema().items() if k not in ("unique_id_l",)},
}
"""One row per new record: its entity, whether that entity is new, ``how`` it was decided
(``known_variant``, ``linked``, ``attached``, ``new``), the evidence of the deciding link, and
``also_links``: other known entities it links to as strongly (the record says they are one; a
batch rerun merges them under the oldest id, which is the one given here)."""


class EntityIndex:
    """The known variants and their entities, ready to take new party records."""

    def __init__(self, resolution: Resolution, *, threads: int | None = None) -> None:
        self.model = resolution.model
        self.vocabulary = resolution.vocabulary
        self.entity_of: dict[str, str] = dict(
            zip(
                resolution.variants["unique_id"].to_list(),
                resolution.variants["entity_id"].to_list(),
                strict=True,
            )
        )
        self.ids: dict[str, dict[str, set[str]]] = {}
        for uid, ids in zip(
            resolution.variants["unique_id"].to_list(),
            resolution.variants["ids"].to_list(),
            strict=True,
        ):
            self._remember(self.entity_of[uid], ids)
        firsts = resolution.entities.select("entity_id", "first_seen", "first_record")
        self.first: dict[str, tuple[Any, str]] = {e: (t, k) for e, t, k in firsts.iter_rows()}
        self._db = splink_run.duckdb_api(threads)
        known = resolution.variants.select(list(VARIANTS))
        self._linker, table = splink_run.linker(self._db, known, self.model, resolution.address_tf)
        self._tables: list[SplinkDataFrame] = [table]
        self._pending: SplinkDataFrame = table
        self._added: list[pl.DataFrame] = []

    @property
    def linker(self) -> Linker:
        return self._linker

    def _remember(self, entity: str, ids: Iterable[str] | None) -> None:
        held = self.ids.setdefault(entity, {})
        for scheme, values in schemes(ids).items():
            held.setdefault(scheme, set()).update(values)

    def _conflicts(self, entity: str, ids: Iterable[str] | None) -> bool:
        held = self.ids.get(entity, {})
        return any(
            scheme in held and not any(near(x, y) for x in values for y in held[scheme])
            for scheme, values in schemes(ids).items()
        )

    def _links(self, new: pl.DataFrame) -> pl.DataFrame:
        """Scored links of the new variants to the known ones and among themselves, as
        (``unique_id``: the new variant, ``matched_unique_id``: the other)."""
        table = splink_run.register(self._db, new.select(list(VARIANTS)))
        infer = self._linker.inference
        between = infer.predict_between(
            self._tables, table, threshold_match_probability=EVIDENCE_FLOOR, warning_mode="never"
        )
        ev = splink_run.evidence(splink_run.to_polars(between))
        # The known side is the left one.
        parts = [ev.rename({"unique_id_l": "matched_unique_id", "unique_id_r": "unique_id"})]
        if new.height > 1:
            within = infer.predict_within(
                table, threshold_match_probability=EVIDENCE_FLOOR, warning_mode="never"
            )
            ew = splink_run.evidence(splink_run.to_polars(within))
            parts.append(
                ew.rename({"unique_id_l": "matched_unique_id", "unique_id_r": "unique_id"})
            )
            parts.append(
                ew.rename({"unique_id_r": "matched_unique_id", "unique_id_l": "unique_id"})
            )
        self._pending = table
        return pl.concat(parts, how="diagonal")

    def _age(self, entity: str) -> tuple[bool, Any, str]:
        seen, key = self.first.get(entity, (None, entity))
        return (seen is None, seen, key)

    def _decide(self, ids: Any, is_thin: bool, links: pl.DataFrame) -> dict[str, Any]:
        """Where one new variant goes, given its links to variants already placed."""
        model = self.model
        links = links.with_columns(
            entity_id=pl.col("matched_unique_id").replace_strict(
                self.entity_of, default=None, return_dtype=pl.String
            )
        ).filter(pl.col("entity_id").is_not_null())
        links = links.sort(["match_weight", "matched_unique_id"], descending=[True, False])
        strong = [
            row
            for row in links.filter(pl.col("match_probability") >= model.threshold).iter_rows(
                named=True
            )
            if not self._conflicts(row["entity_id"], ids)
        ]
        if strong:
            # Links to several entities: the record shows them to be one. Join the oldest, as
            # a batch rerun would (it keeps the oldest id), and name the others.
            entities = {row["entity_id"] for row in strong}
            oldest = min(entities, key=self._age)
            row = next(r for r in strong if r["entity_id"] == oldest)
            also = sorted(entities - {oldest})
            return {**row, "how": "linked", "also_links": also or None}
        if is_thin:
            band = links.filter(pl.col("match_probability") >= model.attach)
            entities = set(band["entity_id"].to_list())
            if len(entities) == 1:
                row = band.row(0, named=True)
                if not self._conflicts(row["entity_id"], ids):
                    return {**row, "how": "attached"}
        return {"how": "new"}

    def match(self, records: pl.DataFrame, *, add: bool = True) -> pl.DataFrame:
        """The entity of each record (``features.PARTY_RECORDS``), one row per record
        (MATCHES). Records are placed in ``seen_at`` then ``record_key`` order, so a company
        new to the index and written twice in one call is one new entity. Without ``add`` the
        index is left as it was."""
        feats = record_features(records).sort(["seen_at", "record_key"], nulls_last=True)
        if feats.height == 0:
            return pl.DataFrame(schema=MATCHES)
        var = variants(feats, self.vocabulary)
        fresh = [u not in self.entity_of for u in var["unique_id"].to_list()]
        unknown = var.filter(pl.Series(fresh, dtype=pl.Boolean))
        links = self._links(unknown) if unknown.height else None
        saved = None
        if not add:
            saved = (
                dict(self.entity_of),
                {e: {k: set(v) for k, v in d.items()} for e, d in self.ids.items()},
                dict(self.first),
            )
        rows = {r["unique_id"]: r for r in var.iter_rows(named=True)}
        decided: dict[str, dict[str, Any]] = {}
        out: list[dict[str, Any]] = []
        for rec in feats.select("record_key", "unique_id", "seen_at").iter_rows(named=True):
            uid = rec["unique_id"]
            if uid not in decided:
                decided[uid] = self._place(uid, rows[uid], rec, links)
            out.append({**decided[uid], "record_key": rec["record_key"], "unique_id": uid})
        if saved is not None:
            self.entity_of, self.ids, self.first = saved
        elif unknown.height:
            self._keep(unknown)
        return pl.DataFrame(out, schema=MATCHES).sort("record_key")

    def _keep(self, new: pl.DataFrame) -> None:
        """Add new variants to the index; every few calls, as one table (Splink reads each
        table of the known side on every call)."""
        self._added.append(new.select(list(VARIANTS)))
        self._tables.append(self._pending)
        if len(self._tables) > 4:
            merged = pl.concat(self._added)
            self._added = [merged]
            self._tables = [self._tables[0], splink_run.register(self._db, merged)]

    def _place(
        self, uid: str, row: dict[str, Any], rec: dict[str, Any], links: pl.DataFrame | None
    ) -> dict[str, Any]:
        if uid in self.entity_of:
            return {"entity_id": self.entity_of[uid], "new_entity": False, "how": "known_variant"}
        assert links is not None
        mine = links.filter(pl.col("unique_id") == uid)
        is_thin = row["address_norm"] is None and row["ids"] is None
        found = self._decide(row["ids"], is_thin, mine)
        if found["how"] == "new":
            found = {"how": "new", "entity_id": entity_id(rec["record_key"]), "new_entity": True}
            self.first[found["entity_id"]] = (rec["seen_at"], rec["record_key"])
        else:
            found = {**found, "new_entity": False}
        self.entity_of[uid] = found["entity_id"]
        self._remember(found["entity_id"], row["ids"])
        return {k: v for k, v in found.items() if k in MATCHES and k != "unique_id"}
