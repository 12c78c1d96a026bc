"""`greenlane parties BILL`: everyone in a shipment's chain, what is missing, who is listed."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any

import typer
from rich.table import Table

from greenlane.cli.common import DatabaseOption, clear_errors, console, open_database
from greenlane.errors import NotFoundError


@clear_errors
def parties(
    bill: Annotated[str, typer.Argument(help="Master or house bill of lading.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    database: DatabaseOption = None,
) -> None:
    """The parties of every filing of a shipment by role, missing or placeholder parties, and
    the watch-list hits of its last screening."""
    from greenlane.parties.regimes import role_findings
    from greenlane.parties.roles import shipment_parties, shipment_roles
    from greenlane.store.entities import entities_for_bill
    from greenlane.store.screening import hits_for_bill

    db = open_database(database)
    filings = db.filings_for_bill(bill.strip())
    if not filings:
        raise NotFoundError(f"no filing for bill {bill.strip()!r}")
    by_role = shipment_parties(shipment_roles(filings))
    findings = role_findings(filings)
    masters = sorted({f.master_bill for f in filings})
    hits = [h for master in masters for h in hits_for_bill(db, master)]
    entities = [e for master in masters for e in entities_for_bill(db, master)]
    if as_json:
        doc: dict[str, Any] = {
            "bill_of_lading": bill.strip(),
            "parties": by_role.drop("master_bill").to_dicts(),
            "findings": findings.drop("master_bill").to_dicts(),
            "screening_hits": [asdict(h) for h in hits],
            "entities": [{"role": r, "name": n, "entity_id": i} for r, n, i in entities],
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"Parties of {bill.strip()}")
    for column in ("Role", "Names as written", "Filings"):
        table.add_column(column)
    for row in by_role.iter_rows(named=True):
        table.add_row(row["role"], "\n".join(row["names"]), "\n".join(row["filings"]))
    console.print(table)
    if findings.height:
        found = Table(title="Missing or placeholder parties")
        for column in ("Filing", "Regime", "Role", "Finding", "What"):
            found.add_column(column)
        for f in findings.iter_rows(named=True):
            found.add_row(
                f"{f['filing_type']} {f['reference']} v{f['version']}",
                f["regime"],
                f["role"],
                f"{f['kind']} ({f['severity']})",
                f["message"],
            )
        console.print(found)
    if entities:
        resolved = Table(title="Entities (last greenlane entities resolve)")
        for column in ("Role", "Name as written", "Entity"):
            resolved.add_column(column)
        for role, name, entity in entities:
            resolved.add_row(role, name, entity)
        console.print(resolved)
    if hits:
        listed = Table(title="Watch-list hits (last screening)")
        for column in ("Role", "Party", "List entry", "Matched name", "Score"):
            listed.add_column(column)
        for h in hits:
            listed.add_row(h.role, h.party_name, h.entry_key, h.matched_name, f"{h.score:.2f}")
        console.print(listed)
    else:
        console.print("No watch-list hits in the last screening (greenlane screen).")
