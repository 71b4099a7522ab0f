"""The outbox relay: publishes outbox rows with confirms, marking a row sent only after the ack.

A batch of rows is published at once and its confirms are awaited together (pika's asynchronous
connection; the blocking one waits for each message's confirm in turn), then the confirmed rows are
marked sent in one commit. While rows remain the relay goes straight on; an empty outbox is looked
at again every `poll_seconds`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pika
from pika.channel import Channel
from pika.frame import Method
from pika.spec import Basic, BasicProperties
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sammen import metrics
from sammen.bus import outbox
from sammen.bus.envelope import CONTENT_TYPE
from sammen.bus.topology import (
    CONNECT_ERRORS,
    EXCHANGE,
    close_quietly,
    connect,
    declare_exchange,
    parameters,
)
from sammen.db import Database

log = logging.getLogger("sammen.bus.relay")

BATCH = 100
KEEP_SENT = timedelta(days=7)  # sent rows, without their bodies
# Longer than any redelivery (the retry delays add up to minutes) or a replay from the parking queue.
KEEP_PROCESSED = timedelta(days=30)
GAUGE_EVERY = timedelta(seconds=5)
STOP_CHECK_SECONDS = 0.1


class OutboxRelay:
    def __init__(
        self, database: Database, amqp_url: str, service: str, poll_seconds: float = 0.1
    ) -> None:
        self.database = database
        self.amqp_url = amqp_url
        self.service = service
        self.poll_seconds = poll_seconds
        self.stopping = threading.Event()
        self._last_prune = datetime.min.replace(tzinfo=UTC)
        self._last_gauges = datetime.min.replace(tzinfo=UTC)

    def run(self) -> None:
        """Publish until stopped, reconnecting after any broker, network or database failure."""
        backoff = 0.5
        while not self.stopping.is_set():
            link = _Link(self, self.stopping.is_set)
            try:
                link.run()
            except Exception:
                log.exception("relay stopped unexpectedly; it starts again")
                link.failed = True
            if link.opened and not link.failed:
                backoff = 0.5
                continue
            self.stopping.wait(backoff)
            backoff = min(backoff * 2, 10)

    def drain(self, timeout: float) -> bool:
        """Publish the outbox now, on a connection of its own; whether it emptied in time."""
        deadline = time.monotonic() + timeout
        link = _Link(self, lambda: time.monotonic() > deadline, drain=True)
        link.run()
        return link.emptied

    def housekeeping(self) -> None:
        """The outbox gauges every few seconds; pruning old rows every hour."""
        now = datetime.now(UTC)
        if now - self._last_gauges < GAUGE_EVERY:
            return
        self._last_gauges = now
        with self.database.transaction() as session:
            count = outbox.pending_count(session)
            oldest = session.execute(
                select(func.min(outbox.outbox_table.c.created_at)).where(
                    outbox.outbox_table.c.sent_at.is_(None)
                )
            ).scalar_one()
            if now - self._last_prune > timedelta(hours=1):
                outbox.prune_sent(session, now - KEEP_SENT)
                outbox.prune_processed(session, now - KEEP_PROCESSED)
                self._last_prune = now
        metrics.outbox_pending.set(count)
        metrics.outbox_oldest_seconds.set(
            (now - _aware(oldest)).total_seconds() if oldest is not None else 0
        )


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class _Link:
    """One connection's life: batches out, confirms in, until it closes or `until()` holds."""

    def __init__(self, relay: OutboxRelay, until: Callable[[], bool], drain: bool = False) -> None:
        self.relay = relay
        self.until = until
        self.drain = drain
        self.opened = False
        self.failed = False  # the database failed: the next connection waits a little
        self.emptied = False
        self.connection: pika.SelectConnection | None = None
        self.channel: Channel | None = None
        # The batch in flight: its transaction (on PostgreSQL its rows stay locked), its rows by
        # delivery tag, those the broker confirmed, and the event ids it returned as unroutable.
        self.session: Session | None = None
        self.in_flight: dict[int, tuple[int, str, str]] = {}
        self.confirmed: list[int] = []
        self.returned: set[str] = set()
        self.published = 0
        self.closing = False

    def run(self) -> None:
        name = f"{self.relay.service}.relay"
        try:
            # The exchange is declared once per connection, the simple (blocking) way.
            declaring = connect(self.relay.amqp_url, name)
            try:
                declare_exchange(declaring.channel())
            finally:
                close_quietly(declaring)
        except CONNECT_ERRORS as error:
            log.warning("relay cannot reach the broker: %s", type(error).__name__)
            return
        self.connection = pika.SelectConnection(
            parameters(self.relay.amqp_url, name),
            on_open_callback=lambda connection: connection.channel(
                on_open_callback=self._on_channel_open
            ),
            on_open_error_callback=self._on_open_error,
            on_close_callback=self._on_closed,
        )
        self.connection.ioloop.start()

    def _close(self) -> None:
        self.closing = True
        if self.connection is not None and not (
            self.connection.is_closing or self.connection.is_closed
        ):
            self.connection.close()

    def _on_open_error(self, _connection: pika.SelectConnection, error: BaseException) -> None:
        log.warning("relay cannot reach the broker: %s", type(error).__name__)
        assert self.connection is not None
        self.connection.ioloop.stop()

    def _on_closed(self, _connection: pika.SelectConnection, reason: BaseException) -> None:
        if not self.closing:
            log.warning("relay lost the broker: %s", type(reason).__name__)
        # Rows confirmed before the loss are still marked sent; the rest go again.
        self.in_flight.clear()
        self._settle()
        metrics.broker_connected.labels("relay").set(0)
        assert self.connection is not None
        self.connection.ioloop.stop()

    def _on_channel_open(self, channel: Channel) -> None:
        self.channel = channel
        channel.add_on_close_callback(lambda _channel, _reason: self._close())
        channel.add_on_return_callback(self._on_return)
        channel.confirm_delivery(self._on_confirm, callback=self._on_confirming)

    def _on_confirming(self, _frame: Method) -> None:
        self.opened = True
        metrics.broker_connected.labels("relay").set(1)
        self._watch()
        self._next_batch()

    def _watch(self) -> None:
        if self.until():
            self._close()
            return
        assert self.connection is not None
        self.connection.ioloop.call_later(STOP_CHECK_SECONDS, self._watch)

    def _next_batch(self) -> None:
        assert self.connection is not None and self.channel is not None
        if self.session is not None or not self.channel.is_open:
            return
        session = Session(self.relay.database.engine)
        try:
            rows = outbox.pending(session, BATCH, lock=self.relay.database.is_postgres)
            if not rows:
                session.close()
                self.emptied = True
                if self.drain:
                    self._close()
                    return
                self.relay.housekeeping()
                self.connection.ioloop.call_later(self.relay.poll_seconds, self._next_batch)
                return
            self.session = session
            if not self.relay.database.is_postgres:
                # SQLite locks no rows, only the whole database: a transaction left open while
                # the broker confirms would hold its one write lock that long (and with the
                # worker inside the web process, every request's writes behind it). The rows
                # are marked sent in a transaction of their own once confirmed.
                session.commit()
            for row_id, event_id, routing_key, body in rows:
                self.channel.basic_publish(
                    EXCHANGE,
                    routing_key,
                    body.encode(),
                    pika.BasicProperties(
                        content_type=CONTENT_TYPE,
                        delivery_mode=pika.DeliveryMode.Persistent,
                        message_id=event_id,
                    ),
                    mandatory=True,
                )
                # In confirm mode the broker numbers a channel's messages 1, 2, 3, ...
                self.published += 1
                self.in_flight[self.published] = (row_id, event_id, routing_key)
        except Exception:
            # The database or the channel is away: nothing is marked sent; a new connection
            # publishes the rows again.
            log.exception("relay could not publish a batch")
            self.failed = True
            self.in_flight.clear()
            self.session = None
            session.close()
            self._close()

    def _on_return(
        self, _channel: Channel, _method: Basic.Return, props: BasicProperties, _body: bytes
    ) -> None:
        # A return comes before the message's ack; such a row stays unsent.
        self.returned.add(str(props.message_id))
        log.warning("an event was returned unroutable", extra={"event_id": props.message_id})

    def _on_confirm(self, frame: Method) -> None:
        method = frame.method
        tag = method.delivery_tag
        tags = [t for t in self.in_flight if t <= tag] if method.multiple else [tag]
        acked = isinstance(method, Basic.Ack)
        for confirmed_tag in tags:
            if confirmed_tag not in self.in_flight:
                continue  # a batch given up with its connection
            row_id, event_id, routing_key = self.in_flight.pop(confirmed_tag)
            if acked and event_id not in self.returned:
                self.confirmed.append(row_id)
                metrics.events_published.labels(routing_key).inc()
            else:
                log.warning("the broker did not take an event", extra={"event_id": event_id})
        if self.in_flight or self.session is None:
            return
        if not self._settle():
            self.failed = True
            self._close()
            return
        assert self.connection is not None
        # Rows may have come meanwhile: look again at once.
        self.connection.ioloop.call_later(0, self._next_batch)

    def _settle(self) -> bool:
        """Mark the confirmed rows of the batch sent, in one commit; False if that failed."""
        session, self.session = self.session, None
        confirmed, self.confirmed = self.confirmed, []
        self.returned.clear()
        if session is None:
            return True
        try:
            if confirmed:
                outbox.mark_sent(session, confirmed)
            session.commit()
            return True
        except Exception:
            log.exception("relay could not mark events sent; they are published again")
            return False
        finally:
            session.close()
