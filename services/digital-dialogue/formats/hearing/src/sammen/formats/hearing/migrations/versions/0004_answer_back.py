"""answer back: the respondent's language, the høringsnotat per section

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 20:50:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Answers given before the language was kept came through the Danish pages.
    with op.batch_alter_table("responses") as batch:
        batch.add_column(
            sa.Column("language", sa.String(length=5), server_default="da", nullable=False)
        )
    with op.batch_alter_table("sections") as batch:
        batch.add_column(sa.Column("answer", sa.Text(), nullable=True))
        batch.add_column(sa.Column("changed", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sections") as batch:
        batch.drop_column("changed")
        batch.drop_column("answer")
    with op.batch_alter_table("responses") as batch:
        batch.drop_column("language")
