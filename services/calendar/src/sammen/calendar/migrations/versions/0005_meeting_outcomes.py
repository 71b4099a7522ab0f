"""meetings that lead somewhere: closings, joint meetings' sources, Gentofte Talks proposals

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_closings",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("attendees", sa.Integer(), nullable=True),
        sa.Column("organisations", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=254), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "joint_meeting_sources",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("joint_event_id", sa.String(length=36), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("joined_by", sa.String(length=254), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["joint_event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index(
        "ix_joint_meeting_sources_joint_event_id", "joint_meeting_sources", ["joint_event_id"]
    )
    op.create_table(
        "talk_proposals",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("proposer_name", sa.String(length=120), nullable=True),
        sa.Column("proposer_email", sa.String(length=254), nullable=True),
        sa.Column("proposer_organisation", sa.String(length=200), nullable=False),
        sa.Column("proposer_type", sa.String(length=30), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("host_event", sa.String(length=300), nullable=False),
        sa.Column("wished_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=254), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_talk_proposals_proposer_email", "talk_proposals", ["proposer_email"])
    op.create_index("ix_talk_proposals_status", "talk_proposals", ["status"])
    op.create_index("ix_talk_proposals_event_id", "talk_proposals", ["event_id"])


def downgrade() -> None:
    op.drop_table("talk_proposals")
    op.drop_table("joint_meeting_sources")
    op.drop_table("event_closings")
