"""Requirements on the parties: who is in the chain, are they certified, is their record clean.

The chain of a shipment is its parties by chain role (``rules.CHAIN_ROLES``): the importer (of
record, else the consignee), the manufacturer, the stuffer (the stuffer, else the consolidator,
else the party the stuffing event says sealed the box), the consolidator, the carrier and the
declarant (the customs broker).
"""

from __future__ import annotations

import polars as pl

from greenlane.programs.box import items
from greenlane.programs.certify import certify
from greenlane.programs.frames import Programs
from greenlane.programs.rules import IMPORTER_ROLES, EligibilityRules
from greenlane.risk.casefile import CaseFiles

_DIRECT = ("manufacturer", "consolidator", "carrier", "declarant")


def _first_ranked(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    """The parties of the best-ranked role of each bill, under chain role ``name``."""
    return (
        frame.filter(pl.col("_rank") == pl.col("_rank").min().over("master_bill"))
        .with_columns(chain_role=pl.lit(name))
        .drop("_rank")
    )


def chain_parties(case: CaseFiles) -> pl.DataFrame:
    """(master_bill, chain_role, role, party, name, country) for every chain role found."""
    p = case.parties.select("master_bill", "role", "party", "name", "country")
    direct = p.filter(pl.col("role").is_in(_DIRECT)).with_columns(chain_role=pl.col("role"))
    ranks = {r: k for k, r in enumerate(IMPORTER_ROLES)}
    importer = p.filter(pl.col("role").is_in(IMPORTER_ROLES)).with_columns(
        _rank=pl.col("role").replace_strict(ranks, return_dtype=pl.Int32)
    )
    affixer = (
        case.containers.group_by("master_bill")
        .agg(role=pl.col("stuffing_affixed_by").drop_nulls().first())
        .drop_nulls("role")
    )
    named = p.filter(pl.col("role").is_in(["stuffer", "consolidator"])).with_columns(
        _rank=pl.when(pl.col("role") == "stuffer").then(0).otherwise(1).cast(pl.Int32)
    )
    # A forwarder is the shipper of its master bill but did not stuff the box: leave it out.
    forwarders = p.filter(pl.col("role").is_in(["nvocc", "carrier"])).select("master_bill", "party")
    sealer = (
        p.join(affixer, on=["master_bill", "role"])
        .join(forwarders, on=["master_bill", "party"], how="anti")
        .with_columns(_rank=pl.lit(2, pl.Int32))
    )
    stuffer = pl.concat([named, sealer.select(named.columns)])
    chain = pl.concat(
        [
            direct.select("master_bill", "chain_role", "role", "party", "name", "country"),
            _first_ranked(importer, "importer").select(direct.columns),
            _first_ranked(stuffer, "stuffer").select(direct.columns),
        ],
        how="diagonal",
    )
    return chain.unique(["master_bill", "chain_role", "party"], maintain_order=True)


def certified_chain(case: CaseFiles, programs: Programs) -> pl.DataFrame:
    """Each chain party's certification for its shipment (``certify.CERTIFIED`` with the chain
    role in ``role``)."""
    chain = chain_parties(case).join(
        case.shipments.select("master_bill", "port", "decided_at"), on="master_bill"
    )
    return certify(chain.drop("role").rename({"chain_role": "role"}), programs, case.parties)


def _who() -> pl.Expr:
    return pl.concat_str(pl.col("name"), pl.lit(" ("), pl.col("party"), pl.lit(")"))


def stuffer_items(case: CaseFiles, certified: pl.DataFrame) -> pl.DataFrame:
    """Requirement 1's party item: the stuffer holds a certification that counts."""
    s = certified.filter(pl.col("role") == "stuffer")
    found = s.select(
        "master_bill",
        requirement=pl.lit("stuffing"),
        subject=pl.lit("stuffer"),
        status="status",
        code=pl.when(pl.col("status") == "met")
        .then(pl.lit("stuffer_certified"))
        .when(pl.col("status") == "not_met")
        .then(pl.lit("stuffer_not_certified"))
        .otherwise(pl.col("code")),
        evidence=pl.concat_str(pl.lit("stuffer "), _who(), pl.lit(": "), pl.col("evidence")),
    )
    affixer = case.containers.group_by("master_bill").agg(
        role=pl.col("stuffing_affixed_by").drop_nulls().first()
    )
    missing = (
        case.shipments.join(s, on="master_bill", how="anti")
        .join(affixer, on="master_bill", how="left")
        .select(
            "master_bill",
            requirement=pl.lit("stuffing"),
            subject=pl.lit("stuffer"),
            status=pl.lit("unknown"),
            code=pl.lit("stuffer_unknown"),
            evidence=pl.when(pl.col("role").is_not_null())
            .then(
                pl.format(
                    "the stuffing event says the {} sealed the box, but no {} is named in the "
                    "filings",
                    pl.col("role"),
                    pl.col("role"),
                )
            )
            .otherwise(pl.lit("no stuffer, consolidator or sealing party is named")),
        )
    )
    return pl.concat([items(found), items(missing)])


def chain_items(case: CaseFiles, certified: pl.DataFrame, rules: EligibilityRules) -> pl.DataFrame:
    """Requirement 3: every chain party certified or recognised; a required role not named is
    unknown."""
    found = certified.filter(pl.col("role").is_in(list(rules.chain_roles))).select(
        "master_bill",
        requirement=pl.lit("chain"),
        subject="role",
        status="status",
        code="code",
        evidence=pl.concat_str(pl.col("role"), pl.lit(" "), _who(), pl.lit(": "), "evidence"),
    )
    needed = pl.DataFrame({"subject": list(rules.required_roles)}, schema={"subject": pl.String})
    missing = (
        case.shipments.select("master_bill")
        .join(needed, how="cross")
        .join(found.select("master_bill", "subject"), on=["master_bill", "subject"], how="anti")
        .select(
            "master_bill",
            requirement=pl.lit("chain"),
            subject="subject",
            status=pl.lit("unknown"),
            code=pl.lit("role_missing"),
            evidence=pl.concat_str(
                pl.lit("no "), pl.col("subject"), pl.lit(" named in the filings")
            ),
        )
    )
    return pl.concat([items(found), items(missing)])
