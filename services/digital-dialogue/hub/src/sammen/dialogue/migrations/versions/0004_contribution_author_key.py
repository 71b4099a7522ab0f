"""contribution author key

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
    # Contributions reported before formats sent the writer's key have none: no request finds them.
    with op.batch_alter_table("contributions") as batch:
        batch.add_column(sa.Column("author_key", sa.String(length=64), nullable=True))
        batch.create_index("ix_contributions_author_key", ["author_key"])


def downgrade() -> None:
    with op.batch_alter_table("contributions") as batch:
        batch.drop_index("ix_contributions_author_key")
        batch.drop_column("author_key")
