"""ideas show who took them over at the last hand-over

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 21:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsible_unit", sa.String(length=160), nullable=True))
        batch_op.add_column(sa.Column("responsible_name", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_column("responsible_name")
        batch_op.drop_column("responsible_unit")
