"""Benchmark: ingest adapters against parse-only baselines.

    python bench/ingest.py --events 1000000 --json [--seed N]

Renders world events as DCSA 3.0 JSON, EPCIS JSON and EDIFACT COARRI (loaded and discharged
events only) in messages of about 5,000 events, then times each adapter's parse of every message
beside a parse-only baseline in the same run: ``json.loads`` for the JSON formats and pydifact's
``Interchange.from_str`` for EDIFACT. Both rates are the events the adapter read over the time
taken, so ratio is baseline time over adapter time. Best of two runs. Prints a table and, with
--json, a last line holding one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydifact.segmentcollection import Interchange

from greenlane.ingest import dcsa, edifact, epcis
from greenlane.ingest.edifact.writer import write_coarri
from greenlane.model.codes import EventType
from greenlane.world import WorldConfig, build_world

CHUNK = 5_000
MOVES = {EventType.LOADED, EventType.DISCHARGED}


def world_events(n: int, seed: int) -> list[Any]:
    events: list[Any] = []
    k = max(1, n // 16)
    while len(events) < n:  # top up with a fresh world until there are enough
        for ws in build_world(WorldConfig(seed=seed, shipments=k)).shipments():
            events.extend(ws.events)
            if len(events) >= n:
                break
        seed, k = seed + 1, max(1, (n - len(events)) // 8)
    return events[:n]


def chunks(items: list[Any]) -> list[list[Any]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def best(fn: Callable[[], int], runs: int = 2) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        count = fn()
        times.append(time.perf_counter() - t)
    return min(times), count


def machine() -> dict[str, Any]:
    cpu, ram = "unknown", 0.0
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            ram = round(int(line.split()[1]) / 2**20, 1)
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": ram, "python": platform.python_version()}


def measure(adapter: Any, msgs: list[bytes], baseline: Callable[[bytes], Any]) -> dict[str, Any]:
    def run_adapter() -> int:
        return sum(len(adapter.parse(m, source_message="bench").events) for m in msgs)

    def run_baseline() -> int:
        for m in msgs:
            baseline(m)
        return 0

    t_adapter, parsed = best(run_adapter)
    t_base, _ = best(run_baseline)
    return {
        "messages": len(msgs),
        "events_parsed": parsed,
        "bytes": sum(len(m) for m in msgs),
        "seconds": round(t_adapter, 3),
        "baseline_seconds": round(t_base, 3),
        "events_per_s": round(parsed / t_adapter),
        "baseline_events_per_s": round(parsed / t_base),
        "ratio": round(t_base / t_adapter, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2002)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    events = world_events(args.events, args.seed)
    moves = [e for e in events if e.container_number and e.event_type in MOVES]
    formats = {
        "dcsa": (
            dcsa.ADAPTER,
            [dcsa.write_events(c, version="3.0", unsupported="skip") for c in chunks(events)],
            json.loads,
        ),
        "epcis": (epcis.ADAPTER, [epcis.write_document(c) for c in chunks(events)], json.loads),
        "edifact_coarri": (
            edifact.ADAPTER,
            [write_coarri(c) for c in chunks(moves)],
            lambda m: Interchange.from_str(m.decode("utf-8")),
        ),
    }
    result: dict[str, Any] = {"events": len(events), "seed": args.seed, "machine": machine()}
    for name, (adapter, msgs, baseline) in formats.items():
        result[name] = measure(adapter, msgs, baseline)

    head = ("format", "msgs", "events", "adapter ev/s", "baseline ev/s", "ratio")
    print(f"{head[0]:<16}{head[1]:>6}{head[2]:>10}{head[3]:>14}{head[4]:>15}{head[5]:>8}")
    for name in formats:
        r = result[name]
        print(
            f"{name:<16}{r['messages']:>6}{r['events_parsed']:>10}"
            f"{r['events_per_s']:>14,}{r['baseline_events_per_s']:>15,}{r['ratio']:>8.3f}"
        )
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
