"""The hearing's rules, free of Flask and SQLAlchemy: its phases, sections, moderation, the CSV."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sammen.local_time import LOCAL_TZ
from sammen.pilot_formats import contributors
from sammen.spreadsheet import semicolon_csv
from sammen.vocabulary import N_

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
# Danish names; N_ marks them and the pages translate them where shown.
PHASE_NAMES = {UPCOMING: N_("Åbner snart"), OPEN: N_("Åben for svar"), CLOSED: N_("Afsluttet")}

# Per hearing: answers shown publicly once a moderator approves them, or read only by staff.
ANSWER_MODES = {
    "public": N_("Offentlige efter moderation"),
    "internal": N_("Kun til kommunen"),
}
# Where moderation has an answer: the shared states, and internal for an answer never shown.
PENDING, PUBLISHED, HIDDEN = contributors.PENDING, contributors.PUBLISHED, contributors.HIDDEN
INTERNAL = "internal"
# In the hearing's words: who answered, each told once.
Respondent = contributors.Contributor
respondents = contributors.told_once
# Who sees a respondent's name and e-mail address and exports the answers (admins too); a
# moderator sees an answer as it is published, which is all that moderating it needs.
CONTACT_READERS = ("coordinator",)
MODERATION_NAMES = {**contributors.MODERATION_NAMES, INTERNAL: N_("Intern")}


def phase(opens_at: datetime, deadline: datetime, now: datetime) -> str:
    if now < opens_at:
        return UPCOMING
    return OPEN if now < deadline else CLOSED


def accepts_responses(opens_at: datetime, deadline: datetime, now: datetime) -> bool:
    return phase(opens_at, deadline, now) == OPEN


def local_input_value(moment: datetime) -> str:
    """The value a `datetime-local` input shows for an aware time."""
    return moment.astimezone(LOCAL_TZ).strftime("%Y-%m-%dT%H:%M")


def parse_sections(text: str) -> list[dict[str, str]]:
    """The staff form's document: each section starts with a line `# Heading`."""
    sections: list[dict[str, str]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith("#"):
            sections.append({"heading": line.lstrip("#").strip(), "body": ""})
        elif sections:
            sections[-1]["body"] += line + "\n"
        elif line.strip():
            raise ValueError(N_("Start dokumentet med en overskrift: en linje, der begynder med #"))
    return [{"heading": s["heading"], "body": s["body"].strip()} for s in sections]


def unknown_section(known: Iterable[int], answers: Iterable[dict[str, Any]]) -> int | None:
    """The first section a høringsnotat answers that the hearing does not have, if any."""
    return contributors.first_unknown_part(known, answers, "section")


def initial_moderation(answer_mode: str) -> str:
    return PENDING if answer_mode == "public" else INTERNAL


def moderation_after(current: str, action: str) -> str:
    """A moderator's hide/restore; internal answers are never made public."""
    if current == INTERNAL:
        return INTERNAL
    return contributors.moderation_after(current, action)


@dataclass(frozen=True)
class ExportRow:
    response_id: str
    submitted_at: datetime
    section: str
    name: str
    email: str
    organisation: str
    body: str
    moderation: str


CSV_HEADER = ("svar_id", "indsendt", "afsnit", "navn", "e-mail", "forening", "svar", "status")


def export_csv(rows: Iterable[ExportRow]) -> str:
    """Every answer, for staff: semicolons and a BOM, so Danish Excel opens it as it is."""
    return semicolon_csv(
        CSV_HEADER,
        (
            (
                row.response_id,
                row.submitted_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M"),
                row.section,
                row.name,
                row.email,
                row.organisation,
                row.body,
                MODERATION_NAMES.get(row.moderation, row.moderation),
            )
            for row in rows
        ),
    )
