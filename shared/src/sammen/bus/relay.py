"""The outbox relay: publishes outbox rows with confirms, marking a row sent only after the ack."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPError
from sqlalchemy import func, select

from sammen import metrics
from sammen.bus import outbox
from sammen.bus.envelope import CONTENT_TYPE
from sammen.bus.topology import EXCHANGE, close_quietly, connect, declare_exchange
from sammen.db import Database

log = logging.getLogger("sammen.bus.relay")

BATCH = 100
KEEP_SENT = timedelta(days=7)  # sent rows, without their bodies
# Longer than any redelivery (the retry delays add up to minutes) or a replay from the parking queue.
KEEP_PROCESSED = timedelta(days=30)
GAUGE_EVERY = timedelta(seconds=5)


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
        """Publish until stopped, reconnecting after any broker or network failure."""
        backoff = 0.5
        while not self.stopping.is_set():
            try:
                connection = connect(self.amqp_url, f"{self.service}.relay")
            except (AMQPError, OSError) as error:
                log.warning("relay cannot reach the broker: %s", type(error).__name__)
                self.stopping.wait(backoff)
                backoff = min(backoff * 2, 10)
                continue
            backoff = 0.5
            metrics.broker_connected.labels("relay").set(1)
            try:
                channel = connection.channel()
                channel.confirm_delivery()
                declare_exchange(channel)
                while not self.stopping.is_set():
                    if self.publish_batch(channel) < BATCH:
                        self._housekeeping()
                        connection.sleep(self.poll_seconds)
            except (AMQPError, OSError) as error:
                log.warning("relay lost the broker: %s", type(error).__name__)
            finally:
                metrics.broker_connected.labels("relay").set(0)
                close_quietly(connection)

    def publish_batch(self, channel: BlockingChannel) -> int:
        """Publish up to one batch; rows confirmed before a failure are still marked sent."""
        sent: list[int] = []
        with self.database.transaction() as session:
            rows = outbox.pending(session, BATCH, lock=self.database.is_postgres)
            try:
                for row_id, event_id, routing_key, body in rows:
                    channel.basic_publish(
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
                    sent.append(row_id)
                    metrics.events_published.labels(routing_key).inc()
            finally:
                if sent:
                    outbox.mark_sent(session, sent)
        return len(rows)

    def _housekeeping(self) -> None:
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
