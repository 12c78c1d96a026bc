"""Screening against the real list files in ../shared/samples/sanctions.

The folder is outside the repo (never copied in). Set GREENLANE_SHARED_DIR to point elsewhere;
where it is absent these tests skip with the reason shown in the pytest summary.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from greenlane.domain.watchlists import EntryKind
from greenlane.parties.lists import load_list
from greenlane.parties.names import name_tokens
from greenlane.parties.screening import Party, Screener, ScreeningIndex

REPO = Path(__file__).resolve().parents[2]
PERSON = EntryKind.PERSON


@pytest.fixture(scope="module")
def sanctions() -> Path:
    shared = Path(os.environ.get("GREENLANE_SHARED_DIR", REPO.parent / "shared"))
    path = shared / "samples" / "sanctions"
    if not path.is_dir():
        pytest.skip(f"shared sanctions samples not found at {path} (set GREENLANE_SHARED_DIR)")
    return path


@pytest.fixture(scope="module")
def sdn(sanctions: Path) -> Screener:
    entries = load_list(sanctions / "ofac_sdn_csv_2019_full").entries
    return Screener(ScreeningIndex(entries), threshold=0.8)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize(
    ("name", "kind", "key"),
    [
        ("Banco Nacional de Cuba", EntryKind.ORGANIZATION, "ofac_sdn:306"),
        ("BANCO NACIONAL DE KUBA S.A.", EntryKind.ORGANIZATION, "ofac_sdn:306"),
        ("Aerocaribean Airlines", EntryKind.UNKNOWN, "ofac_sdn:36"),
        ("Ladin, Osama bin", PERSON, "ofac_sdn:6365"),
        ("Usama bin Laden", EntryKind.UNKNOWN, "ofac_sdn:6365"),
    ],
)
def test_sdn_names_are_found_written_otherwise(
    sdn: Screener, name: str, kind: EntryKind, key: str
) -> None:
    hits = sdn.screen(Party(name, kind))
    assert hits and hits[0].entry_key == key
    assert hits[0].explanation is not None and hits[0].explanation.lines()


def test_common_names_are_not_sdn_hits(sdn: Screener) -> None:
    for name in (
        "John Smith",
        "Maria Gonzalez",
        "Li Wei",
        "Maersk Line A/S",
        "Shenzhen Electronics Co., Ltd.",
        "Pacific Star Logistics Ltd",
    ):
        assert sdn.screen(Party(name)) == [], name


def test_un_positives_are_ranked_first(sanctions: Path) -> None:
    entries = load_list(sanctions / "un_consolidated" / "UN_consolidated.xml").entries
    screener = Screener(ScreeningIndex(entries), threshold=0.8)
    by_key = {entry.key: entry for entry in entries}
    positives = rows(sanctions / "eval" / "yente_positives_un_untreated.csv")[:60]
    found = 0
    for row in positives:
        hits = screener.screen(Party(row["full_name"], PERSON))
        wanted = sorted(name_tokens(row["full_name"]))
        if hits and any(sorted(name_tokens(n)) == wanted for n in by_key[hits[0].entry_key].names):
            found += 1
    assert found >= 58  # a couple may have been delisted since the file was made


def test_few_negatives_are_hits_against_every_list(sanctions: Path) -> None:
    entries = []
    for path in (
        "ofac_sdn_csv_2019_full",
        "ofac_consolidated_nonsdn_csv",
        "us_csl/csl_legacy_2019.csv",
        "us_bis_dpl/dpl_2019.txt",
        "un_consolidated/UN_consolidated.xml",
        "opensanctions_formats/entities.ftm.jsonl",
    ):
        entries.extend(load_list(sanctions / path).entries)
    screener = Screener(ScreeningIndex(entries), threshold=0.8)
    negatives = rows(sanctions / "eval" / "yente_negatives_global_1k.csv")[:300]
    flagged = [
        row["full_name"]
        for row in negatives
        if screener.screen(
            Party(
                row["full_name"],
                PERSON,
                countries=(row["nationality"],),
                birth_date=row["date_of_birth"] or None,
            )
        )
    ]
    assert len(flagged) <= 3, flagged
