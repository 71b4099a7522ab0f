"""initial schema: discussions, questions, contributions; the outbox, ended staff sessions and
rate-limit counters

Revision ID: 0001
Revises:
Create Date: 2026-12-01 23:15:00.000000
"""

import sqlalchemy as sa
from alembic import op

from sammen import staff_sessions
from sammen.bus import outbox
from sammen.web import rate_limits

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox.create_tables(op.get_bind())
    staff_sessions.create_table(op.get_bind())
    rate_limits.create_table(op.get_bind())
    op.create_table(
        "discussions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("committee", sa.String(length=160), nullable=False),
        sa.Column("intro", sa.Text(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("concluded_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("discussions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_discussions_closes_at"), ["closes_at"], unique=False)

    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("discussion_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["discussion_id"], ["discussions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_questions_discussion_id"), ["discussion_id"], unique=False
        )

    op.create_table(
        "contributions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("discussion_id", sa.String(length=36), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("contributor_name", sa.String(length=120), nullable=False),
        sa.Column("contributor_email", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moderation", sa.String(length=20), nullable=False),
        sa.Column("moderation_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["discussion_id"], ["discussions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contributions_discussion_id"), ["discussion_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contributions_contributor_email"), ["contributor_email"], unique=False
        )


def downgrade() -> None:
    op.drop_table("contributions")
    op.drop_table("questions")
    op.drop_table("discussions")
    op.drop_table("rate_limits")
    op.drop_table("staff_sessions_ended")
