"""The worker's jobs: announce the format to the hub, close discussions past their closing time."""

from __future__ import annotations

from sammen.bus.worker import Job
from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.db import Database
from sammen.formats.theme_discussion import service
from sammen.pilot_formats.announcer import FormatDescription
from sammen.pilot_formats.worker import FormatWorker, transaction_job

DESCRIPTION = FormatDescription(
    slug=service.SERVICE,
    name="Temadrøftelser",
    description=(
        "Et politisk udvalg spørger før sit temamøde: svar på spørgsmålene, kom til mødet, "
        "og læs udvalgets konklusioner bagefter."
    ),
    staff_path="/personale",
)


WORKER = FormatWorker(DESCRIPTION)
announcer = WORKER.announcer
withdraw = WORKER.withdraw


def close_job(settings: Settings, database: Database, clock: Clock = utc_now) -> Job:
    every = float(settings.get("THEME_DISCUSSION_CLOSE_EVERY_SECONDS", "30"))
    return transaction_job(
        "close-discussions",
        every,
        database,
        clock,
        lambda session, now: service.close_due(session, settings, now),
    )


def jobs(settings: Settings, database: Database, clock: Clock) -> list[Job]:
    """The worker's jobs: the heartbeat and closing discussions."""
    return WORKER.jobs(settings, database, clock, close_job(settings, database, clock))
