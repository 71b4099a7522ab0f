"""The bus figure's other processes: `python -m tests.bench.buspeer ROLE ...`.

- `relay DB AMQP`: the shared OutboxRelay, publishing whatever the outbox holds.
- `consume DB AMQP QUEUE KEY`: the shared idempotent Consumer with a handler that does nothing.
- `pika-consume AMQP QUEUE KEY N`: the ceiling's consumer, plain pika with manual acks.
- `pika-publish AMQP KEY N BODY`: the ceiling's publisher, plain pika with publisher confirms.
- `mailpipe AMQP SMTP_PORT RATE N`: the end-to-end ceiling: publish with confirms on a fixed
  schedule, consume with acks, and send each as a mail to the bench's SMTP sink (header
  X-Bench-Start carries the scheduled start).

Each prints "ready" once listening, a JSON line with its times when done, and stops by itself
(SIGTERM, or after N messages, or after a deadline).
"""

from __future__ import annotations

import json
import signal
import smtplib
import sys
import threading
import time
from email.message import EmailMessage

import pika

from sammen.bus.consumer import Consumer, Subscription
from sammen.bus.relay import OutboxRelay
from sammen.bus.topology import EXCHANGE, declare_exchange, declare_subscription
from sammen.db import Database

DEADLINE_SECONDS = 600
PREFETCH = 20  # the platform's default SAMMEN_PREFETCH


def _say(line: str) -> None:
    print(line, flush=True)


def _until_term(stop: threading.Event) -> None:
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    _say("ready")
    stop.wait(DEADLINE_SECONDS)


def relay(db_url: str, amqp_url: str) -> None:
    runner = OutboxRelay(Database(db_url), amqp_url, "bench")
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    _until_term(runner.stopping)
    thread.join(10)


def consume(db_url: str, amqp_url: str, queue: str, key: str) -> None:
    consumer = Consumer(
        Database(db_url),
        amqp_url,
        [Subscription(queue, (key,), lambda _session, _event: None)],
        retry_delays_ms=(100, 200),
        prefetch=PREFETCH,
        name="bench.consumer",
    )
    thread = threading.Thread(target=consumer.run, daemon=True)
    thread.start()
    if not consumer.ready.wait(60):
        raise SystemExit("the consumer did not become ready")
    _until_term(consumer.stopping)
    thread.join(10)


def pika_consume(amqp_url: str, queue: str, key: str, count: int) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    channel.basic_qos(prefetch_count=PREFETCH)
    declare_subscription(channel, queue, (key,), ())
    seen = 0
    first = last = 0.0

    def on_message(ch, method, _props, body) -> None:  # type: ignore[no-untyped-def]
        nonlocal seen, first, last
        json.loads(body)  # as much reading of the body as the consumer does
        ch.basic_ack(method.delivery_tag)
        seen += 1
        first = first or time.time()
        last = time.time()

    channel.basic_consume(queue, on_message)
    _say("ready")
    deadline = time.monotonic() + DEADLINE_SECONDS
    while seen < count and time.monotonic() < deadline:
        connection.process_data_events(time_limit=0.2)
    connection.close()
    _say(json.dumps({"consumed": seen, "first": first, "last": last}))


def pika_publish(amqp_url: str, key: str, count: int, body: str) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    declare_exchange(channel)
    _say("ready")
    started = time.time()
    for n in range(count):
        channel.basic_publish(
            EXCHANGE,
            key,
            body.encode(),
            pika.BasicProperties(
                content_type="application/cloudevents+json",
                delivery_mode=pika.DeliveryMode.Persistent,
                message_id=str(n),
            ),
            mandatory=True,
        )
    connection.close()
    _say(json.dumps({"published": count, "started": started, "finished": time.time()}))


def mailpipe(amqp_url: str, smtp_port: int, rate: float, count: int) -> None:
    queue, key = "bench.mailpipe", "bench.mailpipe"
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.basic_qos(prefetch_count=PREFETCH)
    declare_subscription(channel, queue, (key,), ())
    smtp = smtplib.SMTP("127.0.0.1", smtp_port, timeout=10)
    sent = 0

    def on_message(ch, method, _props, body) -> None:  # type: ignore[no-untyped-def]
        nonlocal sent
        data = json.loads(body)
        mail = EmailMessage()
        mail["From"] = "sammen@gentofte.dk"
        mail["To"] = f"ceiling-{data['n']}@example.dk"
        mail["Subject"] = "Tak for din idé"
        mail["X-Bench-Start"] = repr(data["start"])
        mail.set_content("Kvittering.")
        smtp.send_message(mail)
        ch.basic_ack(method.delivery_tag)
        sent += 1

    channel.basic_consume(queue, on_message)
    publisher = threading.Thread(
        target=_publish_on_schedule, args=(amqp_url, key, rate, count), daemon=True
    )
    publisher.start()
    deadline = time.monotonic() + count / rate + 60
    while sent < count and time.monotonic() < deadline:
        connection.process_data_events(time_limit=0.2)
    smtp.quit()
    connection.close()
    _say(json.dumps({"sent": sent}))


def _publish_on_schedule(amqp_url: str, key: str, rate: float, count: int) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    channel.confirm_delivery()
    declare_exchange(channel)
    started = time.time()
    for n in range(count):
        scheduled = started + n / rate
        time.sleep(max(0.0, scheduled - time.time()))
        body = json.dumps({"n": n, "start": scheduled})
        channel.basic_publish(
            EXCHANGE, key, body.encode(), pika.BasicProperties(delivery_mode=2), mandatory=True
        )
    connection.close()


def main(argv: list[str]) -> int:
    role, *args = argv
    if role == "relay":
        relay(*args)
    elif role == "consume":
        consume(*args)
    elif role == "pika-consume":
        pika_consume(args[0], args[1], args[2], int(args[3]))
    elif role == "pika-publish":
        pika_publish(args[0], args[1], int(args[2]), args[3])
    elif role == "mailpipe":
        mailpipe(args[0], int(args[1]), float(args[2]), int(args[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
