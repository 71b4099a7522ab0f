"""The theme discussion's use cases, each one unit of work: a change and the events it causes
commit together."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen import contracts
from sammen.audit import record_opened
from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.config import Settings
from sammen.errors import Conflict, Refused
from sammen.formats.theme_discussion import domain, mails
from sammen.formats.theme_discussion.models import Contribution, Discussion, Question
from sammen.pilot_formats.answers import (
    announce_closing,
    answers_to,
    count_answers,
    read_by_staff,
)
from sammen.pilot_formats.mails import mail_each, queue_mail
from sammen.pilot_formats.moderation import contribution_reported, take_decision
from sammen.pilot_formats.personal_data import Holding

SERVICE = "theme_discussion"


class ClosesInThePast(Refused):
    """A new discussion whose closing time has already passed would take no answers."""

    field, message = "closes_at", "The closing time has already passed."


class DiscussionClosed(Refused):
    """An answer after the closing time."""

    field = "closes_at"

    def __init__(self, closes_at: datetime) -> None:
        super().__init__(f"The discussion closed for answers at {closes_at.isoformat()}.")


class NotYetClosed(Conflict):
    """The conclusions wait until answers can no longer come in."""

    field, message = "closes_at", "the conclusions follow the closing time."


class UnknownQuestion(Refused):
    """The question named is not one of this discussion's (an answer's `question_id`, or one of
    the conclusions' `per_question`)."""

    field, message = "question_id", "Not a question of this discussion."

    def __init__(self, question_id: int | None = None) -> None:
        if question_id is None:
            super().__init__()
        else:
            super().__init__(f"Not a question of this discussion: {question_id}", "per_question")
        self.question_id = question_id


def discussion_url(settings: Settings, discussion_id: str) -> str:
    return f"{settings.base_url(SERVICE)}/droeftelser/{discussion_id}"


def sign_up_url(settings: Settings, discussion: Discussion) -> str | None:
    """Where people sign up for the committee's meeting, when the discussion names one."""
    if not discussion.event_id:
        return None
    return domain.sign_up_url(settings.base_url("calendar"), discussion.event_id)


def create_discussion(
    session: Session,
    settings: Settings,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime | None = None,
) -> Discussion:
    now = now or datetime.now(UTC)
    if not domain.accepts_contributions(payload["closes_at"], now):
        raise ClosesInThePast
    discussion = Discussion(
        id=str(uuid.uuid4()),
        title=payload["title"],
        committee=payload["committee"],
        intro=payload["intro"],
        event_id=payload.get("event_id"),
        closes_at=payload["closes_at"],
        created_at=now,
        created_by=staff.id,
    )
    discussion.questions = [
        Question(position=n, text=text) for n, text in enumerate(payload["questions"], start=1)
    ]
    session.add(discussion)
    session.flush()
    opened = contracts.DiscussionOpened(
        discussion_id=discussion.id,
        title=discussion.title,
        committee=discussion.committee,
        event_id=discussion.event_id,
        closes_at=discussion.closes_at.isoformat(),
        questions=[
            contracts.DiscussionQuestion(id=q.id, text=q.text) for q in discussion.questions
        ],
        url=discussion_url(settings, discussion.id),
    )
    emit(session, opened.to_event(SERVICE, now))
    return discussion


def discussions(session: Session) -> list[Discussion]:
    return list(session.scalars(select(Discussion).order_by(Discussion.closes_at.desc())))


def submit_contribution(
    session: Session,
    settings: Settings,
    discussion: Discussion,
    payload: dict[str, Any],
    now: datetime | None = None,
) -> Contribution:
    """Store an answer to one question; it waits for the hub's moderators before it shows."""
    now = now or datetime.now(UTC)
    if not domain.accepts_contributions(discussion.closes_at, now):
        raise DiscussionClosed(discussion.closes_at)
    question = next((q for q in discussion.questions if q.id == payload["question_id"]), None)
    if question is None:
        raise UnknownQuestion
    contribution = Contribution(
        id=str(uuid.uuid4()),
        discussion_id=discussion.id,
        question_id=question.id,
        contributor_name=payload["name"],
        contributor_email=payload["email"],
        language=payload.get("language") or "da",
        text=payload["text"],
        submitted_at=now,
        moderation=domain.PENDING,
    )
    session.add(contribution)
    session.flush()
    url = discussion_url(settings, discussion.id)
    receipt = mails.receipt(discussion, question, _contributor(contribution), url)
    queue_mail(session, SERVICE, receipt, contribution.id, now)
    submitted = contracts.DiscussionContributionSubmitted(
        discussion_id=discussion.id, contribution_id=contribution.id, question_id=question.id
    )
    emit(session, submitted.to_event(SERVICE, now))
    # Pre-moderation through the hub's shared queue: "restore" publishes, "hide" keeps it off.
    emit(
        session,
        contribution_reported(
            settings,
            contribution.id,
            text=contribution.text,
            author_email=contribution.contributor_email,
            reason="Nyt svar til en temadrøftelse: godkend det (vis) eller skjul det",
            # The question in context on the public page: moderators have no staff page here.
            url=f"{discussion_url(settings, discussion.id)}#spoergsmaal-{question.id}",
            now=now,
        ),
    )
    return contribution


def contributions(
    session: Session, discussion_id: str, published_only: bool = False
) -> list[Contribution]:
    return answers_to(session, Contribution.discussion_id, discussion_id, published_only)


def contributions_read(
    session: Session, discussion_id: str, staff: StaffIdentity, now: datetime
) -> list[Contribution]:
    """Every answer with the contributors' names and addresses, as `staff` open them."""
    found = contributions(session, discussion_id)
    return read_by_staff(session, SERVICE, staff, "contributions_listed", discussion_id, found, now)


def exported(session: Session, discussion: Discussion, staff: StaffIdentity, now: datetime) -> str:
    """The export, as `staff` take it: the file takes every contributor's name and e-mail address
    out of the service, so the audit log records who exported them."""
    text = export(session, discussion)
    record_opened(session, SERVICE, staff, "contributions_exported", discussion.id, now)
    return text


def export(session: Session, discussion: Discussion) -> str:
    rows = [
        domain.ExportRow(
            contribution_id=c.id,
            submitted_at=c.submitted_at,
            question_position=c.question.position,
            question=c.question.text,
            name=c.contributor_name,
            email=c.contributor_email,
            text=c.text,
            moderation=c.moderation,
        )
        for c in contributions(session, discussion.id)
    ]
    return domain.export_csv(rows)


def publish_conclusions(
    session: Session,
    settings: Settings,
    discussion: Discussion,
    summary: str,
    per_question: list[dict[str, Any]],
    now: datetime | None = None,
) -> None:
    """Publish (or correct) the committee's conclusions; the first publication tells every
    contributor once. Questions not named keep what they had."""
    now = now or datetime.now(UTC)
    if not domain.may_conclude(discussion.closes_at, now):
        raise NotYetClosed
    unknown = domain.unknown_question((q.id for q in discussion.questions), per_question)
    if unknown is not None:
        raise UnknownQuestion(unknown)
    by_id = {q.id: q for q in discussion.questions}
    for conclusion in per_question:
        by_id[conclusion["question_id"]].conclusion = conclusion["text"]
    first_publication = discussion.concluded_at is None
    discussion.summary = summary
    if first_publication:
        discussion.concluded_at = now
        _conclude(session, settings, discussion, now)


def _contributor(contribution: Contribution) -> domain.Contributor:
    return domain.Contributor(
        contribution.id,
        contribution.contributor_name,
        contribution.contributor_email,
        contribution.language,
    )


def _conclude(session: Session, settings: Settings, discussion: Discussion, now: datetime) -> None:
    """`dialogue.discussion_concluded`, and one mail to each contributor with a link."""
    url = discussion_url(settings, discussion.id)
    told = domain.contributors(_contributor(c) for c in contributions(session, discussion.id))
    concluded = contracts.DiscussionConcluded(
        discussion_id=discussion.id,
        title=discussion.title,
        committee=discussion.committee,
        event_id=discussion.event_id,
        url=url,
        contributors=len(told),
        concluded_at=now.isoformat(),
    )
    emit(session, concluded.to_event(SERVICE, now))
    mail_each(session, SERVICE, told, lambda c: mails.concluded(discussion, c, url), now)


def close_due(session: Session, settings: Settings, now: datetime | None = None) -> int:
    """Send `dialogue.discussion_closed` once for every discussion past its closing time."""
    now = now or datetime.now(UTC)

    def closed(discussion: Discussion) -> contracts.DiscussionClosed:
        return contracts.DiscussionClosed(
            discussion_id=discussion.id,
            title=discussion.title,
            contributions=count_answers(session, Contribution.discussion_id, discussion.id),
            url=discussion_url(settings, discussion.id),
        )

    return announce_closing(session, SERVICE, Discussion.closes_at, now, closed)


def apply_moderation(session: Session, event: contracts.ContributionModerated) -> None:
    """`dialogue.contribution_moderated` from the hub, for one of our answers."""
    take_decision(session, event, SERVICE, Contribution)


# What the theme discussion keeps about a person: their answers.
HOLDINGS = [
    Holding(
        "discussion_answers",
        Contribution.contributor_email,
        {
            "discussion_id": "discussion_id",
            "question": "question.text",
            "name": "contributor_name",
            "email": "contributor_email",
            "language": "language",
            "text": "text",
            "submitted_at": "submitted_at",
            "moderation": "moderation",
        },
    )
]
