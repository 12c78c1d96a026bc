"""The settings of the Green Lane requirements, and the words that explain them.

One frozen value, so an eligibility decision can be recorded with the rules that made it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from greenlane.errors import ConfigurationError

REQUIREMENTS: dict[str, str] = {
    "stuffing": "Security at the point of stuffing",
    "seal": "Seal integrity and tracking",
    "chain": "Every party in the chain certified or mutually recognised",
    "csi": "Loaded at a CSI port",
    "compliance": "No compliance problems",
}
"""The five requirements of the Green Lane (CBP 2005), in order, with their titles."""

STATUSES = ("met", "not_met", "unknown")

ITEMS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "requirement": pl.String(),
    # What the item is about: a container number, a party's role, the port of loading.
    "subject": pl.String(),
    "status": pl.String(),
    "code": pl.String(),
    "evidence": pl.String(),
}
"""One checked fact: a requirement is the worst of its items."""

CHAIN_ROLES = ("manufacturer", "stuffer", "consolidator", "carrier", "importer", "declarant")
IMPORTER_ROLES = ("importer_of_record", "consignee")


@dataclass(frozen=True, slots=True)
class EligibilityRules:
    """``chain_roles`` must all be certified where the shipment names them; ``required_roles``
    must be named (else the chain requirement is unknown). ``importer`` is the importer of
    record, else the consignee; ``stuffer`` the stuffer, else the consolidator, else whoever
    the stuffing event says sealed the box. ``answerable_roles`` (roles as filed) are the
    parties whose earlier examinations count, within ``lookback_days`` before the decision:
    any seizure, or at least ``discrepancies`` discrepancies that are at least
    ``discrepancy_share`` of the party's examinations; carriers and brokers are left out
    because a seizure in one of the thousands of boxes they move says nothing about this one.
    ``seal_class`` is the ISO 17712 class a seal
    must have where its class is known; ``accept_eseal`` lets continuous e-seal monitoring
    without alerts stand in for seal readings at every handoff."""

    lookback_days: int = 365
    chain_roles: tuple[str, ...] = CHAIN_ROLES
    required_roles: tuple[str, ...] = ("manufacturer", "stuffer", "importer")
    answerable_roles: tuple[str, ...] = (
        *IMPORTER_ROLES,
        "manufacturer",
        "shipper",
        "seller",
        "stuffer",
        "consolidator",
    )
    discrepancies: int = 2
    discrepancy_share: float = 0.2
    seal_class: str = "H"
    accept_eseal: bool = True

    def __post_init__(self) -> None:
        if self.lookback_days < 0:
            raise ConfigurationError(f"look-back {self.lookback_days} days", expected="0 or more")
        if self.discrepancies < 1 or not 0.0 <= self.discrepancy_share <= 1.0:
            raise ConfigurationError(
                f"discrepancies {self.discrepancies}, share {self.discrepancy_share}",
                expected="at least 1, a share 0..1",
            )
        unknown = [r for r in (*self.chain_roles, *self.required_roles) if r not in CHAIN_ROLES]
        if unknown:
            raise ConfigurationError(
                f"chain roles {unknown}", expected="some of " + ", ".join(CHAIN_ROLES)
            )


FIXES: dict[str, str] = {
    "no_containers": "Ask the carrier to send container status messages for the shipment.",
    "no_stuffing_event": "Have the stuffer report the stuffing (time, facility, seal numbers).",
    "facility_unknown": "Report the stuffing facility by name with the stuffing event.",
    "no_seal_at_stuffing": "Seal every box right after stuffing and report the seal number.",
    "seal_not_high_security": "Use ISO 17712 class H (high-security) seals at stuffing.",
    "stuffer_not_certified": "Stuff at a certified facility, or have the stuffer certified "
    "(C-TPAT, AEO or a program recognised at the port of arrival).",
    "stuffer_unknown": "Name the stuffer or consolidator in the importer security filing.",
    "seal_unverified": "Have the seal read at every handoff (gate-in, loading, discharge), "
    "or use an e-seal that reports continuously.",
    "seal_changed_without_authority": "Record every seal removal and reseal with who did it "
    "and why; a seal changed without that is a hard stop.",
    "seal_alert": "Investigate the door or tamper alert and report what caused it.",
    "no_seal_chain": "Report the seal numbers read at each handoff in the status messages.",
    "role_missing": "Name every party of the chain (manufacturer, stuffer, importer) in the "
    "filings.",
    "no_membership": "Work with certified partners: the party should join C-TPAT or AEO (or "
    "a program recognised at the port of arrival), or be replaced by a certified one.",
    "importer_not_certified": "Apply for C-TPAT (US) or AEO (in the country of import): the "
    "Green Lane is for certified importers.",
    "suspended": "The membership is suspended: settle what the program asked before it is "
    "reinstated.",
    "expired": "Renew the membership (revalidation).",
    "not_yet_valid": "Wait for the membership to take effect, or ship after that day.",
    "customs_only": "An AEO for customs simplifications only (AEOC) is not a security "
    "certificate: apply for AEO security (AEOS) or full (AEOF).",
    "not_recognised": "The partner's program is not recognised at the port of arrival: it "
    "should join a recognised program, or use a certified partner.",
    "jurisdiction_unknown": "Load the partner's program with its country so its recognition "
    "can be checked.",
    "no_rosters": "Load the C-TPAT and AEO lists (greenlane programs load).",
    "not_csi": "Load at a Container Security Initiative port.",
    "csi_not_yet": "The port joined CSI after this shipment; later shipments can qualify.",
    "pol_declared_only": "Ask the carrier for loading events so the port of loading is "
    "observed, not only declared.",
    "pol_unknown": "Declare the port of loading and report the loading event.",
    "no_csi_list": "Load the CSI port list (greenlane programs load --kind csi).",
    "adverse_inspection": "Address the cause of the earlier seizure; the shipments qualify "
    "again once the look-back has passed without another.",
    "frequent_discrepancies": "Find why examinations keep finding goods that differ from the "
    "papers (classification, quantities, descriptions) and correct the filings.",
    "penalty": "Settle the penalty; the shipments qualify again once the look-back has passed.",
    "watchlist_hit": "A party matches a watch list: ask customs to confirm or clear the match.",
}
"""What would fix each code that is not met, in words a trader can act on."""


def worst(status: pl.Expr) -> pl.Expr:
    """The worst of statuses: not_met, then unknown, then met."""
    rank = status.replace_strict({"met": 0, "unknown": 1, "not_met": 2}, return_dtype=pl.Int8)
    return rank.max().replace_strict(
        {0: "met", 1: "unknown", 2: "not_met"}, default=None, return_dtype=pl.String
    )
