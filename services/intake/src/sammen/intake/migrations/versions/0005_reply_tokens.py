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
    # Ideas sent before this have no link; their mails simply carry none.
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply_token_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("replies_closed_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_unique_constraint("uq_ideas_reply_token_hash", ["reply_token_hash"])


def downgrade() -> None:
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_constraint("uq_ideas_reply_token_hash", type_="unique")
        batch_op.drop_column("replies_closed_at")
        batch_op.drop_column("reply_token_hash")
