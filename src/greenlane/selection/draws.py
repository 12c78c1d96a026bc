"""Seeded uniform draws, one per key, that never change with the batch they are computed in.

A selection must be reproducible for audit and contest: the same shipments and the same seed give
the same draws on any machine, in any row order, whether a port's day is selected alone or inside
a million-row batch (a Spark partition), and across Polars versions. Polars' own ``hash`` is only
stable within one Polars version, so the draw is FNV-1a over the key's UTF-8 bytes, mixed with the
seed through the SplitMix64 finaliser, computed with numpy over the Arrow buffers (one vectorised
step per byte position, no loop over rows).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


Words = npt.NDArray[np.uint64]


def _splitmix64(x: Words) -> Words:
    """SplitMix64's finaliser: spreads every input bit over the whole 64-bit word."""
    x = x + _GOLDEN
    x = (x ^ (x >> np.uint64(30))) * _MIX_1
    x = (x ^ (x >> np.uint64(27))) * _MIX_2
    out: Words = x ^ (x >> np.uint64(31))
    return out


def _fnv1a(keys: pl.Series) -> Words:
    """FNV-1a 64 of each key's UTF-8 bytes (a null key hashes like the empty string)."""
    binary = keys.fill_null("").cast(pl.Binary).to_arrow()
    if isinstance(binary, pa.ChunkedArray):
        binary = binary.combine_chunks()
    binary = binary.cast(pa.large_binary())
    buffers = binary.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64)[
        binary.offset : binary.offset + len(binary) + 1
    ]
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)
        if buffers[2] is not None
        else np.zeros(0, dtype=np.uint8)
    )
    starts = offsets[:-1]
    lengths = offsets[1:] - starts
    hashes = np.full(len(keys), _FNV_OFFSET, dtype=np.uint64)
    longest = int(lengths.max()) if len(lengths) else 0
    for position in range(longest):
        live = lengths > position
        byte = data[starts[live] + position].astype(np.uint64)
        hashes[live] = (hashes[live] ^ byte) * _FNV_PRIME
    return hashes


def uniform_draws(keys: pl.Series, seed: int, stream: str = "") -> pl.Series:
    """A draw in [0, 1) for each key, fixed by (key, seed, stream) alone.

    ``stream`` separates independent uses of the same seed (the random sample, the tie-breaks),
    so that one does not repeat the other.
    """
    seed_word = _splitmix64(np.array([seed & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64))
    if stream:
        seed_word = _splitmix64(seed_word ^ _fnv1a(pl.Series([stream])))
    mixed = _splitmix64(_fnv1a(keys) ^ seed_word)
    values = (mixed >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))
    return pl.Series(keys.name, values, dtype=pl.Float64)
