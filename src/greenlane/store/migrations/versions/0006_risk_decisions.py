"""Risk decisions: the current decision on each shipment at each stage, its score and why.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

# Written out by hand, like 0001: a migration keeps meaning what it meant when written.
TIME = sa.DateTime(timezone=True)


def _text(name: str, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "risk_decisions",
        _text("master_bill", False),
        _text("stage", False),
        _text("profile", False),
        _text("port", False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        _text("lane", False),
        _text("selected_by", False),
        sa.Column("queue_priority", sa.Integer()),
        _text("referral"),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("decided_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("master_bill", "stage", name="pk_risk_decisions"),
    )
    op.create_index("ix_risk_decisions_port_day", "risk_decisions", ["port", "day"])
    op.create_index("ix_risk_decisions_lane", "risk_decisions", ["lane"])


def downgrade() -> None:
    op.drop_table("risk_decisions")
