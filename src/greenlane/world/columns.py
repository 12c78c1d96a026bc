"""World shipments as columns, for Parquet: rows per table, transposed into one list per column.

Two ways to the same rows. ``records_rows`` reads the canonical records (filings, events) of any
shipment, and is what the seed case uses. ``draft_rows`` reads a generated shipment's draft
directly and never builds the records, which is several times cheaper at millions of shipments;
both render from the same planned values, and the tests check that they agree row for row.
Times are UTC seconds here and become Arrow timestamps at the end.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from greenlane.domain.codes import EventType, FilingType, InspectionOutcome, PartyRole
from greenlane.domain.records import Event, Party
from greenlane.world.draft import SealDraft, ShipmentDraft
from greenlane.world.filings import filing_plan, goods_values
from greenlane.world.shipments import SOURCE, WorldShipment, event_rows

_TYPES = {
    "": pa.string(),
    "ts": pa.timestamp("s", tz="UTC"),
    "i32": pa.int32(),
    "i64": pa.int64(),
    "f64": pa.float64(),
    "bool": pa.bool_(),
    "list": pa.list_(pa.string()),
}
_KEY = "master_bill filing_type reference version:i32"
_SPEC = {
    "shipments": "shipment_index:i64 master_bill house_bill carrier_scac importer "
    "importer_country shipper shipper_country declared_port_of_loading "
    "declared_transshipment_ports:list port_of_discharge observed_ports:list containers:i32 "
    "events:i32 filings:i32 first_departure:ts last_arrival:ts declared_value:f64 currency "
    "threats:list inspection_outcome",
    "filings": f"{_KEY} filed_at:ts house_bill filer carrier_scac vessel_imo vessel_name voyage "
    "place_of_receipt port_of_loading transshipment_ports:list port_of_discharge "
    "place_of_delivery estimated_departure:ts estimated_arrival:ts containers:list seals:list",
    "events": "event_id event_type occurred_at:ts container_number unlocode facility vessel_imo "
    "vessel_name voyage bill_of_lading full:bool transshipment:bool seal_number seal_condition "
    "seal_affixed_by seal_class seal_electronic:bool seal_type_code source",
    "goods": f"{_KEY} line_number:i32 description hs_code packages:i32 package_type "
    "gross_mass_kg:f64 net_mass_kg:f64 value:f64 currency origin_country container_number",
    "parties": f"{_KEY} role name address country identifier_scheme identifier",
    "inspections": "inspection_id bill_of_lading inspected_at:ts kind outcome container_number "
    "unlocode finding",
    "labels": "master_bill scenario detail",
}


def _schema(spec: str) -> pa.Schema:
    fields = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        fields.append((name, _TYPES[kind]))
    return pa.schema(fields)


SCHEMAS: dict[str, pa.Schema] = {table: _schema(spec) for table, spec in _SPEC.items()}
"""Columns of each table; times are UTC, to the second."""

Rows = dict[str, list[tuple[Any, ...]]]
_WORST = {
    InspectionOutcome.NO_FINDING: 0,
    InspectionOutcome.DISCREPANCY: 1,
    InspectionOutcome.SEIZURE: 2,
}


def _s(t: datetime | None) -> int | None:
    return None if t is None else int(t.timestamp())


def _party_values(role: PartyRole, party: Party) -> tuple[Any, ...]:
    ident = party.identifiers[0] if party.identifiers else None
    return (
        role,
        party.name,
        party.address,
        party.country,
        ident.scheme if ident else None,
        ident.value if ident else None,
    )


def _party_row(key: tuple[Any, ...], role: PartyRole, party: Party) -> tuple[Any, ...]:
    return key + _party_values(role, party)


def _common(ws: WorldShipment, rows: Rows) -> None:
    rows["inspections"] = [
        (
            r.inspection_id,
            r.bill_of_lading,
            _s(r.inspected_at),
            r.kind,
            r.outcome,
            r.container_number,
            r.unlocode,
            r.finding,
        )
        for r in ws.inspections
    ]
    rows["labels"] = [(ws.master_bill, t.scenario, t.detail) for t in ws.threats]


def _shipment_row(
    ws: WorldShipment,
    house: str | None,
    scac: str | None,
    consignee: Party | None,
    shipper: Party | None,
    pol: str | None,
    hubs: tuple[str, ...],
    pod: str | None,
    ports: list[str | None],
    containers: int,
    events: int,
    filings: int,
    departures: list[int],
    arrivals: list[int],
    entry: list[tuple[Any, ...]],
) -> tuple[Any, ...]:
    outcomes = [r.outcome for r in ws.inspections]
    return (
        ws.index,
        ws.master_bill,
        house,
        scac,
        consignee.name if consignee else None,
        consignee.country if consignee else None,
        shipper.name if shipper else None,
        shipper.country if shipper else None,
        pol,
        list(hubs),
        pod,
        ports,
        containers,
        events,
        filings,
        min(departures) if departures else None,
        max(arrivals) if arrivals else None,
        sum(g[7] or 0.0 for g in entry) if entry else None,
        entry[0][8] if entry else None,
        [t.scenario.value for t in ws.threats],
        max(outcomes, key=_WORST.__getitem__) if outcomes else None,
    )


def records_rows(ws: WorldShipment) -> Rows:
    """Rows from the canonical records: works for any shipment, including the seed case."""
    rows: Rows = {"events": [], "filings": [], "goods": [], "parties": []}
    events: list[Event] = list(ws.events)
    for e in ws.events:
        seal = e.seals[0] if e.seals else None
        flat = (
            (
                seal.number,
                seal.condition,
                seal.affixed_by,
                seal.seal_class,
                seal.electronic,
                seal.type_code,
            )
            if seal
            else SealDraft.NONE
        )
        rows["events"].append(
            (
                e.event_id,
                e.event_type,
                _s(e.occurred_at),
                e.container_number,
                e.unlocode,
                e.facility,
                e.vessel_imo,
                e.vessel_name,
                e.voyage,
                e.bill_of_lading,
                e.full,
                e.transshipment,
                *flat,
                e.source,
            )
        )
    for f in ws.filings:
        r = f.route
        key = (f.master_bill, f.filing_type, f.reference, f.version)
        rows["filings"].append(
            (
                *key,
                _s(f.filed_at),
                f.house_bill,
                f.filer,
                f.carrier_scac,
                f.vessel_imo,
                f.vessel_name,
                f.voyage,
                r.place_of_receipt,
                r.port_of_loading,
                list(r.transshipment_ports),
                r.port_of_discharge,
                r.place_of_delivery,
                _s(f.estimated_departure),
                _s(f.estimated_arrival),
                [b.number for b in f.containers],
                [s.number for b in f.containers for s in b.seals],
            )
        )
        for g in f.goods:
            rows["goods"].append(
                (
                    *key,
                    g.line_number,
                    g.description,
                    g.hs_code,
                    g.packages,
                    g.package_type,
                    g.gross_mass_kg,
                    g.net_mass_kg,
                    g.value,
                    g.currency,
                    g.origin_country,
                    g.container_number,
                )
            )
        rows["parties"].extend(_party_row(key, p.role, p.party) for p in f.parties)
    manifest = max(
        (f for f in ws.filings if f.filing_type is FilingType.CARGO_DECLARATION),
        key=lambda f: (f.house_bill is not None, f.version),
    )
    consignee = manifest.parties_in(PartyRole.CONSIGNEE)
    shipper = manifest.parties_in(PartyRole.SHIPPER)
    entries = [f for f in ws.filings if f.filing_type is FilingType.ENTRY]
    # Observed ports from the world's own feed: a terminal's second report is the same move.
    own = [e for e in events if e.source == SOURCE]
    loads = [e for e in own if e.event_type is EventType.LOADED]
    box = loads[0].container_number if loads else None
    ports = [e.unlocode for e in loads if e.container_number == box]
    discharged = [
        e for e in own if e.event_type is EventType.DISCHARGED and e.container_number == box
    ]
    if discharged:
        ports.append(discharged[-1].unlocode)
    entry = [g for g in rows["goods"] if entries and g[2] == entries[-1].reference]
    rows["shipments"] = [
        _shipment_row(
            ws,
            manifest.house_bill,
            manifest.carrier_scac,
            consignee[0] if consignee else None,
            shipper[0] if shipper else None,
            manifest.route.port_of_loading,
            manifest.route.transshipment_ports,
            manifest.route.port_of_discharge,
            ports,
            len({e.container_number for e in events}),
            len(events),
            len(ws.filings),
            [_s(e.occurred_at) or 0 for e in events if e.event_type is EventType.DEPARTED],
            [_s(e.occurred_at) or 0 for e in events if e.event_type is EventType.ARRIVED],
            [g[4:] for g in entry],
        )
    ]
    _common(ws, rows)
    return rows


def draft_rows(ws: WorldShipment) -> Rows:
    """The same rows from a generated shipment's draft, without making any record."""
    d: ShipmentDraft | None = ws.draft
    assert d is not None and ws.catalog is not None
    seed = ws.world_seed
    events = event_rows(d, seed)
    rows: Rows = {"events": events, "filings": [], "goods": [], "parties": []}
    plans = filing_plan(d, ws.catalog, seed)
    numbers = [b.number for b in d.containers]
    seals = [b.seal.number for b in d.containers]
    entry: list[tuple[Any, ...]] = []
    for f in plans:
        key = (d.master_bill, f.filing_type, f.reference, f.version)
        manifest = f.filing_type is FilingType.CARGO_DECLARATION
        r = f.route
        rows["filings"].append(
            (
                *key,
                f.filed_at,
                f.house_bill,
                f.filer,
                f.carrier_scac,
                f.vessel_imo,
                f.vessel_name,
                f.voyage,
                r.place_of_receipt,
                r.port_of_loading,
                list(r.transshipment_ports),
                r.port_of_discharge,
                r.place_of_delivery,
                f.etd,
                f.eta,
                numbers if manifest else [],
                seals if manifest else [],
            )
        )
        goods = goods_values(d, f.goods)
        if f.goods == "entry":
            entry = goods
        rows["goods"].extend((*key, *g) for g in goods)
        rows["parties"].extend(key + _party_values(role, party) for role, party in f.parties)
    first = [e for e in d.containers[0].events if e.source is None]
    ports: list[str | None] = [e.unlocode for e in first if e.etype is EventType.LOADED]
    ports.append(next(e.unlocode for e in reversed(first) if e.etype is EventType.DISCHARGED))
    rows["shipments"] = [
        _shipment_row(
            ws,
            d.house_bill,
            d.legs[-1].service.carrier.scac,
            d.parties[PartyRole.CONSIGNEE],
            d.parties[PartyRole.SHIPPER],
            d.declared_pol,
            d.declared_hubs,
            d.destination,
            ports,
            len(d.containers),
            len(events),
            len(plans),
            [e[2] for e in events if e[1] is EventType.DEPARTED],
            [e[2] for e in events if e[1] is EventType.ARRIVED],
            entry,
        )
    ]
    _common(ws, rows)
    return rows


class Columns:
    """One list per column per table, extended shipment by shipment (a small transpose per
    shipment is the cheapest way found from rows to columns); ``tables()`` makes Arrow tables
    and starts afresh."""

    def __init__(self) -> None:
        self.cols: dict[str, list[list[Any]]] = {}
        self.clear()

    def clear(self) -> None:
        self.cols = {t: [[] for _ in s.names] for t, s in SCHEMAS.items()}

    def add(self, ws: WorldShipment) -> None:
        self.add_rows(draft_rows(ws) if ws.draft is not None else records_rows(ws))

    def add_rows(self, rows: Rows) -> None:
        for table, table_rows in rows.items():
            if table_rows:
                # zip stops at the schema's last column: extra trailing values are ignored.
                for column, values in zip(
                    self.cols[table], zip(*table_rows, strict=True), strict=False
                ):
                    column.extend(values)

    def tables(self) -> dict[str, pa.Table]:
        """Arrow tables of everything added since the last call; the lists are then emptied."""
        out = {
            t: pa.Table.from_arrays(
                [pa.array(v, type=f.type) for v, f in zip(self.cols[t], schema, strict=True)],
                schema=schema,
            )
            for t, schema in SCHEMAS.items()
        }
        self.clear()
        return out
