"""List and replay parked messages: `python -m sammen.bus.parked list|replay QUEUE [--id ID]`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass

import pika

from sammen.bus.topology import (
    ATTEMPT_HEADER,
    PARKED_AT_HEADER,
    REASON_HEADER,
    connect,
    parked_queue,
)
from sammen.config import DEFAULT_AMQP_URL


@dataclass(frozen=True)
class ParkedMessage:
    message_id: str | None
    reason: str
    attempts: int
    parked_at: str
    routing_key: str


def _describe(props: pika.BasicProperties) -> ParkedMessage:
    headers = props.headers or {}
    return ParkedMessage(
        message_id=props.message_id,
        reason=str(headers.get(REASON_HEADER, "")),
        attempts=int(headers.get(ATTEMPT_HEADER, 0)),
        parked_at=str(headers.get(PARKED_AT_HEADER, "")),
        routing_key=str(headers.get("x-sammen-routing-key", "")),
    )


def list_parked(amqp_url: str, queue: str) -> list[ParkedMessage]:
    """Every parked message of `queue`, left where it is."""
    connection = connect(amqp_url, "parked-list")
    try:
        channel = connection.channel()
        found = []
        while True:
            method, props, _body = channel.basic_get(parked_queue(queue), auto_ack=False)
            if method is None:
                break
            found.append(_describe(props))
        # Closing the channel returns every unacked message to the queue, in order.
        channel.close()
        return found
    finally:
        connection.close()


def replay(amqp_url: str, queue: str, message_ids: set[str] | None = None) -> int:
    """Send parked messages (all, or those with the given ids) back to `queue` with fresh attempts."""
    connection = connect(amqp_url, "parked-replay")
    replayed = 0
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        while True:
            method, props, body = channel.basic_get(parked_queue(queue), auto_ack=False)
            if method is None:
                break
            if message_ids is not None and props.message_id not in message_ids:
                continue
            headers = {
                k: v
                for k, v in (props.headers or {}).items()
                if k not in (ATTEMPT_HEADER, REASON_HEADER, PARKED_AT_HEADER)
            }
            channel.basic_publish(
                "",
                queue,
                body,
                pika.BasicProperties(
                    content_type=props.content_type,
                    delivery_mode=pika.DeliveryMode.Persistent,
                    message_id=props.message_id,
                    headers=headers,
                ),
                mandatory=True,
            )
            channel.basic_ack(method.delivery_tag)
            replayed += 1
        channel.close()
        return replayed
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sammen.bus.parked", description="List or replay parked messages."
    )
    parser.add_argument("action", choices=["list", "replay"])
    parser.add_argument("queue", help="the consumer queue, e.g. routing.ideas")
    parser.add_argument("--id", action="append", dest="ids", help="replay only this message id")
    args = parser.parse_args(argv)
    amqp_url = os.environ.get("AMQP_URL", DEFAULT_AMQP_URL)
    if args.action == "list":
        for message in list_parked(amqp_url, args.queue):
            print(json.dumps(message.__dict__, ensure_ascii=False))
        return 0
    count = replay(amqp_url, args.queue, set(args.ids) if args.ids else None)
    print(f"replayed {count} message(s) to {args.queue}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
