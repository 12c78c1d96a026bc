"""Trusted-trader programs: mutual recognition arrangements and the program lists loaded.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

# Written out by hand, like 0001: a migration keeps meaning what it meant when written.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIME = sa.DateTime(timezone=True)


def _text(name: str, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "mutual_recognitions",
        _text("program", False),
        _text("jurisdiction", False),
        _text("partner_program", False),
        _text("partner_jurisdiction", False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("in_force_from", sa.Date()),
        sa.Column("in_force_until", sa.Date()),
        sa.Column("note", sa.Text()),
        sa.PrimaryKeyConstraint(
            "program",
            "jurisdiction",
            "partner_program",
            "partner_jurisdiction",
            name="pk_mutual_recognitions",
        ),
    )
    op.create_table(
        "program_loads",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        _text("kind", False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("loaded_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_program_loads"),
    )


def downgrade() -> None:
    op.drop_table("program_loads")
    op.drop_table("mutual_recognitions")
