"""Benchmark: the Green Lane on a generated world with threats hidden inside certified chains.

    python bench/greenlane.py --shipments 100000 --json

Writes a world with labelled threats (``--threat-rate``, default 1%; one scenario in eleven is
``certified_chain_threat``: contraband stuffed into a box of a certified importer, seals and
papers consistent, 40% of them with a swapped seal as well) to Parquet in a child process, and
assembles the case files (visibility, goods, screening; timed apart, not part of the rates).

The world's catalog enrols importers, some suppliers and the carriers, and for half of the
certified importers their whole chain (``greenlane.world.catalog.CHAIN_SHARE``): their regular
suppliers, their broker and the freight stations of their suppliers' countries, in the program of
their country where it has one (C-TPAT for the US and Mexico, AEO for the EU and the world's AEO
countries; elsewhere nobody can be). ``--enrol-share`` (default 0) enrols the chains of a further
share of the certified importers the same way. Every roster is then written in the CSV layouts of
``greenlane programs load`` and read back through the same readers, with the default mutual
recognition list and the world's CSI ports.

Then, timed: eligibility of every shipment with its evidence; the Green Lane decision (the
national profile, penalty mitigation, lanes within capacity with the benefits of eligible
shipments only), through the one decision pipeline ``greenlane.app.pipeline``; the release model.
Beside it, for comparison, the same pipeline with tier-only benefits: an eligibility that gives
every certified importer its tier's benefits, eligible or not.

Selection is run with ``--policy-seeds`` seeds (default 10): the random compliance sample draws
0.2% of shipments, a handful among the eligible ones, so one draw says little; the rates are the
mean over the draws. Counted are shipments decided after the first ``--warmup-days`` (history
needs a past). The last line, with --json, is one JSON object: ``inspection_rate_green`` and
``inspection_rate_other`` (share sent red among eligible shipments and among the others),
``release_hours_green`` and ``release_hours_other`` (medians of the release model) and
``hidden_threats_caught`` (the share of certified_chain_threat shipments sent red, broken down by
how they were caught and by eligibility), with the same figures for the tier-only comparison.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import polars as pl

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.app.pipeline import decide
from greenlane.domain.codes import TrustedTraderProgram
from greenlane.domain.records import Party, TrustedTraderMembership
from greenlane.programs import (
    DEFAULT_RECOGNITIONS,
    Eligibility,
    assess_eligibility,
    programs_from_records,
    release_times,
    write_eligibility,
)
from greenlane.programs.recognitions import EU_MEMBERS
from greenlane.programs.rosters import read_aeo, read_csi, read_ctpat, read_mra
from greenlane.programs.writers import write_aeo, write_csi, write_ctpat, write_mra
from greenlane.risk.casefile import read_case_files, write_case_files
from greenlane.risk.profiles import default_profile
from greenlane.selection import Capacity, Limit, SelectionPolicy
from greenlane.world import WorldConfig, build_world
from greenlane.world.catalog import AEO_COUNTRIES
from greenlane.world.world import World
from machine import machine
from world_cases import world_case_files
from worlds import write_world

SCENARIO = "certified_chain_threat"


def tier_only_eligibility(eligibility: Eligibility) -> Eligibility:
    """The comparison: every certified importer's shipment earns its tier, eligible or not."""
    return Eligibility(
        eligibility.shipments.with_columns(
            benefit_tier=pl.col("importer_tier").fill_null(0).cast(pl.Int8)
        ),
        eligibility.evidence,
    )


def enrol_chains(world: World, share: float, seed: int) -> list[TrustedTraderMembership]:
    """Memberships for the chains of a share of the certified importers (see the docstring)."""
    rng = random.Random(seed)
    cat = world.catalog
    held = {id(m.party) for m in world.memberships}
    since = world.config.start - timedelta(days=400)
    out: list[TrustedTraderMembership] = []

    def enrol(party: Party) -> None:
        country = party.country or ""
        if id(party) in held:
            return
        held.add(id(party))
        serial = f"GL{len(out) + 1:06d}"
        if country in ("US", "MX"):
            program, aeo_type = TrustedTraderProgram.CTPAT, None
            home = "US"
        elif country in EU_MEMBERS or country in AEO_COUNTRIES:
            program, home = TrustedTraderProgram.AEO, country
            aeo_type = "security" if country in EU_MEMBERS else None
        else:
            return  # no security program to join
        out.append(
            TrustedTraderMembership(
                f"{home}{serial}", program, party, home, None, aeo_type, since, None, None, False
            )
        )

    countries: set[str] = set()
    for region in sorted(cat.certified_importers):
        for importer in cat.certified_importers[region]:
            if rng.random() >= share:
                continue
            enrol(cat.broker_for(importer)[1])
            for key in importer.suppliers:
                supplier = cat.companies.by_key[key]
                enrol(supplier.party)
                countries.add(supplier.party.country or "")
    for country in sorted(countries):
        for cfs in cat.companies.consolidators.get(country, ()):
            enrol(cfs.party)
    return out


def rosters(world: World, extra: list[TrustedTraderMembership], folder: Path) -> dict[str, int]:
    """The world's and the enrolled memberships, the MRAs and the CSI ports written as CSV."""
    members = [*world.memberships, *extra]
    return {
        "ctpat": write_ctpat(members, folder / "ctpat.csv"),
        "aeo": write_aeo(members, folder / "aeo.csv"),
        "mra": write_mra(DEFAULT_RECOGNITIONS, folder / "mra.csv"),
        "csi": write_csi(world.ports, folder / "csi.csv"),
    }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def group_rates(decided: pl.DataFrame, eligible: pl.Series) -> dict[str, Any]:
    d = decided.with_columns(eligible=eligible)
    out: dict[str, Any] = {}
    for name, group in (("green", d.filter("eligible")), ("other", d.filter(~pl.col("eligible")))):
        lanes = dict(group.group_by("lane").len().iter_rows())
        out[name] = {
            "shipments": group.height,
            "lanes": dict(sorted(lanes.items())),
            "red_rate": _share(lanes.get("red", 0), group.height),
            "red_by": dict(
                sorted(group.filter(pl.col("lane") == "red").group_by("selected_by").len().rows())
            ),
        }
    return out


def caught(decided: pl.DataFrame, threats: pl.DataFrame) -> dict[str, Any]:
    """certified_chain_threat shipments sent red, by how, overall and split by eligibility."""
    t = decided.join(threats, on="master_bill", how="semi")

    def part(group: pl.DataFrame) -> dict[str, Any]:
        red = group.filter(pl.col("lane") == "red")
        by = dict(red.group_by("selected_by").len().rows())
        return {
            "labelled": group.height,
            "caught": _share(red.height, group.height),
            "by_hard_stop": _share(by.get("hard_stop", 0), group.height),
            "by_random": _share(by.get("random", 0), group.height),
            "by_risk": _share(by.get("risk", 0), group.height),
            "documents_check": _share(
                group.filter(pl.col("lane") == "yellow").height, group.height
            ),
        }

    return {
        **part(t),
        "eligible": part(t.filter("eligible")),
        "not_eligible": part(t.filter(~pl.col("eligible"))),
    }


def mean_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The mean of each number over runs of the same shape (a missing key counts as 0)."""
    keys = sorted({k for r in runs for k in r})
    out: dict[str, Any] = {}
    for k in keys:
        values = [r.get(k, 0) for r in runs]
        if all(v == values[0] for v in values):
            out[k] = values[0]
        elif any(isinstance(v, dict) for v in values):
            out[k] = mean_of([v if isinstance(v, dict) else {} for v in values])
        else:
            out[k] = round(sum(values) / len(values), 5)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shipments", type=int, default=100_000)
    parser.add_argument("--threat-rate", type=float, default=0.01)
    parser.add_argument("--capacity", type=float, default=0.02)
    parser.add_argument("--random-share", type=float, default=0.1)
    parser.add_argument("--enrol-share", type=float, default=0.0)
    parser.add_argument("--warmup-days", type=int, default=30)
    parser.add_argument(
        "--policy-seeds",
        type=int,
        default=10,
        help="Selections with seeds 0..N-1 (random draws differ); rates are their mean.",
    )
    parser.add_argument("--seed", type=int, default=2002)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--world", type=Path, help="Use the world already written here.")
    parser.add_argument("--keep", type=Path, help="Write the world here and keep it.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    config = WorldConfig(seed=args.seed, shipments=args.shipments, threat_rate=args.threat_rate)
    base_policy = SelectionPolicy(
        examination=Capacity(Limit(share=args.capacity)), random_share=args.random_share
    )
    world = build_world(config)
    with tempfile.TemporaryDirectory(prefix="greenlane-bench-") as tmp:
        folder = args.world or args.keep or Path(tmp)
        made = (
            {"reused": str(folder)}
            if args.world
            else write_world(
                folder,
                args.workers,
                seed=config.seed,
                shipments=config.shipments,
                threat_rate=config.threat_rate,
                include_seed_case=False,
            )
        )
        cases = folder / "case"
        if not (cases / "shipments.parquet").exists() or not args.world:
            case, assembly = world_case_files(folder, world)
            write_case_files(case, cases)
        else:
            assembly = {"reused": 0.0}
        extra = enrol_chains(world, args.enrol_share, args.seed)
        written = rosters(world, extra, folder / "programs")
        programs = programs_from_records(
            [*read_ctpat(folder / "programs/ctpat.csv"), *read_aeo(folder / "programs/aeo.csv")],
            read_csi(folder / "programs/csi.csv"),
            read_mra(folder / "programs/mra.csv"),
        )
        floor = []  # the floor: reading the same case files, nothing else
        for _ in range(3):
            t = time.perf_counter()
            case = read_case_files(cases)
            floor.append(time.perf_counter() - t)
        labels = pl.read_parquet(folder / "labels*.parquet", columns=["master_bill", "scenario"])
    n = case.shipments.height
    t = time.perf_counter()
    eligibility = assess_eligibility(case, programs)
    eligibility_seconds = time.perf_counter() - t
    if args.keep or args.world:  # beside the case files, as the CLI and the service read them
        write_eligibility(eligibility, cases)
    start = case.shipments["decided_at"].min()
    assert start is not None
    counted = case.shipments.filter(
        pl.col("decided_at") >= start + timedelta(days=args.warmup_days)
    ).select("master_bill")
    eligible = eligibility.shipments.join(counted, on="master_bill", how="semi").sort(
        "master_bill"
    )["eligible"]
    threats = labels.filter(pl.col("scenario") == SCENARIO).select("master_bill").unique()
    runs, baselines, hours, seconds = [], [], [], []
    profile = default_profile()
    any_certified = tier_only_eligibility(eligibility)
    for seed in range(args.policy_seeds):
        policy = replace(base_policy, seed=seed)
        t = time.perf_counter()
        green = decide(case, profile, policy, eligibility=eligibility)
        seconds.append(time.perf_counter() - t)
        joined = green.joined().join(counted, on="master_bill", how="semi").sort("master_bill")
        hours.append(release_times(joined).select("green_lane", "release_hours"))
        runs.append({**group_rates(joined, eligible), "caught": caught(joined, threats)})
        if seed == 0:
            mitigated = int((green.scored["mitigated_points"] > 0).sum())
        tier_only = (
            decide(case, profile, policy, eligibility=any_certified)
            .joined()
            .join(counted, on="master_bill", how="semi")
            .sort("master_bill")
            .with_columns(eligible=eligible)
        )
        baselines.append({**group_rates(tier_only, eligible), "caught": caught(tier_only, threats)})
    rates, baseline = mean_of(runs), mean_of(baselines)
    pooled = pl.concat(hours)
    hours_of = {
        "green": pooled.filter("green_lane")["release_hours"],
        "other": pooled.filter(~pl.col("green_lane"))["release_hours"],
    }
    e = eligibility.shipments.join(counted, on="master_bill", how="semi")
    result: dict[str, Any] = {
        "inspection_rate_green": rates["green"]["red_rate"],
        "inspection_rate_other": rates["other"]["red_rate"],
        "release_hours_green": round(float(hours_of["green"].median() or 0.0), 2),
        "release_hours_other": round(float(hours_of["other"].median() or 0.0), 2),
        "release_hours_p90_green": round(float(hours_of["green"].quantile(0.9) or 0.0), 2),
        "release_hours_p90_other": round(float(hours_of["other"].quantile(0.9) or 0.0), 2),
        "hidden_threats_caught": rates["caught"],
        "inspection_rate_green_by_seed": [r["green"]["red_rate"] for r in runs],
        "policy_seeds": args.policy_seeds,
        "eligible": int(e["eligible"].sum()),
        "counted_shipments": e.height,
        "eligible_share": _share(int(e["eligible"].sum()), e.height),
        "requirements_met": {
            name: _share(e.filter(pl.col(name) == "met").height, e.height)
            for name in ("stuffing", "seal", "chain", "csi", "compliance")
        },
        "lanes": {"green": rates["green"], "other": rates["other"]},
        "mitigated_shipments": mitigated,
        "tier_only": {
            "inspection_rate_green": baseline["green"]["red_rate"],
            "inspection_rate_other": baseline["other"]["red_rate"],
            "hidden_threats_caught": baseline["caught"],
            "lanes": {"green": baseline["green"], "other": baseline["other"]},
        },
        "seconds": {
            "eligibility": round(eligibility_seconds, 3),
            "decide": round(min(seconds), 3),
            "assembly": assembly,
        },
        "eligibility_shipments_per_s": round(n / eligibility_seconds),
        "floor_seconds": round(min(floor), 3),
        "floor_shipments_per_s": round(n / min(floor)),
        "world": {
            "shipments": n,
            "seed": args.seed,
            "threat_rate": args.threat_rate,
            "enrol_share": args.enrol_share,
            "enrolled": len(extra),
            "rosters": written,
            **made,
        },
        "capacity": args.capacity,
        "random_share": args.random_share,
        "machine": machine(),
    }
    print_summary(result)
    if args.json:
        print(json.dumps(result, default=str))


def print_summary(r: dict[str, Any]) -> None:
    print(
        f"{r['world']['shipments']:,} shipments; counted {r['counted_shipments']:,}, eligible "
        f"{r['eligible']:,} ({r['eligible_share']:.2%}); eligibility in "
        f"{r['seconds']['eligibility']} s ({r['eligibility_shipments_per_s']:,}/s; reading the "
        f"case files alone {r['floor_shipments_per_s']:,}/s)"
    )
    met = ", ".join(f"{name} {share}" for name, share in r["requirements_met"].items())
    print(f"requirements met (share of shipments): {met}")
    tier = r["tier_only"]
    print(
        f"red: Green Lane {r['inspection_rate_green']:.4f}, others {r['inspection_rate_other']:.4f}"
        f" (tier benefits for any certified importer: {tier['inspection_rate_green']:.4f},"
        f" {tier['inspection_rate_other']:.4f})"
    )
    print(
        f"release (median h): Green Lane {r['release_hours_green']}, others "
        f"{r['release_hours_other']}"
    )
    h = r["hidden_threats_caught"]
    print(
        f"certified-chain threats: {h['labelled']} labelled, caught {h['caught']} (hard stop "
        f"{h['by_hard_stop']}, random {h['by_random']}, risk {h['by_risk']}); eligible "
        f"{h['eligible']['labelled']}: caught {h['eligible']['caught']}"
    )


if __name__ == "__main__":
    main()
