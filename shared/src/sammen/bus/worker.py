"""A service's worker: the outbox relay, its consumers and its periodic jobs, as a process of its
own (`run_forever`) or inside the web process (`sammen.hosted_worker`)."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from prometheus_client import start_http_server

from sammen.bus.consumer import Consumer, Subscription
from sammen.bus.relay import OutboxRelay
from sammen.config import WORKER_METRICS_PORT_OFFSET, Settings
from sammen.db import Database

log = logging.getLogger("sammen.bus.worker")


@dataclass(frozen=True)
class Job:
    """Work done every so often (the SLA clock, mail retries, expiring formats)."""

    name: str
    every_seconds: float
    run: Callable[[], object]  # what it returns (a count, say) is not used
    wake: threading.Event | None = None  # runs at once when set, not only every so often


class Worker:
    def __init__(
        self,
        settings: Settings,
        database: Database,
        subscriptions: list[Subscription],
        jobs: list[Job] | None = None,
    ) -> None:
        self.settings = settings
        self.relay = OutboxRelay(database, settings.amqp_url, settings.service)
        self.consumer = Consumer(
            database,
            settings.amqp_url,
            subscriptions,
            settings.retry_delays_ms,
            settings.prefetch,
            name=f"{settings.service}.consumer",
        )
        self.jobs = jobs or []
        self.stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        targets: list[tuple[str, Callable[[], None]]] = [("relay", self.relay.run)]
        if self.consumer.subscriptions:
            targets.append(("consumer", self.consumer.run))
        targets += [(f"job-{job.name}", partial(self._repeat, job)) for job in self.jobs]
        for name, target in targets:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def _repeat(self, job: Job) -> None:
        while not self.stopping.is_set():
            if job.wake:
                # Cleared before the run: a wake-up during it means another run straight after.
                job.wake.clear()
            try:
                job.run()
            except Exception:
                log.exception("job %s failed; it runs again on schedule", job.name)
            (job.wake or self.stopping).wait(job.every_seconds)

    def begin_stopping(self) -> None:
        """Ask every thread to stop, without waiting (safe in a signal handler)."""
        self.stopping.set()
        for job in self.jobs:
            if job.wake:
                job.wake.set()
        self.relay.stopping.set()
        self.consumer.stopping.set()

    def stop(self, timeout: float = 10) -> None:
        self.begin_stopping()
        for thread in self._threads:
            thread.join(timeout)

    def run_forever(self) -> None:
        """The process entry point: serve metrics, work, and stop cleanly on SIGTERM or Ctrl-C."""
        port = int(
            self.settings.get(
                "SAMMEN_WORKER_METRICS_PORT", str(self.settings.port + WORKER_METRICS_PORT_OFFSET)
            )
        )
        if port:
            start_http_server(port)
        signal.signal(signal.SIGTERM, lambda *_: self.stopping.set())
        signal.signal(signal.SIGINT, lambda *_: self.stopping.set())
        self.start()
        log.info("worker started")
        self.stopping.wait()
        self.stop()
        log.info("worker stopped")
