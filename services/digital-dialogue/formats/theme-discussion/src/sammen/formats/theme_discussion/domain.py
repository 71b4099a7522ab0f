"""The theme discussion's rules, free of Flask and SQLAlchemy: its phases, questions, moderation,
who is told of the conclusions, and the export for the meeting papers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sammen.local_time import LOCAL_TZ
from sammen.pilot_formats import contributors as answering
from sammen.spreadsheet import semicolon_csv
from sammen.vocabulary import N_

OPEN, CLOSED, CONCLUDED = "open", "closed", "concluded"
# Danish names; N_ marks them and the pages translate them where shown.
PHASE_NAMES = {
    OPEN: N_("Åben for svar"),
    CLOSED: N_("Lukket for svar"),
    CONCLUDED: N_("Udvalget har konkluderet"),
}
MAX_QUESTIONS = 10
# Who publishes a discussion, reads the answers with names and addresses, exports them and
# publishes the conclusions: the committee's people (admins too).
STAFF = ("coordinator", "council_secretary", "admin")

# Who answered, each told once; where moderation has an answer, a moderator's decision on it, and
# the names of its states.
PENDING, PUBLISHED, HIDDEN = answering.PENDING, answering.PUBLISHED, answering.HIDDEN
Contributor = answering.Contributor
contributors = answering.told_once
moderation_after = answering.moderation_after
MODERATION_NAMES = answering.MODERATION_NAMES


def phase(closes_at: datetime, concluded_at: datetime | None, now: datetime) -> str:
    if concluded_at is not None:
        return CONCLUDED
    return OPEN if now < closes_at else CLOSED


def accepts_contributions(closes_at: datetime, now: datetime) -> bool:
    """Answers come in until the closing time; then the committee prepares its meeting."""
    return now < closes_at


def may_conclude(closes_at: datetime, now: datetime) -> bool:
    """The conclusions follow the meeting, so never while answers may still come in."""
    return not accepts_contributions(closes_at, now)


def parse_questions(text: str) -> list[str]:
    """The staff form's questions: one per line, blank lines left out."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def unknown_question(known: Iterable[int], answers: Iterable[dict[str, Any]]) -> int | None:
    """The first question the conclusions answer that the discussion does not have, if any."""
    return answering.first_unknown_part(known, answers, "question_id")


def sign_up_url(calendar_base_url: str, event_id: str) -> str:
    """The meeting's page in the calendar, at its sign-up."""
    return f"{calendar_base_url}/arrangementer/{quote(event_id, safe='')}#tilmelding-sektion"


@dataclass(frozen=True)
class ExportRow:
    contribution_id: str
    submitted_at: datetime
    question_position: int
    question: str
    name: str
    email: str
    text: str
    moderation: str


CSV_HEADER = ("svar_id", "indsendt", "nr", "spørgsmål", "navn", "e-mail", "svar", "status")


def export_csv(rows: Iterable[ExportRow]) -> str:
    """Every answer, for the meeting papers, ordered by question as the committee reads them."""
    ordered = sorted(rows, key=lambda r: (r.question_position, r.submitted_at))
    return semicolon_csv(
        CSV_HEADER,
        (
            (
                row.contribution_id,
                row.submitted_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M"),
                str(row.question_position),
                row.question,
                row.name,
                row.email,
                row.text,
                MODERATION_NAMES.get(row.moderation, row.moderation),
            )
            for row in ordered
        ),
    )
