"""Requirements on the box: stuffed and sealed securely, the seal held, loaded at a CSI port.

Each function gives ITEMS rows (one checked fact each) from the case files' containers and
shipments. Positive evidence is required: a stuffing that nobody reported is not met, but a
shipment with no container messages at all is unknown, because then nothing could be checked.
"""

from __future__ import annotations

import polars as pl

from greenlane.programs.frames import Programs
from greenlane.programs.rules import ITEMS, EligibilityRules
from greenlane.risk.casefile import CaseFiles

_STAMP = "%Y-%m-%d %H:%M UTC"


def items(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select([pl.col(c).cast(t) for c, t in ITEMS.items()])


def _no_containers(case: CaseFiles, requirement: str) -> pl.DataFrame:
    return items(
        case.shipments.join(case.containers, on="master_bill", how="anti").select(
            "master_bill",
            requirement=pl.lit(requirement),
            subject=pl.lit("containers"),
            status=pl.lit("unknown"),
            code=pl.lit("no_containers"),
            evidence=pl.lit("no container status message reported this shipment"),
        )
    )


def stuffing_items(case: CaseFiles, rules: EligibilityRules) -> pl.DataFrame:
    """Per container: stuffed at a named facility, sealed at stuffing with a high-security seal
    where the class is known. (The stuffer's certification is a party item.)"""
    c = case.containers
    seals = pl.col("stuffing_seals").list.join(", ")
    no_seal = pl.col("stuffing_seals").is_null() | (pl.col("stuffing_seals").list.len() == 0)
    wrong_class = pl.col("stuffing_class").is_not_null() & (
        pl.col("stuffing_class") != rules.seal_class
    )
    code = (
        pl.when(pl.col("stuffed_at").is_null())
        .then(pl.lit("no_stuffing_event"))
        .when(pl.col("stuffing_facility").is_null())
        .then(pl.lit("facility_unknown"))
        .when(no_seal)
        .then(pl.lit("no_seal_at_stuffing"))
        .when(wrong_class)
        .then(pl.lit("seal_not_high_security"))
        .otherwise(pl.lit("stuffed_sealed"))
    )
    seal_words = pl.concat_str(
        pl.lit("seal "),
        seals,
        pl.lit(" class "),
        pl.col("stuffing_class").fill_null("not reported"),
        pl.lit(" affixed by "),
        pl.col("stuffing_affixed_by").fill_null("an unnamed party"),
    )
    evidence = (
        pl.when(pl.col("stuffed_at").is_null())
        .then(pl.lit("no stuffing event reported"))
        .otherwise(
            pl.concat_str(
                pl.lit("stuffed "),
                pl.col("stuffed_at").dt.strftime(_STAMP),
                pl.lit(" at "),
                pl.col("stuffing_facility").fill_null("an unnamed facility"),
                pl.lit(", "),
                pl.when(no_seal).then(pl.lit("no seal read at stuffing")).otherwise(seal_words),
            )
        )
    )
    found = c.with_columns(code=code).select(
        "master_bill",
        requirement=pl.lit("stuffing"),
        subject="container_number",
        status=pl.when(pl.col("code") == "stuffed_sealed")
        .then(pl.lit("met"))
        .otherwise(pl.lit("not_met")),
        code="code",
        evidence=evidence,
    )
    return pl.concat([items(found), _no_containers(case, "stuffing")])


_SEAL_MET = {
    "intact_verified": "seal_intact",
    "changed_with_authority": "seal_changed_with_authority",
}
_SEAL_NOT_MET = {
    "unverified": "seal_unverified",
    "changed_without_authority": "seal_changed_without_authority",
}


def seal_items(case: CaseFiles, rules: EligibilityRules) -> pl.DataFrame:
    """Per container: the seal chain intact and verified through every handoff (or changed only
    with authority), or continuous e-seal monitoring without alerts."""
    state = pl.col("seal_state")
    monitored = (
        pl.lit(rules.accept_eseal) & pl.col("electronic").fill_null(False) & (state == "unverified")
    )
    code = (
        pl.when(state.is_null())
        .then(pl.lit("no_seal_chain"))
        .when(monitored)
        .then(pl.lit("e_seal_monitored"))
        .when(state.is_in(list(_SEAL_MET)))
        .then(state.replace_strict(_SEAL_MET, default=None, return_dtype=pl.String))
        .when(state.is_in(list(_SEAL_NOT_MET)))
        .then(state.replace_strict(_SEAL_NOT_MET, default=None, return_dtype=pl.String))
        .otherwise(pl.lit("seal_alert"))
    )
    status = (
        pl.when(pl.col("code") == "no_seal_chain")
        .then(pl.lit("unknown"))
        .when(
            pl.col("code").is_in(["seal_intact", "seal_changed_with_authority", "e_seal_monitored"])
        )
        .then(pl.lit("met"))
        .otherwise(pl.lit("not_met"))
    )
    evidence = pl.concat_str(
        pl.lit("seal chain "),
        state.fill_null("not reported").str.replace_all("_", " "),
        pl.when(pl.col("electronic").fill_null(False))
        .then(pl.lit(" (e-seal)"))
        .otherwise(pl.lit("")),
        pl.when(pl.col("seal_reason").is_not_null())
        .then(pl.concat_str(pl.lit(": "), pl.col("seal_reason")))
        .otherwise(pl.lit("")),
    )
    found = (
        case.containers.with_columns(code=code)
        .with_columns(status=status)
        .select(
            "master_bill",
            requirement=pl.lit("seal"),
            subject="container_number",
            status="status",
            code="code",
            evidence=evidence,
        )
    )
    return pl.concat([items(found), _no_containers(case, "seal")])


def csi_items(case: CaseFiles, programs: Programs) -> pl.DataFrame:
    """The true port of loading (observed first load, else declared) is a CSI port in force on
    the decision day. A port only declared is unknown: the requirement is about where the box
    really was loaded."""
    s = case.shipments.select(
        "master_bill",
        "first_load_port",
        "declared_port_of_loading",
        _day=pl.col("decided_at").dt.date(),
        pol=pl.coalesce("first_load_port", "declared_port_of_loading"),
    )
    joined = s.join(programs.csi, left_on="pol", right_on="unlocode", how="left").with_columns(
        _listed=pl.col("pol").is_in(programs.csi["unlocode"].implode())
    )
    since = pl.col("csi_since")
    code = (
        pl.when(pl.lit(programs.csi.height == 0))
        .then(pl.lit("no_csi_list"))
        .when(pl.col("pol").is_null())
        .then(pl.lit("pol_unknown"))
        .when(~pl.col("_listed"))
        .then(pl.lit("not_csi"))
        .when(since.is_not_null() & (since > pl.col("_day")))
        .then(pl.lit("csi_not_yet"))
        .when(pl.col("first_load_port").is_null())
        .then(pl.lit("pol_declared_only"))
        .otherwise(pl.lit("csi_port"))
    )
    observed = (
        pl.when(pl.col("first_load_port").is_not_null())
        .then(pl.lit("first loaded at "))
        .otherwise(pl.lit("declared port of loading "))
    )
    evidence = (
        pl.when(pl.col("code") == "no_csi_list")
        .then(pl.lit("no CSI port list is loaded"))
        .when(pl.col("pol").is_null())
        .then(pl.lit("no port of loading observed or declared"))
        .otherwise(
            pl.concat_str(
                observed,
                pl.col("pol"),
                pl.when(~pl.col("_listed"))
                .then(pl.lit(", not a CSI port"))
                .when(since.is_null())
                .then(pl.lit(", a CSI port"))
                .otherwise(pl.concat_str(pl.lit(", a CSI port since "), since.cast(pl.String))),
            )
        )
    )
    found = joined.with_columns(code=code).select(
        "master_bill",
        requirement=pl.lit("csi"),
        subject=pl.col("pol").fill_null("port of loading"),
        status=pl.when(pl.col("code") == "csi_port")
        .then(pl.lit("met"))
        .when(pl.col("code").is_in(["no_csi_list", "pol_unknown", "pol_declared_only"]))
        .then(pl.lit("unknown"))
        .otherwise(pl.lit("not_met")),
        code="code",
        evidence=evidence,
    )
    return items(found)
