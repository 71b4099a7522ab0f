"""contact language

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Contacts stored before `idea.submitted` carried a language were all Danish.
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(
            sa.Column("language", sa.String(length=5), server_default="da", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("language")
