"""Declared routes from the filing frames read in bulk are those of the bills' filings read one
by one."""

from __future__ import annotations

from greenlane.store import Database
from greenlane.store.frames import StoreFrames
from greenlane.visibility.frames import declared_from_filings, declared_from_frames
from greenlane.world import WorldConfig, build_world
from greenlane.world.load import load_world


def test_declared_routes_in_bulk_are_those_read_bill_by_bill(database_url: str) -> None:
    db = Database.connect(database_url)
    db.upgrade()
    world = build_world(WorldConfig(seed=31, shipments=150))
    load_world(db, world)
    bills = sorted({ws.master_bill for ws in world.shipments()})
    frames = StoreFrames(db)
    filings, lines = frames.filings(), frames.goods_lines()
    one_by_one = declared_from_filings([f for b in bills for f in db.filings_for_bill(b)])
    assert declared_from_frames(filings, lines).equals(one_by_one)
    some = bills[::7]
    chosen = declared_from_filings([f for b in some for f in db.filings_for_bill(b)])
    assert declared_from_frames(filings, lines, some).equals(chosen)
    houses = one_by_one.filter(~one_by_one["bill_of_lading"].is_in(bills))
    assert houses.height > 0  # house bills have their own rows
    assert declared_from_frames(filings, lines, []).height == 0
