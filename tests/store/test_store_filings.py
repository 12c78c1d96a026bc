"""Filings go in and come back as the same records; amendments sit beside earlier versions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

from store_samples import CONSIGNEE, NOTIFY, SHIPPER, amended, filing

from greenlane.domain.codes import FilingType
from greenlane.domain.records import Filing
from greenlane.store import Database


def _all_times(f: Filing) -> list[object]:
    return [f.filed_at, f.estimated_departure, f.estimated_arrival]


def test_filing_round_trip(db: Database) -> None:
    original = filing()
    with db.transaction() as tx:
        assert tx.add_filings([original]) == 1
    [stored] = db.filings_for_bill(original.master_bill)
    assert stored == original
    for moment in _all_times(stored):
        assert getattr(moment, "tzinfo", None) == UTC
    assert stored.route.transshipment_ports == ("SGSIN", "LK CMB")


def test_minimal_filing_round_trip(db: Database) -> None:
    bare = Filing(
        filing_type=FilingType.ENTRY,
        reference="E-1",
        version=1,
        filed_at=filing().filed_at,
        master_bill="OOLU1",
    )
    with db.transaction() as tx:
        tx.add_filings([bare])
    assert db.filings_for_bill("OOLU1") == [bare]


def test_amendment_is_stored_beside_the_original(db: Database) -> None:
    v1 = filing()
    v2 = amended(v1, 2)
    with db.transaction() as tx:
        assert tx.add_filings([v1]) == 1
    with db.transaction() as tx:
        assert tx.add_filings([v2]) == 1
    assert db.filings_for_bill(v1.master_bill) == [v1, v2]
    assert db.counts()["filings"] == 2
    assert db.counts()["shipments"] == 1


def test_same_filing_again_stores_nothing(db: Database) -> None:
    original = filing()
    with db.transaction() as tx:
        tx.add_filings([original])
    before = db.counts()
    # Same type, reference and version: the earlier one stands, even if the content differs.
    changed = replace(original, vessel_name="SOMETHING ELSE")
    with db.transaction() as tx:
        assert tx.add_filings([original, changed]) == 0
    assert db.counts() == before
    assert db.filings_for_bill(original.master_bill) == [original]


def test_repeats_within_one_batch_count_once(db: Database) -> None:
    with db.transaction() as tx:
        assert tx.add_filings([filing(), filing(), amended(filing(), 2)]) == 2


def test_parties_are_stored_once(db: Database) -> None:
    """Shipper (twice, as manufacturer too), consignee and notify party over two bills: 3 rows."""
    b = filing("B", master_bill="MAEU2", container="MSKU7654321")
    with db.transaction() as tx:
        tx.add_filings([filing("A")])
    with db.transaction() as tx:
        tx.add_filings([b])
    counts = db.counts()
    assert counts["parties"] == 3
    assert counts["filings"] == 2
    [stored] = db.filings_for_bill("MAEU2")
    assert stored == b
    assert [fp.party for fp in stored.parties] == [SHIPPER, CONSIGNEE, NOTIFY, SHIPPER]


def test_same_name_with_other_identifiers_is_another_party(db: Database) -> None:
    twin = replace(SHIPPER, identifiers=())
    f = filing()
    other = replace(f, reference="X", parties=(replace(f.parties[0], party=twin),))
    with db.transaction() as tx:
        tx.add_filings([f, other])
    assert db.counts()["parties"] == 4
    assert db.filings_for_bill(f.master_bill)[1].parties[0].party == twin


def test_house_bills(db: Database) -> None:
    house_a = filing("H-A", master_bill="MAEU9", house_bill="NVOA1")
    house_b = filing("H-B", master_bill="MAEU9", house_bill="NVOB1", container="MSKU7654321")
    manifest = filing("M-9", master_bill="MAEU9")
    with db.transaction() as tx:
        assert tx.add_filings([house_a, house_b, manifest]) == 3
    assert db.counts()["shipments"] == 3
    assert db.filings_for_bill("NVOA1") == [house_a]
    assert {f.reference for f in db.filings_for_bill("MAEU9")} == {"H-A", "H-B", "M-9"}
    assert db.filings_for_bill("MAEU9")[-1].house_bill is None


def test_bills_and_containers_link_both_ways(db: Database) -> None:
    with db.transaction() as tx:
        tx.add_filings([filing("H-A", master_bill="MAEU9", house_bill="NVOA1")])
    assert db.containers_for_bill("MAEU9") == ["MSKU1234565", "TGHU0000000"]
    assert db.containers_for_bill("NVOA1") == ["MSKU1234565", "TGHU0000000"]
    assert db.bills_for_container("MSKU1234565") == ["MAEU9", "NVOA1"]
    assert db.bills_for_container("NOPE0000000") == []
    assert db.containers_for_bill("NOPE") == []
    assert db.filings_for_bill("NOPE") == []


def test_large_batch_round_trips(db: Database) -> None:
    """More keys than one IN (...) lookup holds, so the chunked paths are exercised."""
    batch = [
        filing(f"CD-{i:05d}", master_bill=f"MAEU{i:06d}", container=f"CONT{i:07d}")
        for i in range(2000)
    ]
    with db.transaction() as tx:
        assert tx.add_filings(batch) == 2000
    with db.transaction() as tx:
        assert tx.add_filings(batch) == 0
    assert db.filings_for_bill("MAEU001999") == [batch[1999]]
    counts = db.counts()
    assert (counts["filings"], counts["parties"], counts["goods_items"]) == (2000, 3, 4000)
    assert (counts["filing_containers"], counts["seals"]) == (4000, 4000)
