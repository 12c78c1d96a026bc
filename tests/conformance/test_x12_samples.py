"""Every published X12 sample in ../shared/samples/x12 ingests and yields the expected records.

The 315 reports one vessel arrival of GMCU 609413 with the data-quality traps the sample carries
(B4-13 check digit 7 where ISO 6346 gives 5; Q2 vessel code 9330141 failing the IMO check). The
310 is one bill of lading on POLAR ECUADOR with one sealed 45' box of fibreboard, routed
San Vicente -> Manzanillo (Panama) -> Baltimore, and envelope control numbers that disagree.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from greenlane.domain.codes import EventType, FilingType, IdentifierScheme, PartyRole
from greenlane.errors import ParseError
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.x12 import ADAPTER

S315 = "X12_004010_315_status-ocean_rail-ramp.edi"
S310 = "X12_004010_310_freight-receipt-ocean_Maersk-style.edi"


@pytest.fixture(scope="module")
def x12_dir(samples_dir: Path) -> Path:
    return samples_dir / "x12"


def ingest(path: Path) -> ParsedMessage:
    return ADAPTER.parse(path.read_bytes(), source_message=f"sample:{path.name}")


def test_every_sample_ingests(x12_dir: Path) -> None:
    files = sorted(p for p in x12_dir.iterdir() if p.suffix == ".edi")
    assert {S315, S310} <= {p.name for p in files}
    for path in files:
        assert ADAPTER.detect(path.read_bytes()), path.name
        try:
            result = ingest(path)
        except ParseError as exc:  # pragma: no cover - a failure names the sample
            pytest.fail(f"{path.name}: {exc}")
        assert result.record_count >= 1, path.name


def test_315_vessel_arrival_with_both_traps(x12_dir: Path) -> None:
    result = ingest(x12_dir / S315)
    assert result.format == "x12:315"
    assert result.filings == ()
    (event,) = result.events
    assert event.event_type is EventType.ARRIVED
    assert event.event_id == "SOURCE:000000001:00001:1"
    # No UN/LOCODE places the move (LOCKBOURNE is a city), so its time zone is unknown: UTC.
    assert event.occurred_at == datetime(2022, 9, 1, 8, 7, tzinfo=UTC)
    assert event.container_number == "GMCU6094137"  # as sent: GMCU + 609413 + B4-13 7
    assert event.full is False  # B4-09 E
    assert (event.vessel_imo, event.vessel_name, event.voyage) == ("9330141", "MARIM", "202N")
    assert event.bill_of_lading == "21001ASK5V9U"
    # B4-11/12 is a city (qualifier CI), not a UN/LOCODE; the R4 ports are loading and delivery.
    assert (event.unlocode, event.facility) == (None, "LOCKBOURNE")
    assert event.seals == ()
    assert event.source == "x12"
    found = {f.code: f for f in result.findings}
    assert set(found) == {"container.check_digit", "imo.check_digit", "time.zone_unknown"}
    assert found["container.check_digit"].where == "ST 00001 segment 4 (B4) element 13"
    assert "expected 5" in found["container.check_digit"].message
    assert found["imo.check_digit"].where == "ST 00001 segment 8 (Q2) element 01"
    assert "expected 7" in found["imo.check_digit"].message


def test_310_bill_of_lading(x12_dir: Path) -> None:
    result = ingest(x12_dir / S310)
    assert result.format == "x12:310"
    assert result.events == ()  # a freight receipt states no move
    (filing,) = result.filings
    assert filing.filing_type is FilingType.CARGO_DECLARATION
    assert (filing.master_bill, filing.house_bill, filing.version) == ("IDENTIFIER123", None, 1)
    assert (filing.vessel_imo, filing.vessel_name, filing.voyage) == (
        "9786774",
        "POLAR ECUADOR",
        "234N",
    )
    assert filing.carrier_scac == "WHT"
    route = filing.route
    assert (route.port_of_loading, route.transshipment_ports, route.port_of_discharge) == (
        "CLSVE",
        ("PAMIT",),
        "USBAL",
    )
    # DTM*140*20220830*003000*LT: local time at San Vicente, Chile (UTC-4 in August).
    assert filing.estimated_departure == datetime(2022, 8, 30, 4, 30, tzinfo=UTC)
    roles = {p.role: p.party for p in filing.parties}
    assert roles[PartyRole.SHIPPER].name == "MADERAS ARAUCO S.A."
    assert roles[PartyRole.SHIPPER].country == "CL"
    assert roles[PartyRole.CONSIGNEE].name == "ARAUCO NORTH AMERICA INC"
    assert roles[PartyRole.NOTIFY_PARTY].name == "GEODIS USA INC"
    assert roles[PartyRole.CARRIER].identifiers[0].scheme is IdentifierScheme.SCAC
    (box,) = filing.containers
    assert (box.number, box.size_type) == ("TCNU6849731", "45G1")
    assert [s.number for s in box.seals] == ["MLCL0008628"]
    (item,) = filing.goods
    assert item.hs_code is not None
    assert item.hs_code.replace(".", "").startswith("441114")
    assert "MEDIUM DENSITY FIBERBO" in item.description
    assert (item.gross_mass_kg, item.packages, item.container_number) == (
        17007.0,
        36,
        "TCNU6849731",
    )
    # The sample's envelope does not add up, and its DTM dates put arrival before departure.
    assert Counter(f.code for f in result.findings) == {
        "x12.control_number": 3,
        "x12.control_count": 1,
        "route.dates_order": 1,
    }
    where = sorted(f.where or "" for f in result.findings if f.code.startswith("x12."))
    assert where == [
        "segment 48 (SE) element 01",
        "segment 48 (SE) element 02",
        "segment 49 (GE) element 02",
        "segment 50 (IEA) element 02",
    ]
