"""Seal chain of custody: which seals each container carried, and whether the chain held.

For every trip (one container under one bill of lading) the seals read at stuffing are followed
through every later reading. Each reading gets a verdict:

- ``first``: read by the first event of the trip that read a seal (normally the stuffing);
- ``same``: a number already read since the last authorised change;
- ``changed_with_authority``: a new number after a seal removal or inspection, read at a reseal
  or affixed by customs;
- ``changed_without_authority``: a new number with no such authority since the previous reading;
- ``unreadable``: a placeholder such as ``SI`` or ``string`` that holds no digit;
- ``misread``, ``added``, ``unconfirmed``: a new number that the rest of the trip shows to be a
  reading slip, a second seal beside the first, or a slip or a swap that nothing later tells
  apart (``greenlane.visibility.seal_lookalikes``).

Messages often leave seals out, so a number missing from one reading and back in the next is no
change: only a number not read since the last authorised change is. Numbers are compared after
normalising (case, spaces and punctuation, leading zeros), so ``0411297`` is ``411297``.

Everything is column-wise over one frame of events in trip order: an event's position is its
row, "the last X before this event" is a forward fill, per-trip figures are binary searches in
sorted positions, and the seals of an event are a list column cut from the readings by offsets.
Nothing loops over trips or events in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, cast

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from greenlane.domain.codes import EventType, SealAffixer
from greenlane.visibility.seal_findings import (
    STATES,
    change_findings,
    condition_findings,
    door_findings,
    look_alike_findings,
    state_table,
    take,
    trip_bill,
    unverified_findings,
)
from greenlane.visibility.seal_lookalikes import look_alikes
from greenlane.visibility.trips import CONDITION_RANK, Trips

E = EventType
CUSTODY = frozenset(EventType) - {E.DEPARTED, E.ARRIVED}
"""Events that show or affect custody of the box; others appear only when they read a seal."""
OPENINGS = frozenset({E.SEAL_REMOVED, E.INSPECTED})
"""An inspection by customs or an authorised party: what makes a following seal change lawful."""
DOORS = frozenset({E.DOOR_OPENED, E.DOOR_CLOSED})
_TIE = {
    e.value: rank
    for rank, e in enumerate(
        (
            E.STUFFED,
            E.GATE_IN,
            E.LOADED,
            E.DEPARTED,
            E.ARRIVED,
            E.DISCHARGED,
            E.TRANSSHIPPED,
            E.SEAL_CHECKED,
            E.SEAL_REMOVED,
            E.INSPECTED,
            E.DOOR_OPENED,
            E.DOOR_CLOSED,
            E.RESEALED,
            E.GATE_OUT,
            E.STRIPPED,
        )
    )
}
"""Order of events reported at the same instant (date-only sources): a removal before its
reseal, a stuffing before its gate-in."""
VERDICTS = (
    "changed_without_authority",
    "changed_with_authority",
    "unconfirmed",
    "added",
    "misread",
    "first",
    "same",
    "unreadable",
)
"""Worst first: an event's verdict is the worst of its readings'. ``unconfirmed``, ``added`` and
``misread`` are the look-alikes of a change (``greenlane.visibility.seal_lookalikes``)."""
_VERDICT_RANK = {v: k for k, v in enumerate(VERDICTS)}
_HASH_SEEDS = (17, 40_503)
_S = TypeVar("_S", pl.Series, pl.Expr)

_ASHORE = (E.DISCHARGED, E.GATE_IN, E.GATE_OUT, E.STUFFED, E.STRIPPED)
"""Moves that take a box off a vessel, or happen only off one."""

_EVENT_COLUMNS = (
    "trip_id",
    "container_number",
    "bill_of_lading",
    "event_type",
    "occurred_at",
    "unlocode",
    "facility",
    "vessel_name",
    "voyage",
    "full",
    "ref",
)
TIMELINE = (
    *(c for c in _EVENT_COLUMNS if c != "full"),
    "seals",
    "verdicts",
    "conditions",
    "affixed_by",
    "verdict",
    "condition",
    "at_sea",
)


@dataclass(frozen=True, slots=True)
class SealChains:
    timeline: pl.DataFrame
    """Per trip, in order, every custody event and every event that read a seal: the event's
    columns, ``seals``, ``verdicts``, ``conditions`` and ``affixed_by`` (one item per seal read),
    the event's worst ``verdict`` and ``condition``, and ``at_sea``."""
    states: pl.DataFrame
    """One row per trip: ``state`` (one of ``STATES``, worst first), the stuffing seals (numbers,
    affixed by, class, electronic), the last seals read, ``readings`` (events that read a seal),
    ``evidence`` (refs) and ``reason``."""
    findings: pl.DataFrame
    """One row per problem, in the FINDINGS columns."""


def normalise(number: pl.Expr) -> pl.Expr:
    """A seal number for comparison: upper case, letters and digits only, no leading zeros; null
    when no digit is left (placeholders such as ``SI``, ``string`` or ``000``)."""
    n = number.str.to_uppercase().str.replace_all(r"[^0-9A-Z]", "").str.strip_chars_start("0")
    return pl.when(n.str.contains(r"[0-9]")).then(n)


def seal_chains(trips: Trips) -> SealChains:
    ev = _ordered(trips.events)
    ev, reads = _custody(ev, _readings(ev, trips.readings))
    ev = _positions(ev, reads)
    reads = _verdicts(ev, reads)
    classes = trips.readings.get_column("seal_class")
    ev, several = _with_seals(ev, reads, classes)
    trip_rows = _trip_rows(ev, reads, several, classes)
    findings = pl.concat(
        [
            *change_findings(ev, reads),
            *look_alike_findings(ev, reads),
            *condition_findings(ev, reads),
            *door_findings(ev),
            unverified_findings(trip_rows, ev),
        ]
    ).sort("trip", "occurred_at", "kind", nulls_last=True)
    return SealChains(
        timeline=ev.select(TIMELINE),
        states=state_table(trip_rows, findings),
        findings=findings.drop("trip"),
    )


def _ordered(events: pl.DataFrame) -> pl.DataFrame:
    """The trips' events with an integer ``trip`` (``trip_no``) and ``pos`` (row number) in
    custody order.

    The events come sorted by trip and time, each trip's rows together; only events of one trip
    at the same instant can be out of custody order, and only then is the frame sorted again."""
    if "trip_no" in events.columns:
        trip = pl.col("trip_no").cast(pl.Int64)
    else:
        trip = (pl.col("trip_id") != pl.col("trip_id").shift()).fill_null(True).cum_sum()
    frame = events.select(*_EVENT_COLUMNS, trip=trip.cast(pl.Int64))
    same_instant = (pl.col("trip") == pl.col("trip").shift()) & (
        pl.col("occurred_at") == pl.col("occurred_at").shift()
    )
    tied = frame.select(same_instant.fill_null(False)).to_series().arg_true()
    if len(tied):
        kinds = frame.get_column("event_type")
        if (_tie(kinds.gather(tied)) < _tie(kinds.gather(tied - 1))).any():
            frame = frame.sort(
                pl.col("trip"),
                pl.col("occurred_at"),
                _tie(pl.col("event_type")),
                maintain_order=True,
            )
    return frame.with_row_index("pos")


def _tie(kinds: _S) -> _S:
    return kinds.replace_strict(_TIE, default=len(_TIE), return_dtype=pl.Int8)


def _readings(ev: pl.DataFrame, readings: pl.DataFrame) -> pl.DataFrame:
    """One row per seal read, in event order, with the event's position, trip and type.

    Readings are matched to events by ref through a 64-bit hash of it, both sides sorted by the
    hash so that the join is a merge (far cheaper than a hash table of millions of strings).
    A second, independent 64-bit hash must agree too, so a collision of the first cannot pair
    a reading with the wrong event."""
    first = pl.col("ref").hash(_HASH_SEEDS[0]).alias("key")
    second = pl.col("ref").hash(_HASH_SEEDS[1]).alias("check")
    # Each step is collected on its own: sorted inputs are what makes the join a merge.
    keys = (
        readings.lazy()
        .with_row_index("row")
        .filter(pl.col("seal_number").is_not_null())
        .select("row", first, second)
        .sort("key")
        .collect()
    )
    events = ev.lazy().select("pos", first, second).sort("key").collect()
    pairs = keys.join(events, on="key", how="inner")
    pairs = (
        pairs.filter(pl.col("check") == pl.col("check_right"))
        .select("pos", "row")
        .sort("pos", "row")
    )
    # The seal class matters only at stuffing: it is fetched there, by ``reading``.
    columns = ("seal_number", "condition", "affixed_by", "electronic")
    seals = readings.select(columns)[pairs.get_column("row")]
    at = ev.select("trip", "event_type")[pairs.get_column("pos")]
    norm = _normalised(seals.get_column("seal_number"))
    return pl.concat(
        [pairs.select("pos", reading="row"), at, seals, norm.to_frame()], how="horizontal"
    )


def _custody(ev: pl.DataFrame, reads: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Only the events of the timeline: custody events, events that read a seal, and the first
    event of each trip (so that every trip keeps a row); positions renumbered."""
    keep = ev.select(
        pl.col("event_type").is_in([c.value for c in CUSTODY])
        | (pl.col("trip") != pl.col("trip").shift()).fill_null(True)
    ).to_series()
    keep.scatter(reads.get_column("pos"), True)
    if keep.all():
        return ev, reads
    renumbered = (keep.cast(pl.UInt32).cum_sum() - 1).gather(reads.get_column("pos"))
    return (
        ev.filter(keep).drop("pos").with_row_index("pos"),
        reads.with_columns(renumbered.alias("pos")),
    )


def _normalised(numbers: pl.Series) -> pl.Series:
    """``normalise`` of each number; numbers already in normal form are left as they are."""
    plain = numbers.str.contains(r"^[1-9A-Z][0-9A-Z]*$") & numbers.str.contains(r"[0-9]")
    out = numbers.alias("norm")
    rest = (~plain).arg_true()
    if len(rest):
        fixed = pl.select(normalise(pl.lit(numbers.gather(rest)))).to_series()
        out = out.clone()
        out.scatter(rest, fixed)
    return out


def _positions(ev: pl.DataFrame, reads: pl.DataFrame) -> pl.DataFrame:
    """For each event, the positions of the last events of each kind before it in its trip."""
    has_read = pl.repeat(False, ev.height, eager=True).alias("has_read")
    has_read.scatter(reads.get_column("pos").filter(reads.get_column("norm").is_not_null()), True)
    kind = pl.col("event_type")
    start = pl.when(pl.col("trip") != pl.col("trip").shift().fill_null(-1)).then(pl.col("pos"))

    def last_before(cond: pl.Expr) -> pl.Expr:
        at = pl.when(cond).then(pl.col("pos")).forward_fill().shift(1)
        return pl.when(at >= pl.col("start")).then(at)

    settled = ~kind.is_in([*(d.value for d in DOORS), E.DEPARTED.value, E.ARRIVED.value])
    loaded, ashore = pl.col("last_loaded"), pl.col("last_ashore")
    return (
        ev.with_columns(has_read, start=start.forward_fill())
        .with_columns(
            prev_read=last_before(pl.col("has_read")),
            last_open=last_before(kind.is_in([o.value for o in OPENINGS])),
            # Loaded on board: a load that names its vessel or voyage (a load at a depot is
            # onto a truck or a train).
            last_loaded=last_before(
                (kind == E.LOADED.value)
                & (pl.col("vessel_name").is_not_null() | pl.col("voyage").is_not_null())
            ),
            last_ashore=last_before(kind.is_in([a.value for a in _ASHORE])),
            last_stripped=last_before(kind == E.STRIPPED.value),
            last_settled=last_before(settled),
            sealed_since=last_before(
                pl.col("has_read") | kind.is_in([E.STUFFED.value, E.LOADED.value])
            ),
        )
        .with_columns(
            first_read=pl.col("has_read") & pl.col("prev_read").is_null(),
            opened=pl.col("last_open").is_not_null()
            & (pl.col("prev_read").is_null() | (pl.col("last_open") >= pl.col("prev_read"))),
            # On board: after a vessel's load, before its discharge or any move that happens
            # only ashore (a discharge report can be missing; a gate move cannot be on board).
            at_sea=loaded.is_not_null() & (ashore.is_null() | (loaded > ashore)),
        )
    )


def _verdicts(ev: pl.DataFrame, reads: pl.DataFrame) -> pl.DataFrame:
    """Each reading's verdict against the seals read since the trip's last authorised change."""
    reads = reads.hstack(ev.select("first_read", "opened")[reads.get_column("pos")])
    readable = pl.col("norm").is_not_null()
    authorised = pl.col("opened") & (
        (pl.col("event_type") == E.RESEALED.value)
        | (pl.col("affixed_by") == SealAffixer.CUSTOMS.value)
    )
    first_seen = pl.col("pos").min().over("trip", "norm")
    reads = reads.with_columns(authorised=authorised, first_seen=first_seen).with_columns(
        known=pl.col("first_seen") < pl.col("pos"),
        boundary=readable
        & ~pl.col("first_read")
        & pl.col("authorised")
        & (pl.col("first_seen") == pl.col("pos")),
    )
    changes = reads.filter(pl.col("boundary")).get_column("pos").unique().sort()
    if len(changes):
        reads = _known_since_change(reads, changes)
    rank = _VERDICT_RANK
    vrank = (
        pl.when(~readable)
        .then(rank["unreadable"])
        .when(pl.col("first_read"))
        .then(rank["first"])
        .when(pl.col("known"))
        .then(rank["same"])
        .when(pl.col("authorised"))
        .then(rank["changed_with_authority"])
        .otherwise(rank["changed_without_authority"])
        .cast(pl.Int8)
    )
    reads = reads.with_columns(vrank=vrank).drop("first_seen", "known", "boundary")
    reads = look_alikes(reads, _VERDICT_RANK)
    verdict = pl.Series(VERDICTS).gather(reads.get_column("vrank"))
    return reads.with_columns(verdict.alias("verdict"))


def _known_since_change(reads: pl.DataFrame, changes: pl.Series) -> pl.DataFrame:
    """Where a trip had an authorised change, a number is known only if read since the change.

    An authorised change starts a new epoch at the event that read the new seal; a number read
    there is compared with the epoch before (the old seal reported beside the new one is no
    change). Epochs are counted over all trips; (trip, epoch) names one set of known numbers.
    Only the few trips with a change are looked at again."""
    affected = reads.filter(pl.col("pos").is_in(changes.implode())).get_column("trip").unique()
    redo = reads.with_row_index("row").filter(pl.col("trip").is_in(affected.implode()))
    epoch = pl.lit(changes).search_sorted(pl.col("pos"), side="right").cast(pl.Int64)
    redo = redo.with_columns(
        epoch=epoch, at_change=pl.col("pos").is_in(changes.implode())
    ).with_columns(known=pl.col("pos").min().over("trip", "epoch", "norm") < pl.col("pos"))
    seen = redo.select("trip", "norm", "epoch").drop_nulls("norm").unique()
    before = redo.filter(pl.col("at_change")).with_columns(epoch=pl.col("epoch") - 1)
    known_before = before.join(seen, on=["trip", "norm", "epoch"], how="semi").get_column("row")
    redo = redo.with_columns(known=pl.col("known") | pl.col("row").is_in(known_before.implode()))
    known = reads.get_column("known").clone()
    known.scatter(redo.get_column("row"), redo.get_column("known"))
    return reads.with_columns(known)


def _ragged(values: pl.Series, offsets: pa.Array, empty: pa.Array | None = None) -> pl.Series:
    """A list column of ``values`` cut at ``offsets``; null where ``empty``."""
    lists = pa.ListArray.from_arrays(offsets, values.to_arrow(), mask=empty)
    return cast(pl.Series, pl.from_arrow(lists)).alias(values.name)


def _with_seals(
    ev: pl.DataFrame, reads: pl.DataFrame, classes: pl.Series
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Each event's readings as lists (one item per seal read), its worst verdict and condition
    (null for events that read no seal) and ``read_row``, its first reading.

    Most events read one seal: that reading is the event's. The few that read several are
    grouped on their own; the groups are returned too (worst readings, first affixer and class
    given, electronic or not)."""
    pos = pl.col("pos")
    starts = reads.select(
        pl.int_range(pl.len(), dtype=pl.UInt32).filter((pos != pos.shift()).fill_null(True))
    ).to_series()
    cut = pl.repeat(None, ev.height + 1, dtype=pl.UInt32, eager=True)
    cut.scatter(reads.get_column("pos").gather(starts), starts)
    cut.scatter(ev.height, reads.height)
    cut = cut.backward_fill()
    count = cut.diff().slice(1)
    offsets = cut.cast(pl.Int32).to_arrow()
    empty = (count == 0).to_arrow()
    lists = [
        _ragged(reads.get_column(column), offsets, empty).alias(name)
        for column, name in (
            ("seal_number", "seals"),
            ("verdict", "verdicts"),
            ("condition", "conditions"),
            ("affixed_by", "affixed_by"),
        )
    ]
    crank = pl.col("condition").replace_strict(CONDITION_RANK, default=0, return_dtype=pl.Int8)
    several = reads.with_row_index("row").filter((pos == pos.shift()) | (pos == pos.shift(-1)))
    several = (
        several.with_columns(seal_class=classes.gather(several.get_column("reading")))
        .group_by("pos")
        .agg(
            v=pl.col("row").sort_by("vrank").first(),
            c=pl.col("row").sort_by(crank, descending=True).first(),
            affixer=pl.col("affixed_by").drop_nulls().first(),
            seal_class=pl.col("seal_class").drop_nulls().first(),
            electronic=pl.col("electronic").any(),
        )
    )
    row = pl.select(pl.when(count > 0).then(cut.slice(0, ev.height))).to_series()
    v_row, c_row = row.clone(), row.clone()
    v_row.scatter(several.get_column("pos"), several.get_column("v"))
    c_row.scatter(several.get_column("pos"), several.get_column("c"))
    ev = ev.with_columns(
        *lists,
        row.alias("read_row"),
        verdict=reads.get_column("verdict").gather(v_row),
        condition=reads.get_column("condition").gather(c_row),
    )
    return ev, several.drop("v", "c")


def _trip_rows(
    ev: pl.DataFrame, reads: pl.DataFrame, several: pl.DataFrame, classes: pl.Series
) -> pl.DataFrame:
    """One row per trip: its seals at stuffing and at the last reading, how often they were
    read after stuffing, and the refs of its reading events.

    A trip is a run of positions [start, end); its reading events are found by binary search in
    the sorted positions of the events that read a readable seal."""
    pos, has_read = ev.get_column("pos"), ev.get_column("has_read")
    first = pos.filter(pos == ev.get_column("start"))
    end = first.shift(-1, fill_value=ev.height)
    read_at = pos.filter(has_read)
    stuffed_at = pos.filter(has_read & (ev.get_column("event_type") == E.STUFFED.value))
    laden_at = pos.filter(ev.get_column("full").fill_null(True))
    lo = read_at.search_sorted(first, side="left")
    hi = read_at.search_sorted(end, side="left")
    s_lo = stuffed_at.search_sorted(first, side="left")
    s_hi = stuffed_at.search_sorted(end, side="left")
    found = (
        ev.select("trip", "trip_id", "container_number")[first]
        .with_columns(
            first_pos=first,
            readings=(hi - lo).cast(pl.Int64),
            first_reading=_at(read_at, lo, hi > lo),
            last_pos=_at(read_at, hi - 1, hi > lo),
            stuffed=_at(stuffed_at, s_lo, s_hi > s_lo),
            laden=laden_at.search_sorted(end) > laden_at.search_sorted(first),
        )
        .with_columns(bill_of_lading=trip_bill(), stuff_pos=pl.coalesce("stuffed", "first_reading"))
    )
    stuff_pos, last_pos = found.get_column("stuff_pos"), found.get_column("last_pos")
    after_stuffing = read_at.search_sorted(stuff_pos.fill_null(0), side="right")
    found = found.with_columns(
        later=pl.when(pl.col("readings") > 0).then(hi - after_stuffing).otherwise(0).cast(pl.Int64)
    )
    offsets = pl.concat([lo, pl.Series([len(read_at)], dtype=lo.dtype)]).cast(pl.Int32)
    read_refs = _ragged(ev.get_column("ref").gather(read_at), offsets.to_arrow())
    stuffing = reads.select("affixed_by", "reading", "electronic")[
        ev.get_column("read_row").gather(stuff_pos)
    ]
    stuffing = stuffing.with_columns(
        stuff_pos, seal_class=classes.gather(stuffing.get_column("reading"))
    )
    # Where the stuffing read several seals, their first affixer and class stated.
    stuffing = stuffing.join(
        several, left_on="stuff_pos", right_on="pos", how="left", maintain_order="left"
    ).select(
        stuffing_seals=ev.get_column("seals").gather(stuff_pos),
        stuffing_affixed_by=pl.coalesce("affixer", "affixed_by"),
        stuffing_class=pl.coalesce("seal_class_right", "seal_class"),
        electronic=pl.coalesce("electronic_right", "electronic"),
    )
    return pl.concat(
        [
            found,
            stuffing,
            ev.select(last_seals="seals")[last_pos],
            read_refs.alias("read_refs").to_frame(),
            take(ev, stuff_pos, "stuff_"),
            take(ev, last_pos, "last_"),
        ],
        how="horizontal",
    )


def _at(values: pl.Series, index: pl.Series, valid: pl.Series) -> pl.Series:
    """``values[index]`` where ``valid``, else null."""
    safe = pl.select(pl.when(valid).then(index.cast(pl.Int64))).to_series()
    return values.gather(safe)


__all__ = ["STATES", "TIMELINE", "VERDICTS", "SealChains", "normalise", "seal_chains"]
