"""The events of a message as ``json`` reads them, each decoded only when first asked for.

The typed paths read most events straight from raw JSON; only the events they leave are read
again, as ``json`` reads them, by the other readers. A ``LazyEvents`` stands for the list of
all of them and decodes one event when a reader first asks for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload


class LazyEvents(Sequence[Any]):
    """``count`` events, the one at ``index`` made by ``_decode(index)`` when first asked for."""

    def __init__(self, count: int) -> None:
        self._count = count
        self._done: dict[int, Any] = {}

    def _decode(self, index: int) -> Any:
        raise NotImplementedError

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index not in self._done:
            self._done[index] = self._decode(index)
        return self._done[index]
