"""The hearing worker's jobs: announce the format to the hub, close hearings past their deadline."""

from __future__ import annotations

from sammen.bus.worker import Job
from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.db import Database
from sammen.formats.hearing import service
from sammen.pilot_formats.announcer import FormatDescription
from sammen.pilot_formats.worker import FormatWorker, transaction_job

DESCRIPTION = FormatDescription(
    slug=service.SERVICE,
    name="Høringer",
    description=(
        "Læs kommunens forslag, og giv dit høringssvar – til hvert afsnit eller samlet – "
        "inden fristen."
    ),
    staff_path="/personale",
)


WORKER = FormatWorker(DESCRIPTION)
withdraw = WORKER.withdraw


def close_job(settings: Settings, database: Database, clock: Clock = utc_now) -> Job:
    every = float(settings.get("HEARING_CLOSE_EVERY_SECONDS", "30"))
    return transaction_job(
        "close-hearings",
        every,
        database,
        clock,
        lambda session, now: service.close_due(session, settings, now),
    )


def jobs(settings: Settings, database: Database, clock: Clock) -> list[Job]:
    """The worker's jobs: the heartbeat and closing hearings."""
    return WORKER.jobs(settings, database, clock, close_job(settings, database, clock))
