"""The body of every service's Alembic env.py: run migrations on the connection `migrate` gives."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, MetaData


def run(target_metadata: MetaData) -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection, target_metadata)
        return
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        _run_on(connection, target_metadata)
        connection.commit()


def _run_on(connection: Connection, target_metadata: MetaData) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
