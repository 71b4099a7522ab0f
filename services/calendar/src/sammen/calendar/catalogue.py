"""The calendar's fixed words: event kinds and statuses, topics, organizer kinds, seeded organizers.

Pure: no I/O. The Danish names are marked with N_ for the catalogs; pages translate them where shown.
"""

from __future__ import annotations

import re
import unicodedata

from sammen.vocabulary import N_, THEMES

KINDS: dict[str, str] = {
    "council_meeting": N_("Rådsmøde"),
    "theme_meeting": N_("Åbent temamøde"),
    "gentofte_talks": "Gentofte Talks",
    "deltag_bilen": "Deltag-bilen",  # a name; the shared catalog translates it
    "citizen_meeting": N_("Borgermøde"),
    "hearing_meeting": N_("Høringsmøde"),
}

STATUSES: dict[str, str] = {
    "planned": N_("Planlagt"),
    "changed": N_("Ændret"),
    "cancelled": N_("Aflyst"),
}

# The same policy areas citizens pick for their ideas, so a council can see what people raise.
TOPICS: dict[str, str] = {
    **{slug: name for slug, name in THEMES.items() if slug != "andet"},
    "demokrati-og-samskabelse": N_("Demokrati og samskabelse"),
}

# The seeded kinds, and those an admin adds: the bodies the recommendations name (way 4).
ORGANIZER_KINDS: dict[str, str] = {
    "council": N_("Råd"),
    "committee": N_("Politisk udvalg"),
    "dialogue": N_("Dialogformat"),
    "user_board": N_("Brugerbestyrelse"),
    "relatives_council": N_("Pårørenderåd"),
    "pupils_council": N_("Elevråd"),
    "think_tank": N_("Tænketank"),
    "advisory_board": N_("Advisory board"),
    "task_committee": N_("Opgaveudvalg"),
}

# An organizer's slug is its feed's address: lower-case letters, digits and single hyphens.
ORGANIZER_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Gentofte's four councils and the two dialogue formats the recommendations start.
FIXED_ORGANIZERS: tuple[tuple[str, str, str], ...] = (
    ("handicapraadet", "Handicaprådet", "council"),
    ("integrationsraadet", "Integrationsrådet", "council"),
    ("seniorraadet", "Seniorrådet", "council"),
    ("groent-raad", "Grønt Råd", "council"),
    ("gentofte-talks", "Gentofte Talks", "dialogue"),
    ("deltag-bilen", "Deltag-bilen", "dialogue"),
)

# The standing committees of the municipal council; CALENDAR_COMMITTEES replaces the list.
DEFAULT_COMMITTEES = (
    "Økonomiudvalget;Børne- og Skoleudvalget;Kultur-, Unge- og Fritidsudvalget;"
    "Social- og Sundhedsudvalget;Seniorudvalget;By- og Planudvalget;"
    "Klima- og Miljøudvalget;Erhvervs- og Beskæftigelsesudvalget"
)

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(name: str) -> str:
    """`Børne- og Skoleudvalget` → `boerne-og-skoleudvalget` (Danish letters spelled out)."""
    ascii_text = (
        unicodedata.normalize("NFKD", name.translate(_DANISH)).encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def parse_committees(text: str) -> list[tuple[str, str, str]]:
    """`Name;Name` (names may hold commas) → [(slug, name, "committee")]."""
    names = [name.strip() for name in text.split(";") if name.strip()]
    return [(slugify(name), name, "committee") for name in names]


def seeded_organizers(committees: str) -> list[tuple[str, str, str]]:
    """The fixed organizers and the committees of `committees`, as (slug, name, kind)."""
    return [*FIXED_ORGANIZERS, *parse_committees(committees)]
