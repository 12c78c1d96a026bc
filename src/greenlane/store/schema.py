"""The tables, as SQLAlchemy Core. Migrations create them; this module is what queries use.

Codes are kept as the model's StrEnum values. Times are timezone-aware (UTC). Child rows carry a
``position`` so that records come back exactly as they went in. ``migrations/versions`` must
create the same thing; a test compares the two.
"""

from __future__ import annotations

import sqlalchemy as sa

from greenlane.store.dialect import ID_TYPE, UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING)


def _id() -> sa.Column[int]:
    return sa.Column("id", ID_TYPE, primary_key=True, autoincrement=True)


def _fk(name: str, target: str, *, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, ID_TYPE, sa.ForeignKey(target), nullable=nullable)


def _text(name: str, *, nullable: bool = True) -> sa.Column[str]:
    # No lengths: identifiers are kept exactly as received, however long or wrong.
    return sa.Column(name, sa.String(), nullable=nullable)


raw_messages = sa.Table(
    "raw_messages",
    metadata,
    _id(),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    _text("source", nullable=False),
    _text("format", nullable=False),
    sa.Column("received_at", UtcDateTime(), nullable=False),
    sa.Column("size", sa.Integer(), nullable=False),
    sa.Column("content", sa.LargeBinary(), nullable=False),
    _text("status", nullable=False),
    sa.Column("processed_at", UtcDateTime()),
    sa.Column("error", sa.Text()),
    _text("error_location"),
)

shipments = sa.Table(
    "shipments",
    metadata,
    _id(),
    _text("master_bill", nullable=False),
    _text("house_bill", nullable=False),
    _text("carrier_scac"),
    sa.UniqueConstraint("master_bill", "house_bill"),
    sa.Index(None, "house_bill"),
)
# house_bill is '' when there is none: NULLs never clash in a unique key, '' does.

filings = sa.Table(
    "filings",
    metadata,
    _id(),
    _fk("shipment_id", "shipments.id"),
    _text("filing_type", nullable=False),
    _text("reference", nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("filed_at", UtcDateTime(), nullable=False),
    _text("filer"),
    _text("carrier_scac"),
    _text("vessel_imo"),
    _text("vessel_name"),
    _text("voyage"),
    _text("place_of_receipt"),
    _text("port_of_loading"),
    # A JSON array of the codes as written: a code may itself hold a space.
    sa.Column("transshipment_ports", sa.Text(), nullable=False),
    _text("port_of_discharge"),
    _text("place_of_delivery"),
    sa.Column("estimated_departure", UtcDateTime()),
    sa.Column("estimated_arrival", UtcDateTime()),
    sa.Column("source_message", sa.String(64)),
    sa.UniqueConstraint("filing_type", "reference", "version"),
    sa.Index(None, "shipment_id"),
)

parties = sa.Table(
    "parties",
    metadata,
    _id(),
    sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
    _text("name", nullable=False),
    sa.Column("address", sa.Text()),
    _text("country"),
)
# One row per distinct (name, address, country, identifiers) as written
# (see to_rows.party_fingerprint).

party_identifiers = sa.Table(
    "party_identifiers",
    metadata,
    _fk("party_id", "parties.id"),
    sa.Column("position", sa.Integer(), nullable=False),
    _text("scheme", nullable=False),
    _text("value", nullable=False),
    sa.PrimaryKeyConstraint("party_id", "position"),
    sa.Index(None, "scheme", "value"),
)

filing_parties = sa.Table(
    "filing_parties",
    metadata,
    _fk("filing_id", "filings.id"),
    sa.Column("position", sa.Integer(), nullable=False),
    _text("role", nullable=False),
    _fk("party_id", "parties.id"),
    sa.PrimaryKeyConstraint("filing_id", "position"),
    sa.Index(None, "party_id"),
)

goods_items = sa.Table(
    "goods_items",
    metadata,
    _fk("filing_id", "filings.id"),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("line_number", sa.Integer(), nullable=False),
    _text("hs_code"),
    sa.Column("description", sa.Text(), nullable=False),
    sa.Column("packages", sa.Integer()),
    _text("package_type"),
    sa.Column("gross_mass_kg", sa.Float()),
    sa.Column("net_mass_kg", sa.Float()),
    sa.Column("value", sa.Float()),
    _text("currency"),
    _text("origin_country"),
    _text("container_number"),
    sa.PrimaryKeyConstraint("filing_id", "position"),
)

filing_containers = sa.Table(
    "filing_containers",
    metadata,
    _fk("filing_id", "filings.id"),
    sa.Column("position", sa.Integer(), nullable=False),
    _text("container_number", nullable=False),
    _text("size_type"),
    sa.Column("full", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("filing_id", "position"),
    sa.Index(None, "container_number"),
)

seals = sa.Table(
    "seals",
    metadata,
    _fk("filing_id", "filings.id"),
    sa.Column("container_position", sa.Integer(), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    _text("container_number", nullable=False),
    _text("number", nullable=False),
    _text("affixed_by", nullable=False),
    _text("seal_class"),
    sa.Column("electronic", sa.Boolean(), nullable=False),
    _text("type_code"),
    sa.PrimaryKeyConstraint("filing_id", "container_position", "position"),
    sa.Index(None, "number"),
)

events = sa.Table(
    "events",
    metadata,
    _id(),
    _text("source", nullable=False),
    _text("event_id", nullable=False),
    _text("event_type", nullable=False),
    sa.Column("occurred_at", UtcDateTime(), nullable=False),
    _text("container_number"),
    _text("unlocode"),
    _text("facility"),
    _text("vessel_imo"),
    _text("vessel_name"),
    _text("voyage"),
    _text("bill_of_lading"),
    sa.Column("full", sa.Boolean()),
    sa.Column("transshipment", sa.Boolean(), nullable=False),
    sa.Column("source_message", sa.String(64)),
    sa.UniqueConstraint("source", "event_id"),
    sa.Index(None, "container_number", "occurred_at"),
    sa.Index(None, "bill_of_lading", "occurred_at"),
)

event_seals = sa.Table(
    "event_seals",
    metadata,
    _fk("event_row_id", "events.id"),
    sa.Column("position", sa.Integer(), nullable=False),
    _text("number", nullable=False),
    _text("condition", nullable=False),
    _text("affixed_by"),
    _text("seal_class"),
    sa.Column("electronic", sa.Boolean(), nullable=False),
    _text("type_code"),
    sa.PrimaryKeyConstraint("event_row_id", "position"),
    sa.Index(None, "number"),
)
# event_row_id is events.id, not the source's own event_id.

inspection_results = sa.Table(
    "inspection_results",
    metadata,
    _id(),
    _text("inspection_id", nullable=False),
    sa.Column("inspected_at", UtcDateTime(), nullable=False),
    _text("kind", nullable=False),
    _text("outcome", nullable=False),
    _text("bill_of_lading"),
    _text("container_number"),
    _text("unlocode"),
    sa.Column("finding", sa.Text()),
    sa.UniqueConstraint("inspection_id"),
    sa.Index(None, "bill_of_lading"),
    sa.Index(None, "container_number"),
)

trusted_trader_memberships = sa.Table(
    "trusted_trader_memberships",
    metadata,
    _id(),
    _text("program", nullable=False),
    _text("membership_id", nullable=False),
    _text("program_country", nullable=False),
    _fk("party_id", "parties.id"),
    sa.Column("tier", sa.Integer()),
    _text("aeo_type"),
    sa.Column("certified_on", sa.Date()),
    sa.Column("validated_on", sa.Date()),
    sa.Column("valid_until", sa.Date()),
    sa.Column("suspended", sa.Boolean(), nullable=False),
    sa.UniqueConstraint("program", "membership_id"),
    sa.Index(None, "party_id"),
)

ports = sa.Table(
    "ports",
    metadata,
    sa.Column("unlocode", sa.String(), primary_key=True),
    _text("name", nullable=False),
    _text("country", nullable=False),
    sa.Column("latitude", sa.Float()),
    sa.Column("longitude", sa.Float()),
    sa.Column("csi", sa.Boolean(), nullable=False),
    sa.Column("csi_since", sa.Date()),
)

data_quality_findings = sa.Table(
    "data_quality_findings",
    metadata,
    _id(),
    sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
    _text("subject_kind", nullable=False),
    _text("subject_id", nullable=False),
    _text("code", nullable=False),
    _text("severity", nullable=False),
    _text("field", nullable=False),
    sa.Column("value", sa.Text()),
    sa.Column("message", sa.Text(), nullable=False),
    _text("location"),
    sa.Index(None, "subject_kind", "subject_id"),
)

shipment_labels = sa.Table(
    "shipment_labels",
    metadata,
    _id(),
    _text("master_bill", nullable=False),
    _text("label", nullable=False),
    sa.Column("detail", sa.Text(), nullable=False),
    _text("source", nullable=False),
    sa.UniqueConstraint("source", "master_bill", "label"),
)
# What is known to be true of a shipment, whoever found it out: a seizure or an audit's finding
# recorded by an administration, or a generated world's planted threat (source "world"). The
# outcomes that backtests and models are measured against.

watch_list_versions = sa.Table(
    "watch_list_versions",
    metadata,
    _id(),
    _text("list_name", nullable=False),
    sa.Column("number", sa.Integer(), nullable=False),
    _text("format", nullable=False),
    sa.Column("loaded_at", UtcDateTime(), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("entry_count", sa.Integer(), nullable=False),
    sa.UniqueConstraint("list_name", "number"),
)
# One row per load that changed a list; number counts 1, 2, 3 within each list. Two loads of one
# list at the same moment cannot both take the next number.

watch_list_entries = sa.Table(
    "watch_list_entries",
    metadata,
    _id(),
    sa.Column("entry_hash", sa.String(64), nullable=False, unique=True),
    _text("list_name", nullable=False),
    _text("entry_id", nullable=False),
    sa.Column("fields", sa.Text(), nullable=False),
    sa.Index(None, "list_name", "entry_id"),
)
# Each distinct content of a list entry, stored once however many versions hold it: fields is
# the ListEntry as JSON, entry_hash the SHA-256 of that (greenlane.domain.watchlists).

watch_list_version_entries = sa.Table(
    "watch_list_version_entries",
    metadata,
    _fk("version_id", "watch_list_versions.id"),
    _text("entry_id", nullable=False),
    _fk("entry_row_id", "watch_list_entries.id"),
    sa.PrimaryKeyConstraint("version_id", "entry_id"),
)
# The entries of a version: entry_id is the list's own id, entry_row_id the content it had.

screening_runs = sa.Table(
    "screening_runs",
    metadata,
    _id(),
    sa.Column("run_at", UtcDateTime(), nullable=False),
    sa.Column("list_versions", sa.Text(), nullable=False),
    sa.Column("threshold", sa.Float(), nullable=False),
    sa.Column("shipments", sa.Integer(), nullable=False),
    sa.Column("parties", sa.Integer(), nullable=False),
    sa.Column("hits", sa.Integer(), nullable=False),
)
# One row per screening of shipments' parties: list_versions is the JSON {list name: version
# number} screened against, so a later list change says which shipments to screen again.

screening_hits = sa.Table(
    "screening_hits",
    metadata,
    _id(),
    _fk("run_id", "screening_runs.id"),
    _text("master_bill", nullable=False),
    _text("filing", nullable=False),
    _text("role", nullable=False),
    _text("party_name", nullable=False),
    _text("party_country"),
    _text("entry_key", nullable=False),
    _text("matched_name", nullable=False),
    sa.Column("score", sa.Float(), nullable=False),
    sa.Column("name_score", sa.Float(), nullable=False),
    sa.Column("explanation", sa.Text(), nullable=False),
    sa.Index(None, "master_bill"),
    sa.Index(None, "entry_key"),
)
# The current hits of each screened shipment: screening a shipment again replaces its rows.
# explanation is the JSON list of lines saying which name parts, country and identifiers matched.

screening_indexes = sa.Table(
    "screening_indexes",
    metadata,
    sa.Column("index_key", sa.String(64), nullable=False),
    sa.Column("built_at", UtcDateTime(), nullable=False),
    sa.Column("entries", sa.Integer(), nullable=False),
    sa.Column("names", sa.Integer(), nullable=False),
    sa.Column("content", sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint("index_key"),
)
# The screening index of the current lists, built once and kept: index_key is the SHA-256 of the
# lists' content hashes and the code that prepared the names, so a new list version (or new
# name preparation) finds no row and builds its own; content is a zip of JSON string lists and
# int32 arrays (greenlane.parties.screening.stored), never pickle.

prepared_names = sa.Table(
    "prepared_names",
    metadata,
    sa.Column("name_key", sa.String(64), nullable=False),
    sa.Column("code_version", sa.String(64), nullable=False),
    sa.Column("how", sa.String(16), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("content", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("name_key"),
)
# Party names as screening prepared them (greenlane.parties.screening.remembered), so that a
# later screening of the same names needs no rigour tagger: name_key is the SHA-256 of the code
# version, how and kind the name was prepared, and the name; content is JSON, never pickle.

party_entities = sa.Table(
    "party_entities",
    metadata,
    _text("record_key", nullable=False),
    _text("master_bill", nullable=False),
    _text("role", nullable=False),
    _text("name", nullable=False),
    _text("entity_id", nullable=False),
    sa.Column("resolved_at", UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("record_key"),
    sa.Index(None, "entity_id"),
    sa.Index(None, "master_bill"),
)
# The entity each party of each filing belongs to, from the latest batch resolution
# (record_key is filing_type:reference:version:role:position); a new run replaces every row.

goods_findings = sa.Table(
    "goods_findings",
    metadata,
    _id(),
    _text("master_bill", nullable=False),
    _text("filing", nullable=False),
    sa.Column("line_number", sa.Integer()),
    _text("code", nullable=False),
    sa.Column("message", sa.Text(), nullable=False),
    sa.Column("duty_at_risk", sa.Float()),
    _text("currency"),
    sa.Column("assessed_at", UtcDateTime(), nullable=False),
    sa.Index(None, "master_bill"),
    sa.Index(None, "code"),
)
# The current goods findings of each assessed shipment: assessing a shipment again replaces its
# rows. filing is "type reference vN"; duty_at_risk is in the line's currency where known.

risk_decisions = sa.Table(
    "risk_decisions",
    metadata,
    _text("master_bill", nullable=False),
    _text("stage", nullable=False),
    _text("profile", nullable=False),
    _text("port", nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("score", sa.Float(), nullable=False),
    _text("lane", nullable=False),
    _text("selected_by", nullable=False),
    sa.Column("queue_priority", sa.Integer()),
    _text("referral"),
    sa.Column("explanation", sa.Text(), nullable=False),
    sa.Column("reasons", sa.Text(), nullable=False),
    sa.Column("decided_at", UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("master_bill", "stage"),
    sa.Index(None, "port", "day"),
    sa.Index(None, "lane"),
)
# The current decision on each shipment at each stage (before_loading: the ICS2 referral on what
# was known when the manifest came in; arrival: the lane): deciding again replaces the row.
# profile is the rule profile's name@version (with its local profiles); reasons is the JSON list
# of contributions.

mutual_recognitions = sa.Table(
    "mutual_recognitions",
    metadata,
    _text("program", nullable=False),
    _text("jurisdiction", nullable=False),
    _text("partner_program", nullable=False),
    _text("partner_jurisdiction", nullable=False),
    sa.Column("signed_on", sa.Date(), nullable=False),
    sa.Column("in_force_from", sa.Date()),
    sa.Column("in_force_until", sa.Date()),
    sa.Column("note", sa.Text()),
    sa.PrimaryKeyConstraint("program", "jurisdiction", "partner_program", "partner_jurisdiction"),
)
# Which trusted-trader programs recognise each other's members (greenlane.programs): the loaded
# list replaces the stored one whole. jurisdiction is a country code, or EU for the Union's AEO.

program_loads = sa.Table(
    "program_loads",
    metadata,
    _id(),
    _text("kind", nullable=False),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("rows", sa.Integer(), nullable=False),
    sa.Column("loaded_at", UtcDateTime(), nullable=False),
)
# Every program list loaded (ctpat, aeo, mra or csi), so a benefit can be traced to the list
# that granted it.

MAIN_TABLES = (
    raw_messages,
    shipments,
    filings,
    parties,
    goods_items,
    filing_containers,
    seals,
    events,
    event_seals,
    inspection_results,
    trusted_trader_memberships,
    ports,
    data_quality_findings,
    shipment_labels,
)
"""The tables ``Database.counts`` reports, in a reading order."""
