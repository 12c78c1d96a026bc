"""The port table: searoute ports, the shipped CSI list, and a user's CSV on top."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from greenlane.domain.ports import build_port_table, csi_ports, port_table
from greenlane.errors import ConfigurationError
from greenlane.settings import get_settings

HEADER = "unlocode,name,country,latitude,longitude,csi\n"


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """port_table and settings are cached per process; tests that change them start clean."""
    port_table.cache_clear()
    get_settings.cache_clear()
    yield
    port_table.cache_clear()
    get_settings.cache_clear()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ports.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_table_has_major_ports() -> None:
    ports = build_port_table()
    karachi, singapore, long_beach = ports["PKKHI"], ports["SGSIN"], ports["USLGB"]
    assert karachi.name == "Karachi" and karachi.country == "PK"
    assert singapore.csi is True
    assert long_beach.country == "US"
    assert long_beach.latitude == pytest.approx(33.7, abs=0.2)
    assert long_beach.longitude == pytest.approx(-118.2, abs=0.2)
    assert "NLRAM" not in ports


def test_every_csi_port_is_in_the_table_and_flagged() -> None:
    ports = build_port_table()
    shipped = csi_ports()
    assert {"NLRTM", "SGSIN", "HKHKG"} <= shipped.keys()
    assert all(ports[code].csi for code in shipped)


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "SGSIN,Singapore (Pasir Panjang),SG,1.27,103.77,no\n"
        + "pkbqm,Port Qasim,pk,24.78,67.35,yes\n"
        + "XZZZZ,Offshore terminal,,,,\n",
    )
    ports = build_port_table(path)
    assert ports["SGSIN"].name == "Singapore (Pasir Panjang)"
    assert ports["SGSIN"].csi is False  # the user's file wins, CSI flag included
    qasim = ports["PKBQM"]
    assert (qasim.country, qasim.csi, qasim.latitude) == ("PK", True, 24.78)
    offshore = ports["XZZZZ"]
    assert offshore.country == "XZ"  # taken from the LOCODE when the column is blank
    assert offshore.latitude is None and offshore.longitude is None
    assert ports["USLGB"].country == "US"  # the rest of the table is still there


def test_user_file_without_csi_column(tmp_path: Path) -> None:
    path = write(tmp_path, "unlocode,name,country,latitude,longitude\nPKKHI,Karachi (KICT),PK,,\n")
    assert build_port_table(path)["PKKHI"].name == "Karachi (KICT)"


def test_missing_columns_name_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "unlocode,name,lat,lon\nPKKHI,Karachi,24.8,66.9\n")
    with pytest.raises(ConfigurationError) as caught:
        build_port_table(path)
    error = caught.value
    assert error.where == f"{path}:1"
    assert "country" in error.message and "latitude" in error.message
    assert str(path) in str(error)
    assert error.expected is not None and "unlocode,name,country" in error.expected


def test_bad_coordinate_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "PKKHI,Karachi,PK,24.8,66.9,\nSGSIN,Singapore,SG,north,,\n")
    with pytest.raises(ConfigurationError) as caught:
        build_port_table(path)
    assert caught.value.where == f"{path}:3"


def test_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(ConfigurationError) as caught:
        build_port_table(missing)
    assert caught.value.where == str(missing)


def test_port_table_reads_the_file_from_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    path = write(tmp_path, HEADER + "NLRAM,Example port,NL,51.9,4.4,\n")
    monkeypatch.setenv("GREENLANE_PORTS_FILE", str(path))
    assert port_table()["NLRAM"].name == "Example port"
    assert port_table() is port_table()  # built once per process
