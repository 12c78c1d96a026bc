"""Case files from a frame source: the shipments, their findings and history as it holds them.

The source is the database (``greenlane.store.frames.StoreFrames``) or a folder of Parquet frames
(``greenlane.store.parquet.ParquetFrames``); the same code builds the case files from either.
Visibility is built from the events; goods findings and screening hits are those the source holds
(the last runs of ``greenlane goods assess`` and ``greenlane screen``, so a shipment that was
never assessed or screened simply has none) unless the caller gives its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from greenlane.domain.frames import FrameSource
from greenlane.risk.assemble import assemble
from greenlane.risk.casefile import CaseFiles
from greenlane.visibility.batch import build_visibility, build_visibility_in_parts
from greenlane.visibility.frames import declared_from_frames

EVENTS_PER_PART = 1_000_000
"""Visibility runs over this many events at a time at most (a container never spans two)."""

PRE_LOADING_FILINGS = ("cargo_declaration", "importer_security_filing")
"""What customs holds before the box is loaded abroad: the carrier's entry summary (manifest)
and the importer's security filing. The entry comes at arrival."""


@dataclass(frozen=True, slots=True)
class Observed:
    """What visibility found that the case files read."""

    trips: pl.DataFrame
    seal_states: pl.DataFrame
    findings: pl.DataFrame


def observe(events: pl.DataFrame, readings: pl.DataFrame, declared: pl.DataFrame) -> Observed:
    """Visibility over the events, in parts of at most EVENTS_PER_PART events."""
    parts = -(-events.height // EVENTS_PER_PART)
    if parts <= 1:
        built = [build_visibility(events, readings, declared)]
    else:
        built = list(build_visibility_in_parts(events, readings, declared, parts))
    return Observed(
        trips=pl.concat([b.trips for b in built]),
        seal_states=pl.concat([b.seal_states for b in built]),
        findings=pl.concat([b.findings for b in built]),
    )


def observe_source(frames: FrameSource) -> Observed:
    """``observe`` over every event of the source, against its declared routes."""
    declared = declared_from_frames(frames.filings(), frames.goods_lines())
    return observe(frames.events(), frames.seal_readings(), declared)


def _known_before_loading(filings: pl.DataFrame) -> pl.DataFrame:
    """Per bill, when its first cargo declaration came in: what is known before loading is what
    was filed or reported by then (ICS2: the assessment between the entry summary and loading)."""
    return (
        filings.filter(pl.col("filing_type") == "cargo_declaration")
        .group_by("master_bill")
        .agg(known_at=pl.col("filed_at").min())
    )


def case_files(
    frames: FrameSource,
    *,
    before_loading: bool = False,
    observed: Observed | None = None,
    goods: pl.DataFrame | None = None,
    hits: pl.DataFrame | None = None,
) -> CaseFiles:
    """The case files of every shipment of ``frames``; ``before_loading`` keeps only what was
    known when its first cargo declaration came in (filings, events, goods findings of the
    manifest and the ISF), for the referral before loading. ``observed``, ``goods`` and ``hits``
    replace what visibility would find and the goods findings and hits the source holds."""
    filings = frames.filings()
    lines = frames.goods_lines()
    parties = frames.parties()
    goods = frames.goods_findings() if goods is None else goods
    hits = frames.screening_hits() if hits is None else hits
    inspections = frames.inspections().filter(pl.col("bill_of_lading").is_not_null())
    if before_loading:
        if observed is not None:
            raise ValueError("before loading, visibility sees only the events known by then")
        known = _known_before_loading(filings)
        early = pl.col("filing_type").is_in(PRE_LOADING_FILINGS)
        filings = filings.join(known, on="master_bill").filter(
            early & (pl.col("filed_at") <= pl.col("known_at"))
        )
        lines = lines.join(known, on="master_bill").filter(
            early & (pl.col("filed_at") <= pl.col("known_at"))
        )
        parties = parties.filter(early)
        goods = goods.join(
            lines.select("master_bill", "filing").unique(), on=["master_bill", "filing"], how="semi"
        )
        events = (
            frames.events()
            .join(known.rename({"master_bill": "bill_of_lading"}), on="bill_of_lading", how="left")
            .filter(pl.col("known_at").is_null() | (pl.col("occurred_at") <= pl.col("known_at")))
        )
        readings = frames.seal_readings().join(
            events.select("source", "event_id"), on=["source", "event_id"], how="semi"
        )
        lines, filings, events = (
            lines.drop("known_at"),
            filings.drop("known_at"),
            events.drop("known_at"),
        )
        # Declared routes from every filing, as the store path always read them.
        declared = declared_from_frames(frames.filings(), frames.goods_lines())
        observed = observe(events, readings, declared)
    elif observed is None:
        observed = observe_source(frames)
    return assemble(
        filings=filings,
        lines=lines,
        parties=parties,
        trips=observed.trips,
        seal_states=observed.seal_states,
        visibility=observed.findings,
        goods=goods,
        hits=hits,
        inspections=inspections,
        memberships=frames.memberships(),
        ports=frames.ports(),
    )
