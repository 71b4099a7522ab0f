"""Ended staff sessions: recorded where they end, carried by `staff.sessions_ended` through the real
broker into another service's database (both kinds), and kept at the latest end."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from sammen import staff_sessions
from sammen.bootstrap import subscriptions
from sammen.bus import outbox
from sammen.bus.consumer import Consumer
from sammen.bus.relay import OutboxRelay
from sammen.db import Database
from sammen.testing import publish_event, queued_events, wait_for
from sammen.testing.events import envelope, sessions_ended

ENDED = datetime(2026, 12, 1, 9, 30, 0, 123456, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def prepared(url: str) -> Database:
    database = Database(url)
    with database.engine.begin() as connection:
        outbox.create_tables(connection)
        staff_sessions.create_table(connection)
    return database


@pytest.fixture
def database(database_url):
    database = prepared(database_url)
    yield database
    database.dispose()


def ended_since(database: Database, staff_id: int, issued_at: datetime) -> bool:
    with database.transaction() as session:
        return staff_sessions.ended_since(session, staff_id, issued_at)


def rows(database: Database) -> int:
    with database.transaction() as session:
        table = staff_sessions.sessions_ended_table
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_tokens_issued_up_to_the_end_are_void_and_later_ones_not(database):
    with database.transaction() as session:
        event = staff_sessions.end_all(session, "routing", 7, ENDED)
    assert ended_since(database, 7, ENDED - timedelta(hours=1))
    assert ended_since(database, 7, ENDED)
    assert not ended_since(database, 7, ENDED + MICROSECOND)  # a login right after the logout
    assert not ended_since(database, 8, ENDED - timedelta(hours=1))  # another account
    [queued] = queued_events(database, "staff.sessions_ended")
    assert queued.id == event.id and queued.subject == "7"
    assert queued.data == {"staff_id": 7, "ended_at": "2026-12-01T09:30:00.123456Z"}


def test_one_row_per_account_keeps_the_latest_end_whatever_the_order(database):
    with database.transaction() as session:
        staff_sessions.record_ended(session, 7, ENDED)
        staff_sessions.record_ended(session, 7, ENDED - timedelta(minutes=5))  # arrives late
    assert rows(database) == 1
    assert ended_since(database, 7, ENDED)
    with database.transaction() as session:
        staff_sessions.record_ended(session, 7, ENDED + timedelta(minutes=5))
    assert rows(database) == 1
    assert ended_since(database, 7, ENDED + timedelta(minutes=1))


def test_an_end_reaches_another_services_database_through_the_broker(database, amqp_url, tmp_path):
    """Routing's outbox and relay on one database; another service's consumer on the other."""
    publisher = prepared(f"sqlite:///{tmp_path / 'routing.sqlite3'}")
    queues = subscriptions([staff_sessions.queue("calendar")], {})
    consumer = Consumer(database, amqp_url, queues, (100, 200), name="test")
    relay = OutboxRelay(publisher, amqp_url, "routing", poll_seconds=0.02)
    threads = [threading.Thread(target=part.run, daemon=True) for part in (consumer, relay)]
    for thread in threads:
        thread.start()
    try:
        wait_for(consumer.ready.is_set, what="the consumer")
        with publisher.transaction() as session:
            event = staff_sessions.end_all(session, "routing", 7, ENDED)
        wait_for(lambda: ended_since(database, 7, ENDED), what="the end in calendar's database")
        assert not ended_since(database, 7, ENDED + MICROSECOND)
        # The same event again, then an older end delivered late, change nothing (one queue
        # keeps their order: once the older one is handled, so is the repeat).
        older = sessions_ended(staff_id=7, ended_at="2026-12-01T08:00:00Z")
        publish_event(amqp_url, event)
        publish_event(amqp_url, envelope(older))
        wait_for(lambda: processed(database) == 2, what="the older end handled")
        assert ended_since(database, 7, ENDED) and rows(database) == 1
    finally:
        consumer.stopping.set()
        relay.stopping.set()
        for thread in threads:
            thread.join(10)
        publisher.dispose()


def processed(database: Database) -> int:
    with database.transaction() as session:
        table = outbox.processed_table
        return session.execute(
            select(func.count()).select_from(table).where(table.c.queue == "calendar.sessions")
        ).scalar_one()
