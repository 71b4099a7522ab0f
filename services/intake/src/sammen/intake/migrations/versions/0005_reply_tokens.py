"""ideas carry the hash of the initiator's write-back token and when replies closed

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:20:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN and an index: a batch (copy-and-move) of `ideas` on SQLite would drop the
    # old table, and its history rows with it (ON DELETE CASCADE). Older ideas have no link.
    op.add_column("ideas", sa.Column("reply_token_hash", sa.String(length=64), nullable=True))
    op.add_column(
        "ideas", sa.Column("replies_closed_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index("ix_ideas_reply_token_hash", "ideas", ["reply_token_hash"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_ideas_reply_token_hash", table_name="ideas")
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_column("replies_closed_at")
        batch_op.drop_column("reply_token_hash")
