"""A pilot format's worker: the heartbeat beside the format's own periodic work, and the
withdrawal on a clean stop."""

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
class Periodic:
    """Work a format does in one transaction at the clock's time, every `setting` seconds."""

    name: str
    setting: str
    default_seconds: float
    work: Callable[[Session, Settings, datetime], object]

    def job(self, settings: Settings, database: Database, clock: Clock) -> Job:
        def run() -> None:
            with database.transaction() as session:
                self.work(session, settings, clock())

        every = float(settings.get(self.setting, str(self.default_seconds)))
        return Job(self.name, every, run)


@dataclass(frozen=True)
class FormatWorker:
    """What a format's worker does; `jobs` and `withdraw` are its `sammen.runtime.Processes` hooks."""

    description: FormatDescription
    periodic: tuple[Periodic, ...] = ()

    def announcer(
        self, settings: Settings, database: Database, clock: Clock = utc_now
    ) -> FormatAnnouncer:
        return FormatAnnouncer(settings, database, self.description, clock)

    def jobs(self, settings: Settings, database: Database, clock: Clock) -> list[Job]:
        """The heartbeat, then the format's periodic work."""
        own = [periodic.job(settings, database, clock) for periodic in self.periodic]
        return [self.announcer(settings, database, clock).job(), *own]

    def withdraw(self, settings: Settings, database: Database) -> None:
        """Stopped cleanly (SIGTERM, Ctrl-C): the hub drops the format now, not after its TTL."""
        self.announcer(settings, database).withdraw()
