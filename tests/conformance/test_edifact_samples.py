"""The real published EDIFACT samples in ../shared/samples/edifact ingest as expected."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from greenlane.domain.codes import EventType, PartyRole, SealAffixer
from greenlane.domain.identifiers import is_valid_container_number
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.edifact import ADAPTER


def ingest(samples_dir: Path, name: str) -> ParsedMessage:
    content = (samples_dir / "edifact" / name).read_bytes()
    assert ADAPTER.detect(content)
    return ADAPTER.parse(content, source_message=hashlib.sha256(content).hexdigest())


def findings(result: ParsedMessage, code: str) -> list[str | None]:
    return [f.value for f in result.findings if f.code == code]


def test_every_sample_ingests(samples_dir: Path) -> None:
    files = sorted((samples_dir / "edifact").glob("*.edi"))
    assert len(files) >= 6
    for path in files:
        result = ingest(samples_dir, path.name)
        assert result.format.startswith("edifact:"), path.name


def test_coarri_genoa_cosco_africa(samples_dir: Path) -> None:
    result = ingest(samples_dir, "COARRI_D95B_ITG13_Genoa-VTE_COSCO-AFRICA.edi")
    assert result.format == "edifact:COARRI"
    discharged = [e for e in result.events if e.event_type is EventType.DISCHARGED]
    loaded = [e for e in result.events if e.event_type is EventType.LOADED]
    assert len(discharged) == 2 and len(loaded) == 19 and len(result.events) == 21
    assert {e.unlocode for e in result.events} == {"ITGOA"}
    assert {e.facility for e in result.events} == {"VTE"}
    assert {e.vessel_name for e in result.events} == {"COSCO AFRICA"}
    assert {e.vessel_imo for e in result.events} == {None}  # 3ERX3 is a call sign
    assert {e.voyage for e in discharged} == {"031W"} and {e.voyage for e in loaded} == {"032E"}
    assert [e.container_number for e in discharged] == ["FCIU9908030", "MAGU5591240"]
    assert all(is_valid_container_number(e.container_number or "") for e in result.events)
    assert len({e.container_number for e in result.events}) == 21
    assert all(e.full for e in result.events)
    first = discharged[0]
    assert first.occurred_at == datetime(2016, 2, 3, 8, 13, tzinfo=UTC)  # 09:13 in Genoa (CET)
    assert first.event_id == "ITGOAVTE:1452515554132:1452515553811:1"
    assert first.source == "edifact"
    # The import boxes carry the placeholder SEL+SI+CA: kept, and flagged.
    assert [(s.number, s.affixed_by) for s in first.seals] == [("SI", SealAffixer.CARRIER)]
    assert findings(result, "seal.placeholder") == ["SI", "SI"]
    assert loaded[0].seals[0].number == "H53175"
    assert loaded[0].seals[0].affixed_by is SealAffixer.SHIPPER
    assert {f.code for f in result.findings} == {"seal.placeholder"}


def test_iftsta_rail_status(samples_dir: Path) -> None:
    result = ingest(samples_dir, "IFTSTA_D00B_carrier-rail-status.edi")
    (event,) = result.events
    assert event.event_type is EventType.DEPARTED  # "Rail Departed from In-Transit Locat"
    assert event.container_number == "TRHU4561222"
    assert event.unlocode == "USSYR"
    # USSYR (Syracuse, NY) is no sea port and the US keeps several clocks: UTC, with a finding.
    assert event.occurred_at == datetime(2022, 11, 19, 7, 10, tzinfo=UTC)
    assert findings(result, "time.zone_unknown") == ["202211190710"]
    assert event.bill_of_lading == "ABCD224O4023815X"
    assert event.vessel_name is None  # the transport is a CSX train
    assert findings(result, "container.check_digit") == ["TRHU4561222"]
    # UNZ says 2805570 where UNB said 2803570.
    assert findings(result, "edifact.control_reference") == ["2805570"]


def test_coprar_negative_cases(samples_dir: Path) -> None:
    result = ingest(samples_dir, "COPRAR_D95B_loadlist_Jebel-Ali.edi")
    assert result.events == ()
    assert "MSTI6415664" in findings(result, "container.category")
    assert "MSTI6415664" in findings(result, "container.check_digit")
    assert findings(result, "edifact.unt_count") == ["56"]
    assert findings(result, "edifact.missing_unb") == [None]


def test_cuscar_becomes_a_filing(samples_dir: Path) -> None:
    result = ingest(samples_dir, "CUSCAR_D95B_LOT10_synthetic_GBPME.edi")
    (filing,) = result.filings
    assert filing.master_bill == "DOCV373MOB909999"
    # DTM+137 08:52 at the place of arrival GBPME, on British Summer Time.
    assert filing.filed_at == datetime(2019, 10, 21, 7, 52, tzinfo=UTC)
    assert filing.estimated_arrival == datetime(2019, 10, 29, 3, 30, tzinfo=UTC)  # GMT again
    assert filing.vessel_name == "TEST SHIP" and filing.voyage == "TRANS1234"
    assert filing.route.port_of_loading == "CRMOB"
    assert filing.route.port_of_discharge == "GBPME"
    assert filing.parties_in(PartyRole.SHIPPER)[0].name == "ANOTHER DIFFERENT PERSON"
    assert filing.parties_in(PartyRole.CONSIGNEE)[0].name == "ANOTHER PERSON"
    (goods,) = filing.goods
    assert goods.description == "FREETEXT DESC, DETAILS"
    assert (goods.packages, goods.gross_mass_kg, goods.container_number) == (
        2880,
        55814.0,
        "EQ123456",
    )
    assert [c.number for c in filing.containers] == ["EQ123456"]
    assert findings(result, "container.shape") == ["EQ123456"]
    assert findings(result, "edifact.unt_count") == ["313"]


def test_baplie_long_beach(samples_dir: Path) -> None:
    result = ingest(samples_dir, "BAPLIE_D95B_SMDG20_LongBeach_OOCL-BEIJING.edi")
    assert [e.container_number for e in result.events] == [
        "OOLU4293959",
        "MOEU0710945",
        "OOLU8757889",
    ]
    assert {(e.event_type, e.unlocode, e.vessel_name, e.voyage) for e in result.events} == {
        (EventType.LOADED, "USLGB", "OOCL BEIJING", "042")
    }
    assert [e.full for e in result.events] == [False, False, True]


def test_baplie_placeholder_values(samples_dir: Path) -> None:
    result = ingest(samples_dir, "BAPLIE_D04B_placeholder-values.edi")
    assert result.format == "edifact:BAPLIE"
    assert result.events == ()
    assert findings(result, "container.shape") == ["CONTAINER"]
