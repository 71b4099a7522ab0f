"""privacy reports: every service's answer to an erasure or access request

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 18:55:54.934283
"""

import sqlalchemy as sa
from alembic import op

from sammen.db import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "privacy_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id", "service"),
    )
    op.create_index("ix_privacy_reports_request_id", "privacy_reports", ["request_id"])


def downgrade() -> None:
    op.drop_index("ix_privacy_reports_request_id", table_name="privacy_reports")
    op.drop_table("privacy_reports")
