"""Frames in a declared shape: the one helper every stage uses to put a frame in its schema."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl


def conform(
    frame: pl.DataFrame | pl.LazyFrame, schema: Mapping[str, pl.DataType], *, keep: bool = False
) -> pl.LazyFrame:
    """The schema's columns in its order and types, missing ones as nulls; with ``keep``, the
    frame's other columns after them."""
    lazy = frame.lazy()
    have = lazy.collect_schema().names()
    columns = [
        (pl.col(name) if name in have else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in schema.items()
    ]
    rest = [pl.col(name) for name in have if name not in schema] if keep else []
    return lazy.select(*columns, *rest)


def conformed(
    frame: pl.DataFrame | pl.LazyFrame, schema: Mapping[str, pl.DataType], *, keep: bool = False
) -> pl.DataFrame:
    """``conform``, collected."""
    return conform(frame, schema, keep=keep).collect()
