"""Connections and the broker topology: the exchange, per-purpose quorum queues, retry and parking."""

from __future__ import annotations

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.adapters.utils.connection_workflow import AMQPConnectorException
from pika.exceptions import AMQPError

EXCHANGE = "sammen.events"
# Events that no queue is bound for land here instead of being dropped (the exchange's
# alternate exchange), so an operator can see what nobody consumes yet.
UNROUTED = "sammen.unrouted"
UNROUTED_MAX_LENGTH = 10_000

ATTEMPT_HEADER = "x-sammen-attempt"
REASON_HEADER = "x-sammen-reason"
ORIGINAL_KEY_HEADER = "x-sammen-routing-key"
PARKED_AT_HEADER = "x-sammen-parked-at"


# What connecting may raise: a broker that is away, refuses, or is too busy to finish the handshake.
CONNECT_ERRORS = (AMQPError, AMQPConnectorException, OSError)


def parameters(amqp_url: str, name: str) -> pika.URLParameters:
    """How every connection of the platform connects: heartbeats, timeouts and its name."""
    params = pika.URLParameters(amqp_url)
    params.heartbeat = 30
    params.blocked_connection_timeout = 60
    params.connection_attempts = 1
    params.socket_timeout = 5
    params.client_properties = {"connection_name": name}
    return params


def connect(amqp_url: str, name: str) -> pika.BlockingConnection:
    return pika.BlockingConnection(parameters(amqp_url, name))


def close_quietly(connection: pika.BlockingConnection) -> None:
    try:
        if connection.is_open:
            connection.close()
    except Exception:  # noqa: S110 - the connection is gone either way
        pass


def declare_exchange(channel: BlockingChannel) -> None:
    channel.exchange_declare(UNROUTED, exchange_type="fanout", durable=True)
    channel.queue_declare(
        UNROUTED,
        durable=True,
        arguments={"x-max-length": UNROUTED_MAX_LENGTH, "x-overflow": "drop-head"},
    )
    channel.queue_bind(UNROUTED, UNROUTED)
    channel.exchange_declare(
        EXCHANGE,
        exchange_type="topic",
        durable=True,
        arguments={"alternate-exchange": UNROUTED},
    )


def retry_queue(queue: str, delay_ms: int) -> str:
    return f"{queue}.retry.{delay_ms}ms"


def parked_queue(queue: str) -> str:
    return f"{queue}.parked"


def declare_subscription(
    channel: BlockingChannel,
    queue: str,
    routing_keys: tuple[str, ...],
    retry_delays_ms: tuple[int, ...],
) -> None:
    """A durable quorum queue bound to its keys, a delay queue per retry step, a parking queue."""
    declare_exchange(channel)
    channel.queue_declare(queue, durable=True, arguments={"x-queue-type": "quorum"})
    for key in routing_keys:
        channel.queue_bind(queue, EXCHANGE, routing_key=key)
    for delay in retry_delays_ms:
        # A message waits out its delay here, then dead-letters straight back to the queue.
        channel.queue_declare(
            retry_queue(queue, delay),
            durable=True,
            arguments={
                "x-queue-type": "quorum",
                "x-message-ttl": delay,
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": queue,
            },
        )
    channel.queue_declare(parked_queue(queue), durable=True, arguments={"x-queue-type": "quorum"})
