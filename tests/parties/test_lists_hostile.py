"""Bad list files give one clear error naming the file, the place and what was expected."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from greenlane.cli import app
from greenlane.errors import ConfigurationError, GreenlaneError, NotFoundError, ParseError
from greenlane.parties.lists import load_list

GOOD_SDN = (
    '101,"SMITH, John","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1961."\r\n'
    '102,"ACME LTD.",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
)


def ofac(tmp_path: Path, sdn: str, *, add: str | None = "", alt: str | None = "") -> Path:
    folder = tmp_path / "sdn"
    folder.mkdir()
    (folder / "sdn.csv").write_text(sdn, encoding="utf-8")
    for name, text in (("add.csv", add), ("alt.csv", alt)):
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def error_for(path: Path, fmt: str | None = None, **kwargs: int) -> GreenlaneError:
    with pytest.raises(GreenlaneError) as caught:
        load_list(path, fmt, **kwargs)
    return caught.value


def test_csv_cut_inside_a_quoted_field(tmp_path: Path) -> None:
    folder = ofac(tmp_path, GOOD_SDN + '103,"CUT SHORT CO')
    error = error_for(folder)
    assert isinstance(error, ParseError)
    assert error.where == f"{folder / 'sdn.csv'} line 3"
    assert "cut short" in error.message and error.message.startswith("ofac-sdn-csv:")
    assert error.expected is not None and "12 fields: ent_num, SDN_Name" in error.expected


def test_csv_cut_between_fields(tmp_path: Path) -> None:
    folder = ofac(tmp_path, GOOD_SDN + '103,"CUT SHORT CO",-0- ,"IRAN"\r\n')
    error = error_for(folder)
    assert error.where == f"{folder / 'sdn.csv'} line 3"
    assert "4 fields where 12 were expected" in error.message


def test_csv_row_cut_in_an_address_file_names_that_file(tmp_path: Path) -> None:
    folder = ofac(tmp_path, GOOD_SDN, add='101,1,"1 Main St","Tehran"\r\n')
    error = error_for(folder)
    assert error.where == f"{folder / 'add.csv'} line 1"
    assert error.expected is not None and "City/State/Province/Postal" in error.expected


def test_shifted_columns_and_repeated_entries(tmp_path: Path) -> None:
    shifted = ofac(tmp_path, '"SMITH, John",101' + ",-0- " * 10 + "\r\n")
    assert "ent_num 'SMITH, John' is not a number" in str(error_for(shifted))
    repeated = tmp_path / "again"
    repeated.mkdir()
    for name, text in (("sdn.csv", GOOD_SDN + GOOD_SDN), ("add.csv", ""), ("alt.csv", "")):
        (repeated / name).write_text(text, encoding="utf-8")
    error = error_for(repeated)
    assert "ent_num 101 appears twice (first on line 1)" in error.message
    assert error.where == f"{repeated / 'sdn.csv'} line 3"


def test_ofac_set_without_its_address_file(tmp_path: Path) -> None:
    folder = ofac(tmp_path, GOOD_SDN, add=None)
    error = error_for(folder)
    assert "add.csv is missing" in error.message and error.where == str(folder)


def test_binary_file_is_not_read_as_text(tmp_path: Path) -> None:
    folder = ofac(tmp_path, GOOD_SDN)
    (folder / "sdn.csv").write_bytes(GOOD_SDN.encode() + b"\x00\x01\x02")
    assert "NUL byte" in str(error_for(folder))


UN_HEAD = '<?xml version="1.0"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n'


def test_xml_that_is_not_well_formed(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(UN_HEAD + "<INDIVIDUAL><FIRST_NAME>CUT", encoding="utf-8")
    error = error_for(path)
    assert "XML is not well-formed" in error.message and error.message.startswith("un-xml:")
    assert error.where is not None and error.where.startswith(f"{path} line 4 column")


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    ]
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n'
        + "\n".join(entities)
        + "\n]>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol9;</FIRST_NAME>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    path = tmp_path / "bomb.xml"
    path.write_text(bomb, encoding="utf-8")
    started = time.monotonic()
    error = error_for(path)
    assert time.monotonic() - started < 2
    assert "XML refused" in error.message and error.where == f"{path} DOCTYPE"


def test_external_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&secret;</FIRST_NAME>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    assert "XML refused" in str(error_for(path, "un-xml"))


def test_xml_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_text(UN_HEAD + "</INDIVIDUALS></CONSOLIDATED_LIST>", encoding="utf-8")
    error = error_for(path, "un-xml", max_xml_bytes=20)
    assert "over the limit of 20" in error.message
    assert error.expected == "GREENLANE_MAX_MESSAGE_BYTES or fewer bytes"


def test_xml_of_another_kind_and_entries_without_their_reference(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<sdnList/>", encoding="utf-8")
    assert "root element 'sdnList'" in str(error_for(other, "un-xml"))
    nameless = tmp_path / "un.xml"
    nameless.write_text(
        UN_HEAD + "<INDIVIDUAL><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER></INDIVIDUAL>\n"
        "<INDIVIDUAL><FIRST_NAME>X</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    error = error_for(nameless)
    assert error.where == f"{nameless} /CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[1]/FIRST_NAME"
    assert "QDi.1 has no name" in error.message


def test_ftm_line_cut_short_or_not_an_entity(tmp_path: Path) -> None:
    good = json.dumps({"id": "NK-1", "schema": "Person", "properties": {"name": ["A B"]}})
    cut = tmp_path / "cut.json"
    cut.write_text(good + "\n" + good[:25], encoding="utf-8")
    error = error_for(cut, "ftm-jsonl")
    assert error.where == f"{cut} line 2" and "not JSON" in error.message
    odd = tmp_path / "odd.json"
    odd.write_text(good + '\n{"schema": "Person"}\n', encoding="utf-8")
    error = error_for(odd, "ftm-jsonl")
    assert error.where == f"{odd} line 2" and "not a FollowTheMoney entity" in error.message
    latin = tmp_path / "latin.json"
    latin.write_bytes(good.encode() + b'\n{"id": "caf\xe9"}\n')
    assert "not UTF-8" in str(error_for(latin, "ftm-jsonl"))


def test_tabular_lists_with_the_wrong_header(tmp_path: Path) -> None:
    dpl = tmp_path / "dpl.txt"
    dpl.write_text('"Name"\t"Street"\t"City"\n"X"\t"Y"\t"Z"\n', encoding="utf-8")
    error = error_for(dpl, "bis-dpl")
    assert error.where == f"{dpl} line 1"
    csl = tmp_path / "csl.csv"
    csl.write_text("_id,source,name\n1,SDN,X\n", encoding="utf-8")
    error = error_for(csl, "csl-csv")
    assert "header lacks type, programs, addresses, alt_names, ids" in error.message


def test_unknown_format_unrecognised_file_and_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("hello\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="unknown list format 'pdf'"):
        load_list(path, "pdf")
    error = error_for(path)
    assert "format not recognised" in error.message
    assert error.expected is not None and "--format" in error.expected
    with pytest.raises(NotFoundError):
        load_list(tmp_path / "absent.csv")


def test_cli_prints_one_line_and_stores_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lists.db'}"
    folder = ofac(tmp_path, GOOD_SDN + '103,"CUT SHORT CO')
    runner = CliRunner()
    result = runner.invoke(app, ["lists", "load", str(folder), "--database", url])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("error: ofac-sdn-csv: CSV cannot be read")
    assert "sdn.csv line 3" in result.output
    shown = runner.invoke(app, ["lists", "show", "--json", "--database", url])
    assert json.loads(shown.output) == {"lists": []}
