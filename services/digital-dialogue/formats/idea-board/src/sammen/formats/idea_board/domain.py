"""The idea board's rules, free of Flask and SQLAlchemy.

No like counts and no popularity ranking, on purpose: the seed warns that likes sweep ideas away
before they can mature. Ideas are ordered by when they were published or last active.
"""

from __future__ import annotations

from datetime import datetime

# The platform's case statuses as the public reads them (DESIGN.md, "Case statuses").
STATUS_NAMES: dict[str, str] = {
    "received": "Modtaget",
    "assigned": "Tildelt",
    "in_dialogue": "I dialog",
    "connected": "Koblet til andre",
    "trial": "Afprøves i det små",
    "handed_over": "Videregivet",
    "realised": "Realiseret",
    "returned_to_initiator": "Overdraget til initiativtageren, med støtte",
    "declined": "Afslået",
    "withdrawn": "Trukket tilbage",
}
# A withdrawn idea leaves the board: the initiator decides what is public.
OFF_BOARD = frozenset({"withdrawn"})

# Gentofte's policy areas (the theme slugs intake gives ideas); unknown slugs show as they are.
THEME_NAMES: dict[str, str] = {
    "boern-og-skole": "Børn og skole",
    "unge-og-uddannelse": "Unge og uddannelse",
    "kultur-og-fritid": "Kultur og fritid",
    "idraet-og-bevaegelse": "Idræt og bevægelse",
    "natur-klima-og-miljoe": "Natur, klima og miljø",
    "by-og-trafik": "By, bolig og trafik",
    "sundhed-og-forebyggelse": "Sundhed og forebyggelse",
    "aeldre-og-seniorliv": "Ældre og seniorliv",
    "handicap-og-social": "Handicap og det sociale område",
    "integration-og-faellesskab": "Integration og fællesskaber",
    "erhverv-og-beskaeftigelse": "Erhverv og beskæftigelse",
    "frivillighed-og-foreninger": "Frivillighed og foreningsliv",
    "andet": "Andet",
}

OFFERS: dict[str, str] = {
    "help": "Jeg vil gerne hjælpe",
    "resource": "Jeg har en ressource (fx et lokale, udstyr eller materialer)",
    "contact": "Jeg kender en, der kan hjælpe",
}

SORTS: dict[str, str] = {"new": "Nyeste først", "active": "Senest aktive først"}

REPORT_REASONS: dict[str, str] = {
    "offensive": "Krænkende eller chikanerende",
    "personal-data": "Indeholder personoplysninger",
    "spam": "Spam eller reklame",
    "other": "Andet",
}


def theme_name(slug: str) -> str:
    return THEME_NAMES.get(slug, slug)


def is_newer(known_at: datetime | None, event_at: datetime) -> bool:
    """Case events may arrive out of order across queues; an older one never undoes a newer one."""
    return known_at is None or event_at >= known_at


def on_board(status: str) -> bool:
    return status not in OFF_BOARD
