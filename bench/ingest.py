"""Benchmark: ingest adapters against parse-only baselines.

    python bench/ingest.py --events 1000000 --json [--seed N] [--formats dcsa,dcsa_2.2,...]

Renders world events as DCSA 3.0 JSON, DCSA 2.2 JSON, EPCIS JSON, EPCIS JSON with a document
extension key (``epcis_extended``: a head msgspec's schema does not hold, so the document is
read with ``json`` first) and EDIFACT COARRI (loaded and discharged events only) in messages of
about 5,000 events, then times each adapter's parse of every message
beside a parse-only baseline in the same run: ``json.loads`` for the JSON formats and pydifact's
``Interchange.from_str`` for EDIFACT. Both rates are the events the adapter read over the time
taken, so ratio is baseline time over adapter time. Prints a table and, with --json, a last line
holding one JSON object.

Fair on a shared, noisy machine:

* Each message is parsed by the adapter and by the baseline in turn, RUNS times, and the best
  time of each counts; the times are CPU time of this process (``time.process_time``), so work
  of other processes on the machine is not counted against either.
* The world is rendered in batches and dropped once its messages are written, and what the
  generator leaves behind is frozen out of the garbage collector's way (``gc.freeze``).
  Otherwise every collection during the baseline (which runs with the collector on, as
  ``json.loads`` is normally called) walks a million setup records, and the baseline looks
  several times slower than parsing is.
* The DCSA and EPCIS adapters pause the collector while they read a message;
  ``baseline_gc_paused_events_per_s`` and ``ratio_gc_paused`` compare them with the baseline run
  that way too, the stricter comparison.
* An adapter frees the parsed document before it returns, and that is timed; the baseline's
  parsed document is its result, freed after the timing (as an adapter's records are).
  ``baseline_with_free_events_per_s`` and ``ratio_with_free`` time the baseline freeing what it
  parsed too (collector on), for what that costs; ``ratio`` is the issue's figure.
* The JSON adapters decode with msgspec where they can, a faster parser than ``json``; so that
  the comparison does not flatter them, the JSON formats are also timed beside the two fastest
  general JSON parsers there are for Python, each making the whole document as Python objects
  (collector on, as ``json.loads``): ``orjson.loads`` and msgspec's untyped decoder
  (``ratio_vs_orjson``, ``ratio_vs_msgspec``).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import msgspec
import orjson
from pydifact.segmentcollection import Interchange

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.domain.codes import EventType
from greenlane.ingest import dcsa, edifact, epcis
from greenlane.ingest.edifact.writer import write_coarri
from greenlane.world import WorldConfig, build_world
from machine import machine

CHUNK = 5_000
RUNS = 2
"""Each message is parsed this many times by the adapter and by each baseline; the best counts."""
BATCH = 100_000
"""World events rendered at a time; a multiple of CHUNK, so messages are the same as in one go."""
MOVES = {EventType.LOADED, EventType.DISCHARGED}
FORMATS = ("dcsa", "dcsa_2.2", "epcis", "epcis_extended", "edifact_coarri")


def extended(document: bytes) -> bytes:
    """The EPCIS document with a document-level extension key, as senders add them."""
    return document.replace(b'{"@context"', b'{"greenlane:batch":"bench","@context"', 1)


def world_events(n: int, seed: int) -> Iterator[list[Any]]:
    """n world events in batches of BATCH (the last one shorter), the same events whatever
    BATCH is: shipments in order from worlds of seed, seed + 1, ... until there are enough."""
    batch: list[Any] = []
    made, k = 0, max(1, n // 16)
    while made < n:  # top up with a fresh world until there are enough
        for ws in build_world(WorldConfig(seed=seed, shipments=k)).shipments():
            take = ws.events[: n - made]
            batch.extend(take)
            made += len(take)
            if len(batch) >= BATCH:
                yield batch[:BATCH]
                batch = batch[BATCH:]
            if made >= n:
                break
        seed, k = seed + 1, max(1, (n - made) // 8)
    if batch:
        yield batch


def chunks(items: list[Any]) -> list[list[Any]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def best(fn: Callable[[], Any]) -> tuple[float, Any]:
    """The least CPU time of RUNS calls, and what the last one returned."""
    least, result = float("inf"), None
    for _ in range(RUNS):
        t = time.process_time()
        result = fn()
        least = min(least, time.process_time() - t)
    return least, result


def collector_paused(fn: Callable[[bytes], Any]) -> Callable[[bytes], Any]:
    def paused(message: bytes) -> Any:
        gc.disable()
        try:
            return fn(message)
        finally:
            gc.enable()

    return paused


def freed(fn: Callable[[bytes], Any]) -> Callable[[bytes], None]:
    def parse_and_free(message: bytes) -> None:
        fn(message)  # the result is dropped, so freed, before this returns

    return parse_and_free


def measure(
    adapter: Any,
    msgs: list[bytes],
    baseline: Callable[[bytes], Any],
    others: dict[str, Callable[[bytes], Any]],
) -> dict[str, Any]:
    paused = collector_paused(baseline)
    dropped = freed(baseline)
    t_adapter = t_base = t_paused = t_freed = 0.0
    t_others = dict.fromkeys(others, 0.0)
    parsed = 0
    for m in msgs:  # message by message, so that a busy spell weighs on both sides alike
        took, result = best(partial(adapter.parse, m, source_message="bench"))
        t_adapter += took
        parsed += len(result.events)
        del result  # the baselines run without the adapter's records in memory
        t_base += best(partial(baseline, m))[0]
        t_paused += best(partial(paused, m))[0]
        t_freed += best(partial(dropped, m))[0]
        for name, parse in others.items():
            t_others[name] += best(partial(parse, m))[0]
    by_other = {}
    for name, seconds in t_others.items():
        by_other[f"{name}_events_per_s"] = round(parsed / seconds)
        by_other[f"ratio_vs_{name}"] = round(seconds / t_adapter, 3)
    return {
        "messages": len(msgs),
        "events_parsed": parsed,
        "bytes": sum(len(m) for m in msgs),
        "seconds": round(t_adapter, 3),
        "baseline_seconds": round(t_base, 3),
        "events_per_s": round(parsed / t_adapter),
        "baseline_events_per_s": round(parsed / t_base),
        "ratio": round(t_base / t_adapter, 3),
        "baseline_gc_paused_events_per_s": round(parsed / t_paused),
        "ratio_gc_paused": round(t_paused / t_adapter, 3),
        "baseline_with_free_events_per_s": round(parsed / t_freed),
        "ratio_with_free": round(t_freed / t_adapter, 3),
        **by_other,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2002)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help=f"comma-separated, of {', '.join(FORMATS)}"
    )
    args = parser.parse_args(argv)
    wanted = args.formats.split(",")
    if not set(wanted) <= set(FORMATS):
        parser.error(f"--formats: each of {', '.join(FORMATS)}")

    messages: dict[str, list[bytes]] = {name: [] for name in FORMATS}
    total, events, moves = 0, [], []
    for events in world_events(args.events, args.seed):
        total += len(events)
        for chunk in chunks(events):
            if "dcsa" in wanted:
                messages["dcsa"].append(dcsa.write_events(chunk, "3.0", unsupported="skip"))
            if "dcsa_2.2" in wanted:
                messages["dcsa_2.2"].append(dcsa.write_events(chunk, "2.2", unsupported="skip"))
            if "epcis" in wanted or "epcis_extended" in wanted:
                document = epcis.write_document(chunk)
                for name, message in (("epcis", document), ("epcis_extended", extended(document))):
                    if name in wanted:
                        messages[name].append(message)
        moves += [e for e in events if e.container_number and e.event_type in MOVES]
        while "edifact_coarri" in wanted and len(moves) >= CHUNK:
            messages["edifact_coarri"].append(write_coarri(moves[:CHUNK]))
            moves = moves[CHUNK:]
    if moves and "edifact_coarri" in wanted:
        messages["edifact_coarri"].append(write_coarri(moves))
    del events, moves
    gc.collect()
    gc.freeze()  # what the world generator leaves behind is no part of what is measured
    json_parsers = {"orjson": orjson.loads, "msgspec": msgspec.json.Decoder().decode}
    formats = {
        "dcsa": (dcsa.ADAPTER, json.loads, json_parsers),
        "dcsa_2.2": (dcsa.ADAPTER, json.loads, json_parsers),
        "epcis": (epcis.ADAPTER, json.loads, json_parsers),
        "epcis_extended": (epcis.ADAPTER, json.loads, json_parsers),
        "edifact_coarri": (
            edifact.ADAPTER,
            lambda m: Interchange.from_str(m.decode("utf-8")),
            {},
        ),
    }
    result: dict[str, Any] = {"events": total, "seed": args.seed, "machine": machine()}
    formats = {name: formats[name] for name in wanted}
    for name, (adapter, baseline, others) in formats.items():
        result[name] = measure(adapter, messages[name], baseline, others)

    head = ("format", "msgs", "events", "adapter ev/s", "baseline ev/s", "ratio", "vs msgspec")
    print(
        f"{head[0]:<16}{head[1]:>6}{head[2]:>10}{head[3]:>14}{head[4]:>15}{head[5]:>8}{head[6]:>12}"
    )
    for name in formats:
        r = result[name]
        print(
            f"{name:<16}{r['messages']:>6}{r['events_parsed']:>10}"
            f"{r['events_per_s']:>14,}{r['baseline_events_per_s']:>15,}{r['ratio']:>8.3f}"
            f"{r.get('ratio_vs_msgspec', float('nan')):>12.3f}"
        )
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
