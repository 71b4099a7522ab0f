"""A queue wired by `sammen.bootstrap`, through the real broker and both databases: the handler gets the
typed event, and data its contract cannot read is parked at once, the field named."""

from __future__ import annotations

import dataclasses
import threading

from sammen.bootstrap import Queue, subscriptions
from sammen.bus.consumer import Consumer
from sammen.bus.parked import list_parked
from sammen.contracts import SessionsEnded
from sammen.testing import publish_event, wait_for
from sammen.testing.events import envelope, sessions_ended

QUEUE = "test.sessions"


def test_the_handler_gets_the_typed_event_and_unreadable_data_is_parked_at_once(database, amqp_url):
    handled: list[SessionsEnded] = []
    queue = Queue(QUEUE, {SessionsEnded.TYPE: lambda session, event: handled.append(event)})
    consumer = Consumer(database, amqp_url, subscriptions([queue], {}), (100, 200), prefetch=5)
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    try:
        wait_for(consumer.ready.is_set, what="the consumer")
        good = envelope(sessions_ended(staff_id=7))
        complete = envelope(sessions_ended(staff_id=8))
        broken = dataclasses.replace(complete, data={"staff_id": 8})  # no ended_at
        publish_event(amqp_url, broken)
        publish_event(amqp_url, good)
        parked = wait_for(lambda: list_parked(amqp_url, QUEUE), what="the parked message")
        wait_for(lambda: handled, what="the good event handled")
        [event] = handled
        assert isinstance(event, SessionsEnded) and event.staff_id == 7
        assert event.envelope.id == good.id
        assert [p.message_id for p in parked] == [broken.id]
        assert parked[0].attempts == 1  # never retried: it can never succeed
        assert "missing field ended_at" in parked[0].reason
    finally:
        consumer.stopping.set()
        thread.join(10)
