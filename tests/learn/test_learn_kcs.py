"""The KCS declarations adapter: canonical columns, the label, never Critical Fraud."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest

from greenlane.errors import ConfigurationError
from greenlane.learn.kcs import data_version, read_kcs

SHARED = Path(os.environ.get("GREENLANE_SHARED_DIR", Path(__file__).parents[3] / "shared"))
KCS = SHARED / "data" / "customs-declarations"

HEADER = (
    "Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,"
    "Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,"
    "Country of Departure,Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,"
    "Net Mass,Item Price,Fraud,Critical Fraud"
)
ROWS = [
    "97061800,2020-01-02,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,"
    "108.0,372254.4,0,0",
    "85945189,2020-01-01,40,B,11,21,11,40,SWF9S4X,7JD1S2X,,,90722,CN,CN,8.0,A,Y,11352.0,1000.0,1,2",
]


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    return path


def test_columns_label_and_duty(tmp_path: Path) -> None:
    frame = read_kcs([write(tmp_path / "a.csv", ROWS)])
    assert frame["declaration_id"].to_list() == ["85945189", "97061800"]  # date order
    first = frame.row(0, named=True)
    assert first["hs6"] == "090722" and first["office"] == "40"
    assert first["label"] == 1 and first["duty"] == pytest.approx(80.0)
    assert first["seller"] is None
    assert "Critical Fraud" not in frame.columns and "critical" not in " ".join(frame.columns)


def test_a_file_of_another_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(ConfigurationError, match="not the KCS declarations layout"):
        read_kcs([path])


def test_data_version_is_the_content_not_the_name(tmp_path: Path) -> None:
    a = write(tmp_path / "a.csv", ROWS)
    b = write(tmp_path / "b.csv", ROWS)
    c = write(tmp_path / "c.csv", ROWS[:1])
    assert data_version([a]) == data_version([b]) != data_version([c])
    assert data_version([a, c]) == data_version([c, a])


@pytest.mark.skipif(
    not KCS.exists(), reason=f"KCS declarations not found at {KCS} (set GREENLANE_SHARED_DIR)"
)
def test_the_published_files_read() -> None:
    train = read_kcs([KCS / "df_syn_train_eng.csv"])
    valid = read_kcs([KCS / "df_syn_valid_eng.csv"])
    assert (train.height, valid.height) == (37385, 8134)
    assert train["date"].max() < valid["date"].min()
    assert 0.2 < float(train["label"].cast(pl.Float64).mean() or 0) < 0.23
