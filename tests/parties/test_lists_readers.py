"""Each list reader on small files written here, in the layouts the official files use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from greenlane.domain.watchlists import entry_fields, entry_from_fields, entry_hash
from greenlane.parties.lists import EntryKind, ListEntry, detect_format, load_list
from greenlane.parties.lists.countries import country_code
from greenlane.parties.lists.dates import iso_dates, year_range
from greenlane.parties.lists.idtypes import identifier
from greenlane.parties.lists.names import natural_order

SDN = (
    '101,"SMITH, John Albert","individual","SDGT] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB 03 Feb 1961; alt. DOB circa 1962; nationality Korea, North; Passport P123 (Burma); '
    "Tax ID No. 99-1 (United States); Gender Male; a.k.a. 'JOHNNY'.\"\r\n"
    '102,"ACME SHIPPING LTD.",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"Company Number IMO 5055293; Registration Number 77 (Malta); Website www.acme.example"\r\n'
    '103,"SEA STAR","vessel","IRAN",-0- ,"9HA123","Crude Oil Tanker",-0- ,-0- ,"Malta",-0- ,'
    '"Vessel Registration Identification IMO 9123456; MMSI 256000000; Linked To: ACME."\r\n'
    '104,"EP-ABC","aircraft","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"Aircraft Manufacturer\'s Serial Number (MSN) 1234; Aircraft Model IL-76"\r\n'
    '105,"LONG REMARKS CO",-0- ,"CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Tax ID No. 12"\r\n'
    "\x1a"
)
ADD = (
    '101,1,"1 Main St","Pyongyang","Korea, North",-0- \r\n'
    '102,2,-0- ,"Valletta","Malta",-0- \r\n'
    "102,3,-0- ,-0- ,-0- ,-0- \r\n"
    '999,4,"Nowhere",-0- ,"Iran",-0- \r\n'
)
ALT = (
    '101,11,"aka","SMITH, Johnny",-0- \r\n'
    '102,12,"fka","ACME SHIPPING LIMITED",-0- \r\n'
    '998,13,"aka","ORPHAN",-0- \r\n'
)
COMMENTS = '105,"345 (Russia); Registration Number 678."\r\n'


def write_ofac(folder: Path, prefix: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    names = ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")
    if prefix:
        names = ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")
    for name, text in zip(names, (SDN, ADD, ALT, COMMENTS), strict=True):
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


def by_id(entries: tuple[ListEntry, ...]) -> dict[str, ListEntry]:
    return {e.entry_id: e for e in entries}


def test_ofac_sdn_folder(tmp_path: Path) -> None:
    version = load_list(write_ofac(tmp_path / "sdn"), "ofac-sdn-csv")
    assert version.list_name == "ofac_sdn" and version.format == "ofac-sdn-csv"
    entries = by_id(version.entries)
    assert list(entries) == ["101", "102", "103", "104", "105"]

    person = entries["101"]
    assert person.kind is EntryKind.PERSON
    assert person.names == (
        "SMITH, John Albert",
        "John Albert SMITH",
        "SMITH, Johnny",
        "Johnny SMITH",
        "JOHNNY",
    )
    assert person.countries == ("KP",)
    assert person.addresses == ("1 Main St, Pyongyang, Korea, North",)
    assert person.identifiers == ("passport:P123", "tax_id:99-1")
    assert person.programs == ("SDGT", "IFSR")
    assert person.birth_dates == ("1961-02-03", "1962")

    company = entries["102"]
    assert company.kind is EntryKind.ORGANIZATION
    assert company.names == ("ACME SHIPPING LTD.", "ACME SHIPPING LIMITED")
    assert company.addresses == ("Valletta, Malta",)
    assert company.identifiers == (
        "imo_company:5055293",
        "registration:77",
        "website:www.acme.example",
    )

    vessel = entries["103"]
    assert vessel.kind is EntryKind.VESSEL
    assert vessel.countries == ("MT",)  # the flag
    assert vessel.identifiers == ("call_sign:9HA123", "imo:9123456", "mmsi:256000000")

    aircraft = entries["104"]
    assert aircraft.kind is EntryKind.AIRCRAFT
    assert aircraft.identifiers == ("msn:1234",)

    # The comments file carries the end of remarks cut short in the main file.
    long = entries["105"]
    assert long.remarks == "Tax ID No. 12345 (Russia); Registration Number 678."
    assert long.identifiers == ("tax_id:12345", "registration:678")

    assert version.notes == (
        "add.csv: 1 row for entries not in sdn.csv skipped (lines 4)",
        "alt.csv: 1 row for entries not in sdn.csv skipped (lines 3)",
    )


def test_ofac_sdn_from_one_of_its_files_and_any_letter_case(tmp_path: Path) -> None:
    folder = write_ofac(tmp_path / "sdn")
    for name in ("sdn.csv", "add.csv", "alt.csv"):
        (folder / name).rename(folder / name.upper())
    assert detect_format(folder / "SDN.CSV") == "ofac-sdn-csv"
    assert load_list(folder / "SDN.CSV").entry_count == 5
    assert load_list(folder).content_hash == load_list(folder / "ALT.CSV").content_hash


def test_ofac_consolidated_has_the_same_layout(tmp_path: Path) -> None:
    folder = write_ofac(tmp_path / "cons", prefix="cons")
    assert detect_format(folder) == "ofac-cons-csv"
    version = load_list(folder)
    assert version.list_name == "ofac_nonsdn"
    assert by_id(version.entries)["101"].names[1] == "John Albert SMITH"


CSL_CURRENT = (
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,"
    "gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,"
    "alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,"
    "ids\n"
    '"52291","Specially Designated Nationals (SDN) - Treasury Department","52291","Individual",'
    '"NPWMD","RIM, Ryong Nam","","Shenyang, CN; Pyongyang, KP","","","","","","","","","","",'
    '"","","","","RIM, Yong Nam","","1978-12-05","KP","","",'
    '"Passport, 836238033, KP; Gender, Male"\n'
    '"abc","Entity List (EL) - Bureau of Industry and Security","","","","Hebei Lab","",'
    '"1 Road, Shijiazhuang, China; and 2 Street, Hebei, CN","","","","","","","","","","","",'
    '"","","","HL; and Hebei Laboratory","","","","","",""\n'
)
CSL_2019 = (
    "source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,"
    "gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,"
    "alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,"
    "ids\n"
    "Specially Designated Nationals (SDN) - Treasury Department,20264,Entity,SDNTK,"
    '200G PSA HOLDINGS LLC,,"80 SW 8th Street, Miami, FL, 33130, US",,,,,,,,,,,,,,,,,,,,,'
    '"US, 80-0890696, Tax ID No.; 01200175 (Bogota), Matricula Mercantil No"\n'
    "Denied Persons List (DPL) - Bureau of Industry and Security,,,,AL NASER AIRLINES,,"
    '"BAGHDAD, IQ",,,,,,,,,,,,,,,,,,,,,\n'
    "Denied Persons List (DPL) - Bureau of Industry and Security,,,,AL NASER AIRLINES,,"
    '"DUBAI, AE",,,,,,,,,,,,,,,,,,,,,\n'
)


def test_csl_current_layout(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv"
    path.write_text(CSL_CURRENT, encoding="utf-8")
    assert detect_format(path) == "csl-csv"
    version = load_list(path)
    person, lab = version.entries
    assert person.entry_id == "52291" and person.kind is EntryKind.PERSON
    assert person.names == ("RIM, Ryong Nam", "Ryong Nam RIM", "RIM, Yong Nam", "Yong Nam RIM")
    assert person.countries == ("CN", "KP")
    assert person.identifiers == ("passport:836238033",)
    assert person.programs == (
        "Specially Designated Nationals (SDN) - Treasury Department",
        "NPWMD",
    )
    assert person.birth_dates == ("1978-12-05",)
    assert lab.kind is EntryKind.UNKNOWN
    assert lab.names == ("Hebei Lab", "HL", "Hebei Laboratory")
    assert lab.addresses == ("1 Road, Shijiazhuang, China", "2 Street, Hebei, CN")
    assert lab.countries == ("CN",)


def test_csl_2019_layout_keys_rows_without_ids_and_merges_repeats(tmp_path: Path) -> None:
    path = tmp_path / "csl.csv"
    path.write_text(CSL_2019, encoding="utf-8")
    company, airline = load_list(path, "csl-csv").entries
    assert company.entry_id == "20264" and company.kind is EntryKind.ORGANIZATION
    assert company.identifiers == ("tax_id:80-0890696", "registration:01200175")
    assert airline.entry_id.startswith("h") and len(airline.entry_id) == 17
    assert airline.addresses == ("BAGHDAD, IQ", "DUBAI, AE")
    assert airline.countries == ("IQ", "AE")


DPL = (
    '"Name"\t"Street_Address"\t"City"\t"State"\t"Country"\t"Postal_Code"\t"Effective_Date"\t'
    '"Expiration_Date"\t"Standard_Order"\t"Last_Update"\t"Action"\t"FR_Citation"\n'
    '"PARTO CO."\t"NO. 56 SHEIDAEI ST."\t"TEHRAN"\t""\t"IR"\t"19497"\t"10/06/2010"\t'
    '"03/25/2020"\t"Y"\t"2015-03-27"\t"FR NOTICE ADDED"\t"75 F.R. 63802"\n'
    '"PARTO CO."\t"P.O. BOX 966"\t"FOLSOM"\t"CA"\t"US"\t"95763"\t"10/06/2010"\t'
    '"03/25/2020"\t"Y"\t"2015-03-27"\t"FR NOTICE ADDED"\t"75 F.R. 63802"\n'
    '" JANE ROE"\t""\t""\t""\t"PRC"\t""\t"01/01/2019"\t""\t"Y"\t""\t""\t""\n'
)


def test_bis_dpl_one_entry_per_name(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    path.write_text(DPL, encoding="utf-8")
    assert detect_format(path) == "bis-dpl"
    parto, jane = load_list(path).entries
    assert parto.entry_id == "PARTO CO." and parto.kind is EntryKind.UNKNOWN
    assert parto.addresses == (
        "NO. 56 SHEIDAEI ST., TEHRAN, 19497, IR",
        "P.O. BOX 966, FOLSOM, CA, 95763, US",
    )
    assert parto.countries == ("IR", "US")
    assert parto.remarks == "effective 10/06/2010, expires 03/25/2020; 75 F.R. 63802"
    assert jane.names == ("JANE ROE",) and jane.countries == ("CN",)


UN = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID>
      <FIRST_NAME>TARIQ</FIRST_NAME><SECOND_NAME>AZIZ</SECOND_NAME>
      <UN_LIST_TYPE>Iraq</UN_LIST_TYPE>
      <REFERENCE_NUMBER>IQi.025</REFERENCE_NUMBER>
      <NAME_ORIGINAL_SCRIPT>طارق عزيز</NAME_ORIGINAL_SCRIPT>
      <COMMENTS1>Deputy Prime Minister</COMMENTS1>
      <NATIONALITY><VALUE>Iraq</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Tariq Mikhail Aziz</ALIAS_NAME>
      </INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Mikhail</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS><CITY>Amman</CITY><COUNTRY>Jordan</COUNTRY></INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1936-07-01</DATE>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1937</FROM_YEAR>
        <TO_YEAR>1938</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT>
        <NUMBER>No34409/129</NUMBER></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification
          Number</TYPE_OF_DOCUMENT><NUMBER>123</NUMBER></INDIVIDUAL_DOCUMENT>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>2</DATAID>
      <FIRST_NAME>KOREA MINING DEVELOPMENT TRADING CORPORATION</FIRST_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>KOMID</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><CITY>Pyongyang</CITY>
        <COUNTRY>Democratic People's Republic of Korea</COUNTRY></ENTITY_ADDRESS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""


def test_un_consolidated_xml(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_text(UN, encoding="utf-8")
    assert detect_format(path) == "un-xml"
    person, entity = load_list(path).entries
    assert person.list_name == "un_sc" and person.entry_id == "IQi.025"
    assert person.kind is EntryKind.PERSON
    assert person.names == ("TARIQ AZIZ", "Tariq Mikhail Aziz", "طارق عزيز")
    assert person.weak_names == ("Mikhail",)
    assert person.countries == ("IQ", "JO")
    assert person.addresses == ("Amman, Jordan",)
    assert person.identifiers == ("passport:No34409/129", "national_id:123")
    assert person.birth_dates == ("1936-07-01", "1937", "1938")
    assert person.programs == ("Iraq",)
    assert person.remarks == "Deputy Prime Minister"
    assert entity.kind is EntryKind.ORGANIZATION and entity.entry_id == "KPe.001"
    assert entity.names == ("KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID")
    assert entity.countries == ("KP",)


def test_ftm_json_lines(tmp_path: Path) -> None:
    lines = [
        {
            "id": "NK-1",
            "schema": "Person",
            "caption": "Vitaly KUZMENKO",
            "properties": {
                "name": ["Vitaly KUZMENKO", "Виталий КУЗЬМЕНКО"],
                "alias": ["V. Kuzmenko"],
                "weakAlias": ["Vitya"],
                "nationality": ["ru"],
                "birthDate": ["1971-01-22"],
                "taxNumber": ["366510784303"],
                "topics": ["sanction"],
                "addressEntity": ["addr-1"],
            },
            "datasets": ["eu_fsf"],
        },
        {"id": "NK-2", "schema": "Sanction", "properties": {"entity": ["NK-1"]}},
        {
            "id": "NK-3",
            "schema": "Vessel",
            "properties": {"name": ["SEA STAR"], "imoNumber": ["9123456"], "flag": ["mt"]},
        },
        {
            "id": "NK-4",
            "schema": "Address",
            "referents": ["addr-1"],
            "properties": {"full": ["Majengo area, Mombasa, KENYA"]},
        },
    ]
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert detect_format(path) == "ftm-jsonl"
    person, vessel = load_list(path).entries
    assert person.list_name == "opensanctions" and person.kind is EntryKind.PERSON
    assert person.names == ("Vitaly KUZMENKO", "Виталий КУЗЬМЕНКО", "V. Kuzmenko")
    assert person.weak_names == ("Vitya",)
    assert person.countries == ("RU",)
    assert person.identifiers == ("tax_id:366510784303",)
    assert person.programs == ("eu_fsf", "sanction")
    assert person.addresses == ("Majengo area, Mombasa, KENYA",)  # from the Address entity
    assert vessel.kind is EntryKind.VESSEL
    assert vessel.identifiers == ("imo:9123456",) and vessel.countries == ("MT",)


def test_entry_fields_round_trip_and_hash_ignores_defaults() -> None:
    entry = ListEntry("un_sc", "X.1", EntryKind.PERSON, ("A B",), countries=("IQ",))
    fields = entry_fields(entry)
    assert fields == {
        "list_name": "un_sc",
        "entry_id": "X.1",
        "kind": "person",
        "names": ["A B"],
        "countries": ["IQ"],
    }
    assert entry_from_fields(fields) == entry
    assert entry_hash(entry) != entry_hash(ListEntry("un_sc", "X.1", EntryKind.PERSON, ("A",)))


def test_same_entries_in_another_order_are_the_same_content(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(DPL, encoding="utf-8")
    header, parto_1, parto_2, jane = DPL.splitlines(keepends=True)
    second = tmp_path / "b.txt"
    second.write_text(header + jane + parto_1 + parto_2, encoding="utf-8")
    assert load_list(first).content_hash == load_list(second).content_hash


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Korea, North", "KP"),
        ("Bahamas, The", "BS"),
        ("Burma", "MM"),
        ("Kosovo", "XK"),  # not Serbia, as pycountry's fuzzy search would say
        ("Iran (Islamic Republic of)", "IR"),
        ("Russian Federation", "RU"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("Congo, Democratic Republic of the", "CD"),
        ("de", "DE"),
        ("-0-", None),
        ("undetermined", None),
        ("Atlantis", None),
    ],
)
def test_country_names_as_the_lists_write_them(name: str, code: str | None) -> None:
    assert country_code(name) == code


def test_dates_names_and_identifiers() -> None:
    assert iso_dates("28 Jul 1963; alt. Jul 1964; circa 1960; 1936-07-01") == [
        "1963-07-28",
        "1964-07",
        "1960",
        "1936-07-01",
    ]
    assert year_range("1973", "1975") == ["1973", "1974", "1975"]
    assert year_range("1900", "1990") == ["1900", "1990"]
    assert natural_order("MORENO JR., Daniel Gonzalo") == "Daniel Gonzalo MORENO JR."
    assert natural_order("SUEX OTC, S.R.O., PRAGUE") is None
    assert identifier("Passport", "P0017003 (Belize)") == "passport:P0017003"
    assert identifier("C.U.R.P.", "AIMM671 (Mexico) issued 1968") == "national_id:AIMM671"
    assert identifier("Identification Number", "IMO 9339301") == "imo:9339301"
    assert identifier("Gender", "Male") is None


def test_windows_1252_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    folder = write_ofac(tmp_path / "sdn")
    (folder / "sdn.csv").write_bytes(
        b"\xef\xbb\xbf"
        + '106,"CAF\xc9 NOIR S.A.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'.encode(
            "cp1252"
        )
    )
    (entry,) = load_list(folder).entries
    assert entry.names == ("CAFÉ NOIR S.A.",) and entry.remarks is None
