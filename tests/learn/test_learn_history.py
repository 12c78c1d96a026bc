"""History features see only outcomes known before each declaration."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from greenlane.learn.history import (
    HistoryKey,
    apply_snapshot,
    expanding,
    snapshot,
)
from greenlane.learn.schema import conform

KEYS = (
    HistoryKey("identical", ("hs6", "net_mass")),
    HistoryKey("importer", ("importer",)),
    HistoryKey("hs6", ("hs6",)),
)


def frame(rows: list[tuple[str, str, str, float, int | None]]) -> pl.DataFrame:
    return conform(
        pl.DataFrame(
            {
                "declaration_id": [str(i) for i in range(len(rows))],
                "date": [date.fromisoformat(r[0]) for r in rows],
                "importer": [r[1] for r in rows],
                "hs6": [r[2] for r in rows],
                "net_mass": [r[3] for r in rows],
                "label": [r[4] for r in rows],
            },
            schema_overrides={"label": pl.Int8},
        )
    )


def test_a_row_never_sees_its_own_day_or_later() -> None:
    f = frame(
        [
            ("2024-01-01", "A", "850110", 10.0, 1),
            ("2024-01-01", "A", "850110", 11.0, 0),
            ("2024-01-02", "A", "850110", 12.0, 1),
            ("2024-01-03", "A", "850110", 13.0, None),
        ]
    )
    h = expanding(f, KEYS, prior=0.5, smoothing=0.0)
    assert h["h_identical_n"].to_list() == [0, 0, 0, 0]
    assert h["h_importer_n"].to_list() == [0, 0, 2, 3]
    assert h["h_importer_rate"].to_list() == [None, None, 0.5, pytest.approx(2 / 3)]
    lagged = expanding(f, KEYS, prior=0.5, smoothing=0.0, lag_days=1)
    assert lagged["h_importer_n"].to_list() == [0, 0, 0, 2]


def test_unlabelled_rows_are_not_history() -> None:
    f = frame(
        [
            ("2024-01-01", "A", "850110", 10.0, None),
            ("2024-01-02", "A", "850110", 10.0, None),
        ]
    )
    assert expanding(f, KEYS, 0.2, 10.0)["h_importer_n"].to_list() == [0, 0]


def test_other_keys_leave_out_identical_declarations() -> None:
    f = frame(
        [
            ("2024-01-01", "A", "850110", 10.0, 1),
            ("2024-01-01", "B", "850110", 99.0, 0),
            ("2024-01-02", "C", "850110", 10.0, None),
        ]
    )
    h = expanding(f, KEYS, prior=0.5, smoothing=0.0)
    # the HS6 rate of the third row counts only the other mass (0 of 1), not its twin
    assert h.row(2, named=True)["h_hs6_n"] == 1
    assert h.row(2, named=True)["h_hs6_rate"] == 0.0
    assert h.row(2, named=True)["h_identical_rate"] == 1.0


def test_snapshot_gives_what_expanding_gives_the_day_after(declarations: pl.DataFrame) -> None:
    last = declarations["date"].max()
    history = declarations.filter(pl.col("date") < last)
    today = declarations.filter(pl.col("date") == last)
    a = expanding(declarations, KEYS, 0.2, 10.0).tail(today.height)
    b = apply_snapshot(today, snapshot(history, KEYS), KEYS, 0.2, 10.0)
    assert a.fill_null(-1.0).equals(b.fill_null(-1.0))


def test_a_missing_part_of_a_key_gives_no_history() -> None:
    f = frame([("2024-01-01", "A", "850110", 10.0, 1), ("2024-01-02", "A", "850110", 1.0, 1)])
    f = f.with_columns(importer=pl.lit(None, pl.String))
    h = expanding(f, KEYS, 0.2, 10.0)
    assert h["h_importer_rate"].null_count() == 2
