"""Benchmark: the same entity resolution on Splink's Spark backend and on DuckDB.

    pip install -e '.[spark]'
    python bench/resolution_spark.py --records 20000 --json

Resolves the labelled trade-party benchmark of ``bench/er_bench.py`` twice, scoring on an
in-memory DuckDB and on a local Spark session (``local[2]``, Splink's similarity functions on
its class path), and reports for each the pairwise precision and recall, the time, and how many
records get the same entity id on both. Needs Java 11 or later. Last line with --json: one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from typing import Any

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from er_bench import er_bench
from greenlane.parties.resolution import resolve
from greenlane.parties.resolution.splink_run import spark_api
from machine import machine
from resolution import pairwise


def spark_session(checkpoints: str) -> Any:
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.driver.memory", "4g")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.jars", similarity_jar_location())
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(checkpoints)
    return session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    bench = er_bench(args.seed, args.records)
    truth = bench.select("record_key", "entity")
    out: dict[str, Any] = {"records": bench.height, "seed": args.seed, "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="greenlane-spark-") as checkpoints:
        backends = {"duckdb": None, "spark": spark_api(spark_session(checkpoints))}
        ids = {}
        for name, database in backends.items():
            started = time.perf_counter()
            found = resolve(bench, database=database)
            seconds = time.perf_counter() - started
            assigned = truth.join(
                found.records.select("record_key", cluster="entity_id"), on="record_key"
            )
            scores = pairwise(assigned)
            out[name] = {
                "precision": round(scores["precision"], 4),
                "recall": round(scores["recall"], 4),
                "seconds": round(seconds, 2),
                "entities": found.entities.height,
            }
            ids[name] = found.records.select("record_key", "entity_id")
    both = ids["duckdb"].join(ids["spark"], on="record_key", suffix="_spark")
    out["same_entity_share"] = round(
        float((both["entity_id"] == both["entity_id_spark"]).mean() or 0.0), 4
    )
    for name in backends:
        r = out[name]
        print(f"{name:7} precision {r['precision']} recall {r['recall']} in {r['seconds']} s")
    print(f"same entity id on both backends: {out['same_entity_share']:.2%} of records")
    if args.json:
        print(json.dumps(out))


if __name__ == "__main__":
    main()
