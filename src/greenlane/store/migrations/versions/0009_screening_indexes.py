"""Screening indexes: the index of the current watch lists, built once per list content and kept.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

# Written out by hand, like 0001: a migration keeps meaning what it meant when written.
TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "screening_indexes",
        sa.Column("index_key", sa.String(64), nullable=False),
        sa.Column("built_at", TIME, nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("names", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("index_key", name="pk_screening_indexes"),
    )


def downgrade() -> None:
    op.drop_table("screening_indexes")
