"""Plain documents (dicts of JSON types) of what the programs stage found, for the CLI and the API.

Frames stay inside; an edge gets these documents, never storage rows or frames.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from greenlane.errors import NotFoundError
from greenlane.programs.eligibility import Eligibility
from greenlane.programs.frames import Programs, name_key
from greenlane.programs.rules import IMPORTER_ROLES, REQUIREMENTS
from greenlane.risk.casefile import CaseFiles


def programs_summary(programs: Programs) -> dict[str, Any]:
    """Members per program, jurisdiction and tier; each arrangement once; the CSI port count."""
    members = (
        programs.members.group_by("program", "jurisdiction", "tier")
        .agg(members=pl.len(), suspended=pl.col("suspended").sum())
        .sort("program", "jurisdiction", "tier")
    )
    pairs = programs.recognitions.filter(pl.col("home_jurisdiction") < pl.col("jurisdiction")).sort(
        "home_jurisdiction", "jurisdiction"
    )
    return {
        "members": members.to_dicts(),
        "recognitions": [
            {
                "between": f"{r['home_program']}/{r['home_jurisdiction']} and "
                f"{r['program']}/{r['jurisdiction']}",
                "in_force_from": str(r["in_force_from"]),
                "in_force_until": None if r["in_force_until"] is None else str(r["in_force_until"]),
                "note": r["note"],
            }
            for r in pairs.iter_rows(named=True)
        ],
        "csi_ports": programs.csi.height,
    }


def eligibility_document(eligibility: Eligibility, bill: str) -> dict[str, Any]:
    """One shipment's verdict: each requirement with its status and every checked fact."""
    row, facts = eligibility.for_bill(bill)
    if row is None:
        raise NotFoundError(f"no shipment {bill!r} in the case files")
    requirements = []
    for name, title in REQUIREMENTS.items():
        mine = facts.filter(pl.col("requirement") == name)
        requirements.append(
            {
                "requirement": name,
                "title": title,
                "status": row[name],
                "facts": mine.select("subject", "status", "code", "evidence", "fix").to_dicts(),
            }
        )
    return {
        "master_bill": bill,
        "port": row["port"],
        "decided_at": None if row["decided_at"] is None else row["decided_at"].isoformat(),
        "importer": row["importer"],
        "eligible": row["eligible"],
        "importer_tier": row["importer_tier"],
        "benefit_tier": row["benefit_tier"],
        "not_met": row["not_met"],
        "unknown": row["unknown"],
        "requirements": requirements,
    }


def resolve_importer(case: CaseFiles, text: str) -> str:
    """The importer key of the case files that ``text`` names: the key itself (an identifier,
    or a name in capitals), or an importer's name written any way (case, punctuation)."""
    text = text.strip()
    keys = case.shipments.get_column("importer").drop_nulls()
    for candidate in (text, text.upper()):
        if keys.is_in([candidate]).any():
            return candidate
    wanted = pl.select(name_key(pl.lit(text))).item()
    found = (
        case.parties.filter(pl.col("role").is_in(IMPORTER_ROLES))
        .filter(name_key("name") == wanted)
        .filter(pl.col("party").is_in(keys.implode()))
        .get_column("party")
        .unique()
        .sort()
    )
    if found.len() == 0:
        raise NotFoundError(f"no importer {text!r} in the case files")
    return str(found[0])
