"""cases name who took them over at the last hand-over

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 21:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsible_unit", sa.String(length=160), nullable=True))
        batch_op.add_column(sa.Column("responsible_name", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("responsible_email", sa.String(length=254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("responsible_email")
        batch_op.drop_column("responsible_name")
        batch_op.drop_column("responsible_unit")
