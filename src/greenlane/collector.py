"""Pausing Python's cyclic garbage collector around work that builds millions of objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then restore its state.

    Parsed JSON, frozen records and generated rows form no reference cycles, yet every few
    hundred new objects the collector walks all of them again: on large messages and batches
    that walk costs more than the work itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
