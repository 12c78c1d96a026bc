"""Small hand-made case files and program lists for the programs tests.

One chain, written once: a US importer (C-TPAT tier 3) buys from a Japanese manufacturer that
stuffs its own boxes (Japan AEO, recognised by the US), carried by a C-TPAT carrier, declared by
a C-TPAT broker known only by name, loaded at Kobe (a CSI port). Each test changes one thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import polars as pl

from greenlane.domain.codes import IdentifierScheme, TrustedTraderProgram
from greenlane.domain.records import Party, PartyIdentifier, Port, TrustedTraderMembership
from greenlane.programs import Programs, programs_from_records
from greenlane.programs.rosters import Recognition
from greenlane.risk.casefile import (
    CONTAINERS,
    CSI_PORTS,
    FINDINGS,
    MEMBERSHIPS,
    OUTCOMES,
    PARTIES,
    SHIPMENTS,
    CaseFiles,
    conformed,
)

T0 = datetime(2026, 3, 1, tzinfo=UTC)
DAY = timedelta(days=1)

IMPORTER = ("US-IMP-1", "Pacific Furnishings Corp.", "US")
MAKER = ("JP-MAKER-1", "Osaka Precision Co. Ltd.", "JP")
CARRIER = ("ATDU", "Austral Tide Lines", "DK")
BROKER = (None, "Tri-Port Customs Services LLC", "US")


def party_row(bill: str, role: str, who: tuple[str | None, str, str]) -> dict[str, Any]:
    ident, name, country = who
    return {
        "master_bill": bill,
        "role": role,
        "party": ident or name.upper().strip(),
        "name": name,
        "country": country,
    }


def chain_parties(bill: str, **replace: tuple[str | None, str, str]) -> list[dict[str, Any]]:
    roles = {
        "importer_of_record": IMPORTER,
        "consignee": IMPORTER,
        "manufacturer": MAKER,
        "shipper": MAKER,
        "seller": MAKER,
        "stuffer": MAKER,
        "carrier": CARRIER,
        "declarant": BROKER,
    }
    roles.update(replace)
    return [party_row(bill, role, who) for role, who in roles.items()]


def shipment(bill: str, day: int = 0, **kw: Any) -> dict[str, Any]:
    at = T0 + day * DAY
    row: dict[str, Any] = {
        "master_bill": bill,
        "port": "USLAX",
        "mode": "sea",
        "decided_at": at,
        "manifest_filed_at": at - 20 * DAY,
        "estimated_departure": at - 18 * DAY,
        "first_loaded_at": at - 18 * DAY,
        "true_origin": "JPUKB",
        "first_load_port": "JPUKB",
        "declared_port_of_loading": "JPUKB",
        "origin_country": "JP",
        "hs_chapter": "84",
        "importer": IMPORTER[0],
        "seller": MAKER[0],
        "manifest_versions": 1,
        "manifest_gross_kg": 1000.0,
        "entry_gross_kg": 1000.0,
        "manifest_hs4": ["8466"],
        "entry_hs4": ["8466"],
    }
    row.update(kw)
    return row


def container(bill: str, number: str = "MSKU1234565", day: int = 0, **kw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "master_bill": bill,
        "container_number": number,
        "seal_state": "intact_verified",
        "seal_reason": f"{number}: seal H123 read at stuffing, then 3 more times",
        "stuffed_at": T0 + day * DAY - 20 * DAY,
        "stuffing_facility": "Osaka Precision warehouse",
        "stuffing_seals": ["H123"],
        "stuffing_affixed_by": "shipper",
        "stuffing_class": "H",
        "electronic": False,
        "true_origin": "JPUKB",
        "first_load_port": "JPUKB",
    }
    row.update(kw)
    return row


def case_files(
    shipments: Iterable[dict[str, Any]],
    parties: Iterable[dict[str, Any]],
    containers: Iterable[dict[str, Any]] = (),
    outcomes: Iterable[tuple[str, str, datetime, str]] = (),
    findings: Iterable[tuple[str, str, str, str, float]] = (),
) -> CaseFiles:
    return CaseFiles(
        shipments=conformed(pl.DataFrame(list(shipments)), SHIPMENTS),
        findings=pl.DataFrame(list(findings), schema=FINDINGS, orient="row"),
        outcomes=pl.DataFrame(list(outcomes), schema=OUTCOMES, orient="row"),
        memberships=pl.DataFrame(schema=MEMBERSHIPS),
        csi_ports=pl.DataFrame(schema=CSI_PORTS),
        parties=conformed(pl.DataFrame(list(parties)), PARTIES),
        containers=conformed(
            pl.DataFrame(list(containers), schema_overrides=CONTAINERS), CONTAINERS
        ),
    )


def member(
    who: tuple[str | None, str, str],
    program: str = "ctpat",
    country: str = "US",
    *,
    tier: int | None = None,
    aeo_type: str | None = None,
    since: date = date(2015, 1, 1),
    until: date | None = None,
    suspended: bool = False,
    mid: str | None = None,
) -> TrustedTraderMembership:
    ident, name, party_country = who
    ids = (PartyIdentifier(IdentifierScheme.OTHER, ident),) if ident else ()
    return TrustedTraderMembership(
        mid or f"{program.upper()}-{name[:8]}",
        TrustedTraderProgram(program),
        Party(name, None, party_country, ids),
        country,
        tier,
        aeo_type,
        since,
        None,
        until,
        suspended,
    )


def standard_members() -> list[TrustedTraderMembership]:
    return [
        member(IMPORTER, tier=3),
        member(MAKER, "aeo", "JP"),
        member(CARRIER),
        member(BROKER),
    ]


US_JP = Recognition("ctpat", "US", "aeo", "JP", date(2009, 6, 1))
EU_CN = Recognition("aeo", "EU", "aeo", "CN", date(2014, 5, 1), date(2015, 11, 1))
KOBE = Port("JPUKB", "Kobe", "JP", csi=True, csi_since=date(2002, 12, 20))
BUSAN_LATE = Port("KRPUS", "Busan", "KR", csi=True, csi_since=date(2027, 1, 1))
SHANGHAI = Port("CNSHA", "Shanghai", "CN", csi=True)


def programs(
    members: Iterable[TrustedTraderMembership] | None = None,
    *,
    ports: Iterable[Port] = (KOBE, BUSAN_LATE, SHANGHAI),
    recognitions: Iterable[Recognition] = (US_JP, EU_CN),
    **kw: Any,
) -> Programs:
    chosen = standard_members() if members is None else list(members)
    return programs_from_records(chosen, ports, recognitions, **kw)


def one(bill: str = "B1", **kw: Any) -> CaseFiles:
    """The standard chain as one shipment with one container."""
    return case_files([shipment(bill, **kw)], chain_parties(bill), [container(bill)])
