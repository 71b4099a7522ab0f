"""Beyond one machine: two worker processes of one service consume one queue, and the idempotency
table keeps every event to a single effect — even when the same event is delivered to both."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Column, MetaData, String, func, insert, select

from sammen.bus import new_event
from sammen.bus.consumer import Consumer, Subscription
from sammen.db import Database
from sammen.testing import effects_table, outbox_database, publish_event, wait_for

metadata = MetaData()
effects = effects_table(metadata, Column("worker", String(20)))
QUEUE = "ops-test.effects"


@pytest.fixture
def database(database_url: str):  # type: ignore[no-untyped-def]
    with outbox_database(database_url, metadata) as db:
        yield db


def counts(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        rows = session.execute(select(effects.c.worker, func.count()).group_by(effects.c.worker))
        return dict(rows.all())


def test_two_workers_share_one_queue_without_double_effects(
    database: Database, amqp_url: str
) -> None:
    workers = []
    for name in ("worker-a", "worker-b"):

        def handler(session, event, name=name):  # type: ignore[no-untyped-def]
            session.execute(insert(effects).values(event_id=event.id, worker=name))

        # Two consumers on one queue, each with its own connection, as two processes would be.
        consumer = Consumer(
            database,
            amqp_url,
            [Subscription(QUEUE, ("ops.#",), handler)],
            (100, 200),
            prefetch=1,
            name=name,
        )
        thread = threading.Thread(target=consumer.run, daemon=True)
        thread.start()
        workers.append((consumer, thread))
    try:
        for consumer, _ in workers:
            wait_for(consumer.ready.is_set, what=f"{consumer.name} to listen")
        events = [new_event("ops-test", "ops.effect", str(i), {"n": i}) for i in range(30)]
        # Every event twice, as after a redelivery: the second copies meet the first ones in both
        # workers (round-robin with prefetch 1), some while the first is still being handled.
        for event in [*events, *events]:
            publish_event(amqp_url, event)
        wait_for(lambda: sum(counts(database).values()) >= len(events), what="every event handled")
        # Let every duplicate be consumed (acked as a duplicate) before counting again.
        wait_for(lambda: not _queue_has_messages(amqp_url), what="the queue to drain")
        per_worker = counts(database)
        assert sum(per_worker.values()) == len(events)
        assert set(per_worker) == {"worker-a", "worker-b"}, "both workers took part"
        with database.transaction() as session:
            distinct = session.execute(
                select(func.count(func.distinct(effects.c.event_id)))
            ).scalar_one()
        assert distinct == len(events)
    finally:
        for consumer, thread in workers:
            consumer.stopping.set()
            thread.join(10)


def _queue_has_messages(amqp_url: str) -> bool:
    import pika

    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        declared = connection.channel().queue_declare(QUEUE, passive=True)
        return declared.method.message_count > 0
    finally:
        connection.close()
