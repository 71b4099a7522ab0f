"""requested messages

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 20:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("category", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("unsubscribe_url", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("unsubscribe_url")
        batch.drop_column("category")
