"""staff single sign-on: the OpenID provider's id of a person who signs in through it

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite adds a unique constraint by copying the table.
    with op.batch_alter_table("staff_accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("oidc_subject", sa.String(length=255), nullable=True))
        batch_op.create_unique_constraint("uq_staff_accounts_oidc_subject", ["oidc_subject"])


def downgrade() -> None:
    with op.batch_alter_table("staff_accounts", schema=None) as batch_op:
        batch_op.drop_constraint("uq_staff_accounts_oidc_subject", type_="unique")
        batch_op.drop_column("oidc_subject")
