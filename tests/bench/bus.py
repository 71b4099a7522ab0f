"""The bus: events/s from the outbox through relay, broker and an idempotent consumer, beside
plain pika publishing with confirms and consuming with acks on the same broker."""

from __future__ import annotations

import json
import select
import subprocess
import sys
import time
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sql_select

from sammen.bus import emit, new_event, outbox
from sammen.db import Database
from sammen.testing.processes import end_process
from tests.bench.config import Mode
from tests.bench.procs import ROOT
from tests.bench.report import Figure, Target
from tests.bench.setup import stage

AT_LEAST_HALF = Target("≥ 50% of plain pika", lambda _v, ratio: ratio >= 0.50)
DEADLINE_SECONDS = 300


class Peer:
    """A `tests.bench.buspeer` process, talking over its stdout."""

    def __init__(self, *args: str) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "tests.bench.buspeer", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )

    def line(self, timeout: float = 60) -> str:
        ready, _, _ = select.select([self.popen.stdout], [], [], timeout)
        if not ready:
            raise RuntimeError(f"bus peer {self.popen.args[3]} said nothing for {timeout}s")
        line = self.popen.stdout.readline().strip()  # type: ignore[union-attr]
        if not line:
            raise RuntimeError(f"bus peer {self.popen.args[3]} exited")
        return line

    def stop(self) -> None:
        end_process(self.popen, 15)


def _event_data(n: int) -> dict[str, Any]:
    # About the size of an idea.submitted event.
    return {"n": n, "title": "Bytte-reol på biblioteket", "description": "x" * 300}


def through_outbox(db_url: str, amqp_url: str, count: int) -> dict[str, float]:
    database = Database(db_url)
    with database.engine.begin() as connection:
        outbox.create_tables(connection)
    peers = [Peer("consume", db_url, amqp_url, "bench.sink", "bench.outbox")]
    try:
        peers[0].line()
        peers.append(Peer("relay", db_url, amqp_url))
        peers[1].line()
        with database.transaction() as session:
            for n in range(count):
                emit(session, new_event("bench", "bench.outbox", str(n), _event_data(n)))
        started = time.time()
        deadline = time.monotonic() + DEADLINE_SECONDS
        done = 0
        while done < count and time.monotonic() < deadline:
            time.sleep(0.02)
            with database.transaction() as session:
                done = session.execute(
                    sql_select(func.count()).select_from(outbox.processed_table)
                ).scalar_one()
        finished = time.time()
    finally:
        for peer in peers:
            peer.stop()
        database.dispose()
    return {"events": done, "seconds": finished - started, "rate": done / (finished - started)}


def plain_pika(amqp_url: str, count: int) -> dict[str, float]:
    body = new_event("bench", "bench.plain", "0", _event_data(0)).to_json()
    consumer = Peer("pika-consume", amqp_url, "bench.plain-sink", "bench.plain", str(count))
    try:
        consumer.line()
        publisher = Peer("pika-publish", amqp_url, "bench.plain", str(count), body)
        try:
            publisher.line()
            published = json.loads(publisher.line(DEADLINE_SECONDS))
        finally:
            publisher.stop()
        consumed = json.loads(consumer.line(DEADLINE_SECONDS))
    finally:
        consumer.stop()
    seconds = consumed["last"] - published["started"]
    return {
        "events": consumed["consumed"],
        "seconds": seconds,
        "rate": consumed["consumed"] / seconds,
        "publish_rate": count / (published["finished"] - published["started"]),
    }


def measure(mode: Mode) -> list[Figure]:
    with stage(mode.work_dir / "bus", "bus", database=mode.database) as st:
        ceiling = plain_pika(st.amqp_url, mode.bus_events)
        result = through_outbox(st.databases["bus"], st.amqp_url, mode.bus_events)
    return [
        Figure(
            "bus.throughput",
            "bus events/s (outbox → relay → broker → idempotent consumer)",
            "events/s",
            result["rate"] if result["events"] == mode.bus_events else None,
            ceiling["rate"],
            "plain pika, confirms + acks",
            AT_LEAST_HALF,
            {"outbox": result, "plain_pika": ceiling},
            missing=None if result["events"] == mode.bus_events else "not every event arrived",
        )
    ]
