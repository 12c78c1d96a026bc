"""Window expressions over a frame sorted by an integer group column (``trip_no``).

Polars' ``.over(group)`` hashes the group column for every expression; on tens of millions of
rows that is most of the work. When the rows of a group are contiguous, comparing each row's
group with its neighbour's gives the same answers for the price of a shift.
"""

from __future__ import annotations

import polars as pl

TRIP = "trip_no"


def starts(group: str = TRIP) -> pl.Expr:
    """True on the first row of each group."""
    return (pl.col(group) != pl.col(group).shift(1)).fill_null(True)


def prev_in(value: pl.Expr, group: str = TRIP) -> pl.Expr:
    """The previous row's value within the group; null on a group's first row."""
    return pl.when(pl.col(group) == pl.col(group).shift(1)).then(value.shift(1))


def next_in(value: pl.Expr, group: str = TRIP) -> pl.Expr:
    """The next row's value within the group; null on a group's last row."""
    return pl.when(pl.col(group) == pl.col(group).shift(-1)).then(value.shift(-1))


def count_in(condition: pl.Expr, group: str = TRIP) -> pl.Expr:
    """Running count of rows meeting the condition, from the group's first row to this one."""
    hits = condition.fill_null(False).cast(pl.Int64)
    total = hits.cum_sum()
    before_group = pl.when(starts(group)).then(total - hits).forward_fill()
    return total - before_group


def row_in(group: str = TRIP) -> pl.Expr:
    """0 on a group's first row, then 1, 2, ..."""
    index = pl.int_range(pl.len(), dtype=pl.Int64)
    return index - pl.when(starts(group)).then(index).forward_fill()


def fill_forward_in(value: pl.Expr, group: str = TRIP) -> pl.Expr:
    """The last non-null value at or before this row, within the group."""
    owner = pl.when(value.is_not_null()).then(pl.col(group)).forward_fill()
    return pl.when(owner == pl.col(group)).then(value.forward_fill())


def fill_backward_in(value: pl.Expr, group: str = TRIP) -> pl.Expr:
    """The first non-null value at or after this row, within the group."""
    owner = pl.when(value.is_not_null()).then(pl.col(group)).backward_fill()
    return pl.when(owner == pl.col(group)).then(value.backward_fill())


def any_later_in(condition: pl.Expr, group: str = TRIP) -> pl.Expr:
    """True when a later row of the same group meets the condition."""
    owner = pl.when(condition.fill_null(False)).then(pl.col(group)).backward_fill().shift(-1)
    return (owner == pl.col(group)).fill_null(False)
