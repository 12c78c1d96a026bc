"""The case files of a batch of shipments: what the indicators read, as Polars frames.

A case file is everything known about a shipment when it is assessed: its filings and parties,
the findings of visibility (journey, seals), goods and screening, the inspection results of
earlier shipments, and the trusted-trader memberships and CSI ports in force. The frames hold
many shipments at once, so the same code serves one shipment online and millions in batch, and
they are stored as Parquet (``write_case_files`` / ``read_case_files``) so that scoring can be
rerun without assembling them again.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import polars as pl

from greenlane.domain.frames import conformed

TIME = pl.Datetime("us", "UTC")

SHIPMENTS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    # Port of discharge (UN/LOCODE): where the shipment is examined.
    "port": pl.String(),
    "mode": pl.String(),
    # When the decision is due: the arrival at the port of discharge, else the last filing.
    "decided_at": TIME,
    # The first cargo declaration's time.
    "manifest_filed_at": TIME,
    "estimated_departure": TIME,
    # Observed: the first load onto a vessel (visibility).
    "first_loaded_at": TIME,
    "true_origin": pl.String(),
    "first_load_port": pl.String(),
    "declared_port_of_loading": pl.String(),
    # Declared country of origin of the goods (the entry's first line, else the ISF's).
    "origin_country": pl.String(),
    # HS chapter of the first goods line: the stratum of the random sample.
    "hs_chapter": pl.String(),
    "importer": pl.String(),
    "seller": pl.String(),
    "declared_value": pl.Float64(),
    "currency": pl.String(),
    "manifest_versions": pl.Int32(),
    "manifest_gross_kg": pl.Float64(),
    "entry_gross_kg": pl.Float64(),
    "manifest_hs4": pl.List(pl.String()),
    "entry_hs4": pl.List(pl.String()),
}
"""One row per shipment."""

FINDINGS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    # visibility, goods or screening.
    "source": pl.String(),
    "code": pl.String(),
    "message": pl.String(),
    # A number the finding carries where it has one: duty at risk, detour ratio, z-score.
    "value": pl.Float64(),
}

OUTCOMES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "importer": pl.String(),
    "inspected_at": TIME,
    "outcome": pl.String(),
}
"""Inspection results of earlier shipments, with the importer they count against."""

MEMBERSHIPS: dict[str, pl.DataType] = {
    # The member's key as the case files write parties: its first identifier, else its name.
    "party": pl.String(),
    "program": pl.String(),
    # C-TPAT tier 1 to 3; AEO counts as tier 2 (security) or 3 (full); 0 when unknown.
    "tier": pl.Int32(),
    "valid_from": pl.Date(),
    "valid_until": pl.Date(),
    "suspended": pl.Boolean(),
}

CSI_PORTS: dict[str, pl.DataType] = {"unlocode": pl.String(), "csi_since": pl.Date()}

PARTIES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "role": pl.String(),
    # The party as the case files name it: its first identifier, else its name in capitals.
    "party": pl.String(),
    "name": pl.String(),
    "country": pl.String(),
}
"""Every party of every filing of each shipment, once per role."""

CONTAINERS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "container_number": pl.String(),
    # Visibility's seal chain: intact_verified, unverified, changed_with_authority, ...
    "seal_state": pl.String(),
    "seal_reason": pl.String(),
    "stuffed_at": TIME,
    "stuffing_facility": pl.String(),
    "stuffing_seals": pl.List(pl.String()),
    "stuffing_affixed_by": pl.String(),
    "stuffing_class": pl.String(),
    "electronic": pl.Boolean(),
    "true_origin": pl.String(),
    "first_load_port": pl.String(),
}
"""One row per container trip of each shipment: where and how it was stuffed and sealed, and
the state of its seal chain."""


@dataclass(frozen=True, slots=True)
class CaseFiles:
    shipments: pl.DataFrame
    findings: pl.DataFrame
    outcomes: pl.DataFrame
    memberships: pl.DataFrame
    csi_ports: pl.DataFrame
    parties: pl.DataFrame
    containers: pl.DataFrame

    def __post_init__(self) -> None:
        for name, schema in _SCHEMAS.items():
            frame = getattr(self, name)
            missing = [c for c in schema if c not in frame.columns]
            if missing:
                raise ValueError(f"case file frame {name!r} lacks {', '.join(missing)}")


_SCHEMAS = {
    "shipments": SHIPMENTS,
    "findings": FINDINGS,
    "outcomes": OUTCOMES,
    "memberships": MEMBERSHIPS,
    "csi_ports": CSI_PORTS,
    "parties": PARTIES,
    "containers": CONTAINERS,
}


def write_case_files(case: CaseFiles, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for f in fields(case):
        getattr(case, f.name).write_parquet(folder / f"{f.name}.parquet")


def read_case_files(folder: Path) -> CaseFiles:
    return CaseFiles(
        **{
            name: conformed(pl.read_parquet(folder / f"{name}.parquet"), schema)
            for name, schema in _SCHEMAS.items()
        }
    )
