"""Streaming the world to Parquet: the fast column path agrees with the records, row for row, and
the files are the frame contract."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from greenlane.domain.frames import CONTRACT
from greenlane.world import WorldConfig, WorldShipment, build_world, write_parquet
from greenlane.world.columns import SCHEMAS, Columns, draft_rows, records_rows
from greenlane.world.parquet import SCHEMAS as FILES
from greenlane.world.parquet import TABLES


def test_draft_and_record_paths_give_the_same_rows(shipments: list[WorldShipment]) -> None:
    generated = [ws for ws in shipments[1:600]]
    assert all(ws.draft is not None for ws in generated)
    for ws in generated:
        fast, slow = draft_rows(ws), records_rows(ws)
        assert fast.keys() == slow.keys()
        for table in fast:
            width = len(SCHEMAS[table])
            assert [row[:width] for row in fast[table]] == slow[table], (table, ws.index)


def test_draft_and_record_paths_give_the_same_arrow_tables(
    shipments: list[WorldShipment],
) -> None:
    fast, slow = Columns(), Columns()
    for ws in shipments[1:400]:
        fast.add(ws)
        slow.add_rows(records_rows(ws))
    a, b = fast.tables(), slow.tables()
    for table in SCHEMAS:
        assert a[table].equals(b[table]), table


def test_a_small_world_streams_to_the_expected_rows(tmp_path: Path, small: WorldConfig) -> None:
    world = build_world(replace(small, shipments=250))
    summary = write_parquet(world, tmp_path, batch_size=60)
    shipments = list(world.shipments())
    expected = {
        "shipments": len(shipments),
        "events": sum(len(ws.events) for ws in shipments),
        "filings": sum(len(ws.filings) for ws in shipments),
        "goods_lines": sum(len(f.goods) for ws in shipments for f in ws.filings),
        "parties": sum(len(f.parties) for ws in shipments for f in ws.filings),
        "seal_readings": sum(min(1, len(e.seals)) for ws in shipments for e in ws.events),
        "inspections": sum(len(ws.inspections) for ws in shipments),
        "labels": sum(len(ws.threats) for ws in shipments),
    }
    assert summary["rows"] == expected
    for table, rows in expected.items():
        data = pq.read_table(tmp_path / f"{table}.parquet")
        assert data.num_rows == rows
        assert data.schema.names == list(CONTRACT[table])  # exactly the frame's columns
    events = pq.read_table(tmp_path / "events.parquet")
    first = events.slice(0, 1).to_pylist()[0]
    assert first["container_number"] == "PLU775132"
    assert first["occurred_at"].year == 2002
    assert pq.ParquetFile(tmp_path / "events.parquet").num_row_groups > 1
    assert all(pq.read_schema(tmp_path / f"{t}.parquet").equals(FILES[t]) for t in TABLES)


def test_workers_write_the_same_rows_in_parts(tmp_path: Path, small: WorldConfig) -> None:
    world = build_world(replace(small, shipments=120))
    one = write_parquet(world, tmp_path / "one", batch_size=50)
    two = write_parquet(world, tmp_path / "two", batch_size=50, workers=2)
    assert one["rows"] == two["rows"]
    for table in TABLES:
        whole = pq.read_table(tmp_path / "one" / f"{table}.parquet")
        parts = pa.concat_tables(
            [pq.read_table(tmp_path / "two" / f"{table}-{k}.parquet") for k in range(2)]
        )
        assert whole.equals(parts), table
