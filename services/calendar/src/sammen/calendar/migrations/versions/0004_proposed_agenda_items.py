"""proposed agenda items: cases linked to a council, for its secretaries

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposed_agenda_items",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "organizer_slug",
            sa.String(80),
            sa.ForeignKey("organizers.slug", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("tracking_code", sa.String(40), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("case_url", sa.String(500), nullable=False),
        sa.Column("proposed_by_name", sa.String(160), nullable=False),
        sa.Column("proposed_by_email", sa.String(254)),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("case_id", "organizer_slug"),
    )
    op.create_index(
        "ix_proposed_agenda_items_organizer_slug", "proposed_agenda_items", ["organizer_slug"]
    )


def downgrade() -> None:
    op.drop_table("proposed_agenda_items")
