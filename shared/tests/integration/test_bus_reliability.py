"""The outbox, relay and consumer against the real RabbitMQ and both databases."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select

from sammen import metrics
from sammen.bus import emit, new_event, outbox
from sammen.bus.consumer import Consumer, Subscription
from sammen.bus.parked import list_parked, replay
from sammen.bus.relay import OutboxRelay
from sammen.testing import TcpProxy, broker_url_through, effects, publish_event, wait_for


def record_effect(session, event):
    session.execute(insert(effects).values(event_id=event.id))


def effect_count(db, event_id=None):
    with db.transaction() as session:
        query = select(func.count()).select_from(effects)
        if event_id:
            query = query.where(effects.c.event_id == event_id)
        return session.execute(query).scalar_one()


def run_in_thread(target):
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def relay(database, amqp_url):
    relay = OutboxRelay(database, amqp_url, "test", poll_seconds=0.02)
    thread = run_in_thread(relay.run)
    yield relay
    relay.stopping.set()
    thread.join(10)


def pending(db):
    with db.transaction() as session:
        return outbox.pending_count(session)


def test_an_event_is_published_only_when_its_transaction_commits(database, amqp_url, tap, relay):
    events = tap("test.#")
    committed = new_event("test", "test.committed", "s1", {"n": 1})
    with database.transaction() as session:
        emit(session, committed)
    with pytest.raises(RuntimeError), database.transaction() as session:
        emit(session, new_event("test", "test.rolled_back", "s2", {}))
        raise RuntimeError("the change failed")
    [seen] = events.wait_for("test.committed")
    assert seen.id == committed.id and seen.data == {"n": 1}
    wait_for(lambda: pending(database) == 0, what="the outbox to empty")
    assert events.of_type("test.rolled_back") == []
    with database.transaction() as session:
        [(event_id, body, sent_at)] = session.execute(
            select(
                outbox.outbox_table.c.event_id,
                outbox.outbox_table.c.body,
                outbox.outbox_table.c.sent_at,
            )
        ).all()
    # The published row stays for diagnosis, without the body that may hold personal data.
    assert (event_id, body) == (committed.id, "") and sent_at is not None


def test_a_broker_outage_delays_events_and_loses_none(database, amqp_url, tap):
    events = tap("test.#")
    proxy = TcpProxy("127.0.0.1", 5672)
    relay = OutboxRelay(database, broker_url_through(proxy, amqp_url), "test", poll_seconds=0.02)
    thread = run_in_thread(relay.run)
    try:
        with database.transaction() as session:
            emit(session, new_event("test", "test.before", None, {}))
        events.wait_for("test.before")
        proxy.cut()
        ids = []
        for n in range(20):
            event = new_event("test", "test.during", None, {"n": n})
            ids.append(event.id)
            with database.transaction() as session:
                emit(session, event)
        assert pending(database) > 0  # nothing can leave while the broker is away
        proxy.restore()
        events.wait_for("test.during", count=20, timeout=30)
        wait_for(lambda: pending(database) == 0, what="the outbox to empty")
        received = [e.id for e in events.of_type("test.during")]
        assert sorted(received) == sorted(ids)  # every one, none twice
    finally:
        relay.stopping.set()
        thread.join(10)
        proxy.close()


def start_consumer(database, amqp_url, handler, queue="test.effects"):
    consumer = Consumer(
        database, amqp_url, [Subscription(queue, ("test.#",), handler)], (100, 200), prefetch=5
    )
    thread = run_in_thread(consumer.run)
    wait_for(consumer.ready.is_set, what="the consumer")
    return consumer, thread


def test_a_redelivered_event_has_no_second_effect(database, amqp_url):
    consumer, thread = start_consumer(database, amqp_url, record_effect)
    try:
        event = new_event("test", "test.once", "s", {})
        publish_event(amqp_url, event)
        publish_event(amqp_url, event)  # the same event id again, as after a redelivery
        other = new_event("test", "test.once", "s", {})
        publish_event(amqp_url, other)
        wait_for(lambda: effect_count(database, other.id) == 1, what="the later event")
        assert effect_count(database, event.id) == 1
    finally:
        consumer.stopping.set()
        thread.join(10)


def test_a_failing_handler_is_retried_then_parked_with_its_reason_and_replayed(database, amqp_url):
    attempts = []
    broken = threading.Event()
    broken.set()

    def handler(session, event):
        attempts.append(event.id)
        if broken.is_set():
            raise ValueError("the address register is down")
        record_effect(session, event)

    parked_before = metrics.messages_parked.labels("test.effects")._value.get()
    consumer, thread = start_consumer(database, amqp_url, handler)
    try:
        event = new_event("test", "test.poison", "s", {})
        publish_event(amqp_url, event)
        parked = wait_for(lambda: list_parked(amqp_url, "test.effects"), what="the parked message")
        assert len(attempts) == 3  # the first try and one retry per delay
        assert parked[0].message_id == event.id
        assert parked[0].attempts == 3
        assert "ValueError: the address register is down" in parked[0].reason
        assert parked[0].routing_key == "test.poison"
        assert metrics.messages_parked.labels("test.effects")._value.get() == parked_before + 1
        assert effect_count(database) == 0

        broken.clear()  # the fix is deployed
        assert replay(amqp_url, "test.effects") == 1
        wait_for(lambda: effect_count(database, event.id) == 1, what="the replayed event's effect")
        assert list_parked(amqp_url, "test.effects") == []
    finally:
        consumer.stopping.set()
        thread.join(10)


def test_a_message_that_is_no_event_is_parked_at_once(database, amqp_url):
    import pika

    consumer, thread = start_consumer(database, amqp_url, record_effect)
    try:
        connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
        connection.channel().basic_publish("sammen.events", "test.garbage", b"{not json")
        connection.close()
        parked = wait_for(lambda: list_parked(amqp_url, "test.effects"), what="the parked message")
        assert parked[0].attempts == 1
        assert "invalid event" in parked[0].reason
    finally:
        consumer.stopping.set()
        thread.join(10)


def test_a_consumer_recovers_by_itself_when_its_connection_drops(database, amqp_url):
    proxy = TcpProxy("127.0.0.1", 5672)
    consumer, thread = start_consumer(database, broker_url_through(proxy, amqp_url), record_effect)
    try:
        first = new_event("test", "test.before", "s", {})
        publish_event(amqp_url, first)
        wait_for(lambda: effect_count(database, first.id) == 1, what="the first event")
        proxy.cut()  # what a broker restart or a network blip looks like from here
        wait_for(lambda: not consumer.ready.is_set(), what="the consumer to notice")
        after = new_event("test", "test.after", "s", {})
        publish_event(amqp_url, after)  # waits in the durable queue meanwhile
        proxy.restore()
        wait_for(lambda: effect_count(database, after.id) == 1, timeout=30, what="recovery")
        assert effect_count(database) == 2
    finally:
        consumer.stopping.set()
        thread.join(10)
        proxy.close()


def test_housekeeping_forgets_old_sent_rows_and_old_processed_ids(database):
    with database.transaction() as session:
        emit(session, new_event("test", "test.kept", None, {}))
        outbox.mark_sent(session, [row[0] for row in outbox.pending(session, 10, lock=False)])
        outbox.record_processed(session, "test.queue", "event-1")
    now = datetime.now(UTC)
    with database.transaction() as session:
        assert outbox.prune_sent(session, now - timedelta(days=7)) == 0
        assert outbox.prune_processed(session, now - timedelta(days=30)) == 0
        assert outbox.already_processed(session, "test.queue", "event-1")
    later = now + timedelta(days=31)
    with database.transaction() as session:
        assert outbox.prune_sent(session, later - timedelta(days=7)) == 1
        assert outbox.prune_processed(session, later - timedelta(days=30)) == 1
        assert not outbox.already_processed(session, "test.queue", "event-1")
