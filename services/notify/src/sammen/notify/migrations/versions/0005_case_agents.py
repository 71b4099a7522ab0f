"""case agents

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 21:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled from `case.assigned` from now on: the mails of cases assigned earlier are read by
    # coordinators and admins until the case is assigned again.
    op.create_table(
        "case_agents",
        sa.Column("tracking_code", sa.String(length=20), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tracking_code"),
    )
    with op.batch_alter_table("case_agents") as batch:
        batch.create_index("ix_case_agents_agent_id", ["agent_id"])


def downgrade() -> None:
    op.drop_table("case_agents")
