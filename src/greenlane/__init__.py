"""greenlane: supply-chain security and trade facilitation for customs.

The public API is the application layer, ``greenlane.app``: one function per verb over a
``Database`` (``greenlane.connect``, ``greenlane.ingest``, ``greenlane.journey``, ...), each
also reachable from here. docs/api.md shows them in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from greenlane import app
from greenlane.errors import GreenlaneError
from greenlane.settings import Settings, get_settings

if TYPE_CHECKING:
    from greenlane.app import *  # noqa: F403  (the public verbs, re-exported)

__version__ = "0.1.0"
__all__ = ["GreenlaneError", "Settings", "__version__", "app", "get_settings", *app.__all__]


def __getattr__(name: str) -> Any:
    if name in app.__all__:
        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
