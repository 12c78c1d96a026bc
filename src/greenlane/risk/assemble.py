"""Assemble case files from what the earlier stages produced, whichever store they came from.

The inputs are frames in the shapes the stages already give: filings, goods lines and parties
as filed; visibility's trips and findings; goods findings; screening hits; inspection results;
trusted-trader memberships and ports. ``greenlane.risk.build.case_files`` reads them from a frame
source (the database or Parquet frames) and runs visibility.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from greenlane.domain.frames import conformed
from greenlane.domain.records import Port, TrustedTraderMembership
from greenlane.risk.casefile import (
    CONTAINERS,
    CSI_PORTS,
    FINDINGS,
    MEMBERSHIPS,
    OUTCOMES,
    PARTIES,
    SHIPMENTS,
    CaseFiles,
)

IMPORTER_ROLES = ("importer_of_record", "consignee")
"""Whose history a shipment counts against: the importer of record, else the consignee."""


def party_key() -> pl.Expr:
    """A party as the case files name it: its first identifier, else its name in capitals."""
    return pl.coalesce(pl.col("identifier"), pl.col("name").str.to_uppercase().str.strip_chars())


def _first_party(parties: pl.DataFrame, roles: Iterable[str], name: str) -> pl.DataFrame:
    ranked = {r: k for k, r in enumerate(roles)}
    return (
        parties.filter(pl.col("role").is_in(list(ranked)))
        .with_columns(
            _rank=pl.col("role").replace_strict(ranked, return_dtype=pl.Int32), _key=party_key()
        )
        .sort("master_bill", "_rank")
        .group_by("master_bill", maintain_order=True)
        .agg(pl.col("_key").first().alias(name))
    )


def shipments_frame(
    filings: pl.DataFrame, lines: pl.DataFrame, parties: pl.DataFrame, trips: pl.DataFrame
) -> pl.DataFrame:
    """One row per master bill in SHIPMENTS columns."""
    manifests = filings.filter(pl.col("filing_type") == "cargo_declaration")
    manifest = manifests.group_by("master_bill").agg(
        manifest_filed_at=pl.col("filed_at").min(),
        estimated_departure=pl.col("estimated_departure").sort_by("filed_at").first(),
        declared_port_of_loading=pl.col("port_of_loading").sort_by("filed_at").last(),
        port=pl.col("port_of_discharge").sort_by("filed_at").last(),
        manifest_versions=pl.col("version").max(),
    )
    last_filed = filings.group_by("master_bill").agg(last_filed=pl.col("filed_at").max())
    route = trips.group_by("bill_of_lading").agg(
        first_loaded_at=pl.col("first_loaded_at").min(),
        true_origin=pl.col("true_origin").sort_by("first_loaded_at").first(),
        first_load_port=pl.col("first_load_port").sort_by("first_loaded_at").first(),
        arrived=pl.col("last_discharged_at").max(),
    )
    newest = lines.group_by("master_bill", "filing_type").agg(
        pl.col("filing").sort_by("filed_at").last()
    )
    latest = lines.join(newest, on=["master_bill", "filing_type", "filing"], how="semi")
    entry = (
        latest.filter(pl.col("filing_type") == "entry")
        .group_by("master_bill")
        .agg(
            entry_gross_kg=pl.col("gross_mass_kg").sum(),
            entry_hs4=pl.col("hs_code").str.slice(0, 4).drop_nulls().unique().sort(),
            declared_value=pl.col("value").sum(),
            currency=pl.col("currency").first(),
            entry_origin=pl.col("origin_country").first(),
            entry_chapter=pl.col("hs_code").str.slice(0, 2).first(),
            seller=pl.col("seller").first(),
        )
    )
    manifest_goods = (
        latest.filter(pl.col("filing_type") == "cargo_declaration")
        .group_by("master_bill")
        .agg(
            manifest_gross_kg=pl.col("gross_mass_kg").sum(),
            manifest_hs4=pl.col("hs_code").str.slice(0, 4).drop_nulls().unique().sort(),
            manifest_chapter=pl.col("hs_code").str.slice(0, 2).first(),
        )
    )
    isf = lines.filter(pl.col("filing_type") == "importer_security_filing")
    isf_origin = isf.group_by("master_bill").agg(isf_origin=pl.col("origin_country").first())
    importer = _first_party(parties, IMPORTER_ROLES, "importer")
    frame = (
        manifest.join(last_filed, on="master_bill", how="full", coalesce=True)
        .join(route, left_on="master_bill", right_on="bill_of_lading", how="left")
        .join(entry, on="master_bill", how="left")
        .join(manifest_goods, on="master_bill", how="left")
        .join(isf_origin, on="master_bill", how="left")
        .join(importer, on="master_bill", how="left")
        .with_columns(
            mode=pl.lit("sea"),
            decided_at=pl.coalesce("arrived", "last_filed"),
            origin_country=pl.coalesce("entry_origin", "isf_origin"),
            hs_chapter=pl.coalesce("entry_chapter", "manifest_chapter"),
        )
    )
    return conformed(frame, SHIPMENTS).sort("decided_at", "master_bill")


def visibility_findings(findings: pl.DataFrame, trips: pl.DataFrame) -> pl.DataFrame:
    """Visibility findings per bill; a route detour carries its ratio."""
    ratio = trips.group_by("bill_of_lading").agg(ratio=pl.col("detour_ratio").max())
    return conformed(
        findings.filter(pl.col("bill_of_lading").is_not_null())
        .join(ratio, on="bill_of_lading", how="left")
        .select(
            master_bill="bill_of_lading",
            source=pl.lit("visibility"),
            code="kind",
            message="message",
            value=pl.when(pl.col("kind") == "route_detour").then(pl.col("ratio")),
        ),
        FINDINGS,
    )


def goods_case_findings(findings: pl.DataFrame) -> pl.DataFrame:
    """Goods findings per bill; the value is the duty they put at risk."""
    return conformed(
        findings.select(
            "master_bill", "code", "message", source=pl.lit("goods"), value="duty_at_risk"
        ),
        FINDINGS,
    )


def screening_findings(hits: pl.DataFrame) -> pl.DataFrame:
    """Watch-list hits per bill (``greenlane.domain.frames.SCREENING_HITS``)."""
    return conformed(
        hits.select(
            "master_bill",
            source=pl.lit("screening"),
            code=pl.lit("watchlist_hit"),
            message=pl.concat_str(
                pl.col("role"),
                pl.lit(" '"),
                pl.col("party_name"),
                pl.lit("' matches "),
                pl.col("entry_key"),
                pl.lit(" '"),
                pl.col("matched_name"),
                pl.lit("' (score "),
                pl.col("score").round(2).cast(pl.String),
                pl.lit(")"),
            ),
            value="score",
        ),
        FINDINGS,
    )


def outcomes_frame(inspections: pl.DataFrame, shipments: pl.DataFrame) -> pl.DataFrame:
    """Inspection results (bill_of_lading, inspected_at, outcome) with the importer they count
    against."""
    return conformed(
        inspections.select(
            master_bill="bill_of_lading", inspected_at="inspected_at", outcome="outcome"
        ).join(shipments.select("master_bill", "importer"), on="master_bill", how="left"),
        OUTCOMES,
    )


def memberships_frame(members: Iterable[TrustedTraderMembership]) -> pl.DataFrame:
    rows = []
    for m in members:
        ident = m.party.identifiers[0].value if m.party.identifiers else None
        tier = m.tier or {"security": 2, "full": 3}.get(m.aeo_type or "", 0)
        rows.append(
            (
                ident or m.party.name.upper().strip(),
                m.program.value,
                tier,
                m.certified_on,
                m.valid_until,
                m.suspended,
            )
        )
    return pl.DataFrame(rows, schema=MEMBERSHIPS, orient="row")


def csi_frame(ports: Iterable[Port]) -> pl.DataFrame:
    return pl.DataFrame(
        [(p.unlocode, p.csi_since) for p in ports if p.csi], schema=CSI_PORTS, orient="row"
    )


def parties_frame(parties: pl.DataFrame) -> pl.DataFrame:
    """Each shipment's parties, once per role and party."""
    return conformed(
        parties.with_columns(party=party_key()).unique(
            ["master_bill", "role", "party"], maintain_order=True
        ),
        PARTIES,
    )


def containers_frame(trips: pl.DataFrame, seal_states: pl.DataFrame | None) -> pl.DataFrame:
    """Each container trip with its stuffing and its seal chain's state."""
    frame = trips.select(
        "trip_id",
        master_bill="bill_of_lading",
        container_number="container_number",
        stuffed_at="stuffed_at",
        stuffing_facility="stuffing_facility",
        true_origin="true_origin",
        first_load_port="first_load_port",
    )
    if seal_states is not None:
        frame = frame.join(
            seal_states.select(
                "trip_id",
                seal_state="state",
                seal_reason="reason",
                stuffing_seals="stuffing_seals",
                stuffing_affixed_by="stuffing_affixed_by",
                stuffing_class="stuffing_class",
                electronic="electronic",
            ),
            on="trip_id",
            how="left",
        )
    return conformed(frame.filter(pl.col("master_bill").is_not_null()), CONTAINERS)


def assemble(
    *,
    filings: pl.DataFrame,
    lines: pl.DataFrame,
    parties: pl.DataFrame,
    trips: pl.DataFrame,
    seal_states: pl.DataFrame | None = None,
    visibility: pl.DataFrame,
    goods: pl.DataFrame,
    hits: pl.DataFrame,
    inspections: pl.DataFrame,
    memberships: Iterable[TrustedTraderMembership],
    ports: Iterable[Port],
) -> CaseFiles:
    shipments = shipments_frame(filings, lines, parties, trips)
    findings = pl.concat(
        [
            visibility_findings(visibility, trips),
            goods_case_findings(goods),
            screening_findings(hits),
        ]
    )
    return CaseFiles(
        shipments=shipments,
        findings=findings,
        outcomes=outcomes_frame(inspections, shipments),
        memberships=memberships_frame(memberships),
        csi_ports=csi_frame(ports),
        parties=parties_frame(parties),
        containers=containers_frame(trips, seal_states),
    )
