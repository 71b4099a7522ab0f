"""The idea board worker's job: announce the format to the hub."""

from __future__ import annotations

from sammen.bus.worker import Job
from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.db import Database
from sammen.formats.idea_board.service import SERVICE
from sammen.pilot_formats import FormatAnnouncer, FormatDescription

DESCRIPTION = FormatDescription(
    slug=SERVICE,
    name="Idébanken",
    description=(
        "Se idéer fra borgere, foreninger og virksomheder, som kommunen arbejder med – "
        "og kobl dig på med hjælp, en ressource eller en kontakt."
    ),
)


def announcer(settings: Settings, database: Database, clock: Clock = utc_now) -> FormatAnnouncer:
    return FormatAnnouncer(settings, database, DESCRIPTION, clock)


def jobs(settings: Settings, database: Database, clock: Clock) -> list[Job]:
    """The worker's job: the heartbeat."""
    return [announcer(settings, database, clock).job()]


def withdraw(settings: Settings, database: Database) -> None:
    """Stopped cleanly (SIGTERM, Ctrl-C): the hub drops the format now, not after its TTL."""
    announcer(settings, database).withdraw()
