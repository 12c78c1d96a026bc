"""Fuzzing: mutated messages through the ingest entry point, counting every broken promise.

    python bench/fuzz_ingest.py --mutants 100000 --json [--seed N] [--samples DIR] [--examples DIR]

Seeds are the shared samples (DCSA, EPCIS, EDIFACT, X12 under ``--samples``, default
``$GREENLANE_SHARED_DIR/samples`` or ``../shared/samples``), the messages of a small generated world
(native filings, DCSA, EPCIS and EDIFACT events, as ``greenlane world messages`` writes them) and
a few built-in ones (EPCIS XML, native CSV). Each mutant is one to three mutations
(bench/fuzz_mutate.py) of a seed, written to a file and ingested in-process through
``greenlane.app.ingest_files`` into a real SQLite store, a few hundred files to a database.

Counted, over all mutants:

* ``escaped``: an exception out of the entry point, or a traceback logged where the terminal
  would show it (a warning or worse with exception info);
* ``lost``: a message received but left neither stored nor quarantined nor refused nor a
  duplicate (its archive status is not final);
* ``catch_all``: quarantined by the pipeline's last-resort catch-all, not by a named check;
* ``no_place``: quarantined or refused without a place;
* ``mutants_per_s``.

The last line of output is one JSON object with those keys (with --json), and the classes met:
each distinct failure with its count and the size of its smallest mutant (kept under --examples).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from fuzz_mutate import mutate
from machine import machine

MAX_BYTES = 4 * 1024 * 1024
"""The size limit of the run, so that the oversized mutants are refused quickly."""
BATCH = 400
FINAL = {"parsed", "quarantined", "refused"}
NO_PLACE = {"", "unknown", "place not recorded"}

EPCIS_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
    creationDate="2024-05-01T12:00:00Z">
 <EPCISBody><EventList>
  <ObjectEvent>
   <eventTime>2024-05-01T10:00:00+02:00</eventTime>
   <eventTimeZoneOffset>+02:00</eventTimeZoneOffset>
   <eventID>urn:uuid:x1</eventID>
   <epcList><epc>urn:epc:id:bic:CSQU3054383</epc></epcList>
   <action>OBSERVE</action>
   <bizStep>urn:epcglobal:cbv:bizstep:departing</bizStep>
   <readPoint><id>urn:unece:unlocode:NLRTM</id></readPoint>
  </ObjectEvent>
 </EventList></EPCISBody></epcis:EPCISDocument>"""
NATIVE_CSV = (
    b"event_id,event_type,occurred_at,container_number,unlocode\n"
    b"e1,loaded,2026-01-10T08:00:00Z,CSQU3054383,SGSIN\n"
    b"e2,discharged,2026-01-20T08:00:00Z,CSQU3054383,NLRTM\n"
)


def default_samples() -> Path:
    shared = os.environ.get("GREENLANE_SHARED_DIR")
    root = Path(shared) if shared else Path(__file__).resolve().parents[2] / "shared"
    return root / "samples"


def sample_seeds(samples: Path) -> list[tuple[str, bytes]]:
    patterns = {
        "dcsa": ["*.json"],
        "epcis": ["**/*.json", "**/*.jsonld"],
        "edifact": ["*.edi"],
        "x12": ["*.edi"],
    }
    seeds = []
    for folder, globs in patterns.items():
        for pattern in globs:
            for path in sorted((samples / folder).glob(pattern)):
                seeds.append((f"{folder}/{path.name}", path.read_bytes()))
    return seeds


def world_seeds(seed: int, shipments: int, workdir: Path) -> list[tuple[str, bytes]]:
    from greenlane.world import WorldConfig, build_world
    from greenlane.world.messages import EVENT_FORMATS, write_messages

    seeds = []
    for fmt in EVENT_FORMATS:
        world = build_world(WorldConfig(seed=seed, shipments=shipments))
        folder = workdir / f"world-{fmt}"
        write_messages(world, folder, events_as=fmt, batch_size=1)
        seeds += [(f"world/{p.name}", p.read_bytes()) for p in sorted(folder.iterdir())]
        shutil.rmtree(folder)
    return seeds


class Tracebacks(logging.Handler):
    """What the terminal would show as a traceback: a warning or worse with exception info."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.records.append(record)


@dataclass
class Tally:
    mutants: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    classes: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str, str], bytes] = field(default_factory=dict)

    def met(self, what: str, fmt: str, detail: str, content: bytes) -> None:
        self.counts[what] += 1
        key = (what, fmt, re.sub(r"\d+", "N", detail)[:90])
        self.classes[key] += 1
        if key not in self.examples or len(content) < len(self.examples[key]):
            self.examples[key] = content


def _innermost(exc: BaseException) -> str:
    tb = exc.__traceback__
    place = "?"
    while tb is not None:
        if "greenlane" in tb.tb_frame.f_code.co_filename:
            code = tb.tb_frame.f_code
            place = f"{Path(code.co_filename).name}:{code.co_name}"
        tb = tb.tb_next
    return place


def run_batch(
    template: Path, workdir: Path, mutants: list[tuple[str, bytes]], tally: Tally
) -> None:
    from greenlane import app as core

    db_file = workdir / "fuzz.db"
    shutil.copy(template, db_file)
    inbox = workdir / "inbox"
    inbox.mkdir()
    files = []
    for i, (_, content) in enumerate(mutants):
        path = inbox / f"m{i:05d}"
        path.write_bytes(content)
        files.append(path)
    db = core.connect(f"sqlite:///{db_file}")
    results: dict[Path, Any] = {}
    start = 0
    while start < len(files):
        try:
            core.ingest_files(db, files[start:], on_file=results.__setitem__)
            break
        except Exception as exc:
            at = start + sum(1 for f in files[start:] if f in results)
            origin, content = mutants[at]
            tally.met(
                "escaped", origin.split("/")[0], f"{type(exc).__name__} {_innermost(exc)}", content
            )
            start = at + 1
    for path, (_, content) in zip(files, mutants, strict=True):
        result = results.get(path)
        if result is None:
            continue
        tally.outcomes[result.outcome.value] += 1
        fmt = result.format or "unknown"
        status = db.message_status(result.content_hash)
        if status is None or status.value not in FINAL:
            tally.met("lost", fmt, f"{result.outcome.value} left {status}", content)
        if result.outcome.value in ("quarantined", "refused"):
            if result.unexpected:
                tally.met("catch_all", fmt, result.error or "", content)
            if (result.where or "").strip() in NO_PLACE:
                tally.met("no_place", fmt, result.error or "", content)
    db.close()
    shutil.rmtree(inbox)
    db_file.unlink()


def mutant_stream(
    seeds: list[tuple[str, bytes]], count: int, rng: random.Random
) -> Iterator[tuple[str, bytes]]:
    for _ in range(count):
        origin, data = rng.choice(seeds)
        yield origin, mutate(rng, data)


def fuzz(
    mutants: int,
    seed: int,
    samples: Path,
    shipments: int = 8,
    batch: int = BATCH,
    max_seconds: float | None = None,
) -> dict[str, Any]:
    os.environ["GREENLANE_MAX_MESSAGE_BYTES"] = str(MAX_BYTES)
    from greenlane import app as core
    from greenlane.settings import get_settings

    get_settings.cache_clear()
    handler = Tracebacks()
    logging.getLogger().addHandler(handler)
    logging.getLogger("greenlane").setLevel(logging.WARNING)
    logging.getLogger("greenlane").propagate = True
    tally = Tally()
    # A memory file system where there is one: the store's commits need not reach a disk.
    memory = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="greenlane-fuzz-", dir=memory) as tmp:
        workdir = Path(tmp)
        seeds = sample_seeds(samples) + world_seeds(seed, shipments, workdir)
        seeds += [("epcis/xml", EPCIS_XML), ("native/csv", NATIVE_CSV)]
        template = workdir / "template.db"
        core.connect(f"sqlite:///{template}", migrate=True).close()
        rng = random.Random(seed)
        stream = mutant_stream(seeds, mutants, rng)
        started = time.perf_counter()
        while True:
            chunk = [next(stream, None) for _ in range(batch)]
            todo = [m for m in chunk if m is not None]
            if not todo:
                break
            seen = len(handler.records)
            run_batch(template, workdir, todo, tally)
            for record in handler.records[seen:]:
                tally.met("escaped", "log", f"traceback: {record.getMessage()[:60]}", b"")
            tally.mutants += len(todo)
            if max_seconds is not None and time.perf_counter() - started > max_seconds:
                break  # a time-boxed run: the counts cover the mutants made so far
        elapsed = time.perf_counter() - started
    logging.getLogger().removeHandler(handler)
    get_settings.cache_clear()
    return {
        "mutants": tally.mutants,
        "escaped": tally.counts["escaped"],
        "lost": tally.counts["lost"],
        "catch_all": tally.counts["catch_all"],
        "no_place": tally.counts["no_place"],
        "mutants_per_s": round(tally.mutants / elapsed, 1) if elapsed else 0.0,
        "seconds": round(elapsed, 1),
        "seed": seed,
        "seeds": len(seeds),
        "outcomes": dict(sorted(tally.outcomes.items())),
        "classes": [
            {
                "kind": k[0],
                "format": k[1],
                "detail": k[2],
                "count": n,
                "smallest": len(tally.examples[k]),
            }
            for k, n in tally.classes.most_common()
        ],
        "_examples": tally.examples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--samples", type=Path, default=default_samples())
    parser.add_argument(
        "--examples", type=Path, help="Folder for the smallest mutant of each class."
    )
    parser.add_argument("--json", action="store_true", help="End with one line of JSON.")
    parser.add_argument("--max-seconds", type=float, help="Stop after this long (whole batches).")
    args = parser.parse_args(argv)
    result = fuzz(args.mutants, args.seed, args.samples, max_seconds=args.max_seconds)
    examples = result.pop("_examples")
    if args.examples:
        args.examples.mkdir(parents=True, exist_ok=True)
        for n, (key, content) in enumerate(sorted(examples.items())):
            (args.examples / f"{n:03d}-{key[0]}-{key[1]}.bin").write_bytes(content)
    for c in result["classes"]:
        print(
            f"{c['count']:>7}  {c['kind']:<9} {c['format']:<10} {c['detail']}"
            f"  (smallest {c['smallest']} B)"
        )
    print(
        f"{result['mutants']:,} mutants in {result['seconds']} s ({result['mutants_per_s']}/s): "
        f"escaped {result['escaped']}, lost {result['lost']}, catch-all {result['catch_all']}, "
        f"no place {result['no_place']}; outcomes {result['outcomes']}"
    )
    if args.json:
        import json

        print(json.dumps(result | {"machine": machine()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
