"""The transactional outbox: events are rows written in the same transaction as the change."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from sammen.bus.envelope import Event
from sammen.db.driver_insert import DriverInsert
from sammen.db.results import changed_rows

_Id = BigInteger().with_variant(Integer, "sqlite")


_metadata = MetaData()
outbox_table = Table(
    "outbox",
    _metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("routing_key", String(120), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), index=True),
)
processed_table = Table(
    "processed_events",
    _metadata,
    # One row per (consumer queue, event id): the record that makes handlers idempotent.
    Column("queue", String(120), primary_key=True),
    Column("event_id", String(36), primary_key=True),
    Column("processed_at", DateTime(timezone=True), nullable=False),
)


def create_tables(bind: Connection) -> None:
    """Create the outbox and processed-events tables; every service's first migration calls this."""
    _metadata.create_all(bind)


# One statement for every event, its values apart: SQLAlchemy compiles it once, where values
# written into the statement would make it work out the statement's cache key on every emit.
# inline(): no RETURNING of the new row's id, which PostgreSQL would otherwise be asked for on
# every event (nobody reads it), at the cost of a result to build.
_INSERT_EVENT = insert(outbox_table).inline()
_INSERT_EVENTS = DriverInsert(insert(outbox_table))


def emit(session: Session | Connection, event: Event) -> None:
    """Queue `event` for publishing; it is sent only if the surrounding transaction commits
    (`session` may be a session's connection: the same transaction)."""
    session.execute(_INSERT_EVENT, _row(event))


def emit_all(connection: Connection, events: list[Event]) -> None:
    """`emit` for many events at once: one statement (the driver's executemany)."""
    _INSERT_EVENTS.run(connection, [_row(event) for event in events])


def _row(event: Event) -> dict[str, object]:
    return {
        "event_id": event.id,
        "routing_key": event.routing_key,
        "body": event.to_json(),
        "created_at": datetime.now(UTC),
    }


def pending(session: Session, limit: int, lock: bool) -> list[tuple[int, str, str, str]]:
    query = (
        select(
            outbox_table.c.id,
            outbox_table.c.event_id,
            outbox_table.c.routing_key,
            outbox_table.c.body,
        )
        .where(outbox_table.c.sent_at.is_(None))
        .order_by(outbox_table.c.id)
        .limit(limit)
    )
    if lock:
        # Two relays of one service never publish the same row at once.
        query = query.with_for_update(skip_locked=True)
    return [tuple(row) for row in session.execute(query)]


def mark_sent(session: Session, row_ids: list[int]) -> None:
    """Published rows keep their id, type and times (for diagnosis) but not their body: it may
    hold personal data, which an erasure could not reach here."""
    session.execute(
        update(outbox_table)
        .where(outbox_table.c.id.in_(row_ids))
        .values(sent_at=datetime.now(UTC), body="")
    )


def pending_count(session: Session) -> int:
    query = select(func.count()).select_from(outbox_table).where(outbox_table.c.sent_at.is_(None))
    return int(session.execute(query).scalar_one())


def prune_sent(session: Session, before: datetime) -> int:
    result = session.execute(delete(outbox_table).where(outbox_table.c.sent_at < before))
    return changed_rows(result)


def prune_processed(session: Session, before: datetime) -> int:
    """Forget events handled before `before`: a duplicate comes within minutes, not weeks."""
    result = session.execute(delete(processed_table).where(processed_table.c.processed_at < before))
    return changed_rows(result)


def already_processed(session: Session, queue: str, event_id: str) -> bool:
    query = select(processed_table.c.event_id).where(
        processed_table.c.queue == queue, processed_table.c.event_id == event_id
    )
    return session.execute(query).first() is not None


def record_processed(session: Session, queue: str, event_id: str) -> None:
    session.execute(
        insert(processed_table).values(
            queue=queue, event_id=event_id, processed_at=datetime.now(UTC)
        )
    )


def record_all_processed(session: Session, records: list[tuple[str, str]]) -> None:
    """The records (queue, event id) of a batch in one statement, not a round trip each."""
    now = datetime.now(UTC)
    session.execute(
        insert(processed_table),
        [
            {"queue": queue, "event_id": event_id, "processed_at": now}
            for queue, event_id in records
        ],
    )
