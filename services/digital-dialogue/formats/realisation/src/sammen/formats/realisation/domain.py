"""The realisation rules, free of Flask and SQLAlchemy: statuses, progress, updates, media, the
question clock and who may act for a recommendation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sammen.errors import Refused
from sammen.vocabulary import N_
from sammen.workdays import LOCAL, Deadline, answer_deadline, deadline_state

PLANNED, IN_PROGRESS, DONE, PAUSED, DROPPED = "planned", "in_progress", "done", "paused", "dropped"
# Danish names; N_ marks them and the pages translate them where shown.
STATUS_NAMES = {
    PLANNED: N_("Planlagt"),
    IN_PROGRESS: N_("I gang"),
    DONE: N_("Gennemført"),
    PAUSED: N_("Sat på pause"),
    DROPPED: N_("Opgivet"),
}

COMMITTEE_KINDS = {
    "task_committee": N_("Opgaveudvalg"),
    "council": N_("Råd"),
    "political_committee": N_("Politisk udvalg"),
    "think_tank": N_("Tænketank"),
}
MEMBER_ROLES = {"citizen": N_("Borger"), "politician": N_("Politiker")}

# A podcast or a film needs a transcript (WCAG 2.1: 1.2.1); a written link does not.
MEDIA_KINDS = {"audio": N_("Podcast eller lyd"), "video": N_("Film"), "text": N_("Tekst")}
NEEDS_TRANSCRIPT = ("audio", "video")

# Same clock as a case's first answer: 5 Danish working days.
ANSWER_WORKING_DAYS = 5
DEADLINE_NAMES = {
    "ok": N_("Inden for fristen"),
    "at_risk": N_("Frist i fare"),
    "breached": N_("Frist overskredet"),
    "answered": N_("Besvaret"),
}

# Staff who act for every recommendation; its named owner acts for their own.
COORDINATORS = ("coordinator", "admin")


class RuleBroken(Refused):
    """An update or a recommendation that breaks a rule; `field` names what to fix."""

    field: str

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field)


def check_status(status: str, dropped_reason: str | None) -> None:
    """Dropping a recommendation needs a public reason; other statuses carry none."""
    if status not in STATUS_NAMES:
        raise RuleBroken("status", N_("Vælg en status fra listen"))
    if status == DROPPED and not (dropped_reason or "").strip():
        raise RuleBroken("reason", N_("Skriv en offentlig begrundelse for at opgive anbefalingen"))


def check_progress(progress: int) -> None:
    if not 0 <= progress <= 100:
        raise RuleBroken("progress", N_("Fremdriften er et tal fra 0 til 100"))


def progress_after(current: int, status: str, reported: int | None) -> int:
    """The progress after an update: what was reported, and always 100 once done."""
    if status == DONE:
        return 100
    return current if reported is None else reported


def check_media(kind: str | None, url: str | None, transcript: str | None) -> None:
    """A media link needs its kind, and audio and video need a transcript."""
    if not url:
        return
    if kind not in MEDIA_KINDS:
        raise RuleBroken("media", N_("Vælg, om linket er en podcast, en film eller en tekst"))
    if kind in NEEDS_TRANSCRIPT and not (transcript or "").strip():
        raise RuleBroken(
            "transcript", N_("En podcast eller en film skal have en udskrift (tilgængelighed)")
        )


@dataclass(frozen=True)
class Change:
    """What one update does to its recommendation."""

    status: str
    progress: int
    dropped_reason: str | None


def apply_update(
    current_status: str,
    current_progress: int,
    status: str | None,
    progress: int | None,
    reason: str | None,
) -> Change:
    """Check an update's new status and progress against the rules and say what follows."""
    new_status = status or current_status
    check_status(new_status, reason)
    if progress is not None:
        check_progress(progress)
    dropped_reason = reason.strip() if new_status == DROPPED and reason else None
    return Change(
        new_status, progress_after(current_progress, new_status, progress), dropped_reason
    )


def question_deadline(asked_at: datetime) -> Deadline:
    return answer_deadline(asked_at, ANSWER_WORKING_DAYS)


def last_day(due: datetime) -> date:
    """The working day a deadline ends (it is due at the midnight after it), as people name it."""
    return (due.astimezone(LOCAL) - timedelta(seconds=1)).date()


def question_state(deadline: Deadline, now: datetime, answered_at: datetime | None) -> str:
    """`answered`, or else `ok`, `at_risk` or `breached` (as a case's first answer)."""
    return deadline_state(deadline, now, answered_at)


def is_owner(responsible_email: str, staff_email: str) -> bool:
    return responsible_email.strip().lower() == staff_email.strip().lower()


def may_act_for(roles: Iterable[str], staff_email: str, responsible_email: str) -> bool:
    """A coordinator (or admin) acts for every recommendation, its owner for their own."""
    return bool(set(roles) & set(COORDINATORS)) or is_owner(responsible_email, staff_email)


@dataclass(frozen=True)
class Recipient:
    """Someone told of an update: a committee member or a confirmed follower."""

    name: str
    email: str
    language: str
    unsubscribe_token: str


def recipients(members: Iterable[Recipient], followers: Iterable[Recipient]) -> list[Recipient]:
    """Each address once (case-insensitive): a member who also follows gets one mail, as member."""
    seen: dict[str, Recipient] = {}
    for recipient in [*members, *followers]:
        seen.setdefault(recipient.email.strip().lower(), recipient)
    return list(seen.values())
