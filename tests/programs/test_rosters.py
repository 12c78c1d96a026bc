"""The program lists as CSV: the sample files read as the layouts say, bad rows named by line and
column, written lists read back the same, and loads into the store on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from greenlane.domain.records import Port
from greenlane.errors import ConfigurationError
from greenlane.programs.frames import programs_from_frames
from greenlane.programs.rosters import read_aeo, read_csi, read_ctpat, read_mra
from greenlane.programs.store import (
    load_programs,
    program_loads,
    recognitions,
)
from greenlane.programs.writers import write_aeo, write_csi, write_ctpat, write_mra
from greenlane.store import Database
from greenlane.store.frames import StoreFrames

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database.connect(database_url)
    database.upgrade()
    yield database
    database.close()


def test_ctpat_rows_with_tiers_dates_suspension_and_no_identifier() -> None:
    members = {m.membership_id: m for m in read_ctpat(FIXTURES / "ctpat.csv")}
    assert members["SVI00001A"].tier == 3  # written "III"
    assert members["SVI00001A"].validated_on == date(2014, 9, 15)
    assert members["SVI00001A"].party.identifiers[0].value == "38-541325400"
    assert members["SVI00003C"].suspended and members["SVI00003C"].tier == 1
    broker = members["SVI00004D"]
    assert broker.tier is None and broker.party.identifiers == ()
    assert members["SVI00006F"].valid_until == date(2025, 12, 31)
    assert all(m.program_country == "US" for m in members.values())


def test_aeo_types_and_program_countries() -> None:
    members = {m.membership_id: m for m in read_aeo(FIXTURES / "aeo.csv")}
    assert members["NLAEOF000000034"].aeo_type == "full"  # written "AEOF"
    assert members["DEAEOS000000101"].aeo_type == "security"
    assert members["DEAEOC000000102"].aeo_type == "customs"
    assert members["JPAEO0000000201"].aeo_type is None
    assert members["JPAEO0000000201"].program_country == "JP"


def test_mra_and_csi_lists() -> None:
    arrangements = read_mra(FIXTURES / "mra.csv")
    eu_cn = next(a for a in arrangements if a.partner_jurisdiction == "CN")
    assert eu_cn.signed_on == date(2014, 5, 16) and eu_cn.in_force_from == date(2015, 11, 1)
    ports = {p.unlocode: p for p in read_csi(FIXTURES / "csi.csv")}
    assert ports["CNSHA"].csi and ports["CNSHA"].csi_since == date(2003, 4, 28)
    assert ports["PAMIT"].csi_since is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("membership_id,name,country,tier\nX,Y,US,1\n", "lacks column certified_on"),
        (
            "membership_id,name,country,tier,certified_on\nX,Y,US,IV,2020-01-01\n",
            "2 column tier",
        ),
        (
            "membership_id,name,country,tier,certified_on\nX,Y,US,1,01/02/2020\n",
            "2 column certified_on",
        ),
        (
            "membership_id,name,country,tier,certified_on,suspended\nX,,US,1,2020-01-01,no\n",
            "name is empty",
        ),
        (
            "membership_id,name,country,tier,certified_on,suspended\nX,Y,US,1,2020-01-01,maybe\n",
            "column suspended",
        ),
    ],
)
def test_a_bad_row_is_named_by_line_and_column(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "ctpat.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message):
        read_ctpat(path)


def test_written_lists_read_back_the_same(tmp_path: Path) -> None:
    ctpat, aeo = read_ctpat(FIXTURES / "ctpat.csv"), read_aeo(FIXTURES / "aeo.csv")
    write_ctpat([*ctpat, *aeo], tmp_path / "c.csv")
    write_aeo([*ctpat, *aeo], tmp_path / "a.csv")
    assert read_ctpat(tmp_path / "c.csv") == ctpat
    assert read_aeo(tmp_path / "a.csv") == aeo
    mra = read_mra(FIXTURES / "mra.csv")
    write_mra(mra, tmp_path / "m.csv")
    assert read_mra(tmp_path / "m.csv") == mra
    csi = read_csi(FIXTURES / "csi.csv")
    write_csi(csi, tmp_path / "s.csv")
    assert read_csi(tmp_path / "s.csv") == csi


def test_loads_into_the_store_and_back(db: Database) -> None:
    with db.transaction() as tx:
        tx.add_ports([Port("NLRTM", "Rotterdam", "NL", 51.9, 4.1), Port("USLAX", "LA", "US")])
        tx.add_ports([Port("DEHAM", "Hamburg", "DE", 53.5, 9.9, csi=True)])
    for kind in ("ctpat", "aeo", "mra", "csi"):
        report = load_programs(db, FIXTURES / f"{kind}.csv", kind)
        assert report.rows > 0 and len(report.content_hash) == 64
    assert len(db.memberships()) == 11
    ports = {p.unlocode: p for p in db.ports()}
    rotterdam = ports["NLRTM"]
    assert rotterdam.csi and rotterdam.csi_since == date(2002, 9, 2)
    assert rotterdam.latitude == 51.9  # the port keeps its position
    assert not ports["DEHAM"].csi  # not on the loaded list any more
    assert not ports["USLAX"].csi and ports["CNSHA"].csi  # a new port from the list
    assert len(recognitions(db)) == 4
    assert [r["kind"] for r in program_loads(db)] == ["csi", "mra", "aeo", "ctpat"]

    programs = programs_from_frames(StoreFrames(db))
    assert programs.members.height == 11
    assert programs.recognitions.height == 8  # both directions
    assert set(programs.csi["unlocode"]) == {"NLRTM", "CNSHA", "CNSHK", "JPUKB", "SGSIN", "PAMIT"}
    # the mutual recognition list is replaced whole; a membership is replaced by its new row
    load_programs(db, FIXTURES / "mra.csv", "mra")
    assert len(recognitions(db)) == 4
    again = load_programs(db, FIXTURES / "ctpat.csv", "ctpat")
    assert again.new == 0 and len(db.memberships()) == 11


def test_a_bad_file_stores_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "aeo.csv"
    good = (FIXTURES / "aeo.csv").read_text(encoding="utf-8")
    path.write_text(good + "X1,Bad Date Ltd,,DE,,,DE,full,2020-13-01,,false\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"aeo\.csv:7 column certified_on"):
        load_programs(db, path, "aeo")
    assert db.memberships() == [] and program_loads(db) == []
    with pytest.raises(ConfigurationError, match="unknown list kind"):
        load_programs(db, path, "pip")
