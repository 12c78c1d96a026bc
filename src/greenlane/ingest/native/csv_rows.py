"""Native CSV: one file per kind of record, told apart by its header.

Nested parts are written in single cells: seals as ``NUMBER[:condition[:affixed_by]]`` joined by
``;``, transshipment ports and party identifiers (``scheme:value``) joined by ``;``. A filing spans
one row per goods line; its header columns repeat on every row and the rows are grouped by
(filing_type, reference, version). Parties of a filing are ``<role>_name``, ``<role>_address``,
``<role>_country`` columns, e.g. ``shipper_name``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from greenlane.domain.codes import PartyRole

KINDS: dict[str, frozenset[str]] = {
    "events": frozenset({"event_id", "event_type", "occurred_at"}),
    "inspections": frozenset({"inspection_id", "inspected_at", "kind", "outcome"}),
    "memberships": frozenset({"membership_id", "program", "party_name"}),
    "filings": frozenset({"filing_type", "reference", "filed_at", "master_bill"}),
}

FILING_COLUMNS = (
    "filing_type", "reference", "version", "filed_at", "master_bill", "house_bill", "filer",
    "carrier_scac", "vessel_imo", "vessel_name", "voyage", "estimated_departure",
    "estimated_arrival",
)  # fmt: skip
ROUTE_COLUMNS = (
    "place_of_receipt", "port_of_loading", "port_of_discharge", "place_of_delivery",
)  # fmt: skip
GOODS_COLUMNS = (
    "line_number", "description", "hs_code", "packages", "package_type", "gross_mass_kg",
    "net_mass_kg", "value", "currency", "origin_country",
)  # fmt: skip


def kind_of(header: list[str]) -> str | None:
    columns = set(header)
    for kind, required in KINDS.items():
        if required <= columns:
            return kind
    return None


def _cell(row: dict[str, str], name: str) -> str | None:
    value = (row.get(name) or "").strip()
    return value or None


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _seals(value: str | None, *, reading: bool) -> list[dict[str, Any]]:
    seals = []
    for item in _split(value):
        number, *rest = item.split(":")
        seal: dict[str, Any] = {"number": number}
        if reading and rest and rest[0]:
            seal["condition"] = rest[0]
        if len(rest) > int(reading) and rest[int(reading)]:
            seal["affixed_by"] = rest[int(reading)]
        seals.append(seal)
    return seals


def _present(row: dict[str, str], names: tuple[str, ...]) -> dict[str, str]:
    return {name: value for name in names if (value := _cell(row, name)) is not None}


def event_row(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        k: v for k, v in ((k, _cell(row, k)) for k in row if k != "seals") if v is not None
    }
    data["seals"] = _seals(_cell(row, "seals"), reading=True)
    return data


def inspection_row(row: dict[str, str]) -> dict[str, Any]:
    return {k: v for k, v in ((k, _cell(row, k)) for k in row) if v is not None}


def membership_row(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        k: v for k, v in ((k, _cell(row, k)) for k in row if not k.startswith("party_")) if v
    }
    identifiers = []
    for item in _split(_cell(row, "party_identifiers")):
        scheme, _, value = item.partition(":")
        identifiers.append({"scheme": scheme, "value": value})
    data["party"] = {
        "name": _cell(row, "party_name") or "",
        "address": _cell(row, "party_address"),
        "country": _cell(row, "party_country"),
        "identifiers": identifiers,
    }
    return data


def filing_key(row: dict[str, str]) -> tuple[str, str, str]:
    return (row.get("filing_type", ""), row.get("reference", ""), row.get("version") or "1")


def filing_rows(rows: list[dict[str, str]]) -> dict[str, Any]:
    """One filing from its goods rows (header columns taken from the first row)."""
    first = rows[0]
    data: dict[str, Any] = _present(first, FILING_COLUMNS)
    route: dict[str, Any] = _present(first, ROUTE_COLUMNS)
    route["transshipment_ports"] = _split(_cell(first, "transshipment_ports"))
    data["route"] = route
    data["parties"] = [
        {
            "role": role.value,
            "name": name,
            "address": _cell(first, f"{role.value}_address"),
            "country": _cell(first, f"{role.value}_country"),
        }
        for role in PartyRole
        if (name := _cell(first, f"{role.value}_name"))
    ]
    containers: dict[str, dict[str, Any]] = {}
    goods = []
    for row in rows:
        if _cell(row, "description") is not None or _cell(row, "line_number") is not None:
            item: dict[str, Any] = _present(row, GOODS_COLUMNS)
            item.setdefault("description", "")
            if number := _cell(row, "container_number"):
                item["container_number"] = number
            goods.append(item)
        if (number := _cell(row, "container_number")) and number not in containers:
            containers[number] = {
                "number": number,
                "size_type": _cell(row, "container_size_type"),
                "seals": _seals(_cell(row, "container_seals"), reading=False),
            }
    data["goods"] = goods
    data["containers"] = list(containers.values())
    return data


ROW_BUILDERS: dict[str, Callable[[dict[str, str]], dict[str, Any]]] = {
    "events": event_row,
    "inspections": inspection_row,
    "memberships": membership_row,
}
