"""Declared origin against the observed journey, the manufacturer and earlier declarations."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from greenlane.goods.origin import (
    ORIGIN_FINDINGS,
    declared_lines,
    origin_findings,
    origin_reference,
)
from greenlane.visibility.batch import build_visibility
from greenlane.visibility.frames import declared_from_filings, events_from_records
from greenlane.world import ThreatScenario, WorldConfig, build_world

TRIPS = {
    "trip_id": pl.String(),
    "container_number": pl.String(),
    "bill_of_lading": pl.String(),
    "true_origin": pl.String(),
    "origin_basis": pl.String(),
    "stuffed_at": pl.Datetime("us", "UTC"),
    "stuffing_facility": pl.String(),
    "first_load_port": pl.String(),
    "first_loaded_at": pl.Datetime("us", "UTC"),
    "observed_ports": pl.List(pl.String()),
    "port_of_loading": pl.String(),
    "port_of_discharge": pl.String(),
    "place_of_delivery": pl.String(),
}
DAY = datetime(2026, 3, 1, 8, tzinfo=UTC)
LINES = {
    "master_bill": pl.String(),
    "line_number": pl.Int32(),
    "hs_code": pl.String(),
    "origin_country": pl.String(),
    "container_number": pl.String(),
}


def _trip(
    bill: str,
    box: str,
    origin: str | None,
    ports: list[str],
    pol: str | None = None,
    basis: str = "stuffing",
) -> tuple[object, ...]:
    stuffed = basis == "stuffing" and origin is not None
    return (
        f"{box}/{bill}",
        box,
        bill,
        origin,
        basis if origin else None,
        DAY if stuffed else None,
        "Ningbo Huali warehouse" if stuffed else None,
        ports[0] if ports else None,
        DAY,
        ports,
        pol or (ports[0] if ports else None),
        "USLAX",
        "USLAX",
    )


def _trips(rows: list[tuple[object, ...]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=TRIPS, orient="row")


def _lines(rows: list[tuple[object, ...]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=LINES, orient="row")


def test_origin_of_a_hub_the_box_only_passed_through_is_laundering() -> None:
    trips = _trips([_trip("B1", "MSCU1234565", "CNNGB", ["CNNGB", "SGSIN", "USLAX"], "SGSIN")])
    found = origin_findings(_lines([("B1", 1, "847130", "SG", "MSCU1234565")]), trips)
    assert found.select("code", "declared_origin", "observed_origin").rows() == [
        ("goods.origin_laundering", "SG", "CN")
    ]
    message = found["message"][0]
    for part in (
        "declared origin SG",
        "MSCU1234565",
        "stuffed at CNNGB (CN) on 2026-03-01",
        "Ningbo Huali warehouse",
        "only passed through SGSIN (SG)",
        "names as port of loading",
        "certificate of origin",
    ):
        assert part in message, part


def test_origin_where_the_box_never_went_differs_from_the_route() -> None:
    trips = _trips([_trip("B2", "MSCU1", "VNSGN", ["VNSGN", "USLAX"], basis="first_load")])
    found = origin_findings(_lines([("B2", 1, "847130", "CN", "MSCU1")]), trips)
    assert found.select("code", "observed_origin").rows() == [("goods.origin_route_differs", "VN")]
    assert "first loaded at VNSGN (VN)" in found["message"][0]
    assert "no stuffing reported" in found["message"][0]


def test_no_finding_without_a_true_origin_or_when_the_origin_is_observed() -> None:
    trips = _trips(
        [
            _trip("B3", "BOX3", None, []),  # no stuffing, no load: no guess
            _trip("B4", "BOX4", "CNSHA", ["CNSHA", "HKHKG", "USLAX"]),
            _trip("B5", "BOX5", "CNSHA", ["CNSHA", "USLAX"]),
            _trip("B5", "BOX6", "VNSGN", ["VNSGN", "USLAX"]),
        ]
    )
    lines = _lines(
        [
            ("B3", 1, "847130", "SG", "BOX3"),
            ("B4", 1, "847130", "CN", "BOX4"),
            ("B5", 1, "847130", "VN", None),  # no container on the line: any box of the bill
            ("B9", 1, "847130", "VN", "BOX9"),  # no trip at all
        ]
    )
    assert origin_findings(lines, trips).is_empty()


def test_a_line_is_judged_by_its_own_container() -> None:
    trips = _trips(
        [
            _trip("B6", "BOXA", "CNSHA", ["CNSHA", "USLAX"]),
            _trip("B6", "BOXB", "VNSGN", ["VNSGN", "USLAX"]),
            _trip("B6", "BOXC", None, []),
        ]
    )
    lines = _lines(
        [
            ("B6", 1, "847130", "CN", "BOXA"),
            ("B6", 2, "847130", "CN", "BOXB"),
            ("B6", 3, "847130", "CN", "BOXC"),  # its own box has no known origin
        ]
    )
    found = origin_findings(lines, trips)
    assert found.select("line_number", "code").rows() == [(2, "goods.origin_route_differs")]


def test_destination_port_is_not_a_port_passed_through() -> None:
    # Declared origin US on an import into the US: returned goods, not laundering via USLAX.
    trips = _trips([_trip("B7", "BOX7", "CNSHA", ["CNSHA", "USLAX"])])
    found = origin_findings(_lines([("B7", 1, "847130", "US", "BOX7")]), trips)
    assert found["code"].to_list() == ["goods.origin_route_differs"]


def test_manufacturer_abroad_is_found_and_a_seller_abroad_is_not() -> None:
    parties = pl.DataFrame(
        {
            "master_bill": ["B1", "B1", "B2", "B2"],
            "role": ["manufacturer", "seller", "manufacturer", "seller"],
            "name": ["Ningbo Huali Digital Co., Ltd.", "Keppel Trading", "Saigon Garments", "X"],
            "country": ["CN", "SG", "VN", "HK"],
        }
    )
    lines = _lines([("B1", 1, "847130", "SG", None), ("B2", 1, "610910", "VN", None)])
    found = origin_findings(lines, parties=parties)
    assert found.select("master_bill", "code", "observed_origin").rows() == [
        ("B1", "goods.origin_manufacturer_differs", "CN")
    ]
    assert "Ningbo Huali Digital Co., Ltd., is in CN" in found["message"][0]
    nameless = parties.with_columns(name=pl.lit(None, pl.String))
    message = origin_findings(lines, parties=nameless)["message"][0]
    assert "declared origin SG, but the manufacturer named in the filing is in CN." in message


def test_rare_origin_against_earlier_declarations() -> None:
    history = _lines([("H", i, "847130", "CN" if i % 4 else "VN", None) for i in range(200)])
    reference = origin_reference(history)
    lines = _lines([("B1", 1, "8471.30", "SG", None), ("B2", 1, "847130", "VN", None)])
    found = origin_findings(lines, reference=reference)
    assert found.select("master_bill", "code").rows() == [("B1", "goods.origin_rare")]
    assert "0 of 200" in found["message"][0] and "CN 75%, VN 25%" in found["message"][0]
    # Seen to begin its journey in Singapore: unusual, but observed, so not flagged.
    trips = _trips([_trip("B1", "BOX1", "SGSIN", ["SGSIN", "USLAX"])])
    assert origin_findings(lines, trips, reference=reference).is_empty()


def test_declared_lines_prefer_the_entry_and_its_latest_version() -> None:
    goods = pl.DataFrame(
        {
            "master_bill": ["B1", "B1", "B1", "B2"],
            "filing_type": ["cargo_declaration", "entry", "entry", "cargo_declaration"],
            "reference": ["B1", "E1", "E1", "B2"],
            "version": [1, 1, 2, 1],
            "line_number": [1, 1, 1, 1],
            "hs_code": ["847130"] * 4,
            "origin_country": ["SG", "CN", "VN", "SG"],
            "container_number": [None] * 4,
        }
    )
    chosen = declared_lines(goods).sort("master_bill")
    assert chosen.select("master_bill", "origin_country").rows() == [("B1", "VN"), ("B2", "SG")]


def test_empty_inputs_give_the_findings_columns() -> None:
    found = origin_findings(_lines([]), _trips([]), reference=origin_reference(_lines([])))
    assert found.is_empty() and found.schema == pl.Schema(ORIGIN_FINDINGS)


def test_world_origin_laundering_found_and_clean_shipments_pass() -> None:
    ships = list(build_world(WorldConfig(seed=5, shipments=6000)).shipments())
    events, readings = events_from_records(e for s in ships for e in s.events)
    filings = [f for s in ships for f in s.filings]
    trips = build_visibility(
        events, readings, declared_from_filings(filings), distance=lambda a, b: None
    ).trips
    rows = [
        (f.master_bill, f.filing_type.value, f.reference, f.version, g.line_number, g.hs_code,
         g.origin_country, g.container_number)
        for f in filings
        for g in f.goods
    ]  # fmt: skip
    goods = pl.DataFrame(
        rows,
        schema={"master_bill": pl.String, "filing_type": pl.String, "reference": pl.String,
                "version": pl.Int32, **{k: LINES[k] for k in list(LINES)[1:]}},
        orient="row",
    )  # fmt: skip
    parties = pl.DataFrame(
        [
            (f.master_bill, p.role.value, p.party.name, p.party.country)
            for f in filings
            for p in f.parties
        ],
        schema=["master_bill", "role", "name", "country"],
        orient="row",
    )
    found = origin_findings(declared_lines(goods), trips, parties)
    flagged = set(found["master_bill"].to_list())
    laundered = {
        s.master_bill
        for s in ships
        if any(t.scenario is ThreatScenario.ORIGIN_LAUNDERED for t in s.threats)
    }
    clean = {s.master_bill for s in ships if not s.threats}
    assert len(laundered) >= 10
    assert len(laundered & flagged) / len(laundered) >= 0.95
    assert len(clean & flagged) / len(clean) <= 0.02
    by_code = set(found.filter(pl.col("master_bill").is_in(laundered))["code"].to_list())
    assert "goods.origin_laundering" in by_code
