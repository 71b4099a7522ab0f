"""The consumer runner: manual acks after commit, idempotency by event id, retry, then parking.

What has arrived is handled together: one transaction for the batch (each message's idempotency
record in it with its effects), then one ack for all of them. If any message of the batch fails,
the transaction is rolled back and the batch is handled one message at a time, so only the
failing message is retried or parked.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPError
from pika.spec import Basic, BasicProperties
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sammen import metrics
from sammen.bus import outbox
from sammen.bus.envelope import Event, InvalidEvent
from sammen.bus.topology import (
    ATTEMPT_HEADER,
    CONNECT_ERRORS,
    ORIGINAL_KEY_HEADER,
    PARKED_AT_HEADER,
    REASON_HEADER,
    close_quietly,
    connect,
    declare_subscription,
    parked_queue,
    retry_queue,
)
from sammen.db import Database
from sammen.logs import correlation_id

log = logging.getLogger("sammen.bus.consumer")

Handler = Callable[[Session, Event], None]
PARKED_GAUGE_SECONDS = 5.0


@dataclass(frozen=True)
class Delivery:
    """A message as it arrived, waiting to be handled with the others that came with it."""

    method: Basic.Deliver
    props: BasicProperties
    body: bytes
    sub: Subscription


@dataclass(frozen=True)
class Subscription:
    """One purpose of a service: its queue `<service>.<purpose>`, the keys it needs, the handler."""

    queue: str
    routing_keys: tuple[str, ...]
    handler: Handler


class Consumer:
    def __init__(
        self,
        database: Database,
        amqp_url: str,
        subscriptions: list[Subscription],
        retry_delays_ms: tuple[int, ...],
        prefetch: int = 20,
        name: str = "consumer",
    ) -> None:
        self.database = database
        self.amqp_url = amqp_url
        self.subscriptions = subscriptions
        self.retry_delays_ms = retry_delays_ms
        self.prefetch = prefetch
        self.name = name
        self.stopping = threading.Event()
        self.ready = threading.Event()
        self._arrived: list[Delivery] = []

    @property
    def max_attempts(self) -> int:
        return len(self.retry_delays_ms) + 1

    def run(self) -> None:
        """Consume until stopped, reconnecting after any broker or network failure."""
        backoff = 0.5
        while not self.stopping.is_set():
            try:
                connection = connect(self.amqp_url, self.name)
            except CONNECT_ERRORS as error:
                log.warning("consumer cannot reach the broker: %s", type(error).__name__)
                self.stopping.wait(backoff)
                backoff = min(backoff * 2, 10)
                continue
            backoff = 0.5
            try:
                self._consume(connection)
            except (AMQPError, OSError) as error:
                log.warning("consumer lost the broker: %s", type(error).__name__)
            finally:
                self.ready.clear()
                metrics.broker_connected.labels("consumer").set(0)
                close_quietly(connection)

    def _consume(self, connection: pika.BlockingConnection) -> None:
        channel = connection.channel()
        channel.confirm_delivery()
        channel.basic_qos(prefetch_count=self.prefetch)
        self._arrived = []  # unacked deliveries of a lost connection come again
        for sub in self.subscriptions:
            declare_subscription(channel, sub.queue, sub.routing_keys, self.retry_delays_ms)
            channel.basic_consume(
                sub.queue,
                lambda _ch, method, props, body, sub=sub: self._arrived.append(
                    Delivery(method, props, body, sub)
                ),
            )
        self.ready.set()
        # Connected counts from here: every queue declared and consumed, so a caller waiting for
        # it (a test, the platform's readiness) knows no event for this service goes unrouted.
        metrics.broker_connected.labels("consumer").set(1)
        next_gauge = 0.0
        while not self.stopping.is_set():
            # Returns as soon as something arrived; then whatever else is already here joins it.
            connection.process_data_events(time_limit=0.5)
            if self._arrived:
                connection.process_data_events(time_limit=0)
                batch, self._arrived = self._arrived, []
                self._handle_batch(channel, batch)
            if time.monotonic() >= next_gauge:
                self._update_parked_gauge(channel)
                next_gauge = time.monotonic() + PARKED_GAUGE_SECONDS

    def _update_parked_gauge(self, channel: BlockingChannel) -> None:
        for sub in self.subscriptions:
            declared = channel.queue_declare(parked_queue(sub.queue), passive=True)
            metrics.parked_messages.labels(sub.queue).set(declared.method.message_count)

    def _handle_batch(self, channel: BlockingChannel, batch: list[Delivery]) -> None:
        if len(batch) > 1 and self._handle_together(batch):
            # One ack for the batch, only after its commit (every earlier tag is in it or acked).
            channel.basic_ack(batch[-1].method.delivery_tag, multiple=True)
            return
        for delivery in batch:
            self._on_message(channel, delivery)

    def _handle_together(self, batch: list[Delivery]) -> bool:
        """Handle `batch` in one transaction; False (nothing committed) if any message failed."""
        try:
            events = [Event.from_json(delivery.body) for delivery in batch]
        except InvalidEvent:
            return False
        seconds: list[float] = []
        try:
            with self.database.transaction() as session:
                # The batch's records first and together: a duplicate fails the batch at once.
                outbox.record_all_processed(
                    session,
                    [(d.sub.queue, e.id) for d, e in zip(batch, events, strict=True)],
                )
                for delivery, event in zip(batch, events, strict=True):
                    token = correlation_id.set(event.correlation_id)
                    started = time.perf_counter()
                    try:
                        delivery.sub.handler(session, event)
                    finally:
                        correlation_id.reset(token)
                    seconds.append(time.perf_counter() - started)
        except Exception as error:
            # A duplicate, a bad event or a failing handler: each message on its own decides.
            log.info(
                "a batch of %d failed (%s); handling its messages one by one",
                len(batch),
                type(error).__name__,
            )
            return False
        for delivery, event, spent in zip(batch, events, seconds, strict=True):
            metrics.handler_seconds.labels(delivery.sub.queue).observe(spent)
            metrics.events_consumed.labels(delivery.sub.queue, event.type, "ok").inc()
        return True

    def _on_message(self, channel: BlockingChannel, delivery: Delivery) -> None:
        sub = delivery.sub
        attempt = int((delivery.props.headers or {}).get(ATTEMPT_HEADER, 1))
        try:
            event = Event.from_json(delivery.body)
        except InvalidEvent as error:
            self._park(channel, delivery, f"invalid event: {error}", attempt)
            metrics.events_consumed.labels(sub.queue, "invalid", "parked").inc()
            channel.basic_ack(delivery.method.delivery_tag)
            return
        token = correlation_id.set(event.correlation_id)
        started = time.perf_counter()
        try:
            outcome = self.handle(sub, event)
        except InvalidEvent as error:
            # Data its contract cannot read never succeeds: parked at once, with the field named.
            self._park(channel, delivery, f"invalid event: {error}", attempt)
            outcome = "parked"
        except Exception as error:
            reason = f"{type(error).__name__}: {error}"
            log.warning(
                "handler failed on attempt %d: %s",
                attempt,
                type(error).__name__,
                extra={"event_id": event.id, "event_type": event.type, "queue": sub.queue},
            )
            if attempt < self.max_attempts:
                self._retry(channel, delivery, reason, attempt)
                outcome = "retried"
            else:
                self._park(channel, delivery, reason, attempt)
                outcome = "parked"
        finally:
            correlation_id.reset(token)
        metrics.handler_seconds.labels(sub.queue).observe(time.perf_counter() - started)
        metrics.events_consumed.labels(sub.queue, event.type, outcome).inc()
        # Acked only now: after the handler's transaction committed, or the retry was confirmed.
        channel.basic_ack(delivery.method.delivery_tag)

    def handle(self, sub: Subscription, event: Event) -> str:
        """Run the handler once per event id: its effects and the record commit together."""
        try:
            with self.database.transaction() as session:
                # The record goes first: a second delivery fails on its key at once (one round
                # trip instead of a look-up), and waits there while a first one is still running.
                outbox.record_processed(session, sub.queue, event.id)
                sub.handler(session, event)
        except IntegrityError:
            with self.database.transaction() as session:
                if outbox.already_processed(session, sub.queue, event.id):
                    return "duplicate"
            raise
        return "ok"

    def _retry(
        self, channel: BlockingChannel, delivery: Delivery, reason: str, attempt: int
    ) -> None:
        queue = retry_queue(delivery.sub.queue, self.retry_delays_ms[attempt - 1])
        channel.basic_publish(
            "", queue, delivery.body, _send_on_properties(delivery, attempt + 1, reason[:500])
        )

    def _park(
        self, channel: BlockingChannel, delivery: Delivery, reason: str, attempt: int
    ) -> None:
        queue = delivery.sub.queue
        properties = _send_on_properties(delivery, attempt, reason[:2000])
        properties.headers[PARKED_AT_HEADER] = datetime.now(UTC).isoformat()
        channel.basic_publish("", parked_queue(queue), delivery.body, properties)
        metrics.messages_parked.labels(queue).inc()
        log.error("message parked after %d attempts", attempt, extra={"queue": queue})


def _send_on_properties(delivery: Delivery, attempt: int, reason: str) -> BasicProperties:
    """The delivery's properties for sending it on: persistent, its attempt and the reason."""
    headers = dict(delivery.props.headers or {})
    headers[ATTEMPT_HEADER] = attempt
    headers[REASON_HEADER] = reason
    # Back from a delay queue the routing key is the queue's name; keep the event's.
    headers[ORIGINAL_KEY_HEADER] = headers.get(ORIGINAL_KEY_HEADER, delivery.method.routing_key)
    return pika.BasicProperties(
        content_type=delivery.props.content_type,
        delivery_mode=pika.DeliveryMode.Persistent,
        message_id=delivery.props.message_id,
        headers=headers,
    )
