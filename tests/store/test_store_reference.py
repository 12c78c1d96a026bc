"""Ports, trusted-trader memberships, inspections, findings, world labels and counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from store_samples import CONSIGNEE, SHIPPER

from greenlane.domain.codes import (
    InspectionKind,
    InspectionOutcome,
    Severity,
    TrustedTraderProgram,
)
from greenlane.domain.records import (
    DataQualityFinding,
    InspectionResult,
    Port,
    TrustedTraderMembership,
)
from greenlane.store import Database
from greenlane.store.schema import MAIN_TABLES

ROTTERDAM = Port("NLRTM", "Rotterdam", "NL", 51.95, 4.14, csi=True, csi_since=date(2002, 8, 8))
NINGBO = Port("CNNGB", "Ningbo", "CN", 29.87, 121.55)


def test_ports_round_trip_and_corrections_replace(db: Database) -> None:
    with db.transaction() as tx:
        assert tx.add_ports([ROTTERDAM, NINGBO]) == 2
    assert db.ports() == [NINGBO, ROTTERDAM]
    corrected = replace(NINGBO, latitude=29.868, csi=True, csi_since=date(2005, 4, 25))
    with db.transaction() as tx:
        assert tx.add_ports([corrected, ROTTERDAM]) == 0
    assert db.ports() == [corrected, ROTTERDAM]


def test_memberships_round_trip_and_suspension_replaces(db: Database) -> None:
    ctpat = TrustedTraderMembership(
        membership_id="CTPAT-0042",
        program=TrustedTraderProgram.CTPAT,
        party=CONSIGNEE,
        program_country="US",
        tier=3,
        certified_on=date(2019, 3, 1),
        validated_on=date(2024, 3, 1),
        valid_until=date(2027, 3, 1),
    )
    aeo = TrustedTraderMembership(
        membership_id="CNAEO1234",
        program=TrustedTraderProgram.AEO,
        party=SHIPPER,
        program_country="CN",
        aeo_type="security",
    )
    with db.transaction() as tx:
        assert tx.add_memberships([ctpat, aeo]) == 2
    assert db.memberships() == [aeo, ctpat]
    with db.transaction() as tx:
        assert tx.add_memberships([replace(ctpat, suspended=True)]) == 0
    assert db.memberships() == [aeo, replace(ctpat, suspended=True)]
    assert db.counts()["parties"] == 2


def test_inspections_are_stored_once(db: Database) -> None:
    result = InspectionResult(
        inspection_id="NLRTM-2026-0001",
        inspected_at=datetime(2026, 2, 6, 10, 0, tzinfo=UTC),
        kind=InspectionKind.NON_INTRUSIVE,
        outcome=InspectionOutcome.DISCREPANCY,
        bill_of_lading="MAEU260100001",
        container_number="MSKU1234565",
        unlocode="NLRTM",
        finding="image shows mixed cargo behind declared lamps",
    )
    with db.transaction() as tx:
        assert tx.add_inspections([result, result]) == 1
    with db.transaction() as tx:
        assert tx.add_inspections([result]) == 0
    assert db.inspections_for_bill("MAEU260100001") == [result]


def test_findings_are_stored_once_per_subject(db: Database) -> None:
    findings = [
        DataQualityFinding(
            code="container_check_digit",
            message="check digit should be 5, not 4",
            field="container_number",
            value="MSKU1234564",
            severity=Severity.ERROR,
            where="EQD segment 7",
        ),
        DataQualityFinding(code="vague_description", message="says 'parts'", field="goods"),
    ]
    with db.transaction() as tx:
        assert tx.add_findings("raw_message", "ab" * 32, findings) == 2
        assert tx.add_findings("raw_message", "ab" * 32, findings) == 0
        assert tx.add_findings("raw_message", "cd" * 32, findings[:1]) == 1
    assert db.findings_for("raw_message", "ab" * 32) == findings
    assert db.findings_for("raw_message", "ef" * 32) == []


def test_labels_are_kept_per_source(db: Database) -> None:
    labels = [("seal_swapped", "seal changed at SGSIN"), ("undervaluation", "value / 4")]
    with db.transaction() as tx:
        assert tx.add_labels("MAEU1", labels, source="world") == 2
        assert tx.add_labels("MAEU1", labels[:1], source="world") == 0
        assert tx.add_labels("MAEU2", [], source="world") == 0
        # The same finding from another source is another label, not a duplicate.
        assert tx.add_labels("MAEU1", [("seal_swapped", "seizure 2026/114")], source="nl") == 1
    assert db.labels(source="world") == {"MAEU1": labels}
    assert db.labels(source="nl") == {"MAEU1": [("seal_swapped", "seizure 2026/114")]}
    assert db.labels(source="audit") == {}
    # All sources: by label, then by source ("nl" before "world").
    assert db.labels() == {"MAEU1": [("seal_swapped", "seizure 2026/114"), *labels]}


def test_counts_cover_every_main_table(db: Database) -> None:
    counts = db.counts()
    assert list(counts) == [table.name for table in MAIN_TABLES]
    assert "party_identifiers" not in counts or counts["party_identifiers"] == 0
    with db.transaction() as tx:
        tx.add_ports([ROTTERDAM])
    assert db.counts()["ports"] == 1
