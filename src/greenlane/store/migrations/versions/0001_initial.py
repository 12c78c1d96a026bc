"""Initial schema: raw archive, shipments and filings, parties, goods, containers and seals,
events, inspections, trusted traders, ports, data-quality findings and world labels.

Revision ID: 0001
Revises:
Create Date: 2026-05-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

# Written out by hand, not from metadata: a migration must keep meaning what it meant when
# written, whatever schema.py becomes. Keys are 64-bit on PostgreSQL; SQLite only
# autoincrements a column typed INTEGER.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIME = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", ID, primary_key=True, autoincrement=True)


def _text(name: str, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def _fk(name: str, table: str, target: str) -> sa.Column[int]:
    return sa.Column(
        name,
        ID,
        sa.ForeignKey(f"{target}.id", name=f"fk_{table}_{name}_{target}"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "raw_messages",
        _id(),
        sa.Column("content_hash", sa.String(64), nullable=False),
        _text("source", False),
        _text("format", False),
        sa.Column("received_at", TIME, nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        _text("status", False),
        sa.Column("processed_at", TIME),
        sa.Column("error", sa.Text()),
        _text("error_location"),
        sa.PrimaryKeyConstraint("id", name="pk_raw_messages"),
        sa.UniqueConstraint("content_hash", name="uq_raw_messages_content_hash"),
    )
    op.create_table(
        "shipments",
        _id(),
        _text("master_bill", False),
        _text("house_bill", False),
        _text("carrier_scac"),
        sa.PrimaryKeyConstraint("id", name="pk_shipments"),
        sa.UniqueConstraint(
            "master_bill", "house_bill", name="uq_shipments_master_bill_house_bill"
        ),
    )
    op.create_index("ix_shipments_house_bill", "shipments", ["house_bill"])
    op.create_table(
        "filings",
        _id(),
        _fk("shipment_id", "filings", "shipments"),
        _text("filing_type", False),
        _text("reference", False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("filed_at", TIME, nullable=False),
        _text("filer"),
        _text("carrier_scac"),
        _text("vessel_imo"),
        _text("vessel_name"),
        _text("voyage"),
        _text("place_of_receipt"),
        _text("port_of_loading"),
        sa.Column("transshipment_ports", sa.Text(), nullable=False),
        _text("port_of_discharge"),
        _text("place_of_delivery"),
        sa.Column("estimated_departure", TIME),
        sa.Column("estimated_arrival", TIME),
        sa.Column("source_message", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_filings"),
        sa.UniqueConstraint(
            "filing_type",
            "reference",
            "version",
            name="uq_filings_filing_type_reference_version",
        ),
    )
    op.create_index("ix_filings_shipment_id", "filings", ["shipment_id"])
    op.create_table(
        "parties",
        _id(),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        _text("name", False),
        sa.Column("address", sa.Text()),
        _text("country"),
        sa.PrimaryKeyConstraint("id", name="pk_parties"),
        sa.UniqueConstraint("fingerprint", name="uq_parties_fingerprint"),
    )
    op.create_table(
        "party_identifiers",
        _fk("party_id", "party_identifiers", "parties"),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("scheme", False),
        _text("value", False),
        sa.PrimaryKeyConstraint("party_id", "position", name="pk_party_identifiers"),
    )
    op.create_index("ix_party_identifiers_scheme_value", "party_identifiers", ["scheme", "value"])
    op.create_table(
        "filing_parties",
        _fk("filing_id", "filing_parties", "filings"),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("role", False),
        _fk("party_id", "filing_parties", "parties"),
        sa.PrimaryKeyConstraint("filing_id", "position", name="pk_filing_parties"),
    )
    op.create_index("ix_filing_parties_party_id", "filing_parties", ["party_id"])
    op.create_table(
        "goods_items",
        _fk("filing_id", "goods_items", "filings"),
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
        sa.PrimaryKeyConstraint("filing_id", "position", name="pk_goods_items"),
    )
    op.create_table(
        "filing_containers",
        _fk("filing_id", "filing_containers", "filings"),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("container_number", False),
        _text("size_type"),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("filing_id", "position", name="pk_filing_containers"),
    )
    op.create_index(
        "ix_filing_containers_container_number", "filing_containers", ["container_number"]
    )
    op.create_table(
        "seals",
        _fk("filing_id", "seals", "filings"),
        sa.Column("container_position", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("container_number", False),
        _text("number", False),
        _text("affixed_by", False),
        _text("seal_class"),
        sa.Column("electronic", sa.Boolean(), nullable=False),
        _text("type_code"),
        sa.PrimaryKeyConstraint("filing_id", "container_position", "position", name="pk_seals"),
    )
    op.create_index("ix_seals_number", "seals", ["number"])
    op.create_table(
        "events",
        _id(),
        _text("source", False),
        _text("event_id", False),
        _text("event_type", False),
        sa.Column("occurred_at", TIME, nullable=False),
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
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("source", "event_id", name="uq_events_source_event_id"),
    )
    op.create_index(
        "ix_events_container_number_occurred_at", "events", ["container_number", "occurred_at"]
    )
    op.create_index(
        "ix_events_bill_of_lading_occurred_at", "events", ["bill_of_lading", "occurred_at"]
    )
    op.create_table(
        "event_seals",
        _fk("event_row_id", "event_seals", "events"),
        sa.Column("position", sa.Integer(), nullable=False),
        _text("number", False),
        _text("condition", False),
        _text("affixed_by"),
        _text("seal_class"),
        sa.Column("electronic", sa.Boolean(), nullable=False),
        _text("type_code"),
        sa.PrimaryKeyConstraint("event_row_id", "position", name="pk_event_seals"),
    )
    op.create_index("ix_event_seals_number", "event_seals", ["number"])
    op.create_table(
        "inspection_results",
        _id(),
        _text("inspection_id", False),
        sa.Column("inspected_at", TIME, nullable=False),
        _text("kind", False),
        _text("outcome", False),
        _text("bill_of_lading"),
        _text("container_number"),
        _text("unlocode"),
        sa.Column("finding", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_inspection_results"),
        sa.UniqueConstraint("inspection_id", name="uq_inspection_results_inspection_id"),
    )
    op.create_index(
        "ix_inspection_results_bill_of_lading", "inspection_results", ["bill_of_lading"]
    )
    op.create_index(
        "ix_inspection_results_container_number", "inspection_results", ["container_number"]
    )
    op.create_table(
        "trusted_trader_memberships",
        _id(),
        _text("program", False),
        _text("membership_id", False),
        _text("program_country", False),
        _fk("party_id", "trusted_trader_memberships", "parties"),
        sa.Column("tier", sa.Integer()),
        _text("aeo_type"),
        sa.Column("certified_on", sa.Date()),
        sa.Column("validated_on", sa.Date()),
        sa.Column("valid_until", sa.Date()),
        sa.Column("suspended", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_trusted_trader_memberships"),
        sa.UniqueConstraint(
            "program", "membership_id", name="uq_trusted_trader_memberships_program_membership_id"
        ),
    )
    op.create_index(
        "ix_trusted_trader_memberships_party_id", "trusted_trader_memberships", ["party_id"]
    )
    op.create_table(
        "ports",
        sa.Column("unlocode", sa.String(), nullable=False),
        _text("name", False),
        _text("country", False),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("csi", sa.Boolean(), nullable=False),
        sa.Column("csi_since", sa.Date()),
        sa.PrimaryKeyConstraint("unlocode", name="pk_ports"),
    )
    op.create_table(
        "data_quality_findings",
        _id(),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        _text("subject_kind", False),
        _text("subject_id", False),
        _text("code", False),
        _text("severity", False),
        _text("field", False),
        sa.Column("value", sa.Text()),
        sa.Column("message", sa.Text(), nullable=False),
        _text("location"),
        sa.PrimaryKeyConstraint("id", name="pk_data_quality_findings"),
        sa.UniqueConstraint("fingerprint", name="uq_data_quality_findings_fingerprint"),
    )
    op.create_index(
        "ix_data_quality_findings_subject_kind_subject_id",
        "data_quality_findings",
        ["subject_kind", "subject_id"],
    )
    op.create_table(
        "world_labels",
        _id(),
        _text("master_bill", False),
        _text("scenario", False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_world_labels"),
        sa.UniqueConstraint("master_bill", "scenario", name="uq_world_labels_master_bill_scenario"),
    )


def downgrade() -> None:
    for table in (
        "world_labels",
        "data_quality_findings",
        "ports",
        "trusted_trader_memberships",
        "inspection_results",
        "event_seals",
        "events",
        "seals",
        "filing_containers",
        "goods_items",
        "filing_parties",
        "party_identifiers",
        "parties",
        "filings",
        "shipments",
        "raw_messages",
    ):
        op.drop_table(table)
