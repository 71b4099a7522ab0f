"""The idea board's rules, free of Flask and SQLAlchemy.

No like counts and no popularity ranking, on purpose: the seed warns that likes sweep ideas away
before they can mature. Ideas are ordered by when they were published or last active.
"""

from __future__ import annotations

from datetime import datetime

from sammen.vocabulary import CASE_STATUSES, N_, THEMES

STATUS_NAMES = CASE_STATUSES
# A withdrawn idea leaves the board: the initiator decides what is public.
OFF_BOARD = frozenset({"withdrawn"})

THEME_NAMES = THEMES

# Danish names (events carry them so); N_ marks them and the pages translate them where shown.
OFFERS: dict[str, str] = {
    "help": N_("Jeg vil gerne hjælpe"),
    "resource": N_("Jeg har en ressource (fx et lokale, udstyr eller materialer)"),
    "contact": N_("Jeg kender en, der kan hjælpe"),
}

SORTS: dict[str, str] = {"new": N_("Nyeste først"), "active": N_("Senest aktive først")}

REPORT_REASONS: dict[str, str] = {
    "offensive": N_("Krænkende eller chikanerende"),
    "personal-data": N_("Indeholder personoplysninger"),
    "spam": N_("Spam eller reklame"),
    "other": "Andet",  # the shared catalog translates it
}


def theme_name(slug: str) -> str:
    return THEME_NAMES.get(slug, slug)


def is_newer(known_at: datetime | None, event_at: datetime) -> bool:
    """Case events may arrive out of order across queues; an older one never undoes a newer one."""
    return known_at is None or event_at >= known_at


def on_board(status: str) -> bool:
    return status not in OFF_BOARD
