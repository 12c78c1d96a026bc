"""Message rules: COARRI, CODECO (synthetic fixtures), IFTSTA, BAPLIE, CUSCAR, COPRAR."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from greenlane.domain.codes import EventType, PartyRole, SealAffixer, SealCondition
from greenlane.ingest.base import ParsedMessage
from greenlane.ingest.edifact import ADAPTER
from greenlane.ingest.edifact.iftsta import status_event_type

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "edifact"
UNB = "UNB+UNOA:2+SENDER+RECEIVER+240102:0400+REF1"


def parse(body: list[str]) -> ParsedMessage:
    message = [body[0], *body[1:], f"UNT+{len(body) + 1}+1"]
    text = "\n".join(s + "'" for s in [UNB, *message, "UNZ+1+REF1"])
    return ADAPTER.parse(text.encode(), source_message="hash")


def fixture(name: str) -> ParsedMessage:
    return ADAPTER.parse((FIXTURES / name).read_bytes(), source_message="hash")


def codes(result: ParsedMessage) -> list[str]:
    return [f.code for f in result.findings]


# --- COARRI ---------------------------------------------------------------------------------


def coarri(bgm: str, *equipment: str, header: tuple[str, ...] = ()) -> list[str]:
    return [
        "UNH+1+COARRI:D:00B:UN",
        f"BGM+{bgm}",
        "TDT+20+12W+1+++++9074729:146:11:NORDIC STAR",
        "LOC+9+NLRTM:139:6+ECT:TER:ZZZ",
        "LOC+11+NLRTM:139:6+ECT:TER:ZZZ",
        *header,
        *equipment,
    ]


BOX = ("EQD+CN+CSQU3054383+45G1:102:5++2+5", "DTM+203:202401020304:203")


@pytest.mark.parametrize(
    "bgm,expected",
    [
        ("44+D+9", EventType.DISCHARGED),
        ("119+D+9", EventType.DISCHARGED),
        ("46+D+9", EventType.LOADED),
        ("122+D+9", EventType.LOADED),
    ],
)
def test_coarri_document_codes(bgm: str, expected: EventType) -> None:
    result = parse(coarri(bgm, *BOX))
    event = result.events[0]
    assert event.event_type is expected
    assert (event.unlocode, event.facility) == ("NLRTM", "ECT")
    assert (event.vessel_imo, event.vessel_name, event.voyage) == ("9074729", "NORDIC STAR", "12W")
    assert event.occurred_at == datetime(2024, 1, 2, 2, 4, tzinfo=UTC)  # 03:04 in Rotterdam
    assert event.source == "edifact"
    assert result.format == "edifact:COARRI"


def test_coarri_with_another_code_uses_equipment_status_22_and_23() -> None:
    boxes = (
        "EQD+CN+CSQU3054383+45G1:102:5++22+5",
        "DTM+203:202401020304:203",
        "EQD+CN+APZU4812090+45G1:102:5++23+5",
        "DTM+203:202401020305:203",
        "EQD+CN+MSKU9070323+45G1:102:5++2+5",
    )
    result = parse(coarri("270+D+9", *boxes))
    assert [e.event_type for e in result.events] == [EventType.LOADED, EventType.DISCHARGED]
    assert codes(result) == ["edifact.document_code"]


def test_coarri_cancellation_makes_no_event() -> None:
    result = parse(coarri("46+D+1", *BOX))
    assert result.events == ()
    assert codes(result) == ["edifact.cancellation"]


def test_seals_full_empty_transshipment() -> None:
    boxes = (
        "EQD+CN+CSQU3054383+45G1:102:5++6+4",
        "DTM+203:202401020304:203",
        "SEL+111+CU+2",
        "SEL+222+TO",
        "SEL+333+AA+3",
        "SEL+444",
        "SEL+555+XX+9",
        "EQD+CN+APZU4812090+45G1:102:5++17",
        "DTM+203:202401020304:203",
    )
    result = parse(coarri("44+D+9", *boxes))
    first, second = result.events
    assert first.full is False and first.transshipment is True
    assert [(s.number, s.affixed_by, s.condition) for s in first.seals] == [
        ("111", SealAffixer.CUSTOMS, SealCondition.DAMAGED),
        ("222", SealAffixer.TERMINAL, SealCondition.INTACT),
        ("333", SealAffixer.CONSOLIDATOR, SealCondition.MISSING),
        ("444", None, SealCondition.INTACT),
        ("555", SealAffixer.UNKNOWN, SealCondition.INTACT),
    ]
    assert second.full is None and second.transshipment is True
    assert codes(result) == ["edifact.code_unknown", "edifact.code_unknown"]


def test_call_sign_is_not_taken_for_an_imo_number() -> None:
    body = coarri("46+D+9", *BOX)
    body[2] = "TDT+20+12W+1+++++3ERX3:103::COSCO AFRICA"
    event = parse(body).events[0]
    assert (event.vessel_imo, event.vessel_name) == (None, "COSCO AFRICA")


def test_imo_with_bad_check_digit_is_kept_and_flagged() -> None:
    body = coarri("46+D+9", *BOX)
    body[2] = "TDT+20+12W+1+++++9330141:146:11:SOMEWHERE"
    result = parse(body)
    assert result.events[0].vessel_imo == "9330141"
    assert codes(result) == ["imo.check_digit"]


def test_time_falls_back_to_the_header_then_the_interchange() -> None:
    header_time = parse(coarri("46+D+9", BOX[0], header=("DTM+203:202401011200:203",)))
    assert header_time.events[0].occurred_at == datetime(2024, 1, 1, 11, 0, tzinfo=UTC)
    assert codes(header_time) == []
    none = parse(coarri("46+D+9", BOX[0]))
    assert none.events[0].occurred_at == datetime(2024, 1, 2, 4, 0, tzinfo=UTC)
    assert codes(none) == ["edifact.time_fallback"]


def test_bad_dates_are_findings() -> None:
    result = parse(coarri("46+D+9", BOX[0], "DTM+203:202413450000:203"))
    assert codes(result) == ["edifact.date", "edifact.time_fallback"]


def test_synthetic_coarri_fixture_transshipment_and_offsets() -> None:
    result = fixture("COARRI_D00B_discharge-transshipment_synthetic.edi")
    first, second, third = result.events
    assert [e.transshipment for e in result.events] == [True, True, False]
    assert first.occurred_at == datetime(2024, 5, 9, 2, 15, 30, tzinfo=UTC)  # 10:15:30 at SGSIN
    assert second.occurred_at == datetime(2024, 5, 9, 3, 22, tzinfo=UTC)  # 11:22 at +08:00
    assert first.seals[0].condition is SealCondition.BROKEN
    assert first.vessel_name == "OOCL ÅLESUND"
    assert first.bill_of_lading == "OOLU2702461330"
    assert third.full is False
    assert codes(result) == ["edifact.time_fallback"]


# --- CODECO (no public sample: fixtures written from the SMDG guide) --------------------------


def test_codeco_gate_in_fixture() -> None:
    result = fixture("CODECO_D95B_gate-in_synthetic.edi")
    assert result.format == "edifact:CODECO"
    assert codes(result) == []
    first, second = result.events
    assert [e.event_type for e in result.events] == [EventType.GATE_IN, EventType.GATE_IN]
    assert (first.container_number, second.container_number) == ("MSKU9070323", "TGHU1234567")
    assert (first.unlocode, first.facility) == ("NLRTM", "ECTDELTA")
    assert first.occurred_at == datetime(2024, 3, 15, 12, 55, tzinfo=UTC)  # 13:55 CET
    assert (first.vessel_imo, first.vessel_name, first.voyage) == (
        "9778791",
        "MAERSK SKARSTIND",
        "412W",
    )
    assert [s.number for s in first.seals] == ["ML-NL1234567", "778899"]
    assert first.event_id == "NLRTMECT:GL240315001:1:1"


def test_codeco_gate_out_latin1_fixture() -> None:
    result = fixture("CODECO_D00B_gate-out_latin1_synthetic.edi")
    assert codes(result) == []
    full, empty = result.events
    assert full.event_type is EventType.GATE_OUT
    assert (full.unlocode, full.facility, full.bill_of_lading) == (
        "DEHAM",
        "CTA",
        "HLCUSHA2403AAAA1",
    )
    assert full.seals[1].affixed_by is SealAffixer.CUSTOMS
    assert full.seals[1].condition is SealCondition.DAMAGED
    assert (full.full, empty.full) == (True, False)


def test_codeco_place_falls_back_to_the_port_of_loading() -> None:
    body = [
        "UNH+1+CODECO:D:95B:UN",
        "BGM+109+G1+9",
        "EQD+CN+CSQU3054383+45G1:102:5++2+5",
        "DTM+7:202401020304:203",
        "LOC+9+BEANR:139:6",
    ]
    assert parse(body).events[0].unlocode == "BEANR"


# --- IFTSTA ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code,agency,text,expected",
    [
        ("P", "HS", "Rail Departed from In-Transit Locat", EventType.DEPARTED),
        ("146", "6", "", EventType.TRANSSHIPPED),
        ("146", "", "", EventType.TRANSSHIPPED),
        ("AE", "ZZZ", "Loaded on vessel", EventType.LOADED),
        ("UV", "ZZZ", "Unloaded from vessel", EventType.DISCHARGED),
        ("I", "ZZZ", "In-gate", EventType.GATE_IN),
        ("OA", "ZZZ", "Gate out full", EventType.GATE_OUT),
        ("VA", "ZZZ", "Vessel arrival", EventType.ARRIVED),
        ("X", "ZZZ", "Container stripped", EventType.STRIPPED),
        ("X", "ZZZ", "Customs inspection", EventType.INSPECTED),
        ("X", "ZZZ", "Container resealed", EventType.RESEALED),
        ("X", "ZZZ", "Seal removed by customs", EventType.SEAL_REMOVED),
        ("AE", "ZZZ", "", EventType.LOADED),
        ("VD", "22", "", EventType.DEPARTED),
        ("P", "ZZZ", "", None),
        ("128", "6", "Ready for loading", None),
        ("X", "ZZZ", "Estimated arrival", None),
        ("X", "ZZZ", "Not loaded", None),
        ("X", "ZZZ", "Booking confirmed", None),
    ],
)
def test_status_mapping(code: str, agency: str, text: str, expected: EventType | None) -> None:
    assert status_event_type(code, agency, text) is expected


def test_iftsta_vessel_status_with_container_from_rff() -> None:
    body = [
        "UNH+1+IFTSTA:D:21A:UN",
        "BGM+23+S1+9",
        "RFF+BM:BL1",
        "CNI+1",
        "STS+1+VD::ZZZ:Vessel departed",
        "RFF+EQ:CSQU3054383",
        "DTM+334:202401020304:203",
        "TDT+20+12W+1+++++9074729:146:11:NORDIC STAR",
        "LOC+9+NLRTM:139:6",
        "STS+1+XX::ZZZ:Estimated arrival",
        "DTM+334:202401020304:203",
    ]
    result = parse(body)
    (event,) = result.events
    assert event.event_type is EventType.DEPARTED
    assert (event.container_number, event.unlocode, event.bill_of_lading) == (
        "CSQU3054383",
        "NLRTM",
        "BL1",
    )
    assert (event.vessel_imo, event.voyage) == ("9074729", "12W")
    assert codes(result) == ["edifact.status_unmapped"]


def test_iftsta_without_cni_and_several_boxes_per_status() -> None:
    body = [
        "UNH+1+IFTSTA:D:95B:UN",
        "BGM+23+S1+9",
        "STS+1+146",
        "DTM+334:202401020304:203",
        "LOC+175+SGSIN:139:6",
        "EQD+CN+CSQU3054383",
        "SEL+12345+CA",
        "EQD+CN+APZU4812090",
    ]
    result = parse(body)
    assert [e.container_number for e in result.events] == ["CSQU3054383", "APZU4812090"]
    assert {e.event_type for e in result.events} == {EventType.TRANSSHIPPED}
    assert result.events[0].seals[0].number == "12345"
    assert result.events[1].unlocode == "SGSIN"


# --- BAPLIE ---------------------------------------------------------------------------------


def test_baplie_3_layout_with_equipment_first() -> None:
    body = [
        "UNH+1+BAPLIE:D:13B:UN:SMDG31",
        "BGM+659+B1+9",
        "DTM+137:202401020304:203",
        "TDT+20+12W+1+++++9074729:146:11:NORDIC STAR",
        "LOC+5+NLRTM:139:6",
        "DTM+136:202401021000:203",
        "EQD+CN+CSQU3054383+45G1:102:5+++5",
        "LOC+147+0010082::5",
        "LOC+9+NLRTM:139:6",
        "LOC+11+SGSIN:139:6",
        "EQD+CN+APZU4812090+45G1:102:5+++5",
        "LOC+147+0010084::5",
        "LOC+9+DEHAM:139:6",
        "LOC+11+SGSIN:139:6",
        "LOC+147+0010086::5",
    ]
    result = parse(body)
    (event,) = result.events
    assert (event.event_type, event.container_number, event.unlocode) == (
        EventType.LOADED,
        "CSQU3054383",
        "NLRTM",
    )
    assert event.facility == "BAPLIE stowage"
    assert event.occurred_at == datetime(2024, 1, 2, 9, 0, tzinfo=UTC)  # 10:00 in Rotterdam
    assert codes(result) == ["edifact.baplie_on_board"]


# --- CUSCAR ---------------------------------------------------------------------------------

CUSCAR = [
    "UNH+1+CUSCAR:D:00B:UN",
    "BGM+85+MAN42+9",
    "DTM+137:202401011200:203",
    "RFF+AAZ:MAEU",
    "NAD+MS+FILER1:172:20++ACME SHIPPING AGENCY",
    "NAD+CA+MAEU:172:182",
    "TDT+20+12W+1++MAEU:172:182+++9074729:146:11:NORDIC STAR",
    "LOC+60+GBFXT:139:6",
    "DTM+133:202401050000:203",
    "DTM+132:202401200000:203",
    "EQD+CN+CSQU3054383+45G1:102:5++3+5",
    "SEL+SH1234+SH",
    "EQD+CN+APZU4812090+22G1:102:5++3+5",
    "SEL+CU0099+CU",
    "CNI+1+DOC1",
    "RFF+MB:MAEU123456",
    "RFF+BH:HB0001",
    "LOC+88+CNWUH:139:6",
    "LOC+76+CNSHA:139:6",
    "LOC+9+SGSIN:139:6",
    "LOC+11+GBFXT:139:6",
    "LOC+7+GBLON:139:6",
    "NAD+CZ+++WUHAN TOOLS CO LTD+1 RIVER ROAD+WUHAN++430000+CN",
    "NAD+CN+GB123456789000:::ZZZ+UK IMPORTS LTD:12 DOCK STREET:LONDON",
    "NAD+NI+++UK IMPORTS LTD",
    "NAD+FW+++SOME FORWARDER",
    "GID+1+100:CT",
    "FTX+AAA+++HAND TOOLS:SPANNERS",
    "PIA+5+820411:HS",
    "MEA+AAE+AAB+TNE:2.5",
    "MEA+AAE+AAA+KGM:2300",
    "SGP+CSQU3054383+100",
    "GID+2+5:PK",
    "FTX+AAA+++PARTS",
    "MEA+AAE+G+LBR:1000",
    "SGP+CSQU3054383+3",
    "SGP+APZU4812090+2",
    "CNI+2+DOC2",
    "RFF+BM:MAEU999",
    "LOC+9+CNSHA:139:6",
    "LOC+11+GBFXT:139:6",
    "GID+1+1:PK",
    "FTX+AAA+++SAMPLES",
    "SGP+APZU4812090+1",
]


def test_cuscar_consignments_become_filings() -> None:
    result = parse(CUSCAR)
    assert result.format == "edifact:CUSCAR"
    first, second = result.filings
    assert first.reference == "MAN42/1" and first.version == 1
    assert (first.master_bill, first.house_bill) == ("MAEU123456", "HB0001")
    assert first.carrier_scac == "MAEU"
    assert first.filer == "ACME SHIPPING AGENCY"
    assert (first.vessel_imo, first.vessel_name, first.voyage) == ("9074729", "NORDIC STAR", "12W")
    assert first.route.place_of_receipt == "CNWUH"
    assert first.route.port_of_loading == "CNSHA"
    assert first.route.transshipment_ports == ("SGSIN",)
    assert (first.route.port_of_discharge, first.route.place_of_delivery) == ("GBFXT", "GBLON")
    assert first.estimated_arrival == datetime(2024, 1, 20, tzinfo=UTC)
    shipper = first.parties_in(PartyRole.SHIPPER)[0]
    assert (shipper.name, shipper.address, shipper.country) == (
        "WUHAN TOOLS CO LTD",
        "1 RIVER ROAD, WUHAN, 430000",
        "CN",
    )
    consignee = first.parties_in(PartyRole.CONSIGNEE)[0]
    assert (consignee.name, consignee.address) == ("UK IMPORTS LTD", "12 DOCK STREET, LONDON")
    assert consignee.identifiers[0].value == "GB123456789000"
    assert first.parties_in(PartyRole.CARRIER)[0].identifiers[0].value == "MAEU"
    tools, parts = first.goods
    assert (tools.description, tools.hs_code, tools.packages, tools.package_type) == (
        "HAND TOOLS SPANNERS",
        "820411",
        100,
        "CT",
    )
    assert (tools.gross_mass_kg, tools.net_mass_kg) == (2500.0, 2300.0)
    assert parts.gross_mass_kg == pytest.approx(453.59237)
    assert [c.number for c in first.containers] == ["CSQU3054383", "APZU4812090"]
    assert first.containers[1].seals[0].affixed_by is SealAffixer.CUSTOMS
    assert [c.number for c in second.containers] == ["APZU4812090"]
    assert second.master_bill == "MAEU999"
    assert sorted(set(codes(result))) == ["edifact.goods_split", "edifact.party_role"]


def test_cuscar_amendment_and_cancellation() -> None:
    amended = list(CUSCAR)
    amended[1] = "BGM+85+MAN42+5"
    result = parse(amended)
    assert {f.version for f in result.filings} == {2}
    assert "edifact.amendment_version" in codes(result)
    cancelled = list(CUSCAR)
    cancelled[1] = "BGM+85+MAN42+1"
    assert parse(cancelled).filings == ()


def test_coprar_is_checked_but_makes_no_event() -> None:
    body = [
        "UNH+1+COPRAR:D:95B:UN",
        "BGM+45+O1+9",
        "EQD+CN+MSTI6415664+45G1:102:5++6+5",
    ]
    result = parse(body)
    assert result.events == ()
    assert codes(result) == [
        "container.category",
        "container.check_digit",
        "edifact.order_not_event",
    ]
