"""The idea board's announcement to the hub."""

from __future__ import annotations

from sammen.formats import FormatAnnouncer, FormatDescription
from sammen.config import Settings
from sammen.db import Database
from sammen.formats.idea_board.service import SERVICE

DESCRIPTION = FormatDescription(
    slug=SERVICE,
    name="Idébanken",
    description=(
        "Se idéer fra borgere, foreninger og virksomheder, som kommunen arbejder med – "
        "og kobl dig på med hjælp, en ressource eller en kontakt."
    ),
)


def announcer(settings: Settings, database: Database) -> FormatAnnouncer:
    return FormatAnnouncer(settings, database, DESCRIPTION)
