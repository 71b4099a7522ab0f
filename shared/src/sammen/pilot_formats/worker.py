"""A pilot format's worker: the heartbeat beside the format's own jobs, the withdrawal on a stop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from sammen.bus.worker import Job
from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.db import Database
from sammen.pilot_formats.announcer import FormatAnnouncer, FormatDescription


@dataclass(frozen=True)
class FormatWorker:
    """What a format's worker does for the hub; `jobs` and `withdraw` are its `main` hooks' parts."""

    description: FormatDescription

    def announcer(
        self, settings: Settings, database: Database, clock: Clock = utc_now
    ) -> FormatAnnouncer:
        return FormatAnnouncer(settings, database, self.description, clock)

    def jobs(self, settings: Settings, database: Database, clock: Clock, *own: Job) -> list[Job]:
        """The heartbeat, then the format's `own` jobs."""
        return [self.announcer(settings, database, clock).job(), *own]

    def withdraw(self, settings: Settings, database: Database) -> None:
        """Stopped cleanly (SIGTERM, Ctrl-C): the hub drops the format now, not after its TTL."""
        self.announcer(settings, database).withdraw()


def transaction_job(
    name: str,
    every: float,
    database: Database,
    clock: Clock,
    work: Callable[[Session, datetime], object],
) -> Job:
    """A job that does `work` in one transaction at the clock's time, every `every` seconds."""

    def run() -> None:
        with database.transaction() as session:
            work(session, clock())

    return Job(name, every, run)
