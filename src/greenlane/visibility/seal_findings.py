"""Findings and states of seal chains: what went wrong on a trip, in words an officer can check.

Every finding names the seal numbers, places and times, and lists as evidence the refs
(``source:event_id``) of the events that prove it. A trip's state is the worst that applies.
"""

from __future__ import annotations

import polars as pl

from greenlane.domain.codes import EventType, SealCondition
from greenlane.domain.frames import conform
from greenlane.visibility.frames import FINDINGS

E = EventType
C = SealCondition

STATES = (
    "changed_without_authority",
    "broken",
    "door_opened",
    "tamper_alert",
    "changed_with_authority",
    "unverified",
    "intact_verified",
)
"""A trip's seal states, worst first. Doors opened where no one should open them outrank an
e-seal's tamper alert, which alone is often a false alarm."""
STATE_OF = {
    "seal_changed_without_authority": "changed_without_authority",
    "seal_broken": "broken",
    "seal_tamper_alert": "tamper_alert",
    "door_opened_at_sea": "door_opened",
    "door_opened_outside_facility": "door_opened",
    "seal_changed_with_authority": "changed_with_authority",
    "seal_unverified": "unverified",
    "seal_number_unconfirmed": "unverified",
}
"""The state each finding kind puts its trip in."""
BAD_CONDITIONS = {C.BROKEN.value: "error", C.MISSING.value: "error", C.DAMAGED.value: "warning"}

_NOUNS = {
    E.STUFFED.value: "stuffing",
    E.STRIPPED.value: "stripping",
    E.GATE_IN.value: "gate-in",
    E.GATE_OUT.value: "gate-out",
    E.LOADED.value: "loading",
    E.DISCHARGED.value: "discharge",
    E.TRANSSHIPPED.value: "transshipment",
    E.DEPARTED.value: "departure",
    E.ARRIVED.value: "arrival",
    E.INSPECTED.value: "inspection",
    E.SEAL_CHECKED.value: "seal check",
    E.SEAL_REMOVED.value: "seal removal",
    E.RESEALED.value: "reseal",
    E.DOOR_OPENED.value: "door opening",
    E.DOOR_CLOSED.value: "door closing",
}
"""Events named in findings: "read at discharge at SGSIN"."""
_FOUND: dict[str, pl.DataType] = {"trip": pl.Int64(), **FINDINGS}
_INFO = ("event_type", "occurred_at", "unlocode", "facility", "vessel_name", "voyage", "ref")


def trip_bill() -> pl.Expr:
    """The trip's bill of lading: what follows the container number in the trip id."""
    bill = pl.col("trip_id").str.slice(pl.col("container_number").str.len_chars() + 1)
    return pl.when(bill != "").then(bill)


def take(ev: pl.DataFrame, positions: pl.Series, prefix: str) -> pl.DataFrame:
    """The event columns at each of ``positions`` (null where null), prefixed."""
    return ev.select(*(pl.col(c).alias(prefix + c) for c in _INFO))[positions]


def _here(ev: pl.DataFrame, frame: pl.DataFrame, *extra: str) -> pl.DataFrame:
    """``frame`` (with ``pos``) beside its events' trip, container and columns."""
    columns = ["trip", "trip_id", "container_number", *_INFO, *extra]
    return frame.hstack(ev.select(columns)[frame.get_column("pos")])


def _time(prefix: str = "") -> pl.Expr:
    return pl.col(f"{prefix}occurred_at").dt.strftime("%Y-%m-%d %H:%M UTC").fill_null("?")


def _place(prefix: str = "") -> pl.Expr:
    unlocode, facility = pl.col(f"{prefix}unlocode"), pl.col(f"{prefix}facility")
    named = pl.concat_str(pl.lit(" ("), facility, pl.lit(")")).fill_null("")
    return (
        pl.when(unlocode.is_null())
        .then(pl.lit("at sea"))
        .otherwise(pl.concat_str(pl.lit("at "), unlocode, named))
    )


def _what(prefix: str = "") -> pl.Expr:
    """``gate-in at USLGB (Pier T) on 2026-02-01 10:00 UTC``"""
    kind = pl.col(f"{prefix}event_type").replace(_NOUNS)
    return pl.concat_str(kind, pl.lit(" "), _place(prefix), pl.lit(" on "), _time(prefix))


def _seals(column: str) -> pl.Expr:
    return pl.col(column).list.join(", ").fill_null("?")


def _evidence(*refs: str) -> pl.Expr:
    return pl.concat_list(*refs).list.drop_nulls().list.unique(maintain_order=True)


def _rows(
    frame: pl.DataFrame | pl.LazyFrame,
    kind: str,
    severity: pl.Expr,
    message: pl.Expr,
    evidence: pl.Expr,
) -> pl.DataFrame:
    return conform(
        frame.lazy().select(
            "trip",
            "trip_id",
            "container_number",
            "occurred_at",
            "unlocode",
            bill_of_lading=trip_bill(),
            kind=pl.lit(kind),
            severity=severity,
            message=pl.concat_str(pl.col("container_number").fill_null("?"), pl.lit(": "), message),
            evidence=evidence,
        ),
        _FOUND,
    ).collect()


def change_findings(ev: pl.DataFrame, reads: pl.DataFrame) -> list[pl.DataFrame]:
    """A new seal number: without authority, or after an inspection and reseal (info)."""
    without, lawful = "changed_without_authority", "changed_with_authority"
    verdict = pl.col("verdict")
    changed = (
        reads.filter(verdict.is_in([without, lawful]))
        .group_by("pos", maintain_order=True)
        .agg(
            new_without=pl.col("seal_number").filter(verdict == without),
            new_with=pl.col("seal_number").filter(verdict == lawful),
        )
    )
    changed = _here(ev, changed, "prev_read", "last_open")
    prev = changed.get_column("prev_read")
    found = pl.concat(
        [
            changed,
            take(ev, prev, "prev_"),
            ev.select(prev_seals="seals")[prev],
            take(ev, changed.get_column("last_open"), "open_"),
        ],
        how="horizontal",
    )
    message = pl.concat_str(
        pl.lit("seal "),
        _seals("new_without"),
        pl.lit(" read at "),
        _what(),
        pl.lit(" is not among the seals read before ("),
        _seals("prev_seals"),
        pl.lit(", last at "),
        _what("prev_"),
        pl.lit("); no seal removal, inspection or customs reseal is recorded in between"),
    )
    unauthorised = _rows(
        found.filter(pl.col("new_without").list.len() > 0),
        "seal_changed_without_authority",
        pl.lit("error"),
        message,
        _evidence("prev_ref", "ref"),
    )
    message = pl.concat_str(
        pl.lit("seal "),
        _seals("new_with"),
        pl.lit(" replaced "),
        _seals("prev_seals"),
        pl.lit(" at "),
        _what(),
        pl.lit(", after "),
        _what("open_"),
    )
    authorised = _rows(
        found.filter(pl.col("new_with").list.len() > 0),
        "seal_changed_with_authority",
        pl.lit("info"),
        message,
        _evidence("prev_ref", "open_ref", "ref"),
    )
    return [unauthorised, authorised]


_LOOK_ALIKES = {
    "misread": (
        "seal_misread",
        "info",
        " and seal ",
        " read before it are one character apart: one seal read wrongly once, not a change"
        " (the trip's other readings agree)",
    ),
    "added": (
        "seal_added",
        "info",
        " was added beside seal ",
        ", which is still on: no seal was cut",
    ),
    "unconfirmed": (
        "seal_number_unconfirmed",
        "warning",
        " is one character from seal ",
        " read before, and no later reading tells a misread from a new seal: check the number"
        " on the door",
    ),
}
"""Per look-alike verdict: finding kind, severity and the words around the numbers."""


def look_alike_findings(ev: pl.DataFrame, reads: pl.DataFrame) -> list[pl.DataFrame]:
    """A misread, an added seal or an unconfirmed number: what the reading looked like (a change)
    and why it is taken for something else."""
    found = []
    for verdict, (kind, severity, middle, end) in _LOOK_ALIKES.items():
        rows = reads.filter(pl.col("verdict") == verdict).select("pos", "seal_number", "like")
        message = pl.concat_str(
            pl.lit("seal "),
            pl.col("seal_number"),
            pl.lit(" read at "),
            _what(),
            pl.lit(middle),
            pl.col("like"),
            pl.lit(end),
        )
        frame = _here(ev, rows)
        found.append(_rows(frame, kind, pl.lit(severity), message, _evidence("ref")))
    return found


def condition_findings(ev: pl.DataFrame, reads: pl.DataFrame) -> list[pl.DataFrame]:
    """Seals read broken, damaged or missing (not at their removal), and e-seal tamper alerts."""
    bad = list(BAD_CONDITIONS)
    rank = pl.col("condition").replace_strict({c: k for k, c in enumerate(bad)}, default=None)
    broken = (
        reads.filter(
            pl.col("condition").is_in(bad) & (pl.col("event_type") != E.SEAL_REMOVED.value)
        )
        .group_by("pos", maintain_order=True)
        .agg(seals=pl.col("seal_number"), worst=pl.col("condition").sort_by(rank).first())
    )
    message = pl.concat_str(
        pl.lit("seal "), _seals("seals"), pl.lit(" read "), pl.col("worst"), pl.lit(" at "), _what()
    )
    severity = pl.col("worst").replace_strict(BAD_CONDITIONS, return_dtype=pl.String)
    broken_rows = _rows(_here(ev, broken), "seal_broken", severity, message, _evidence("ref"))
    alerts = (
        reads.filter(pl.col("condition") == C.TAMPER_ALERT.value)
        .group_by("pos", maintain_order=True)
        .agg(
            seals=pl.col("seal_number"),
            unchanged=pl.col("verdict").is_in(["first", "same", "misread", "added"]).all(),
        )
    )
    number = (
        pl.when(pl.col("unchanged"))
        .then(pl.lit("the number read is the one read before"))
        .otherwise(pl.lit("the number read is new"))
    )
    message = pl.concat_str(
        pl.lit("e-seal "),
        _seals("seals"),
        pl.lit(" raised a tamper alert at "),
        _what(),
        pl.lit("; e-seals raise false alarms and "),
        number,
        pl.lit(": check the seal and the doors"),
    )
    alert_rows = _rows(
        _here(ev, alerts), "seal_tamper_alert", pl.lit("warning"), message, _evidence("ref")
    )
    return [broken_rows, alert_rows]


def door_findings(ev: pl.DataFrame) -> list[pl.DataFrame]:
    """Doors opened while sealed, at sea or outside any facility, not during an inspection: the
    last event before the opening (doors aside) is not an inspection or seal removal."""
    authorised = pl.col("last_open").is_not_null() & (pl.col("last_open") == pl.col("last_settled"))
    sealed = pl.col("sealed_since").is_not_null() & (
        pl.col("last_stripped").is_null() | (pl.col("sealed_since") > pl.col("last_stripped"))
    )
    opened = ev.filter((pl.col("event_type") == E.DOOR_OPENED.value) & sealed & ~authorised)
    picked = opened.select(
        "pos", "trip", "trip_id", "container_number", *_INFO, "at_sea", "last_loaded"
    )
    at_sea = picked.filter(pl.col("at_sea"))
    at_sea = at_sea.hstack(take(ev, at_sea.get_column("last_loaded"), "loaded_"))
    vessel = pl.concat_str(
        pl.lit(" on "),
        pl.col("loaded_vessel_name"),
        pl.concat_str(pl.lit(" voyage "), pl.col("loaded_voyage")).fill_null(""),
    ).fill_null("")
    on_board = pl.concat_str(
        pl.lit(", after loading"),
        vessel,
        pl.lit(" "),
        _place("loaded_"),
        pl.lit(" on "),
        _time("loaded_"),
        pl.lit(" and before the next discharge"),
    )
    where = (
        pl.when(pl.col("unlocode").is_null())
        .then(pl.lit("at sea"))
        .otherwise(pl.concat_str(pl.lit("at "), pl.col("unlocode"), pl.lit(" (on board)")))
    )
    message = pl.concat_str(pl.lit("doors opened "), where, pl.lit(" on "), _time(), on_board)
    sea_rows = _rows(
        at_sea, "door_opened_at_sea", pl.lit("error"), message, _evidence("loaded_ref", "ref")
    )
    outside = picked.lazy().filter(~pl.col("at_sea") & pl.col("facility").is_null())
    place = pl.concat_str(pl.lit("at "), pl.col("unlocode"), pl.lit(" ")).fill_null("")
    message = pl.concat_str(
        pl.lit("doors opened "),
        place,
        pl.lit("on "),
        _time(),
        pl.when(pl.col("unlocode").is_null())
        .then(pl.lit(" with no place reported, not on board a vessel,"))
        .otherwise(pl.lit(" outside any facility,")),
        pl.lit(" with no inspection or seal removal before it"),
    )
    outside_rows = _rows(
        outside, "door_opened_outside_facility", pl.lit("warning"), message, _evidence("ref")
    )
    return [sea_rows, outside_rows]


def unverified_findings(trips: pl.DataFrame, ev: pl.DataFrame) -> pl.DataFrame:
    """Trips whose seals were never read after stuffing (info), and laden trips with no seal read
    at all (warning, shown at the trip's first event). An empty box with no seal is expected and
    not a finding."""
    found = trips.filter((pl.col("later") == 0) & ((pl.col("readings") > 0) | pl.col("laden")))
    found = found.hstack(take(ev, found.get_column("first_pos"), "first_"))
    read = pl.col("readings") > 0
    message = (
        pl.when(read)
        .then(
            pl.concat_str(
                pl.lit("seal "),
                _seals("stuffing_seals"),
                pl.lit(" read at "),
                _what("stuff_"),
                pl.lit(" is never read again on this trip"),
            )
        )
        .otherwise(pl.lit("no seal read on this trip"))
    )
    return _rows(
        found.with_columns(
            occurred_at=pl.coalesce("stuff_occurred_at", "first_occurred_at"),
            unlocode=pl.when(read).then("stuff_unlocode").otherwise("first_unlocode"),
        ),
        "seal_unverified",
        pl.when(read).then(pl.lit("info")).otherwise(pl.lit("warning")),
        message,
        pl.when(read).then(_evidence("stuff_ref")).otherwise(_evidence("first_ref")),
    )


def state_table(trips: pl.DataFrame, findings: pl.DataFrame) -> pl.DataFrame:
    """One row per trip: its worst state, the evidence and a sentence saying why.

    Trips without findings (nearly all) are intact or, when no seal was read after stuffing and
    none expected, unverified; the few with findings take the state, sentence and evidence of
    their worst, put in place by position rather than by joining every trip."""
    rank = {state: k for k, state in enumerate(STATES)}
    state_rank = pl.col("kind").replace_strict(STATE_OF).replace_strict(rank, return_dtype=pl.Int8)
    more = (
        pl.when(pl.len() > 1)
        .then(pl.concat_str(pl.lit(" (and "), (pl.len() - 1).cast(pl.String), pl.lit(" more)")))
        .otherwise(pl.lit(""))
    )
    worst = (
        findings.lazy()
        .filter(pl.col("kind").is_in(list(STATE_OF)))  # misreads and added seals are no state
        .with_columns(rank=state_rank)
        .filter(pl.col("rank") == pl.col("rank").min().over("trip"))
        .group_by("trip", maintain_order=True)
        .agg(
            state=pl.col("rank").first(),
            reason=pl.concat_str(pl.col("message").first(), more),
            evidence=pl.col("evidence").explode().drop_nulls().unique(maintain_order=True),
        )
        .with_columns(
            pl.col("state").replace_strict(dict(enumerate(STATES)), return_dtype=pl.String)
        )
        .join(
            trips.lazy().select("trip").with_row_index("at"),
            on="trip",
            how="inner",
        )
        .collect()
    )
    intact = pl.concat_str(
        pl.col("container_number").fill_null("?"),
        pl.lit(": seal "),
        _seals("stuffing_seals"),
        pl.lit(" read at "),
        _what("stuff_"),
        pl.lit(", then read "),
        pl.col("later").cast(pl.String),
        pl.lit(" more times with no new number, last at "),
        _what("last_"),
    )
    empty = pl.concat_str(
        pl.col("container_number").fill_null("?"), pl.lit(": travelled empty; no seal expected")
    )
    unread = pl.col("later") == 0
    states = trips.select(
        "trip_id",
        "container_number",
        "bill_of_lading",
        state=pl.when(unread).then(pl.lit("unverified")).otherwise(pl.lit("intact_verified")),
        stuffing_seals="stuffing_seals",
        stuffing_affixed_by="stuffing_affixed_by",
        stuffing_class="stuffing_class",
        electronic="electronic",
        last_seals="last_seals",
        readings="readings",
        evidence=pl.col("read_refs"),
        reason=pl.when(unread).then(empty).otherwise(intact),
    )
    at = worst.get_column("at")
    state, reason = states.get_column("state"), states.get_column("reason")
    state.scatter(at, worst.get_column("state"))
    reason.scatter(at, worst.get_column("reason"))
    # Lists cannot be scattered: gather from the trips' evidence followed by the findings'.
    pick = pl.int_range(states.height, eager=True, dtype=pl.UInt32)
    pick.scatter(at, pl.int_range(len(at), eager=True, dtype=pl.UInt32) + states.height)
    evidence = pl.concat([states.get_column("evidence"), worst.get_column("evidence")])
    return states.with_columns(state, reason, evidence.gather(pick))
