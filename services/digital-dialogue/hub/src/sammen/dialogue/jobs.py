"""The hub worker's periodic job: the live-format gauge, and pruning heartbeat records."""

from __future__ import annotations

from sammen.bus.worker import Job
from sammen.clock import Clock, utc_now
from sammen.db import Database
from sammen.dialogue import service
from sammen.dialogue.metrics import formats_live

GAUGE_SECONDS = 5.0


def registry_job(database: Database, clock: Clock = utc_now) -> Job:
    def run() -> None:
        now = clock()
        with database.transaction() as session:
            formats_live.set(len(service.live_formats(session, now)))
            service.prune_heartbeat_records(session, now)

    return Job("format-registry", GAUGE_SECONDS, run)


def jobs(database: Database, clock: Clock) -> list[Job]:
    """The worker's jobs."""
    return [registry_job(database, clock)]
