"""The hearing worker's jobs: announce the format to the hub, close hearings past their deadline."""

from __future__ import annotations

from sammen.formats import FormatAnnouncer, FormatDescription
from sammen.bus.worker import Job
from sammen.config import Settings
from sammen.db import Database
from sammen.formats.hearing import service

DESCRIPTION = FormatDescription(
    slug=service.SERVICE,
    name="Høringer",
    description=(
        "Læs kommunens forslag, og giv dit høringssvar – til hvert afsnit eller samlet – "
        "inden fristen."
    ),
    staff_path="/personale",
)


def announcer(settings: Settings, database: Database) -> FormatAnnouncer:
    return FormatAnnouncer(settings, database, DESCRIPTION)


def close_job(settings: Settings, database: Database) -> Job:
    def run() -> None:
        with database.transaction() as session:
            service.close_due(session, settings)

    every = float(settings.get("HEARING_CLOSE_EVERY_SECONDS", "30"))
    return Job("close-hearings", every, run)
