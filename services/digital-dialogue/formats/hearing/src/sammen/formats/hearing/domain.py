"""The hearing's rules, free of Flask and SQLAlchemy: its phases, sections, moderation, the CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sammen.vocabulary import N_

LOCAL_TZ = ZoneInfo("Europe/Copenhagen")

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
# Danish names; N_ marks them and the pages translate them where shown.
PHASE_NAMES = {UPCOMING: N_("Åbner snart"), OPEN: N_("Åben for svar"), CLOSED: N_("Afsluttet")}

# Per hearing: answers shown publicly once a moderator approves them, or read only by staff.
ANSWER_MODES = {
    "public": N_("Offentlige efter moderation"),
    "internal": N_("Kun til kommunen"),
}
PENDING, PUBLISHED, HIDDEN, INTERNAL = "pending", "published", "hidden", "internal"
# Who sees a respondent's name and e-mail address and exports the answers (admins too); a
# moderator sees an answer as it is published, which is all that moderating it needs.
CONTACT_READERS = ("coordinator",)
MODERATION_NAMES = {
    PENDING: N_("Afventer moderation"),
    PUBLISHED: N_("Offentliggjort"),
    HIDDEN: N_("Skjult"),
    INTERNAL: N_("Intern"),
}


def phase(opens_at: datetime, deadline: datetime, now: datetime) -> str:
    if now < opens_at:
        return UPCOMING
    return OPEN if now < deadline else CLOSED


def accepts_responses(opens_at: datetime, deadline: datetime, now: datetime) -> bool:
    return phase(opens_at, deadline, now) == OPEN


def parse_local_datetime(text: str) -> datetime:
    """ISO 8601 → aware UTC; a time without an offset is Copenhagen wall-clock time."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return moment.astimezone(UTC)


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
    ids = set(known)
    return next((a["section"] for a in answers if a["section"] not in ids), None)


@dataclass(frozen=True)
class Respondent:
    """Someone who answered, told once however many answers they gave (the first names them)."""

    first_response_id: str
    name: str
    email: str
    language: str


def respondents(answers: Iterable[Respondent]) -> list[Respondent]:
    """One per e-mail address (case-insensitive), in the order they first answered."""
    seen: dict[str, Respondent] = {}
    for answer in answers:
        if answer.email:
            seen.setdefault(answer.email.strip().lower(), answer)
    return list(seen.values())


def initial_moderation(answer_mode: str) -> str:
    return PENDING if answer_mode == "public" else INTERNAL


def moderation_after(current: str, action: str) -> str:
    """A moderator's hide/restore; internal answers are never made public."""
    if current == INTERNAL:
        return INTERNAL
    return {"hide": HIDDEN, "restore": PUBLISHED}.get(action, current)


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


def _cell(value: str) -> str:
    # A cell starting like a formula would run in a spreadsheet (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_csv(rows: Iterable[ExportRow]) -> str:
    """Every answer, for staff: semicolons and a BOM, so Danish Excel opens it as it is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            [
                row.response_id,
                row.submitted_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M"),
                _cell(row.section),
                _cell(row.name),
                _cell(row.email),
                _cell(row.organisation),
                _cell(row.body),
                MODERATION_NAMES.get(row.moderation, row.moderation),
            ]
        )
    return "\ufeff" + out.getvalue()
