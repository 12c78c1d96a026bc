"""Benchmark: name matching quality, list screening recall and false positives, and speed.

    python bench/screening.py --samples ../shared/samples/sanctions --json [--runs N]

Five parts, all in this run:

* Name bench (eval/nomenklatura_name_bench_cases.csv, 826 labelled pairs): every pair scored by
  ``score_names``, the pair scorer screening uses, the first name as the query, the schema as
  the kind (Person; Company and Organization as organisations; LegalEntity unknown; Vessel).
  AUC by ranks (ties share their mean rank) and the best F1 over all thresholds. The committed
  logic-v2 run (eval/nomenklatura_name_bench_logicv2_frozen_run.csv) covers an older case set:
  both are measured on the pairs it covers (joined on schema, name1, name2; labels from the
  current cases), and ours on all cases as well.
* UN recall (eval/yente_positives_un_untreated.csv, the UN list's people as OpenSanctions names
  them, with birth date and nationality): each is screened as a person against the full UN
  consolidated list (un_consolidated/UN_consolidated.xml). The file does not say which entry
  each row is; the expected entry is the one having a name with the same tokens (transliterated,
  lower case, any order), and, where several do, the birth date too. Rows with no such entry
  (delisted since the file was made) are left out and counted. A row is found when the expected
  entry is ranked first and its score reaches the threshold. The same is measured with the name
  alone, and on noisy copies of the names made here (one seeded edit each: two letters swapped,
  a letter dropped or doubled, a vowel changed, doubled letters made single, or "Last, First"
  order) as a robustness check: that one is this benchmark's own construction.
* False positives (eval/yente_negatives_global_1k.csv, 1,000 invented people from many
  countries): each screened as a person, with birth date and nationality, against every list
  in the samples loaded together (OFAC SDN 2019, OFAC consolidated, US CSL 2019 and current
  subset, BIS DPL, UN, OpenSanctions FtM; the newer OFAC SDN subset is left out, being an
  edition of a list already loaded). A row with any hit at the threshold is a false positive.
* Cross-script (eval/watchman_cross_script_pairs.csv, 22 pairs): the Latin names as a list of
  people, each Arabic, Cyrillic, Han, Hangul, Japanese, Greek, Hebrew or Thai name screened
  against it; counted when its own Latin name is ranked first (and as a hit at the threshold).
* Speed: one party at a time, single process, against the full 2019 SDN list (names and
  aliases; the reader adds "First Last" orders of "LAST, First" names), the parties being the
  names of both yente files (1,683 people) as parties of unknown kind, and as people. The
  baseline is rapidfuzz's ``process.extract`` (its default WRatio scorer, ten best) over the same
  list names, pre-processed once with ``utils.default_process`` as the query is. Times are CPU
  time of this process (``time.process_time``), best of ``--runs``.

Prints a table; with --json the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.domain.watchlists import EntryKind, ListEntry
from greenlane.parties.lists.load import load_list
from greenlane.parties.names import name_tokens
from greenlane.parties.screening import Party, Screener, ScreeningIndex, score_names
from greenlane.settings import get_settings
from machine import machine

KINDS = {
    "Person": EntryKind.PERSON,
    "Company": EntryKind.ORGANIZATION,
    "Organization": EntryKind.ORGANIZATION,
    "LegalEntity": EntryKind.UNKNOWN,
    "Vessel": EntryKind.VESSEL,
}
ALL_LISTS = (
    "ofac_sdn_csv_2019_full",
    "ofac_consolidated_nonsdn_csv",
    "us_csl/csl_legacy_2019.csv",
    "us_csl/consolidated_subset.csv",
    "us_bis_dpl/dpl_2019.txt",
    "un_consolidated/UN_consolidated.xml",
    "opensanctions_formats/entities.ftm.jsonl",
)
BASELINE_QUERIES = 200


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Area under the ROC curve: the chance that a random match outscores a random non-match
    (Mann-Whitney U over ranks, ties sharing their mean rank)."""
    pairs = sorted(zip(scores, labels, strict=True))
    ranks = [0.0] * len(pairs)
    i = 0
    while i < len(pairs):
        j = i
        while j + 1 < len(pairs) and pairs[j + 1][0] == pairs[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    rank_sum = sum(rank for rank, (_, label) in zip(ranks, pairs, strict=True) if label)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def best_f1(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """The best F1 over all thresholds, and the threshold (score >= threshold is a match)."""
    pairs = sorted(zip(scores, labels, strict=True), reverse=True)
    total_pos = sum(labels)
    best, at, tp = 0.0, 1.0, 0
    for i, (score, label) in enumerate(pairs):
        tp += label
        if i + 1 < len(pairs) and pairs[i + 1][0] == score:
            continue
        f1 = 2 * tp / (i + 1 + total_pos)
        if f1 > best:
            best, at = f1, score
    return best, at


def name_bench(eval_dir: Path) -> dict[str, Any]:
    cases = read_csv(eval_dir / "nomenklatura_name_bench_cases.csv")
    frozen = read_csv(eval_dir / "nomenklatura_name_bench_logicv2_frozen_run.csv")
    logicv2 = {(r["schema"], r["name1"], r["name2"]): float(r["score"]) for r in frozen}
    scores = [score_names(r["name1"], r["name2"], KINDS[r["schema"]]) for r in cases]
    labels = [r["is_match"] == "true" for r in cases]
    common = [i for i, r in enumerate(cases) if (r["schema"], r["name1"], r["name2"]) in logicv2]
    ours = [scores[i] for i in common]
    theirs = [logicv2[(cases[i]["schema"], cases[i]["name1"], cases[i]["name2"])] for i in common]
    truth = [labels[i] for i in common]
    f1, threshold = best_f1(ours, truth)
    lv2_f1, lv2_threshold = best_f1(theirs, truth)
    wratio = [
        fuzz.WRatio(cases[i]["name1"], cases[i]["name2"], processor=utils.default_process) / 100
        for i in common
    ]
    return {
        "name_bench_pairs": len(common),
        "name_bench_auc": round(auc(ours, truth), 4),
        "name_bench_best_f1": round(f1, 4),
        "name_bench_best_f1_threshold": round(threshold, 4),
        "logicv2_auc": round(auc(theirs, truth), 4),
        "logicv2_best_f1": round(lv2_f1, 4),
        "logicv2_best_f1_threshold": round(lv2_threshold, 4),
        "rapidfuzz_wratio_auc": round(auc(wratio, truth), 4),
        "name_bench_all_cases": len(cases),
        "name_bench_auc_all_cases": round(auc(scores, labels), 4),
    }


def token_key(name: str) -> str:
    return " ".join(sorted(name_tokens(name)))


def expected_entries(
    rows: list[dict[str, str]], entries: Sequence[ListEntry]
) -> dict[int, set[int]]:
    """Row number -> positions of the entries it names (see the module docstring)."""
    by_key: defaultdict[str, set[int]] = defaultdict(set)
    for number, entry in enumerate(entries):
        for name in entry.names:
            by_key[token_key(name)].add(number)
    out: dict[int, set[int]] = {}
    for row_no, row in enumerate(rows):
        found = by_key.get(token_key(row["full_name"]), set())
        born = row["date_of_birth"]
        if len(found) > 1 and born:
            same_birth = {
                n
                for n in found
                if any(born.startswith(d) or d.startswith(born) for d in entries[n].birth_dates)
            }
            found = same_birth or found
        if found:
            out[row_no] = found
    return out


def noisy(name: str, seed: int) -> str:
    """The name with one seeded edit of the kinds yente's treated fixtures use."""
    rng = random.Random(seed)
    kind = rng.randrange(6)
    if kind == 0 and len(name) > 2:
        i = rng.randrange(1, len(name))
        return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]
    if kind == 1 and " " in name:
        first, rest = name.split(" ", 1)
        return f"{rest}, {first}"
    if kind == 2:
        return "".join(c for i, c in enumerate(name) if i == 0 or name[i - 1] != c)
    if kind == 3:
        i = rng.randrange(len(name))
        return name[:i] + name[i] + name[i:]
    vowels = [i for i, c in enumerate(name) if c.lower() in "aeiou"]
    if kind == 4 and vowels:
        i = rng.choice(vowels)
        return name[:i] + rng.choice("AEIOU" if name[i].isupper() else "aeiou") + name[i + 1 :]
    i = rng.randrange(len(name))
    return name[:i] + name[i + 1 :]


def person(row: dict[str, str], name: str | None = None, *, details: bool = True) -> Party:
    return Party(
        name if name is not None else row["full_name"],
        EntryKind.PERSON,
        countries=(row["nationality"],) if details and row["nationality"] else (),
        birth_date=(row["date_of_birth"] or None) if details else None,
    )


def un_recall(samples: Path, threshold: float) -> dict[str, Any]:
    rows = read_csv(samples / "eval/yente_positives_un_untreated.csv")
    entries = load_list(samples / "un_consolidated/UN_consolidated.xml").entries
    expected = expected_entries(rows, entries)
    screener = Screener(ScreeningIndex(entries), threshold=threshold)
    keys = [entry.key for entry in entries]

    def recall(make: Callable[[int, dict[str, str]], Party]) -> tuple[float, list[str]]:
        found, missed = 0, []
        for row_no, numbers in expected.items():
            party = make(row_no, rows[row_no])
            hits = screener.ranked(party)
            good = bool(hits) and hits[0].entry_key in {keys[n] for n in numbers}
            if good and hits[0].score >= threshold:
                found += 1
            else:
                missed.append(party.name)
        return found / len(expected), missed

    full, missed = recall(lambda _, row: person(row))
    name_only, _ = recall(lambda _, row: person(row, details=False))
    noisy_full, _ = recall(lambda n, row: person(row, noisy(row["full_name"], n)))
    noisy_name, _ = recall(lambda n, row: person(row, noisy(row["full_name"], n), details=False))
    return {
        "un_positives": len(rows),
        "un_identified": len(expected),
        "un_entries": len(entries),
        "un_recall_at_1": round(full, 4),
        "un_recall_at_1_name_only": round(name_only, 4),
        "un_recall_at_1_noisy": round(noisy_full, 4),
        "un_recall_at_1_noisy_name_only": round(noisy_name, 4),
        "un_missed": missed[:20],
    }


def false_positives(samples: Path, threshold: float) -> dict[str, Any]:
    rows = read_csv(samples / "eval/yente_negatives_global_1k.csv")
    entries: list[ListEntry] = []
    for path in ALL_LISTS:
        entries.extend(load_list(samples / path).entries)
    screener = Screener(ScreeningIndex(entries), threshold=threshold)
    flagged = []
    for row in rows:
        hits = screener.screen(person(row))
        if hits:
            flagged.append(f"{row['full_name']} ~ {hits[0].matched_name} ({hits[0].score:.2f})")
    return {
        "negatives": len(rows),
        "all_lists_entries": len(entries),
        "false_positives": len(flagged),
        "false_positives_per_1000": round(len(flagged) * 1000 / len(rows), 2),
        "false_positive_examples": flagged[:10],
    }


def cross_script(eval_dir: Path, threshold: float) -> dict[str, Any]:
    """watchman's cross-script pairs: the Latin names as a list of people, each other-script
    name screened against it; found when its own Latin name is ranked first."""
    text = (eval_dir / "watchman_cross_script_pairs.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    pairs = [(row[0], row[1]) for row in csv.reader(lines) if len(row) >= 2]
    entries = [
        ListEntry("pairs", str(n), EntryKind.PERSON, (latin,)) for n, (_, latin) in enumerate(pairs)
    ]
    screener = Screener(ScreeningIndex(entries), threshold=threshold)
    first = hits = 0
    missed = []
    for n, (other, latin) in enumerate(pairs):
        ranked = screener.ranked(Party(other, EntryKind.PERSON))
        if ranked and ranked[0].entry_key == f"pairs:{n}":
            first += 1
            hits += ranked[0].score >= threshold
        else:
            missed.append(f"{other} / {latin}")
    return {
        "cross_script_pairs": len(pairs),
        "cross_script_ranked_first": first,
        "cross_script_hits": hits,
        "cross_script_missed": missed,
    }


def cpu_best(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def speed(samples: Path, runs: int) -> dict[str, Any]:
    entries = load_list(samples / "ofac_sdn_csv_2019_full").entries
    start = time.process_time()
    index = ScreeningIndex(entries)
    build = time.process_time() - start
    screener = Screener(index)
    rows = read_csv(samples / "eval/yente_negatives_global_1k.csv")
    rows += read_csv(samples / "eval/yente_positives_un_untreated.csv")
    unknown = [Party(row["full_name"]) for row in rows]
    people = [Party(row["full_name"], EntryKind.PERSON) for row in rows]
    for party in unknown[:100]:
        screener.screen(party)
    gc.collect()
    gc.freeze()
    ours = cpu_best(lambda: [screener.screen(p) for p in unknown], runs)
    ours_people = cpu_best(lambda: [screener.screen(p) for p in people], runs)
    choices = [utils.default_process(name.written) for name in index.names]
    sample = unknown[:: max(1, len(unknown) // BASELINE_QUERIES)]

    def baseline() -> None:
        for party in sample:
            query = utils.default_process(party.name)
            process.extract(query, choices, scorer=fuzz.WRatio, processor=None, limit=10)

    theirs = cpu_best(baseline, max(1, runs - 1))
    return {
        "sdn_entries": len(entries),
        "sdn_names": len(index.names),
        "sdn_names_written": sum(len(e.names) for e in entries),
        "index_build_s": round(build, 2),
        "speed_parties": len(unknown),
        "screenings_per_s": round(len(unknown) / ours),
        "screenings_per_s_as_people": round(len(people) / ours_people),
        "baseline_queries": len(sample),
        "baseline_screenings_per_s": round(len(sample) / theirs, 1),
    }


def entity_resolution(records: int, seed: int) -> dict[str, Any]:
    """Trade-party resolution on the world's labelled benchmark, as bench/resolution.py runs it
    (exact normalised-name grouping as the baseline)."""
    from resolution import run as resolution_run

    found = resolution_run(records, seed, share=0.01)
    return {
        "er_precision": found["er_precision"],
        "er_recall": found["er_recall"],
        "er_baseline_precision": found["baseline_precision"],
        "er_baseline_recall": found["baseline_recall"],
        "er_records": found["data"]["records"],
        "er_seconds": found["seconds"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument(
        "--er-records", type=int, default=100_000, help="Records of the resolution benchmark."
    )
    parser.add_argument("--er-seed", type=int, default=2)
    args = parser.parse_args()
    samples: Path = args.samples
    threshold = args.threshold if args.threshold is not None else get_settings().screening_threshold
    result: dict[str, Any] = {"threshold": threshold, "machine": machine()}
    result |= name_bench(samples / "eval")
    result |= un_recall(samples, threshold)
    result |= false_positives(samples, threshold)
    result |= cross_script(samples / "eval", threshold)
    result |= speed(samples, args.runs)
    result |= entity_resolution(args.er_records, args.er_seed)
    rows = [
        ("name bench AUC (logic-v2 pairs)", result["name_bench_auc"], result["logicv2_auc"]),
        ("name bench best F1", result["name_bench_best_f1"], result["logicv2_best_f1"]),
        ("name bench AUC, all cases", result["name_bench_auc_all_cases"], "-"),
        ("UN recall@1", result["un_recall_at_1"], "-"),
        ("UN recall@1, name only", result["un_recall_at_1_name_only"], "-"),
        ("UN recall@1, noisy names", result["un_recall_at_1_noisy"], "-"),
        ("false positives per 1000", result["false_positives_per_1000"], "-"),
        ("cross-script pairs ranked first", result["cross_script_ranked_first"], "-"),
        (
            "screenings/s (SDN 2019)",
            result["screenings_per_s"],
            result["baseline_screenings_per_s"],
        ),
        ("entity resolution precision", result["er_precision"], result["er_baseline_precision"]),
        ("entity resolution recall", result["er_recall"], result["er_baseline_recall"]),
    ]
    print(f"{'measure':<34}{'greenlane':>12}{'baseline':>12}")
    for label, ours, theirs in rows:
        print(f"{label:<34}{ours!s:>12}{theirs!s:>12}")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
