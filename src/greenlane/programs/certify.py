"""Is this party certified for this shipment? Memberships linked to parties, checked on the day.

A membership is linked to the parties of the case files by identifier (the party key is the
first identifier), by name (capitals, letters and digits, the same country) where one side has
no identifier, and through resolved entities: once one record of an entity is linked, every
record of that entity is. It counts for a shipment when it is valid on the decision day, not
suspended, a security program (AEO customs simplifications alone is not), and run by the
administration of the port of discharge or recognised by it under a mutual recognition
arrangement in force on that day.
"""

from __future__ import annotations

import polars as pl

from greenlane.programs.frames import Programs, name_key
from greenlane.programs.recognitions import EU_MEMBERS, HOME_PROGRAMS

STATUS_RANK = {"met": 0, "unknown": 1, "not_met": 2}
"""Worst wins when items are combined."""

CERTIFIED: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "role": pl.String(),
    "party": pl.String(),
    "name": pl.String(),
    "status": pl.String(),
    "code": pl.String(),
    "tier": pl.Int32(),
    "evidence": pl.String(),
}


def home_columns(port: str = "port") -> list[pl.Expr]:
    """The jurisdiction of the port of discharge and the program it runs."""
    country = pl.col(port).str.slice(0, 2).str.to_uppercase()
    home = pl.when(country.is_in(sorted(EU_MEMBERS))).then(pl.lit("EU")).otherwise(country)
    program = home.replace_strict(HOME_PROGRAMS, default="aeo", return_dtype=pl.String)
    return [home.alias("home_jurisdiction"), program.alias("home_program")]


def links(parties: pl.DataFrame, programs: Programs) -> pl.DataFrame:
    """(party, membership_id, linked_by) for every party key of the case files with a
    membership, by identifier, by name in the same country, or through its entity."""
    members = programs.members.with_columns(
        _member_has_id=pl.col("party") != pl.col("name").str.to_uppercase().str.strip_chars()
    )
    distinct = (
        parties.select("party", "name", "country")
        .unique()
        .with_columns(
            name_key=name_key("name"),
            _has_id=pl.col("party") != pl.col("name").str.to_uppercase().str.strip_chars(),
        )
    )
    # Equal keys are equal identifiers, or equal names in capitals where neither has one.
    by_id = distinct.join(members.select("party", "membership_id"), on="party").select(
        "party",
        "membership_id",
        linked_by=pl.when("_has_id").then(pl.lit("identifier")).otherwise(pl.lit("name")),
    )
    by_name = (
        distinct.drop_nulls("name_key")
        .join(
            members.select("name_key", "membership_id", "_member_has_id", m_country="country"),
            on="name_key",
        )
        .filter(
            (pl.col("country").is_null() | pl.col("m_country").is_null())
            | (pl.col("country") == pl.col("m_country"))
        )
        .filter(~pl.col("_has_id") | ~pl.col("_member_has_id"))
        .select("party", "membership_id", linked_by=pl.lit("name"))
    )
    direct = pl.concat([by_id, by_name]).unique(["party", "membership_id"], keep="first")
    if programs.entities.height == 0:
        return direct
    entity_of = (
        parties.select("master_bill", "role", "name", "party")
        .join(programs.entities, on=["master_bill", "role", "name"])
        .select("party", "entity_id")
        .unique()
    )
    via = (
        direct.join(entity_of, on="party")
        .select("entity_id", "membership_id")
        .unique()
        .join(entity_of, on="entity_id")
        .select("party", "membership_id", linked_by=pl.lit("entity"))
    )
    return pl.concat([direct, via]).unique(["party", "membership_id"], keep="first")


def _label() -> pl.Expr:
    """'C-TPAT tier 2 (SVI00012A)', 'AEO EU full (DEAEOF123)', 'AEO JP (JPAEO1)'."""
    program = (
        pl.when(pl.col("program") == "ctpat")
        .then(pl.lit("C-TPAT"))
        .otherwise(pl.concat_str(pl.col("program").str.to_uppercase(), pl.lit(" "), "jurisdiction"))
    )
    detail = (
        pl.when((pl.col("program") == "ctpat") & (pl.col("tier") > 0))
        .then(pl.concat_str(pl.lit(" tier "), pl.col("tier").cast(pl.String)))
        .when(pl.col("aeo_type").is_not_null())
        .then(pl.concat_str(pl.lit(" "), "aeo_type"))
        .otherwise(pl.lit(""))
    )
    return pl.concat_str(program, detail, pl.lit(" ("), "membership_id", pl.lit(")"))


def certify(
    chain: pl.DataFrame, programs: Programs, parties: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Per (master_bill, role, party) of ``chain`` (which also has name, country, decided_at
    and port, or home_jurisdiction and home_program): certified for this shipment or not, why,
    and the best tier that counts. ``parties`` (the case files' parties, roles as filed) are
    what memberships are linked through; ``chain`` itself by default."""
    day = pl.col("decided_at").dt.date()
    home = [] if "home_jurisdiction" in chain.columns else home_columns()
    base = chain.with_columns(*home, _day=day)
    if programs.members.height == 0:
        return _finish(
            base.with_columns(
                status=pl.lit("unknown"),
                code=pl.lit("no_rosters"),
                tier=pl.lit(0, pl.Int32),
                evidence=pl.lit("no C-TPAT or AEO list is loaded"),
            )
        )
    linked = links(chain if parties is None else parties, programs)
    rec = programs.recognitions.select(
        "home_program", "home_jurisdiction", "program", "jurisdiction",
        _from="in_force_from", _until="in_force_until", _note="note",
    )  # fmt: skip
    held = (
        base.join(linked, on="party")
        .join(programs.members.drop("party", "name", "country"), on="membership_id")
        .join(rec, on=["home_program", "home_jurisdiction", "program", "jurisdiction"], how="left")
    )
    own = (pl.col("program") == pl.col("home_program")) & (
        pl.col("jurisdiction") == pl.col("home_jurisdiction")
    )
    mra = (
        pl.col("_from").is_not_null()
        & (pl.col("_from") <= pl.col("_day"))
        & (pl.col("_until").is_null() | (pl.col("_day") <= pl.col("_until")))
    )
    code = (
        pl.when(pl.col("suspended"))
        .then(pl.lit("suspended"))
        .when(pl.col("valid_from").is_not_null() & (pl.col("valid_from") > pl.col("_day")))
        .then(pl.lit("not_yet_valid"))
        .when(pl.col("valid_until").is_not_null() & (pl.col("valid_until") < pl.col("_day")))
        .then(pl.lit("expired"))
        .when(pl.col("aeo_type") == "customs")
        .then(pl.lit("customs_only"))
        .when(pl.col("jurisdiction").is_null())
        .then(pl.lit("jurisdiction_unknown"))
        .when(own | mra)
        .then(pl.lit("certified"))
        .otherwise(pl.lit("not_recognised"))
    )
    judged = held.with_columns(code=code, _label=_label(), _via_mra=~own & mra).with_columns(
        status=pl.when(pl.col("code") == "certified")
        .then(pl.lit("met"))
        .when(pl.col("code") == "jurisdiction_unknown")
        .then(pl.lit("unknown"))
        .otherwise(pl.lit("not_met")),
        evidence=_member_evidence(),
    )
    best = (
        judged.with_columns(_rank=pl.col("status").replace_strict(STATUS_RANK))
        .sort("_rank", pl.col("tier"), descending=[False, True])
        .group_by("master_bill", "role", "party", maintain_order=True)
        .agg(
            pl.col("status").first(),
            pl.col("code").first(),
            tier=pl.col("tier").filter(pl.col("status") == "met").max().fill_null(0),
            evidence=pl.col("evidence").first(),
        )
    )
    out = base.join(best, on=["master_bill", "role", "party"], how="left").with_columns(
        status=pl.col("status").fill_null("not_met"),
        code=pl.col("code").fill_null("no_membership"),
        tier=pl.col("tier").fill_null(0),
        evidence=pl.col("evidence").fill_null(
            pl.format(
                "no membership of {} or of a program {} recognises on the loaded lists",
                pl.when(pl.col("home_program") == "ctpat")
                .then(pl.lit("C-TPAT"))
                .otherwise(
                    pl.format(
                        "{} {}",
                        pl.col("home_program").str.to_uppercase(),
                        pl.col("home_jurisdiction"),
                    )
                ),
                pl.col("home_jurisdiction"),
            )
        ),
    )
    return _finish(out)


def _member_evidence() -> pl.Expr:
    since = pl.col("valid_from").dt.strftime("%Y-%m-%d")
    why = (
        pl.when(pl.col("code") == "suspended")
        .then(pl.lit("suspended"))
        .when(pl.col("code") == "not_yet_valid")
        .then(pl.concat_str(pl.lit("valid only from "), since))
        .when(pl.col("code") == "expired")
        .then(pl.concat_str(pl.lit("expired "), pl.col("valid_until").dt.strftime("%Y-%m-%d")))
        .when(pl.col("code") == "customs_only")
        .then(pl.lit("customs simplifications only, not a security certificate"))
        .when(pl.col("code") == "jurisdiction_unknown")
        .then(pl.lit("the program's country is unknown, so its recognition cannot be checked"))
        .when(pl.col("code") == "not_recognised")
        .then(
            pl.concat_str(
                pl.lit("not recognised at "),
                pl.col("home_jurisdiction"),
                pl.lit(" ports (no mutual recognition in force)"),
            )
        )
        .when(pl.col("_via_mra"))
        .then(
            pl.concat_str(
                pl.lit("recognised by "),
                pl.col("home_jurisdiction"),
                pl.lit(" under mutual recognition since "),
                pl.col("_from").dt.strftime("%Y-%m-%d"),
            )
        )
        .otherwise(pl.concat_str(pl.lit("valid since "), since.fill_null("an unknown day")))
    )
    return pl.concat_str(
        pl.col("_label"), pl.lit(", "), why, pl.lit("; linked by "), pl.col("linked_by")
    )


def _finish(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select([pl.col(c).cast(t) for c, t in CERTIFIED.items()])
