"""Watch lists: versions of each list, entry contents stored once, the entries of each version.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-16
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

# Written out by hand, like 0001: a migration keeps meaning what it meant when written.
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
        "watch_list_versions",
        _id(),
        _text("list_name", False),
        sa.Column("number", sa.Integer(), nullable=False),
        _text("format", False),
        sa.Column("loaded_at", TIME, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watch_list_versions"),
        sa.UniqueConstraint("list_name", "number", name="uq_watch_list_versions_list_name_number"),
    )
    op.create_table(
        "watch_list_entries",
        _id(),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        _text("list_name", False),
        _text("entry_id", False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watch_list_entries"),
        sa.UniqueConstraint("entry_hash", name="uq_watch_list_entries_entry_hash"),
    )
    op.create_index(
        "ix_watch_list_entries_list_name_entry_id",
        "watch_list_entries",
        ["list_name", "entry_id"],
    )
    op.create_table(
        "watch_list_version_entries",
        _fk("version_id", "watch_list_version_entries", "watch_list_versions"),
        _text("entry_id", False),
        _fk("entry_row_id", "watch_list_version_entries", "watch_list_entries"),
        sa.PrimaryKeyConstraint("version_id", "entry_id", name="pk_watch_list_version_entries"),
    )


def downgrade() -> None:
    for table in ("watch_list_version_entries", "watch_list_entries", "watch_list_versions"):
        op.drop_table(table)
