"""Goods findings: the current findings on each assessed shipment's goods, with duty at risk.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

# Written out by hand, like 0001: a migration keeps meaning what it meant when written.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIME = sa.DateTime(timezone=True)


def _text(name: str, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "goods_findings",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        _text("master_bill", False),
        _text("filing", False),
        sa.Column("line_number", sa.Integer()),
        _text("code", False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("duty_at_risk", sa.Float()),
        _text("currency"),
        sa.Column("assessed_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_goods_findings"),
    )
    op.create_index("ix_goods_findings_master_bill", "goods_findings", ["master_bill"])
    op.create_index("ix_goods_findings_code", "goods_findings", ["code"])


def downgrade() -> None:
    op.drop_table("goods_findings")
