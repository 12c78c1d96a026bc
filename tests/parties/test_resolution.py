"""Batch resolution of trade parties: variants merge, sister companies and namesakes stay apart,
identifiers decide, ids are stable, and every link says why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import polars as pl
import pytest

import bench_modules  # noqa: F401  (bench/ on the path)
from er_bench import er_bench
from greenlane.parties.names import normalize_name
from greenlane.parties.resolution import PARTY_RECORDS, Resolution, entity_id, explain, resolve
from greenlane.parties.resolution.cluster import cluster, near
from greenlane.parties.resolution.normalise import (
    legal_form,
    locality,
    normalise_address,
    normalise_name,
    qualifier,
)

T0 = datetime(2025, 1, 1, tzinfo=UTC)
ADDRESS = "No. 18 Gaoxin Road, Shenzhen"
DONGGUAN = "No. 88 Baoan Road, Dongguan"
AGENT = "Room 1501, Grand Millennium Plaza, 181 Queen's Road Central, Hong Kong"
"""A formation agent's address, where the generated background registers dozens of companies."""


def records(rows: list[tuple[str, str | None, str | None, str | None, list[str]]]) -> pl.DataFrame:
    """Records r0, r1, ... a day apart: (name, address, country, identifiers)."""
    return pl.DataFrame(
        [
            (f"r{i}", name, address, country, ids, T0 + timedelta(days=i))
            for i, (name, address, country, ids, *_rest) in enumerate((*row, None) for row in rows)
        ],
        schema=PARTY_RECORDS,
        orient="row",
    )


def groups(res: Resolution) -> list[set[str]]:
    by = res.records.group_by("entity_id").agg(pl.col("record_key"))
    return sorted((set(keys) for keys in by["record_key"].to_list()), key=min)


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("Shenzhen Huali Electronics Co., Ltd.", "shenzhen huali elec"),
        ("SHENZHEN HUALI ELECTRONICS COMPANY LIMITED", "shenzhen huali elec"),
        ("Minh Phát Garments Joint Stock Company", "minh phat gmt"),
        ("Anadolu Tekstil San. ve Tic. A.Ş.", "anadolu tex"),
        ("Del Norte Auto Parts S A de C V", "del norte auto part"),
        ("Huali Trading Int'l Co. Ltd", "huali trdg intl"),
        ("深圳华丽电子有限公司", "shen zhen hua li dian zi"),
    ],
)
def test_names_in_one_spelling(written: str, normal: str) -> None:
    assert normalise_name(written) == normal


def test_names_are_read_by_screenings_normaliser() -> None:
    """One normaliser for screening and resolution: the comparison form is made of the tokens
    screening finds, with its legal forms set apart and group qualifiers kept."""
    assert normalize_name("Estrecho Trading S.L.").tokens == ("estrecho", "trading")
    assert (
        normalise_name("Estrecho Trading S.L.")
        == normalise_name("ESTRECHO TRADING")
        == ("estrecho trdg")
    )
    assert normalise_name("Huali Electronics International LLC") == "huali elec intl"
    assert legal_form("Huali Electronics International LLC") == "llc"
    assert legal_form("Barde Apparels S.L.U.") == legal_form("Barde Apparels S.L.") == "sl"
    assert legal_form("Duc Mai Knitwear Joint Stock Co.") == legal_form(
        "Duc Mai Knitwear Joint Stock Company"
    )


def test_legal_forms_addresses_identifiers_and_qualifiers() -> None:
    assert legal_form("Huali Co., Ltd.") == legal_form("HUALI COMPANY LIMITED") == "ltd"
    assert legal_form("Tanaka Seiki K.K.") == "ltd"
    assert legal_form("Pacific Apparel Inc.") != legal_form("Pacific Apparel LLC")
    assert legal_form("Minh Phat Garments") is None
    assert normalise_address("No. 18 Gaoxin Road, Shenzhen") == normalise_address(
        "NO 18 GAOXIN RD, SHENZHEN"
    )
    assert locality("4410 Commerce Blvd, Long Beach, CA") == "long beach ca"
    assert near("CN9020194784", "CN9020194785") and near("CN9020194784", "CN9020197484")
    assert not near("CN9020194784", "CN9020195885")
    assert qualifier("hldg") == qualifier("holdnig") == "hldg"
    assert qualifier("electronics") is None


HANDMADE = [
    ("Shenzhen Lumeng Electronics Co., Ltd.", ADDRESS, "CN", []),  # r0
    ("SHENZHEN LUMENG ELECTRONICS COMPANY LIMITED", ADDRESS.upper(), "CN", []),
    ("Shenzhen Lumnge Electronics Co Ltd", "No 18 Gaoxin Rd, Shenzhen", "CN", []),
    ("Lumeng Electronics Co., Ltd.", ADDRESS, "CN", ["tax_id:CN9020194784"]),
    ("Shenzhen Lumeng Elec. Co., Ltd.", None, "CN", ["tax_id:CN9020194784"]),
    ("Shenzhen Lumeng Technology Co., Ltd.", ADDRESS, "CN", []),  # r5: a sister
    ("Shenzhen Lumeng Electronics Holding Co., Ltd.", ADDRESS, "CN", []),  # r6: another
    # r7: a namesake with its own tax id, in another city
    ("Shenzhen Lumeng Electronics Co., Ltd.", DONGGUAN, "CN", ["tax_id:CN5554443332"]),
    ("Golden Starlit Trading Limited", AGENT, "HK", []),  # r8 and r9: one agent's address
    ("Ever Lotus Trading Limited", AGENT, "HK", []),
    ("Pacific Alder Apparel Inc.", "4410 Commerce Blvd, Long Beach, CA", "US", []),  # r10
    ("Pacific Alder Apparel LLC", "72 Market St, Newark, NJ", "US", []),  # r11: namesake
]
"""Written for these tests, resolved among a generated background so that the vocabulary
(which words are common) is a realistic one."""


@pytest.fixture(scope="module")
def background() -> pl.DataFrame:
    return er_bench(seed=12, records=2500)


@pytest.fixture(scope="module")
def mixed(background: pl.DataFrame) -> Resolution:
    return resolve(pl.concat([background.select(list(PARTY_RECORDS)), records(HANDMADE)]))


def handmade(res: Resolution) -> list[set[str]]:
    return [g for g in groups(res) if all(k.startswith("r") for k in g)]


def test_variants_merge_and_hard_negatives_stay_apart(mixed: Resolution) -> None:
    found = handmade(mixed)
    assert {"r0", "r1", "r2", "r3", "r4"} in found
    for alone in ("r5", "r6", "r7", "r8", "r9", "r10", "r11"):
        assert {alone} in found
    assert len(found) == 8


def test_entity_named_after_its_first_record(mixed: Resolution) -> None:
    main = mixed.records.filter(pl.col("record_key") == "r2")["entity_id"].item()
    assert main == entity_id("r0")
    row = mixed.entities.filter(pl.col("entity_id") == main).row(0, named=True)
    assert row["first_record"] == "r0"
    assert row["records"] == 5
    assert row["identifiers"] == ["tax_id:CN9020194784"]
    assert row["name"] == "Shenzhen Lumeng Electronics Co., Ltd."


def test_links_carry_their_evidence(mixed: Resolution) -> None:
    links = mixed.links
    assert {"name_level", "name_weight", "identifiers_level", "outcome"} <= set(links.columns)
    v = dict(zip(mixed.records["record_key"], mixed.records["unique_id"], strict=True))
    pair = links.filter(
        pl.col("unique_id_l").is_in([v["r3"], v["r4"]])
        & pl.col("unique_id_r").is_in([v["r3"], v["r4"]])
    ).row(0, named=True)
    assert pair["identifiers_level"] == "same identifier"
    assert pair["identifiers_weight"] > 10
    assert "identifiers: same identifier" in explain(pair)
    sister = links.filter(
        pl.col("unique_id_l").is_in([v["r0"], v["r5"]])
        & pl.col("unique_id_r").is_in([v["r0"], v["r5"]])
    )
    if sister.height:
        assert sister["name_level"].item() == "each has a common word the other lacks"


def test_identifier_conflicts_keep_groups_apart() -> None:
    schema = {
        "unique_id_l": pl.String,
        "unique_id_r": pl.String,
        "match_weight": pl.Float64,
        "match_probability": pl.Float64,
    }
    links = pl.DataFrame(
        [("a", "b", 20.0, 0.9999), ("b", "c", 19.0, 0.9998), ("c", "d", 18.0, 0.9997)],
        schema=schema,
        orient="row",
    )
    ids = {
        "a": ["eori:NL123456789"],
        "b": None,
        "c": ["eori:NL987654321"],
        "d": ["eori:NL987654312"],
    }
    group, out = cluster(["a", "b", "c", "d"], ids, links, 0.97)
    assert group["a"] == group["b"] != group["c"]
    # One EORI against another: refused. Two neighbouring digits swapped: a typing slip.
    assert out["outcome"].to_list() == ["merged", "refused_identifier_conflict", "merged"]
    assert group["c"] == group["d"]


def test_ids_stable_across_reruns_order_and_growth() -> None:
    recs = records(
        [
            ("Shenzhen Lumeng Electronics Co., Ltd.", ADDRESS, "CN", []),
            ("SHENZHEN HUALI ELECTRONICS COMPANY LIMITED", ADDRESS.upper(), "CN", []),
            ("Golden Star Trading Limited", "Room 1501, Grand Plaza, Hong Kong", "HK", []),
        ]
    )
    first = resolve(recs).records.sort("record_key")
    again = resolve(recs.reverse()).records.sort("record_key")
    assert first.equals(again)
    grown = recs.vstack(
        pl.DataFrame(
            [
                (
                    "r9",
                    "Shenzhen Huali Electronic Co Ltd",
                    ADDRESS,
                    "CN",
                    [],
                    T0 + timedelta(9),
                )
            ],
            schema=PARTY_RECORDS,
            orient="row",
        )
    )
    later = resolve(grown).records.sort("record_key")
    assert (
        later.filter(pl.col("record_key") != "r9")
        .select("record_key", "entity_id")
        .equals(first.select("record_key", "entity_id"))
    )
    assert later.filter(pl.col("record_key") == "r9")["entity_id"].item() == entity_id("r0")


def test_generated_set_resolves_well(background: pl.DataFrame, mixed: Resolution) -> None:
    bench, res = background, mixed
    got = res.records.join(bench.select("record_key", "entity"), on="record_key")

    def pairs(by: list[str]) -> int:
        n = got.group_by(by).len()["len"]
        return int((n * (n - 1) // 2).sum())

    tp = pairs(["entity", "entity_id"])
    assert tp / pairs(["entity_id"]) >= 0.97
    assert tp / pairs(["entity"]) >= 0.95


def test_generated_sisters_kept_apart(background: pl.DataFrame, mixed: Resolution) -> None:
    bench, res = background, mixed
    got = res.records.join(bench.select("record_key", "entity", "group"), on="record_key")
    of = got.group_by("entity").agg(pl.col("entity_id").mode().first(), pl.col("group").first())
    where = dict(zip(of["entity"], of["entity_id"], strict=True))
    sisters = of.filter(pl.col("group").str.starts_with("sister:"))
    assert sisters.height >= 20
    merged = [e for e, eid, g in sisters.iter_rows() if where.get(g.split(":")[1]) == eid]
    assert len(merged) <= sisters.height // 20


def test_one_record_and_none() -> None:
    one = resolve(records([("Shenzhen Huali Electronics Co., Ltd.", None, "CN", [])]))
    assert one.records["entity_id"].to_list() == [entity_id("r0")]
    assert one.links.height == 0
    empty = resolve(pl.DataFrame(schema=PARTY_RECORDS))
    assert empty.records.height == 0 and empty.entities.height == 0


def test_parties_of_world_filings_resolve() -> None:
    from greenlane.parties.roles import party_records, shipment_roles
    from greenlane.world import WorldConfig, build_world

    world = build_world(WorldConfig(shipments=40))
    recs = party_records(shipment_roles([f for s in world.shipments() for f in s.filings]))
    res = resolve(recs)
    got = recs.join(res.records, on="record_key")
    # One company, written the same on every filing of every shipment, is one entity.
    per_party = got.group_by("name", "address", "country").agg(pl.col("entity_id").n_unique())
    assert per_party["entity_id"].max() == 1
    assert res.entities.height <= per_party.height
    importer = got.filter(pl.col("role") == "buyer").row(0, named=True)
    roles = got.filter(pl.col("entity_id") == importer["entity_id"])["role"].unique().to_list()
    # The importer buys, is the consignee and the importer of record: one entity in all roles.
    assert {"importer_of_record", "consignee", "buyer", "ship_to"} <= set(roles)
