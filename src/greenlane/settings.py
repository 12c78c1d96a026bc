"""All configuration in one typed place; every field can be set as GREENLANE_<NAME>."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GREENLANE_", extra="ignore")

    database_url: str = "sqlite:///greenlane.db"
    """SQLAlchemy URL. SQLite file by default; postgresql+psycopg://... in production."""

    ports_file: Path | None = None
    """Optional CSV of extra or corrected ports (unlocode,name,country,latitude,longitude[,csi])."""

    max_message_bytes: int = 64 * 1024 * 1024
    """Largest message ingest reads; a larger one is archived and quarantined."""

    world_seed: int = 2002
    world_shipments: int = 2000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
