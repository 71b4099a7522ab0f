"""rate-limit counters, shared by every web worker of the service

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 21:00:00.000000
"""

from alembic import op

from sammen.web import rate_limits

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    rate_limits.create_table(op.get_bind())


def downgrade() -> None:
    op.drop_table("rate_limits")
