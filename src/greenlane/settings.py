"""All configuration in one typed place; every field can be set as GREENLANE_<NAME>.

A plain dataclass read from the environment: every command reads it, and a settings library
would cost a third of a second of start-up on each one.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from greenlane.errors import ConfigurationError

PREFIX = "GREENLANE_"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = "sqlite:///greenlane.db"
    """SQLAlchemy URL. SQLite file by default; postgresql+psycopg://... in production."""

    ports_file: Path | None = None
    """Optional CSV of extra or corrected ports (unlocode,name,country,latitude,longitude[,csi])."""

    max_message_bytes: int = 64 * 1024 * 1024
    """Largest message ingest reads, checked while the file is read; a larger one is not kept:
    the archive records its hash, size and the reason (status ``refused``)."""

    max_json_depth: int = 64
    """Deepest nesting of JSON objects and arrays a message may have (native JSON)."""

    max_number_digits: int = 100
    """Longest number a JSON message may write, in characters (native JSON)."""

    screening_threshold: float = 0.8
    """Score (0..1) from which a party's match with a watch-list entry is a hit."""

    screening_limit: int = 10
    """Most hits returned for one party, best first."""

    screening_shortlist: int = 12
    """List names scored precisely per screening, after the token index has ranked them."""

    screening_candidates: int = 60
    """List names the token index ranks by edit similarity before the shortlist is taken."""

    screening_open_days: int = 60
    """Shipments filed or moved within this many days are open: a list change screens them again."""

    vague_terms: str = ""
    """Comma-separated words to treat as naming no goods, beside greenlane's own list."""

    hs_model_path: str | None = None
    """Where the HS heading classifier is kept (default: the user's cache folder); it is trained
    there when missing or out of date."""

    duty_rates: str | None = None
    """A duty rate table (CSV: hs_prefix, origin, ad_valorem_percent, note); default: the
    illustrative table shipped for the generated world, not a legal tariff."""

    world_seed: int = 2002
    world_shipments: int = 2000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings with every ``GREENLANE_<NAME>`` of the environment (any case) applied;
        ConfigurationError naming the variable whose value is not of the field's type."""
        given = {k.upper(): v for k, v in (os.environ if environ is None else environ).items()}
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            name = PREFIX + f.name.upper()
            if name in given:
                values[f.name] = _parse(name, given[name], str(f.type))
        return cls(**values)


def _parse(name: str, text: str, kind: str) -> Any:
    optional = kind.endswith("| None")
    if optional and text.strip() == "":
        return None
    base = kind.removesuffix(" | None")
    try:
        if base == "int":
            return int(text.strip().replace("_", ""))
        if base == "float":
            return float(text.strip())
    except ValueError:
        wanted = "a whole number" if base == "int" else "a number"
        raise ConfigurationError(f"{name}={text!r} is not a number", expected=wanted) from None
    if base == "Path":
        return Path(text)
    return text


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_env()
