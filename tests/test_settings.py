"""Settings from the environment: every field as GREENLANE_<NAME>, typed, with a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from greenlane.errors import ConfigurationError
from greenlane.settings import Settings


def test_defaults_without_any_variable() -> None:
    assert Settings.from_env({}) == Settings()
    assert Settings().max_message_bytes == 64 * 1024 * 1024


def test_every_kind_of_field_is_read_and_typed() -> None:
    found = Settings.from_env(
        {
            "GREENLANE_DATABASE_URL": "postgresql+psycopg://db/greenlane",
            "GREENLANE_MAX_MESSAGE_BYTES": "4_096",
            "greenlane_screening_threshold": "0.75",
            "GREENLANE_PORTS_FILE": "/srv/ports.csv",
            "GREENLANE_HS_MODEL_PATH": "",
            "OTHER": "ignored",
        }
    )
    assert found.database_url == "postgresql+psycopg://db/greenlane"
    assert found.max_message_bytes == 4096 and found.screening_threshold == 0.75
    assert found.ports_file == Path("/srv/ports.csv") and found.hs_model_path is None


@pytest.mark.parametrize(
    ("name", "value"),
    [("GREENLANE_MAX_JSON_DEPTH", "deep"), ("GREENLANE_SCREENING_THRESHOLD", "x")],
)
def test_a_value_of_the_wrong_type_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigurationError, match=name):
        Settings.from_env({name: value})
