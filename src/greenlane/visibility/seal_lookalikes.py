"""Seal readings that look like a change and are not: misreads and added seals.

Real feeds misread seal numbers (a key hit twice, two digits swapped, O for 0, a prefix written
or left out) and carriers or customs add a second seal beside the shipper's. Read naively, each
is a seal changed without authority, a hard stop. The readings of the rest of the trip tell them
apart:

- **added**: the event that read the new number also read a seal already on the box, not one
  slip away from it: the old seal is still there, so nothing was cut (one slip away, it is two
  reports of the event disagreeing: a misread);
- **misread**: the new number is one slip away from a seal read before (``similar``), and the
  readings outvote it: the old number is read again later, or the old number was read only once
  and the new one at two or more events (then the single earlier reading was the slip);
- **unconfirmed**: one slip away, read once, by the trip's last reading: nothing later tells a
  misread from a swap, so it is a warning to check, not a hard stop.

A new number that is not one slip away, or one that the later readings keep while the old one is
never read again, stays ``changed_without_authority``: a swapped seal numbered in the series of
the original is read at every event after the swap and the original never again.

Only trips with an unauthorised change are looked at (a few in a hundred); the loop over their
readings is in Python.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl
from rapidfuzz.distance import OSA

MIN_LENGTH = 5
"""Shorter numbers are too easily one slip from each other to be called misreads."""
_CONFUSED = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8",
                           "Z": "2", "G": "6"})  # fmt: skip
"""Characters that keying and OCR confuse, mapped to one of each pair."""


def similar(a: str, b: str) -> bool:
    """One keying or reading slip apart: equal once confusable characters are mapped, one
    character changed, dropped, added or two neighbours swapped, or a letter prefix written on
    one and not the other (``ABCU123456`` and ``123456``)."""
    if min(len(a), len(b)) < MIN_LENGTH or a == b:
        return False
    x, y = a.translate(_CONFUSED), b.translate(_CONFUSED)
    if x == y or OSA.distance(x, y, score_cutoff=1) <= 1:
        return True
    short, long = sorted((a, b), key=len)
    return long.endswith(short) and long[: len(long) - len(short)].isalpha()


def look_alikes(reads: pl.DataFrame, ranks: dict[str, int]) -> pl.DataFrame:
    """``reads`` (``trip``, ``pos``, ``norm``, ``vrank``) with the unauthorised changes that are
    misreads, added seals or unconfirmed given those verdicts' ranks, and ``like``: the number
    read before that each one resembles (or sits beside, for an added seal)."""
    without = ranks["changed_without_authority"]
    like = pl.lit(None, pl.String).alias("like")
    bad = reads.filter(pl.col("vrank") == without)
    if bad.is_empty():
        return reads.with_columns(like)
    trips = bad.get_column("trip").unique().implode()
    sub = reads.with_row_index("row").filter(pl.col("trip").is_in(trips))
    rows = sub.select("row", "trip", "pos", "norm", "vrank").rows()
    by_trip: dict[int, list[tuple[int, int, str | None, int]]] = defaultdict(list)
    for row, trip, pos, norm, vrank in rows:
        by_trip[trip].append((row, pos, norm, vrank))
    changed: list[int] = []
    verdicts: list[int] = []
    likes: list[str] = []
    known = {ranks["first"], ranks["same"]}
    for readings in by_trip.values():
        for row, pos, norm, vrank in readings:
            if vrank != without or norm is None:
                continue
            found = _judge(readings, pos, norm, known, ranks)
            if found is not None:
                changed.append(row)
                verdicts.append(found[0])
                likes.append(found[1])
    out = reads.with_columns(like)
    if not changed:
        return out
    at = pl.Series(changed, dtype=pl.UInt32)
    vrank_col = out.get_column("vrank").clone()
    vrank_col.scatter(at, pl.Series(verdicts, dtype=vrank_col.dtype))
    like_col = out.get_column("like").clone()
    like_col.scatter(at, pl.Series(likes, dtype=pl.String))
    return out.with_columns(vrank_col, like_col)


def _judge(
    readings: list[tuple[int, int, str | None, int]],
    pos: int,
    number: str,
    known: set[int],
    ranks: dict[str, int],
) -> tuple[int, str] | None:
    """The verdict (rank) and the resembled number for one unauthorised reading, or None to
    leave it a change."""
    beside = [n for _, p, n, v in readings if p == pos and n != number and n and v in known]
    for k in beside:  # two reports of one event that disagree on a number: one misread it
        if similar(number, k):
            return ranks["misread"], k
    if beside:
        return ranks["added"], beside[0]
    before = {n for _, p, n, _ in readings if p < pos and n}
    candidates = [k for k in sorted(before) if similar(number, k)]
    if not candidates:
        return None
    later = [(p, n) for _, p, n, _ in readings if p > pos and n]
    number_events = len({p for p, n in later if n == number}) + 1
    for k in candidates:
        if any(n == k for _, n in later):
            return ranks["misread"], k
        k_events = len({p for _, p, n, _ in readings if p < pos and n == k})
        if k_events == 1 and number_events >= 2:
            return ranks["misread"], k
    if not later:
        return ranks["unconfirmed"], candidates[0]
    return None
