"""Benchmark: `greenlane screen --bill B` against the full OFAC SDN list, the screening index cold
(built) and warm (kept in the store), beside the floors measured in the same run.

    python bench/screen_one.py --samples ../shared/samples/sanctions [--shipments N] --json

A SQLite database in a temporary folder gets a generated world (``--shipments``, seed 2002) and
two lists: the 2019 SDN list (7,379 entries) and the world's invented list, so that the shipment
screened has hits; the shipment is the first with a planted listed party. Measured, each as the
wall time and the CPU time (user + system) of a new process running the command, the best of
``--runs`` for the warm ones:

* interpreter: ``python -c pass``, the start-up every command pays;
* libraries: importing only the libraries a screening command cannot do without (typer and
  rich, pydantic-settings, SQLAlchemy, Polars, rigour's names, rapidfuzz), no greenlane code;
* command floor: ``greenlane lists show``, the CLI's imports and opening the database;
* rigour's person tagger: the first ``analyze_names`` of a person's name in a new process,
  which loads rigour's tables of given names; any screening that scores a person entry (or a
  party as a person) pays it once per process, index kept or not;
* cold: ``greenlane screen --bill B --json`` with no index kept (it builds and keeps it, and
  keeps the shipment's party names as prepared);
* warm: the same command again, the index and the prepared names read from the store;
* new names: the same command with the index kept but the party names forgotten, as for a
  shipment whose parties were never screened (it prepares them, paying rigour's taggers, and
  keeps them).

In this process: reading the stored lists (``current_list_entries``, the floor of any index),
building the index, reading the kept index back, and screening the one shipment with it. The
warm, cold and new-names runs must give the same hits (compared as JSON, without the
seconds).

Prints a table; with --json the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import benchpath  # noqa: F401  (before greenlane: see benchpath)
import greenlane
from greenlane.parties.lists import load_list
from greenlane.parties.screening import ScreeningIndex
from greenlane.parties.screening.stored import current_index
from greenlane.parties.shipment_screening import screen_bills
from greenlane.store import Database
from greenlane.store.prepared_names import forget_names
from greenlane.store.screening import forget_indexes
from greenlane.store.watchlists import current_list_entries, store_list_version
from greenlane.world import WorldConfig, build_world
from greenlane.world.load import load_world
from greenlane.world.watchlist import watchlist_ftm_lines
from machine import machine

CLI = "import sys; sys.argv[0] = 'greenlane'; from greenlane.cli import main; main()"
LIBRARIES = "import typer, rich.table, sqlalchemy, rigour.names, rapidfuzz"
PERSON_TAGGER = (
    "from rigour.names import NameTypeTag, analyze_names; "
    "analyze_names(NameTypeTag.PER, ['John Smith'], phonetics=False)"
)


def child(*args: str) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one new process."""
    env = dict(os.environ)
    src = str(Path(greenlane.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def best(runs: int, work: Callable[[], tuple[float, float, str]]) -> tuple[float, float, str]:
    results = [work() for _ in range(runs)]
    return min(results, key=lambda r: r[1])


def timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = work()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def hits(stdout: str) -> Any:
    doc = json.loads(stdout)
    doc.pop("seconds")
    return doc


def run(samples: Path, shipments: int, runs: int, folder: Path) -> dict[str, Any]:
    url = f"sqlite:///{folder / 'bench.db'}"
    db = Database.connect(url)
    db.upgrade()
    load_world(db, build_world(WorldConfig(shipments=shipments)))
    store_list_version(db, load_list(samples / "ofac_sdn_csv_2019_full"))
    world_list = folder / "world-list.jsonl"
    world_list.write_text("\n".join(watchlist_ftm_lines()) + "\n", encoding="utf-8")
    store_list_version(db, load_list(world_list, "ftm-jsonl"))
    labels = db.labels()
    bill = sorted(
        b for b, found in labels.items() if any(s == "watchlisted_party" for s, _ in found)
    )[0]
    command = ["-c", CLI, "screen", "--bill", bill, "--json", "--database", url]

    interpreter = best(runs, lambda: child("-c", "pass"))
    libraries = best(runs, lambda: child("-c", LIBRARIES))
    floor = best(runs, lambda: child("-c", CLI, "lists", "show", "--database", url))
    tagger = best(max(1, runs // 2), lambda: child("-c", PERSON_TAGGER))
    forget_indexes(db)
    forget_names(db)
    cold = child(*command)
    warm = best(runs, lambda: child(*command))
    forget_names(db)
    new_names = child(*command)
    same = hits(cold[2]) == hits(warm[2]) == hits(new_names[2])

    read_lists = min(
        (timed(lambda: current_list_entries(db)) for _ in range(runs)), key=lambda r: r[1]
    )
    entries = read_lists[2]
    build = timed(lambda: ScreeningIndex(entries))
    read_index = min((timed(lambda: current_index(db)) for _ in range(runs)), key=lambda r: r[1])
    screen_warm = min(
        (timed(lambda: screen_bills(db, [bill])) for _ in range(runs)), key=lambda r: r[1]
    )
    index: ScreeningIndex = build[2]
    return {
        "machine": machine(),
        "data": {
            "list": "ofac_sdn_csv_2019_full",
            "entries": len(entries),
            "index_names": len(index.names),
            "world_shipments": shipments,
            "bill": bill,
            "hits": json.loads(warm[2])["hits"],
            "database": "SQLite",
        },
        "same_hits_warm_and_cold": same,
        "process": {
            "interpreter": interpreter[:2],
            "libraries": libraries[:2],
            "command_floor": floor[:2],
            "rigour_person_tagger": tagger[:2],
            "cold": cold[:2],
            "warm": warm[:2],
            "new_names": new_names[:2],
        },
        "in_process": {
            "read_stored_lists": read_lists[:2],
            "build_index": build[:2],
            "read_kept_index": read_index[:2],
            "screen_one_warm": screen_warm[:2],
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, required=True)
    parser.add_argument("--shipments", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = run(args.samples, args.shipments, args.runs, Path(folder))
    process, inner = result["process"], result["in_process"]
    start = process["interpreter"]
    rows = [
        ("interpreter start-up (python -c pass)", process["interpreter"]),
        ("libraries only (no greenlane code)", process["libraries"]),
        ("command floor (greenlane lists show)", process["command_floor"]),
        ("rigour person tagger, first use", process["rigour_person_tagger"]),
        ("screen --bill, index cold (built)", process["cold"]),
        ("screen --bill, index warm (kept)", process["warm"]),
        ("screen --bill, index kept, names new", process["new_names"]),
        (
            "warm minus interpreter start-up",
            [w - s for w, s in zip(process["warm"], start, strict=True)],
        ),
        ("in process: read the stored lists", inner["read_stored_lists"]),
        ("in process: build the index", inner["build_index"]),
        ("in process: read the kept index", inner["read_kept_index"]),
        ("in process: screen one shipment, warm", inner["screen_one_warm"]),
    ]
    print(f"{'measure':<42}{'wall s':>10}{'CPU s':>10}")
    for label, (wall, cpu) in rows:
        print(f"{label:<42}{wall:>10.3f}{cpu:>10.3f}")
    print(f"same hits warm, cold and new names: {result['same_hits_warm_and_cold']}")
    if args.json:
        print(json.dumps(result))
    return 0 if result["same_hits_warm_and_cold"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
