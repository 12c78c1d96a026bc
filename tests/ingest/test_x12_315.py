"""X12 315 status messages become events: status mapping, box, place, vessel, findings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from x12_build import codes, fixture, interchange, parse, status

from greenlane.domain.codes import EventType, Severity
from greenlane.errors import ParseError

ROUTE = ["R4*L*UN*CNNGB*NINGBO*CN", "R4*T*UN*SGSIN*SINGAPORE*SG", "R4*D*UN*USLAX*LOS ANGELES*US"]
AT_LA = ("USLAX", "UN")  # a B4 place, so that the time has a zone and makes no finding


def one(*body: str) -> str:
    return interchange(("315", "0001", list(body)))


@pytest.mark.parametrize(
    ("code", "event_type"),
    [
        ("AE", EventType.LOADED),
        ("VD", EventType.DEPARTED),
        ("VA", EventType.ARRIVED),
        ("UV", EventType.DISCHARGED),
        ("I", EventType.GATE_IN),
        ("OA", EventType.GATE_OUT),
        ("RD", EventType.GATE_IN),
        ("EE", EventType.GATE_OUT),
        ("PA", EventType.INSPECTED),
    ],
)
def test_status_codes_map_to_moves(code: str, event_type: EventType) -> None:
    (event,) = parse(one(*status(code))).events
    assert event.event_type is event_type
    assert event.source == "x12"
    assert event.source_message == "sha256:test"


@pytest.mark.parametrize("code", ["CT", "AV", "AL", "ZZ"])
def test_other_statuses_are_info_findings_without_an_event(code: str) -> None:
    result = parse(one(*status(code, date="")))  # no date needed when there is no event
    assert result.events == ()
    (found,) = result.findings
    assert (found.code, found.severity, found.value) == (
        "x12.status_not_an_event",
        Severity.INFO,
        code,
    )
    assert found.where == "ST 0001 segment 4 (B4) element 03"


def test_b4_parts_of_the_box_are_joined_as_sent_and_the_check_digit_checked() -> None:
    result = parse(one(*status(box=("GMCU", "609413", "7"), full="E", location=AT_LA)))
    (event,) = result.events
    assert event.container_number == "GMCU6094137"
    assert event.full is False
    assert event.occurred_at == datetime(2024, 3, 1, 16, 7, tzinfo=UTC)  # 08:07 in Los Angeles
    (found,) = result.findings
    assert found.code == "container.check_digit"
    assert found.where == "ST 0001 segment 4 (B4) element 13"


def test_a_check_digit_element_that_contradicts_a_full_number_is_a_finding() -> None:
    result = parse(one(*status(box=("CSQU", "3054383", "5"), location=AT_LA)))
    assert result.events[0].container_number == "CSQU3054383"
    assert codes(result) == ["x12.check_digit_element"]


def test_references_vessel_and_seal() -> None:
    body = status(
        "AE",
        extra=[
            "N9*BN*BOOK1",
            "N9*BM*BILL1",
            "N9*EQ*CSQU3054383",
            "N9*SN*SEAL123",
            "Q2*9074729*PA*******031W***L*EXAMPLE VESSEL",
            *ROUTE,
        ],
    )
    (event,) = parse(one(*body)).events
    assert event.bill_of_lading == "BILL1"
    assert (event.vessel_imo, event.vessel_name, event.voyage) == (
        "9074729",
        "EXAMPLE VESSEL",
        "031W",
    )
    assert [s.number for s in event.seals] == ["SEAL123"]
    assert event.unlocode == "CNNGB"  # loaded: the R4 port of loading


def test_a_vessel_code_without_the_lloyds_qualifier_is_not_an_imo_number() -> None:
    (event,) = parse(one(*status(extra=["Q2*ABC1234********031W****EXAMPLE VESSEL"]))).events
    assert event.vessel_imo is None
    assert event.vessel_name == "EXAMPLE VESSEL"


def test_wrong_imo_is_kept_with_a_finding_at_q2_01() -> None:
    result = parse(one(*status(location=AT_LA, extra=["Q2*9330141********202N***L*MARIM"])))
    assert result.events[0].vessel_imo == "9330141"
    (found,) = result.findings
    assert (found.code, found.where) == ("imo.check_digit", "ST 0001 segment 5 (Q2) element 01")


def test_an_equipment_reference_that_names_another_box_is_a_finding() -> None:
    result = parse(one(*status(location=AT_LA, extra=["N9*EQ*MSKU9070323"])))
    assert codes(result) == ["x12.equipment_mismatch"]


@pytest.mark.parametrize(
    ("body", "unlocode", "facility"),
    [
        # The activity location (R4 function 5) is where the move happened.
        (status("VA", extra=["R4*5*UN*SGSIN*SINGAPORE*SG*PPT", *ROUTE]), "SGSIN", "PPT"),
        # Else the B4 status location when it is a UN/LOCODE.
        (status("VA", location=("USLGB", "UN"), extra=ROUTE), "USLGB", None),
        # Else the port the status implies: arrival at the port of discharge.
        (status("VA", extra=ROUTE), "USLAX", None),
        # A city in B4 is kept as the facility, as written.
        (status("VA", location=("LOCKBOURNE", "CI")), None, "LOCKBOURNE"),
        (status("I", extra=ROUTE), None, None),
    ],
)
def test_the_place_of_the_move(body: list[str], unlocode: str | None, facility: str | None) -> None:
    (event,) = parse(one(*body)).events
    assert (event.unlocode, event.facility) == (unlocode, facility)


def test_a_move_at_the_transshipment_port_says_so() -> None:
    body = status("UV", extra=["R4*5*UN*SGSIN*SINGAPORE*SG", *ROUTE])
    assert parse(one(*body)).events[0].transshipment
    assert not parse(one(*status("UV", extra=ROUTE))).events[0].transshipment


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (["N9*BM*BILL1"], "ST 0001 segment 3 (ST)"),
        (status("", extra=[]), "ST 0001 segment 4 (B4) element 03"),
        (status(date=""), "ST 0001 segment 4 (B4) element 04"),
        (status(date="20240230"), "ST 0001 segment 4 (B4) element 04"),
        (status(time="2561"), "ST 0001 segment 4 (B4) element 05"),
    ],
)
def test_a_status_that_cannot_be_read_is_quarantined(body: list[str], where: str) -> None:
    with pytest.raises(ParseError) as err:
        parse(one(*body))
    assert err.value.where == where


def test_older_releases_write_six_digit_dates() -> None:
    (event,) = parse(one(*status(date="240301"))).events
    assert event.occurred_at.date().isoformat() == "2024-03-01"


def test_a_journey_in_nine_status_messages() -> None:
    result = parse(fixture("315_status_sequence_synthetic.edi"))
    assert result.format == "x12:315"
    moves = [(e.event_type, e.unlocode, e.transshipment) for e in result.events]
    assert moves == [
        (EventType.GATE_IN, "CNNGB", False),
        (EventType.LOADED, "CNNGB", False),
        (EventType.DEPARTED, "CNNGB", False),
        (EventType.DISCHARGED, "SGSIN", True),
        (EventType.ARRIVED, "USLAX", False),
        (EventType.GATE_OUT, "USLAX", False),
        (EventType.GATE_IN, "USLGB", False),
    ]
    assert {e.container_number for e in result.events} == {"CSQU3054383"}
    assert [e.event_id for e in result.events][:2] == [
        "GLSYNTHETIC:000000733:0001:1",
        "GLSYNTHETIC:000000733:0002:1",
    ]
    assert len({e.event_id for e in result.events}) == 7
    assert [e.vessel_imo for e in result.events[1:5]] == ["9321483"] * 3 + ["9450612"]
    assert result.events[0].seals[0].number == "SL0012345"
    assert result.events[-1].full is False
    assert [(f.code, f.value) for f in result.findings] == [
        ("x12.status_not_an_event", "CT"),
        ("x12.status_not_an_event", "ZZ"),
    ]
