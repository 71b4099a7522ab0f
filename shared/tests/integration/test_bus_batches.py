"""Batches on the real RabbitMQ and both databases: the relay's confirms of a batch, and a
consumer that commits a batch at once and acks it only after the commit."""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import event, func, insert, select

from sammen.bus import emit, new_event, outbox
from sammen.bus.consumer import Consumer, Subscription
from sammen.bus.parked import list_parked
from sammen.bus.relay import BATCH, OutboxRelay
from sammen.bus.topology import close_quietly, connect, declare_subscription
from sammen.testing import TcpProxy, broker_url_through, effects, publish_event, wait_for

QUEUE = "test.batches"
RETRIES_MS = (100, 200)


def effects_by_event(db):
    with db.transaction() as session:
        rows = session.execute(
            select(effects.c.event_id, func.count()).group_by(effects.c.event_id)
        )
        return dict(rows.all())


def queue_waiting(amqp_url, events):
    """The queue declared and `events` waiting in it, so a consumer starting now gets them at once."""
    connection = connect(amqp_url, "test.declare")
    try:
        declare_subscription(connection.channel(), QUEUE, ("test.#",), RETRIES_MS)
    finally:
        close_quietly(connection)
    for queued in events:
        publish_event(amqp_url, queued)


def messages_in_queue(amqp_url):
    connection = connect(amqp_url, "test.count")
    try:
        return connection.channel().queue_declare(QUEUE, passive=True).method.message_count
    finally:
        close_quietly(connection)


def consuming(database, amqp_url, handler, *, await_ready=True):
    consumer = Consumer(
        database, amqp_url, [Subscription(QUEUE, ("test.#",), handler)], RETRIES_MS, prefetch=20
    )
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    if await_ready:
        wait_for(consumer.ready.is_set, what="the consumer")
    return consumer, thread


def test_a_batch_with_a_poison_message_parks_only_it_and_commits_the_rest(database, amqp_url):
    events = [new_event("test", "test.batched", "s", {"n": n}) for n in range(10)]
    poison = events[4]
    sessions: Counter[int] = Counter()

    def handler(session, handled):
        sessions[id(session)] += 1
        if handled.id == poison.id:
            raise ValueError("this one can never be handled")
        session.execute(insert(effects).values(event_id=handled.id))

    queue_waiting(amqp_url, events)
    consumer, thread = consuming(database, amqp_url, handler)
    try:
        parked = wait_for(lambda: list_parked(amqp_url, QUEUE), what="the poison message parked")
        wait_for(lambda: len(effects_by_event(database)) == 9, what="the other nine")
    finally:
        consumer.stopping.set()
        thread.join(10)
    assert [message.message_id for message in parked] == [poison.id]
    assert parked[0].attempts == 3 and "ValueError" in parked[0].reason
    # Every other message landed exactly once, although the batch was tried together first.
    assert effects_by_event(database) == {e.id: 1 for e in events if e.id != poison.id}
    assert max(sessions.values()) > 1  # messages that arrived together shared a transaction
    assert messages_in_queue(amqp_url) == 0


def test_a_batch_committed_but_not_acked_is_redelivered_and_has_no_second_effect(
    database, amqp_url
):
    events = [new_event("test", "test.batched", "s", {"n": n}) for n in range(5)]
    proxy = TcpProxy("127.0.0.1", 5672)
    calls: Counter[str] = Counter()
    cut = threading.Event()

    def cut_once(_session):
        if not cut.is_set():
            cut.set()
            proxy.cut()

    def handler(session, handled):
        calls[handled.id] += 1
        session.execute(insert(effects).values(event_id=handled.id))
        # The first commit is followed by the connection's loss, before the ack reaches the broker.
        event.listen(session, "after_commit", cut_once, once=True)

    queue_waiting(amqp_url, events)
    # Not awaiting `ready`: the first commit may cut the connection (and clear it) at once.
    consumer, thread = consuming(
        database, broker_url_through(proxy, amqp_url), handler, await_ready=False
    )
    try:
        wait_for(cut.is_set, what="the cut after the first commit")
        proxy.restore()
        wait_for(lambda: len(effects_by_event(database)) == 5, what="every effect")
        wait_for(lambda: messages_in_queue(amqp_url) == 0, timeout=30, what="the acks")
    finally:
        consumer.stopping.set()
        thread.join(10)
        proxy.close()
    assert effects_by_event(database) == {e.id: 1 for e in events}
    # The redelivered messages met their idempotency records before the handler ran again.
    assert set(calls.values()) == {1}


def test_the_relay_publishes_several_batches_and_marks_each_row_sent_once_confirmed(
    database, amqp_url, tap
):
    seen = tap("test.#")
    count = BATCH * 2 + 50
    with database.transaction() as session:
        for n in range(count):
            emit(session, new_event("test", "test.many", None, {"n": n}))
    relay = OutboxRelay(database, amqp_url, "test", poll_seconds=0.02)
    thread = threading.Thread(target=relay.run, daemon=True)
    thread.start()
    try:
        received = seen.wait_for("test.many", count=count, timeout=60)
        wait_for(lambda: pending(database) == 0, what="every row marked sent")
    finally:
        relay.stopping.set()
        thread.join(10)
    assert sorted(e.data["n"] for e in received) == list(range(count))
    with database.transaction() as session:
        unsent = session.execute(
            select(func.count()).where(outbox.outbox_table.c.sent_at.is_(None))
        ).scalar_one()
    assert unsent == 0


def test_a_relay_cut_off_mid_batch_loses_nothing(database, amqp_url, tap):
    seen = tap("test.#")
    count = BATCH * 3
    proxy = TcpProxy("127.0.0.1", 5672)
    with database.transaction() as session:
        for n in range(count):
            emit(session, new_event("test", "test.many", None, {"n": n}))
    relay = OutboxRelay(database, broker_url_through(proxy, amqp_url), "test", poll_seconds=0.02)
    thread = threading.Thread(target=relay.run, daemon=True)
    thread.start()
    try:
        seen.wait_for("test.many", count=1, timeout=30)
        proxy.cut()  # some rows of a batch are out, their confirms are not all in
        proxy.restore()
        wait_for(lambda: pending(database) == 0, timeout=60, what="the outbox to empty")
        received = seen.wait_for("test.many", count=count, timeout=30)
    finally:
        relay.stopping.set()
        thread.join(10)
        proxy.close()
    # At least once: a row whose confirm was lost goes again, and consumers drop the second copy.
    assert {e.data["n"] for e in received} == set(range(count))


def pending(db):
    with db.transaction() as session:
        return outbox.pending_count(session)
