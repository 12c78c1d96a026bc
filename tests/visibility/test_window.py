"""Window expressions over contiguous groups agree with Polars' own ``over``."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from greenlane.visibility.window import (
    any_later_in,
    count_in,
    fill_backward_in,
    fill_forward_in,
    next_in,
    prev_in,
    row_in,
)

rows = st.lists(
    st.tuples(st.integers(0, 3), st.one_of(st.none(), st.integers(0, 9)), st.booleans()),
    min_size=1,
    max_size=40,
)


@given(rows)
def test_window_helpers_match_over(data: list[tuple[int, int | None, bool]]) -> None:
    frame = pl.DataFrame(data, schema=["trip_no", "v", "b"], orient="row").sort(
        "trip_no", maintain_order=True
    )
    v, b, g = pl.col("v"), pl.col("b"), "trip_no"
    got = frame.select(
        prev_in(v).alias("prev"),
        next_in(v).alias("next"),
        count_in(b).alias("count"),
        row_in().alias("row"),
        fill_forward_in(v).alias("ffill"),
        fill_backward_in(v).alias("bfill"),
        any_later_in(b).alias("later"),
    )
    want = frame.select(
        v.shift(1).over(g).alias("prev"),
        v.shift(-1).over(g).alias("next"),
        b.cast(pl.Int64).cum_sum().over(g).alias("count"),
        pl.int_range(pl.len(), dtype=pl.Int64).over(g).alias("row"),
        v.forward_fill().over(g).alias("ffill"),
        v.backward_fill().over(g).alias("bfill"),
        b.reverse().cum_max().reverse().shift(-1).over(g).fill_null(False).alias("later"),
    )
    assert got.to_dicts() == want.to_dicts()
