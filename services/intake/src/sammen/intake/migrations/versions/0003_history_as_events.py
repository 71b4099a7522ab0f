"""history as events

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:00:00.000000
"""

import json
import re

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The Danish sentences intake stored for its own lines until then; each becomes its kind's facts.
RECEIVED = (
    "Tak for din idé. Den er modtaget, og en sparringsagent ser på den. "
    "Du får et første svar inden for 5 arbejdsdage."
)
PUBLISHED = "Idéen er nu vist i Idébanken."
ASSIGNED = re.compile(r"Din idé er givet til sparringsagent (?P<agent>.+), som kontakter dig\.")

history = sa.table(
    "idea_history",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("message", sa.Text),
    sa.column("data", sa.Text),
)


def facts_of(kind: str, message: str | None) -> dict[str, str] | None:
    """The facts of a stored platform sentence, or None when the line is not one (kept as is)."""
    if kind == "received" and message == RECEIVED:
        return {}
    if kind == "published" and message == PUBLISHED:
        return {}
    match = ASSIGNED.fullmatch(message or "") if kind == "assigned" else None
    return {"agent": match["agent"]} if match else None


def upgrade() -> None:
    with op.batch_alter_table("idea_history") as batch:
        batch.add_column(sa.Column("data", sa.Text(), nullable=True))
    connection = op.get_bind()
    platform_lines = sa.select(history.c.id, history.c.kind, history.c.message).where(
        history.c.kind.in_(("received", "assigned", "published"))
    )
    for row_id, kind, message in connection.execute(platform_lines).all():
        facts = facts_of(kind, message)
        if facts is None:
            continue
        connection.execute(
            sa.update(history)
            .where(history.c.id == row_id)
            .values(message=None, data=json.dumps(facts, ensure_ascii=False) if facts else None)
        )


def downgrade() -> None:
    with op.batch_alter_table("idea_history") as batch:
        batch.drop_column("data")
