"""Postings: keys, each with its run of ids, kept as three flat arrays.

The keys are sorted and looked up by bisection; ``ids[starts[i]:starts[i + 1]]`` is the run of
``keys[i]``, in the order the ids were added. Flat arrays are what the kept index stores, so
reading it back builds no dictionary of a quarter of a million keys.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence

INT32 = "i"
"""The array type code of the ids and starts (4 bytes on every platform greenlane runs on)."""


class Postings:
    __slots__ = ("ids", "keys", "starts")

    def __init__(self, keys: list[str], starts: array[int], ids: array[int]) -> None:
        if len(starts) != len(keys) + 1 or (keys and starts[-1] != len(ids)):
            raise ValueError("postings: starts do not match keys and ids")
        self.keys = keys
        self.starts = starts
        self.ids = ids

    @classmethod
    def from_runs(cls, runs: Mapping[str, Sequence[int]]) -> Postings:
        keys = sorted(runs)
        starts, ids = array(INT32, [0]), array(INT32)
        for key in keys:
            ids.extend(runs[key])
            starts.append(len(ids))
        return cls(keys, starts, ids)

    def _position(self, key: str) -> int | None:
        i = bisect_left(self.keys, key)
        return i if i < len(self.keys) and self.keys[i] == key else None

    def get(self, key: str) -> Sequence[int]:
        """The run of ``key``; empty when the key is not there."""
        i = self._position(key)
        return () if i is None else self.ids[self.starts[i] : self.starts[i + 1]]

    def count(self, key: str) -> int:
        i = self._position(key)
        return 0 if i is None else self.starts[i + 1] - self.starts[i]

    def runs(self) -> Iterator[tuple[str, Sequence[int]]]:
        for i, key in enumerate(self.keys):
            yield key, self.ids[self.starts[i] : self.starts[i + 1]]

    def __len__(self) -> int:
        return len(self.keys)
