"""Every official list file in ../shared/samples/sanctions loads, with the counts and entries
it should give; versions of the real lists are compared in a real store.

The OFAC subset is watchman's test cut of the 2024/25 SDN files: some of its address and alias
rows belong to entries it left out, and they are reported as skipped.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from greenlane.parties.lists import EntryKind, ListEntry, ListVersion, detect_format, load_list
from greenlane.store import Database
from greenlane.store.watchlists import current_list_entries, store_list_version

PERSON, ORGANIZATION = EntryKind.PERSON, EntryKind.ORGANIZATION
VESSEL, AIRCRAFT, UNKNOWN = EntryKind.VESSEL, EntryKind.AIRCRAFT, EntryKind.UNKNOWN

# sample -> (format, list, entries, entries by kind)
EXPECTED: dict[str, tuple[str, str, int, dict[EntryKind, int]]] = {
    "ofac_sdn_csv_subset": (
        "ofac-sdn-csv",
        "ofac_sdn",
        17,
        {PERSON: 4, ORGANIZATION: 7, VESSEL: 4, AIRCRAFT: 2},
    ),
    "ofac_sdn_csv_2019_full": (
        "ofac-sdn-csv",
        "ofac_sdn",
        7379,
        {PERSON: 3845, ORGANIZATION: 2994, VESSEL: 323, AIRCRAFT: 217},
    ),
    "ofac_consolidated_nonsdn_csv": (
        "ofac-cons-csv",
        "ofac_nonsdn",
        442,
        {PERSON: 79, ORGANIZATION: 363},
    ),
    "us_csl/consolidated_subset.csv": (
        "csl-csv",
        "us_csl",
        13,
        {PERSON: 4, ORGANIZATION: 3, UNKNOWN: 6},
    ),
    "us_csl/csl_legacy_2019.csv": (
        "csl-csv",
        "us_csl",
        110,
        {PERSON: 20, ORGANIZATION: 46, VESSEL: 2, UNKNOWN: 42},
    ),
    "us_bis_dpl/dpl_2019.txt": ("bis-dpl", "bis_dpl", 415, {UNKNOWN: 415}),
    "un_consolidated/UN_consolidated.xml": (
        "un-xml",
        "un_sc",
        1003,
        {PERSON: 730, ORGANIZATION: 273},
    ),
    "opensanctions_formats/entities.ftm.jsonl": (
        "ftm-jsonl",
        "opensanctions",
        6,
        {PERSON: 4, ORGANIZATION: 2},
    ),
}


@pytest.fixture(scope="module")
def sanctions(samples_dir: Path) -> Path:
    return samples_dir / "sanctions"


_loaded: dict[str, ListVersion] = {}


def loaded(sanctions: Path, sample: str) -> ListVersion:
    if sample not in _loaded:
        _loaded[sample] = load_list(sanctions / sample)
    return _loaded[sample]


def entry(version: ListVersion, entry_id: str) -> ListEntry:
    return next(e for e in version.entries if e.entry_id == entry_id)


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_every_sample_loads_with_its_counts(sanctions: Path, sample: str) -> None:
    fmt, list_name, count, kinds = EXPECTED[sample]
    assert detect_format(sanctions / sample) == fmt
    version = loaded(sanctions, sample)
    assert (version.format, version.list_name, version.entry_count) == (fmt, list_name, count)
    assert Counter(e.kind for e in version.entries) == kinds
    assert all(e.names and e.names[0] for e in version.entries)
    assert len({e.entry_id for e in version.entries}) == count
    assert load_list(sanctions / sample, fmt).content_hash == version.content_hash


def test_ofac_sdn_subset(sanctions: Path) -> None:
    version = loaded(sanctions, "ofac_sdn_csv_subset")
    assert version.notes == (
        "add.csv: 4 rows for entries not in sdn.csv skipped (lines 12, 17, 24, 26)",
        "alt.csv: 5 rows for entries not in sdn.csv skipped (lines 1, 6, 10, 11, 15)",
    )
    logan = entry(version, "10278")
    assert logan.names == ("LOGAN MOREY, Elvis Angus", "Elvis Angus LOGAN MOREY", "BURTON BURGESS")
    assert logan.identifiers == ("passport:P0017003", "ssn:561-77-9011")
    assert logan.birth_dates == ("1963-07-28",) and logan.programs == ("SDNT",)
    tanker = entry(version, "47371")
    assert tanker.kind is VESSEL and tanker.countries == ("GA",)
    assert tanker.identifiers == ("call_sign:A8LU7", "imo:9339301", "mmsi:636013272")
    # sdn_comments.csv carries the end of SUEX's remarks, with its alias and LEI.
    suex = entry(version, "33151")
    assert suex.names == ("SUEX OTC, S.R.O.", "SUCCESSFUL EXCHANGE")
    assert suex.countries == ("RU", "CZ")
    assert "lei:5299007NTWCC3U23WM81" in suex.identifiers
    assert suex.remarks is not None and "1B64QRxfaa35MVkf7sDjuGUYAP5izQt7Qi" in suex.remarks
    iran = entry(version, "11195")
    assert iran.programs == ("NPWMD", "IFSR", "IRAN-CON-ARMS-EO")
    assert len(iran.addresses) == 5 and iran.countries == ("IR",)
    assert entry(version, "48727").identifiers == ("mode_s:7342B3", "msn:1023409321")


def test_ofac_sdn_2019_full(sanctions: Path) -> None:
    version = loaded(sanctions, "ofac_sdn_csv_2019_full")
    assert entry(version, "36").names == ("AEROCARIBBEAN AIRLINES", "AERO-CARIBBEAN")
    assert entry(version, "36").countries == ("CU",)
    malkevich = entry(version, "26235")
    assert malkevich.names[:2] == (
        "MALKEVICH, Alexander Aleksandrovich",
        "Alexander Aleksandrovich MALKEVICH",
    )
    assert malkevich.identifiers == ("passport:717637093", "national_id:781005202108")
    vessels = [e for e in version.entries if e.kind is VESSEL]
    assert sum(any(i.startswith("imo:") for i in e.identifiers) for e in vessels) == 319
    assert sum(len(e.names) for e in version.entries) == 28489
    assert sum(bool(e.countries) for e in version.entries) == 6066


def test_ofac_consolidated(sanctions: Path) -> None:
    version = loaded(sanctions, "ofac_consolidated_nonsdn_csv")
    haniya = entry(version, "9639")
    assert haniya.names[:4] == (
        "HANIYA, Ismail Abdul Salah",
        "Ismail Abdul Salah HANIYA",
        "HANIYA, Ismail",
        "Ismail HANIYA",
    )
    assert haniya.programs == ("NS-PLC",) and haniya.birth_dates == ("1962",)
    programs = Counter(p for e in version.entries for p in e.programs)
    assert programs["UKRAINE-EO13662"] == 286 and programs["CMIC-EO13959"] == 68
    gazprombank = entry(version, "17016")
    assert gazprombank.remarks is not None and gazprombank.remarks.endswith("#directives.")
    assert "tax_id:7744001497" in gazprombank.identifiers


def test_consolidated_screening_list_both_layouts(sanctions: Path) -> None:
    current = loaded(sanctions, "us_csl/consolidated_subset.csv")
    rim = entry(current, "52291")
    assert rim.names == ("RIM, Ryong Nam", "Ryong Nam RIM") and rim.countries == ("CN", "KP")
    assert rim.identifiers == ("passport:836238033",) and rim.birth_dates == ("1978-12-05",)
    sources = Counter(e.programs[0] for e in current.entries)
    assert sources["Sectoral Sanctions Identifications List (SSI) - Treasury Department"] == 3
    bank = entry(current, "18283")
    assert bank.identifiers == (
        "registration:1027739108649",
        "swift_bic:RUDVRUMM",
        "website:mspbank.ru",
    )
    legacy = loaded(sanctions, "us_csl/csl_legacy_2019.csv")
    darya = entry(legacy, "27304")
    assert darya.kind is VESSEL and darya.names == ("ADRIAN DARYA 1", "GRACE 1")
    assert darya.identifiers == ("imo:9116412",) and darya.countries == ("IR",)
    (migeotte,) = [e for e in legacy.entries if e.names[0] == "Gunther Migeotte"]
    assert len(migeotte.addresses) == 8  # five rows of the file, one party


def test_denied_persons_list(sanctions: Path) -> None:
    version = loaded(sanctions, "us_bis_dpl/dpl_2019.txt")
    parto = entry(version, "PARTO ABGARDAN COOLING TOWERS CO.")
    assert len(parto.addresses) == 7 and parto.countries == ("IR", "US")
    assert entry(version, "ADRIAN MANUEL HERNANDEZ").addresses == (
        "3037 S. 69TH DRIVE, PHONEIX, AZ, 85043",
    )


def test_un_consolidated(sanctions: Path) -> None:
    version = loaded(sanctions, "un_consolidated/UN_consolidated.xml")
    aziz = entry(version, "IQi.025")
    assert aziz.names == ("TARIQ AZIZ", "Tariq Mikhail Aziz", "طارق عزيز")
    assert aziz.identifiers == ("passport:No34409/129",) and aziz.birth_dates == ("1936-07-01",)
    komid = entry(version, "KPe.001")
    assert komid.kind is ORGANIZATION and komid.countries == ("KP",)
    assert "CHANGGWANG SINYONG CORPORATION" in komid.names
    programs = Counter(e.programs[0] for e in version.entries)
    assert programs["Al-Qaida"] == 341 and programs["DPRK"] == 155 and programs["Taliban"] == 140
    assert sum(len(e.weak_names) for e in version.entries) == 615
    assert entry(version, "CDi.003").weak_names == ("Rumuli",)


def test_opensanctions_ftm(sanctions: Path) -> None:
    version = loaded(sanctions, "opensanctions_formats/entities.ftm.jsonl")
    kuzmenko = entry(version, "NK-2Ka3UvopqbpZmVDFjWd4LA")
    assert kuzmenko.kind is PERSON and kuzmenko.countries == ("RU",)
    assert kuzmenko.identifiers == ("tax_id:366510784303",)
    assert kuzmenko.birth_dates == ("1971-01-22",)
    assert kuzmenko.programs == ("eu_fsf", "sanction")
    irgc = entry(version, "NK-2PacmNpiLUmoz4XD2mSt7A")
    assert irgc.names == ("IRGC", "Iranian Revolutionary Guard Corps")


def test_real_lists_versioned_in_the_store(sanctions: Path, tmp_path: Path) -> None:
    with Database.connect(f"sqlite:///{tmp_path / 'lists.db'}") as db:
        db.upgrade()
        first = store_list_version(db, loaded(sanctions, "ofac_sdn_csv_subset"))
        assert first.changes.counts == {"added": 17, "changed": 0, "removed": 0}
        full = store_list_version(db, loaded(sanctions, "ofac_sdn_csv_2019_full"))
        assert full.changes.counts == {"added": 7373, "changed": 2, "removed": 11}
        assert full.changes.changed == ("11195", "20540")
        assert not store_list_version(db, loaded(sanctions, "ofac_sdn_csv_2019_full")).stored
        un = loaded(sanctions, "un_consolidated/UN_consolidated.xml")
        store_list_version(db, un)
        current = current_list_entries(db)
        assert len(current) == 7379 + 1003
        assert {e.key: e for e in current if e.list_name == "un_sc"} == {
            e.key: e for e in un.entries
        }
