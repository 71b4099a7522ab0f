"""ended staff sessions: this service refuses an account's tokens issued before routing ended them

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 20:30:00.000000
"""

from alembic import op

from sammen import staff_sessions

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    staff_sessions.create_table(op.get_bind())


def downgrade() -> None:
    op.drop_table("staff_sessions_ended")
