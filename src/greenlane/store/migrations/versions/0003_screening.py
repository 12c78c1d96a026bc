"""Screening of shipments' parties: each run with the list versions it used, and current hits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

# Written out by hand, like 0001: a migration keeps meaning what it meant when written.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIME = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", ID, primary_key=True, autoincrement=True)


def _text(name: str, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "screening_runs",
        _id(),
        sa.Column("run_at", TIME, nullable=False),
        sa.Column("list_versions", sa.Text(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("shipments", sa.Integer(), nullable=False),
        sa.Column("parties", sa.Integer(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screening_runs"),
    )
    op.create_table(
        "screening_hits",
        _id(),
        sa.Column(
            "run_id",
            ID,
            sa.ForeignKey("screening_runs.id", name="fk_screening_hits_run_id_screening_runs"),
            nullable=False,
        ),
        _text("master_bill", False),
        _text("filing", False),
        _text("role", False),
        _text("party_name", False),
        _text("party_country"),
        _text("entry_key", False),
        _text("matched_name", False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("name_score", sa.Float(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screening_hits"),
    )
    op.create_index("ix_screening_hits_master_bill", "screening_hits", ["master_bill"])
    op.create_index("ix_screening_hits_entry_key", "screening_hits", ["entry_key"])


def downgrade() -> None:
    op.drop_table("screening_hits")
    op.drop_table("screening_runs")
