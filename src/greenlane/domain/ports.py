"""The port table: UN/LOCODE, name, country, coordinates and the CSI flag.

Ports come from the ``searoute`` package (about 4,000 sea ports with coordinates, the same network
used later for sea-route distances). The CSI list ships with greenlane. A user's own CSV
(``GREENLANE_PORTS_FILE``) adds ports or overrides names, coordinates and the CSI flag.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

from greenlane.domain.records import Port
from greenlane.errors import ConfigurationError

_USER_COLUMNS = ("unlocode", "name", "country", "latitude", "longitude")


def _searoute_ports() -> dict[str, Port]:
    geojson = resources.files("searoute").joinpath("data", "ports.geojson")
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    ports: dict[str, Port] = {}
    for feature in features:
        props = feature["properties"]
        code = str(props.get("port") or "").strip().upper()
        if len(code) != 5 or code in ports:
            continue
        lon, lat = feature["geometry"]["coordinates"]
        ports[code] = Port(
            unlocode=code,
            name=str(props.get("name") or code),
            country=code[:2],
            latitude=float(lat),
            longitude=float(lon),
        )
    return ports


def csi_ports() -> dict[str, str]:
    """UN/LOCODE to name of the Container Security Initiative ports shipped with greenlane."""
    text = resources.files("greenlane.domain").joinpath("data", "csi_ports.csv").read_text("utf-8")
    return {row["unlocode"]: row["name"] for row in csv.DictReader(text.splitlines())}


def _read_user_ports(path: Path) -> list[Port]:
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(
            f"cannot read ports file: {exc.strerror}", where=str(path)
        ) from exc
    ports = []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _USER_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ConfigurationError(
                f"ports file lacks columns {', '.join(missing)}",
                where=f"{path}:1",
                expected="header " + ",".join(_USER_COLUMNS) + "[,csi]",
            )
        for line, row in enumerate(reader, start=2):
            try:
                lat = float(row["latitude"]) if row["latitude"] else None
                lon = float(row["longitude"]) if row["longitude"] else None
            except ValueError as exc:
                raise ConfigurationError(
                    "latitude/longitude is not a number", where=f"{path}:{line}"
                ) from exc
            ports.append(
                Port(
                    unlocode=row["unlocode"].strip().upper(),
                    name=row["name"].strip(),
                    country=(row["country"] or row["unlocode"][:2]).strip().upper(),
                    latitude=lat,
                    longitude=lon,
                    csi=(row.get("csi") or "").strip().lower() in {"1", "true", "yes", "y"},
                )
            )
    return ports


def build_port_table(user_file: Path | None = None) -> dict[str, Port]:
    ports = _searoute_ports()
    for code, name in csi_ports().items():
        base = ports.get(code) or Port(unlocode=code, name=name, country=code[:2])
        ports[code] = Port(
            unlocode=code,
            name=base.name,
            country=base.country,
            latitude=base.latitude,
            longitude=base.longitude,
            csi=True,
        )
    if user_file is not None:
        for port in _read_user_ports(user_file):
            ports[port.unlocode] = port
    return ports


@lru_cache(maxsize=1)
def port_table() -> Mapping[str, Port]:
    """The port table for this process, with the user's file from settings applied."""
    from greenlane.settings import get_settings

    return build_port_table(get_settings().ports_file)
