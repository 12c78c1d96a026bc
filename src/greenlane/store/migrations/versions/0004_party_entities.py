"""Party entities: the entity each party of each filing belongs to after batch resolution.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

# Written out by hand, like 0001: a migration keeps meaning what it meant when written.
TIME = sa.DateTime(timezone=True)


def _text(name: str, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "party_entities",
        _text("record_key", False),
        _text("master_bill", False),
        _text("role", False),
        _text("name", False),
        _text("entity_id", False),
        sa.Column("resolved_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("record_key", name="pk_party_entities"),
    )
    op.create_index("ix_party_entities_entity_id", "party_entities", ["entity_id"])
    op.create_index("ix_party_entities_master_bill", "party_entities", ["master_bill"])


def downgrade() -> None:
    op.drop_table("party_entities")
