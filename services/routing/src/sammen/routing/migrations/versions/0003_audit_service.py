"""audit log for every service: which service recorded an entry, and the id of what was opened

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite alters a table by copying it. Existing entries were all routing's own.
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("service", sa.String(length=40), nullable=False, server_default="routing")
        )
        batch_op.add_column(sa.Column("subject", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("subject")
        batch_op.drop_column("service")
