"""Party names kept by a screening: read back by the next one, which then analyses no name, so
that `greenlane screen --bill B` in a new process does not build rigour's person tagger."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import greenlane
from greenlane.app.screening import screen_shipments
from greenlane.domain.watchlists import EntryKind
from greenlane.parties.lists import load_list
from greenlane.parties.screening import queries as queries_module
from greenlane.parties.screening.kept import same
from greenlane.parties.screening.queries import QueryNames
from greenlane.parties.screening.remembered import (
    keep_query_names,
    name_key,
    remembered_query_names,
)
from greenlane.store import Database
from greenlane.store.prepared_names import PreparedNameRow, forget_names, keep_names, kept_names
from greenlane.store.screening import shipment_parties
from greenlane.store.watchlists import store_list_version
from greenlane.world import WorldConfig, build_world
from greenlane.world.load import load_world
from greenlane.world.watchlist import watchlist_ftm_lines

PERSON, ORG = EntryKind.PERSON, EntryKind.ORGANIZATION

# Run in a new process: any analysis of a name as a person's (or as one of unknown kind, which
# rigour also tags with its person tagger) exits with 17 before the tagger is built.
PROBE = """
import os, sys
import rigour.names.analyze as analyze
from rigour.names import NameTypeTag
real = analyze._analyze_names
def probe(tag, *args, **kwargs):
    if tag in (NameTypeTag.PER, NameTypeTag.ENT):
        print("person tagger needed", file=sys.stderr, flush=True)
        os._exit(17)
    return real(tag, *args, **kwargs)
analyze._analyze_names = probe
sys.argv[0] = "greenlane"
from greenlane.cli import app
app()
"""


def test_names_kept_are_read_back_alike(database_url: str) -> None:
    db = Database.connect(database_url)
    db.upgrade()
    names = QueryNames()
    first = names.prepared("Mohammed bin Salman", PERSON)
    names.normal("Acme Trading Co., Ltd.", EntryKind.UNKNOWN)
    assert keep_query_names(db, names) == 2 and not names.fresh_prepared
    back = remembered_query_names(db, ["Mohammed bin Salman", "Acme Trading Co., Ltd.", "x"])
    assert same(back.prepared("Mohammed bin Salman", PERSON), first)
    assert not back.fresh_prepared
    assert back.normal("Acme Trading Co., Ltd.", EntryKind.UNKNOWN).legal_forms
    assert not back.fresh_normal
    back.prepared("Mohammed bin Salman", ORG)  # not kept: prepared now
    assert list(back.fresh_prepared) == [("Mohammed bin Salman", ORG)]


def test_rows_of_another_code_version_go_and_bad_rows_are_prepared_again(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database.connect(database_url)
    db.upgrade()
    old = PreparedNameRow("a" * 64, "query", "person", "Old Name", "[]")
    keep_names(db, "0" * 64, [old])
    bad_key = name_key("query", PERSON, "Anna Smith")
    keep_names(db, "1" * 64, [PreparedNameRow(bad_key, "query", "person", "Anna Smith", "{")])
    assert kept_names(db, ["a" * 64, bad_key]) == {bad_key: "{"}
    back = remembered_query_names(db, ["Anna Smith"])
    back.prepared("Anna Smith", PERSON)
    assert list(back.fresh_prepared) == [("Anna Smith", PERSON)]
    assert forget_names(db) == 1


@pytest.fixture
def screened_world(tmp_path: Path) -> tuple[str, str, list[dict[str, object]]]:
    """A small world with the world's list, one planted shipment screened once in this process
    (the index built and kept, its party names kept): the database URL, the bill, its hits."""
    url = f"sqlite:///{tmp_path / 'greenlane.db'}"
    db = Database.connect(url)
    db.upgrade()
    load_world(db, build_world(WorldConfig(shipments=400)))
    planted = sorted(
        b for b, found in db.labels().items() if any(s == "watchlisted_party" for s, _ in found)
    )
    bill = planted[0]
    # A person listed under the name of one of the bill's parties: the party (of unknown kind)
    # is then scored as a person's name.
    party = shipment_parties(db, [bill])["name"][0]
    person = {"id": "p1", "schema": "Person", "properties": {"name": [party]}, "target": True}
    path = tmp_path / "list.jsonl"
    lines = [*watchlist_ftm_lines(), json.dumps(person)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store_list_version(db, load_list(path, "ftm-jsonl"))
    found = screen_shipments(db, [bill]).report.found
    assert found, "the planted shipment has a hit"
    hits = [{"entry_key": h.entry_key, "score": h.score, "why": h.explanation} for h in found]
    db.close()
    return url, bill, hits


def _screen_in_new_process(url: str, bill: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    src = str(Path(greenlane.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    command = [sys.executable, "-c", PROBE, "screen", "--bill", bill, "--json", "--database", url]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def test_a_warm_screen_of_one_bill_builds_no_person_tagger(
    screened_world: tuple[str, str, list[dict[str, object]]],
) -> None:
    url, bill, hits = screened_world
    warm = _screen_in_new_process(url, bill)
    assert warm.returncode == 0, warm.stderr
    doc = json.loads(warm.stdout)
    (shipment,) = doc["shipments_hit"]
    seen = [
        {"entry_key": h["entry_key"], "score": h["score"], "why": h["explanation"]}
        for h in shipment["hits"]
    ]
    assert seen == hits
    # Without the kept names the same command needs the tagger: the probe above is real.
    with Database.connect(url) as db:
        assert forget_names(db) > 0
    cold = _screen_in_new_process(url, bill)
    assert cold.returncode == 17 and "person tagger needed" in cold.stderr


def test_a_screener_given_kept_names_prepares_none(monkeypatch: pytest.MonkeyPatch) -> None:
    names = QueryNames()
    prepared = names.prepared("Vladimir Putin", PERSON)
    monkeypatch.setattr(queries_module, "prepare", None)
    assert (
        QueryNames({("Vladimir Putin", PERSON): prepared}).prepared("Vladimir Putin", PERSON)
        is prepared
    )
