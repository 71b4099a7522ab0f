"""The worker's jobs: announce the format to the hub, close discussions past their closing time."""

from __future__ import annotations

from sammen.bus.formats import FormatAnnouncer, FormatDescription
from sammen.bus.worker import Job
from sammen.config import Settings
from sammen.db import Database
from sammen.formats.theme_discussion import service

DESCRIPTION = FormatDescription(
    slug=service.SERVICE,
    name="Temadrøftelser",
    description=(
        "Et politisk udvalg spørger før sit temamøde: svar på spørgsmålene, kom til mødet, "
        "og læs udvalgets konklusioner bagefter."
    ),
    staff_path="/personale",
)


def announcer(settings: Settings, database: Database) -> FormatAnnouncer:
    return FormatAnnouncer(settings, database, DESCRIPTION)


def close_job(settings: Settings, database: Database) -> Job:
    def run() -> None:
        with database.transaction() as session:
            service.close_due(session, settings)

    every = float(settings.get("THEME_DISCUSSION_CLOSE_EVERY_SECONDS", "30"))
    return Job("close-discussions", every, run)
