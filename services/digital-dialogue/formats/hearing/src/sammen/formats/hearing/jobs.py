"""The hearing worker's jobs: announce the format to the hub, close hearings past their deadline."""

from __future__ import annotations

from sammen.bus.worker import Job
from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.db import Database
from sammen.formats.hearing import service
from sammen.pilot_formats import FormatAnnouncer, FormatDescription

DESCRIPTION = FormatDescription(
    slug=service.SERVICE,
    name="Høringer",
    description=(
        "Læs kommunens forslag, og giv dit høringssvar – til hvert afsnit eller samlet – "
        "inden fristen."
    ),
    staff_path="/personale",
)


def announcer(settings: Settings, database: Database, clock: Clock = utc_now) -> FormatAnnouncer:
    return FormatAnnouncer(settings, database, DESCRIPTION, clock)


def close_job(settings: Settings, database: Database, clock: Clock = utc_now) -> Job:
    def run() -> None:
        with database.transaction() as session:
            service.close_due(session, settings, clock())

    every = float(settings.get("HEARING_CLOSE_EVERY_SECONDS", "30"))
    return Job("close-hearings", every, run)


def jobs(settings: Settings, database: Database, clock: Clock) -> list[Job]:
    """The worker's jobs: the heartbeat and closing hearings."""
    return [announcer(settings, database, clock).job(), close_job(settings, database, clock)]


def withdraw(settings: Settings, database: Database) -> None:
    """Stopped cleanly (SIGTERM, Ctrl-C): the hub drops the format now, not after its TTL."""
    announcer(settings, database).withdraw()
