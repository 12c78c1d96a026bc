"""Program lists written in the CSV layouts that ``rosters`` reads.

For exporting what is stored, for the benchmark (which writes its world's rosters and loads them
back through the same readers a customs administration uses), and for tests that round-trip.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from greenlane.domain.records import Port, TrustedTraderMembership
from greenlane.programs.rosters import (
    AEO_COLUMNS,
    AEO_OPTIONAL,
    CSI_COLUMNS,
    CTPAT_COLUMNS,
    CTPAT_OPTIONAL,
    MRA_COLUMNS,
    MRA_OPTIONAL,
    Recognition,
)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _write(path: Path, header: Sequence[str], rows: Iterable[dict[str, object]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(header))
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def _party(m: TrustedTraderMembership) -> dict[str, object]:
    ident = m.party.identifiers[0] if m.party.identifiers else None
    return {
        "membership_id": m.membership_id,
        "name": m.party.name,
        "address": m.party.address or "",
        "country": m.party.country or m.program_country,
        "identifier_scheme": ident.scheme.value if ident else "",
        "identifier": ident.value if ident else "",
        "certified_on": _day(m.certified_on),
        "valid_until": _day(m.valid_until),
        "suspended": "true" if m.suspended else "false",
    }


def write_ctpat(members: Iterable[TrustedTraderMembership], path: Path) -> int:
    return _write(
        path,
        (*CTPAT_COLUMNS, *CTPAT_OPTIONAL),
        (
            {**_party(m), "tier": m.tier or "", "validated_on": _day(m.validated_on)}
            for m in members
            if m.program.value == "ctpat"
        ),
    )


def write_aeo(members: Iterable[TrustedTraderMembership], path: Path) -> int:
    return _write(
        path,
        (*AEO_COLUMNS, *AEO_OPTIONAL),
        (
            {**_party(m), "program_country": m.program_country, "aeo_type": m.aeo_type or ""}
            for m in members
            if m.program.value == "aeo"
        ),
    )


def write_mra(arrangements: Iterable[Recognition], path: Path) -> int:
    return _write(
        path,
        (*MRA_COLUMNS, *MRA_OPTIONAL),
        (
            {
                "program": r.program,
                "jurisdiction": r.jurisdiction,
                "partner_program": r.partner_program,
                "partner_jurisdiction": r.partner_jurisdiction,
                "signed_on": _day(r.signed_on),
                "in_force_from": _day(r.in_force_from),
                "in_force_until": _day(r.in_force_until),
                "note": r.note or "",
            }
            for r in arrangements
        ),
    )


def write_csi(ports: Iterable[Port], path: Path) -> int:
    return _write(
        path,
        CSI_COLUMNS,
        (
            {
                "unlocode": p.unlocode,
                "name": p.name,
                "country": p.country,
                "csi_since": _day(p.csi_since),
            }
            for p in ports
            if p.csi
        ),
    )
