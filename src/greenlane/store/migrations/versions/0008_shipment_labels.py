"""Shipment labels: what is known to be true of a shipment, with its source, in place of the
generated world's own table. Rows of ``world_labels`` move with source 'world'.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

# Written out by hand, like 0001: a migration keeps meaning what it meant when written.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
WORLD = "world"
"""The source given to the labels of the old table: only generated worlds wrote it."""


def _text(name: str, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "shipment_labels",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        _text("master_bill", False),
        _text("label", False),
        sa.Column("detail", sa.Text(), nullable=False),
        _text("source", False),
        sa.PrimaryKeyConstraint("id", name="pk_shipment_labels"),
        sa.UniqueConstraint(
            "source", "master_bill", "label", name="uq_shipment_labels_source_master_bill_label"
        ),
    )
    op.execute(
        sa.text(
            "INSERT INTO shipment_labels (master_bill, label, detail, source)"
            " SELECT master_bill, scenario, detail, :source FROM world_labels ORDER BY id"
        ).bindparams(source=WORLD)
    )
    op.drop_table("world_labels")


def downgrade() -> None:
    """Back to ``world_labels``: labels of any other source have no place there and are lost."""
    op.create_table(
        "world_labels",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        _text("master_bill", False),
        _text("scenario", False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_world_labels"),
        sa.UniqueConstraint("master_bill", "scenario", name="uq_world_labels_master_bill_scenario"),
    )
    op.execute(
        sa.text(
            "INSERT INTO world_labels (master_bill, scenario, detail)"
            " SELECT master_bill, label, detail FROM shipment_labels WHERE source = :source"
            " ORDER BY id"
        ).bindparams(source=WORLD)
    )
    op.drop_table("shipment_labels")
