"""The realisation's use cases, each one unit of work: a change and the events it causes commit
together (mails too: they are `notification.requested` events in the same outbox)."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from flask_babel import force_locale, format_date
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sammen.auth import StaffIdentity
from sammen.bus import emit
from sammen.config import Settings
from sammen.contracts import QuestionAnswered, QuestionAsked, UpdatePublished
from sammen.errors import Conflict, Refused
from sammen.formats.realisation import domain, mails
from sammen.formats.realisation.models import (
    Committee,
    Follower,
    Link,
    Member,
    Milestone,
    Question,
    Recommendation,
    Update,
)
from sammen.workdays import Deadline

SERVICE = "realisation"


class NotAllowed(Exception):
    """Only the recommendation's owner or a coordinator may do this."""


class UnknownCommittee(Refused):
    """The committee named does not exist."""

    field, message = "committee_id", "No committee has that id."


class UnknownMilestone(Refused):
    """The milestone named is not one of this recommendation's."""

    field, message = "milestone_done", "Not a milestone of this recommendation."


class AlreadyAnswered(Conflict):
    """A question is answered once; the answer stands on the page."""

    message = "The question is answered already."


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _token() -> str:
    return secrets.token_urlsafe(32)


def recommendation_url(settings: Settings, recommendation_id: str) -> str:
    return f"{settings.base_url(SERVICE)}/anbefalinger/{recommendation_id}"


# --- committees ---------------------------------------------------------------------------------


def _member(committee_id: str, data: dict[str, Any], now: datetime) -> Member:
    return Member(
        id=str(uuid.uuid4()),
        committee_id=committee_id,
        name=data["name"],
        email=data["email"],
        role=data["role"],
        language=data.get("language") or "da",
        unsubscribe_token=_token(),
        created_at=now,
    )


def create_committee(
    session: Session, payload: dict[str, Any], now: datetime | None = None
) -> Committee:
    now = _now(now)
    committee = Committee(
        id=str(uuid.uuid4()),
        name=payload["name"],
        kind=payload["kind"],
        description=payload.get("description"),
        organizer=payload.get("organizer"),
        created_at=now,
    )
    session.add(committee)
    session.flush()
    for data in payload.get("members") or []:
        session.add(_member(committee.id, data, now))
    session.flush()
    session.refresh(committee)
    return committee


def add_member(
    session: Session, committee: Committee, payload: dict[str, Any], now: datetime | None = None
) -> Member:
    member = _member(committee.id, payload, _now(now))
    session.add(member)
    session.flush()
    return member


def committees(session: Session) -> list[Committee]:
    return list(session.scalars(select(Committee).order_by(Committee.name)))


# --- recommendations ----------------------------------------------------------------------------


def create_recommendation(
    session: Session, payload: dict[str, Any], now: datetime | None = None
) -> Recommendation:
    """Record a recommendation with its named owner (the schema requires `responsible`)."""
    now = _now(now)
    if session.get(Committee, payload["committee_id"]) is None:
        raise UnknownCommittee
    status = payload.get("status") or domain.PLANNED
    domain.check_status(status, payload.get("dropped_reason"))
    progress = domain.progress_after(0, status, payload.get("progress"))
    domain.check_progress(progress)
    responsible = payload["responsible"]
    recommendation = Recommendation(
        id=str(uuid.uuid4()),
        committee_id=payload["committee_id"],
        title=payload["title"],
        summary=payload["summary"],
        decided_by=payload["decided_by"],
        decided_on=payload["decided_on"],
        responsible_unit=responsible["unit"],
        responsible_name=responsible["name"],
        responsible_email=responsible["email"],
        status=status,
        progress=progress,
        dropped_reason=payload.get("dropped_reason") if status == domain.DROPPED else None,
        how_to_contribute=payload.get("how_to_contribute"),
        created_at=now,
        updated_at=now,
    )
    recommendation.milestones = [
        Milestone(position=n, title=m["title"], due_on=m.get("due_on"))
        for n, m in enumerate(payload.get("milestones") or [], start=1)
    ]
    recommendation.links = [
        Link(kind=link["kind"], label=link["label"], url=link["url"])
        for link in payload.get("links") or []
    ]
    session.add(recommendation)
    session.flush()
    return recommendation


def recommendations(session: Session, committee_id: str | None = None) -> list[Recommendation]:
    query = select(Recommendation).order_by(Recommendation.updated_at.desc())
    if committee_id:
        query = query.where(Recommendation.committee_id == committee_id)
    return list(session.scalars(query))


def publish_update(
    session: Session,
    settings: Settings,
    recommendation: Recommendation,
    payload: dict[str, Any],
    staff: StaffIdentity,
    now: datetime | None = None,
) -> Update:
    """Publish an update: the page shows it, and every member and confirmed follower gets it once."""
    now = _now(now)
    if not domain.may_act_for(staff.roles, staff.email, recommendation.responsible_email):
        raise NotAllowed
    change = domain.apply_update(
        recommendation.status,
        recommendation.progress,
        payload.get("status"),
        payload.get("progress"),
        payload.get("reason"),
    )
    media = payload.get("media") or {}
    domain.check_media(media.get("kind"), media.get("url"), media.get("transcript"))
    milestone = None
    if payload.get("milestone_done") is not None:
        milestone = next(
            (m for m in recommendation.milestones if m.id == payload["milestone_done"]), None
        )
        if milestone is None:
            raise UnknownMilestone
        milestone.done_at = milestone.done_at or now
    recommendation.status = change.status
    recommendation.progress = change.progress
    recommendation.dropped_reason = change.dropped_reason
    recommendation.updated_at = now
    update = Update(
        id=str(uuid.uuid4()),
        recommendation_id=recommendation.id,
        text=payload["text"],
        status=change.status,
        progress=change.progress,
        milestone_id=milestone.id if milestone else None,
        media_kind=media.get("kind") if media.get("url") else None,
        media_url=media.get("url"),
        media_title=media.get("title"),
        transcript=media.get("transcript"),
        published_at=now,
        published_by=staff.id,
    )
    session.add(update)
    session.flush()
    url = recommendation_url(settings, recommendation.id)
    published = UpdatePublished(
        update_id=update.id,
        recommendation_id=recommendation.id,
        committee_id=recommendation.committee_id,
        title=recommendation.title,
        status=update.status,
        progress=update.progress,
        milestone_done=milestone.title if milestone else None,
        media_url=update.media_url,
        url=url,
        published_at=now.isoformat(),
    )
    emit(session, published.to_event(SERVICE, now))
    for recipient in _recipients(session, recommendation):
        reference = f"realisation.update:{update.id}:{recipient.unsubscribe_token[:16]}"
        unsubscribe = unsubscribe_url(settings, recipient.unsubscribe_token)
        mail = mails.update_published(
            reference, recipient, recommendation, update, url, unsubscribe
        )
        emit(session, mail.to_event(SERVICE, now, update.id))
    return update


def _recipients(session: Session, recommendation: Recommendation) -> list[domain.Recipient]:
    members = session.scalars(
        select(Member).where(
            Member.committee_id == recommendation.committee_id, Member.unsubscribed_at.is_(None)
        )
    )
    followers = session.scalars(
        select(Follower).where(
            Follower.recommendation_id == recommendation.id,
            Follower.confirmed_at.is_not(None),
            Follower.unsubscribed_at.is_(None),
        )
    )
    return domain.recipients(
        (domain.Recipient(m.name, m.email, m.language, m.unsubscribe_token) for m in members),
        (domain.Recipient("", f.email, f.language, f.unsubscribe_token) for f in followers),
    )


# --- followers ----------------------------------------------------------------------------------


def unsubscribe_url(settings: Settings, token: str) -> str:
    return f"{settings.base_url(SERVICE)}/afmeld/{token}"


def follow(
    session: Session,
    settings: Settings,
    recommendation: Recommendation,
    email: str,
    language: str,
    now: datetime | None = None,
) -> None:
    """Ask the address to confirm; nothing starts until it does, and the answer never says whether
    the address already follows (nobody learns who follows what)."""
    now = _now(now)
    address = email.strip().lower()
    follower = session.scalar(
        select(Follower).where(
            Follower.recommendation_id == recommendation.id,
            func.lower(Follower.email) == address,
        )
    )
    if follower is not None and follower.confirmed_at and not follower.unsubscribed_at:
        return
    if follower is None:
        follower = Follower(
            id=str(uuid.uuid4()),
            recommendation_id=recommendation.id,
            email=email,
            created_at=now,
            unsubscribe_token=_token(),
        )
        session.add(follower)
    # A new link each time: an old one from an earlier request no longer confirms.
    follower.confirm_token = _token()
    follower.language = language
    follower.confirmed_at = None
    follower.unsubscribed_at = None
    session.flush()
    confirm_url = f"{settings.base_url(SERVICE)}/bekraeft/{follower.confirm_token}"
    reference = f"realisation.confirm:{follower.id}:{follower.confirm_token[:16]}"
    mail = mails.confirm_following(reference, email, language, recommendation, confirm_url)
    emit(session, mail.to_event(SERVICE, now, follower.id))


def pending_follower(session: Session, confirm_token: str) -> Follower | None:
    return session.scalar(
        select(Follower).where(
            Follower.confirm_token == confirm_token, Follower.confirmed_at.is_(None)
        )
    )


def confirm_following(session: Session, follower: Follower, now: datetime | None = None) -> None:
    follower.confirmed_at = _now(now)


def unsubscribed_by(session: Session, token: str) -> Member | Follower | None:
    """The member or follower whose one-click link this is."""
    member = session.scalar(select(Member).where(Member.unsubscribe_token == token))
    if member is not None:
        return member
    return session.scalar(select(Follower).where(Follower.unsubscribe_token == token))


def unsubscribe(subscriber: Member | Follower, now: datetime | None = None) -> None:
    subscriber.unsubscribed_at = subscriber.unsubscribed_at or _now(now)


# --- questions ----------------------------------------------------------------------------------


def deadline_of(question: Question) -> Deadline:
    return Deadline(due=question.due_at, at_risk_from=question.at_risk_from)


def _local_due(due: datetime, language: str) -> str:
    with force_locale(language):
        return format_date(domain.last_day(due), "d. MMMM y")


def ask_question(
    session: Session,
    settings: Settings,
    recommendation: Recommendation,
    payload: dict[str, Any],
    now: datetime | None = None,
) -> Question:
    """A citizen's question: due in 5 working days; the owner is told by mail."""
    now = _now(now)
    deadline = domain.question_deadline(now)
    question = Question(
        id=str(uuid.uuid4()),
        recommendation_id=recommendation.id,
        asker_name=payload["name"],
        asker_email=payload["email"],
        language=payload.get("language") or "da",
        text=payload["text"],
        asked_at=now,
        due_at=deadline.due,
        at_risk_from=deadline.at_risk_from,
    )
    session.add(question)
    session.flush()
    asked = QuestionAsked(
        question_id=question.id,
        recommendation_id=recommendation.id,
        title=recommendation.title,
        asked_at=now.isoformat(),
        due_at=deadline.due.astimezone(UTC).isoformat(),
        url=recommendation_url(settings, recommendation.id),
    )
    emit(session, asked.to_event(SERVICE, now))
    staff_url = f"{settings.base_url(SERVICE)}/personale/spoergsmaal/{question.id}"
    owner_mail = mails.question_to_owner(
        question, recommendation, staff_url, _local_due(deadline.due, "da")
    )
    emit(session, owner_mail.to_event(SERVICE, now, question.id))
    return question


def questions(
    session: Session, recommendation_id: str | None = None, answered_only: bool = False
) -> list[Question]:
    query = select(Question).order_by(Question.asked_at)
    if recommendation_id:
        query = query.where(Question.recommendation_id == recommendation_id)
    if answered_only:
        query = query.where(Question.answered_at.is_not(None))
    return list(session.scalars(query))


def answer_question(
    session: Session,
    settings: Settings,
    question: Question,
    answer: str,
    staff: StaffIdentity,
    now: datetime | None = None,
) -> None:
    """The owner (or a coordinator) answers; the asker is told and the page shows it, nameless."""
    now = _now(now)
    recommendation = question.recommendation
    if not domain.may_act_for(staff.roles, staff.email, recommendation.responsible_email):
        raise NotAllowed
    if question.answered_at is not None:
        raise AlreadyAnswered
    question.answer = answer
    question.answered_at = now
    question.answered_by = staff.id
    url = recommendation_url(settings, recommendation.id)
    answered = QuestionAnswered(
        question_id=question.id,
        recommendation_id=recommendation.id,
        answered_at=now.isoformat(),
        on_time=now < question.due_at,
        url=f"{url}#spoergsmaal-{question.id}",
    )
    emit(session, answered.to_event(SERVICE, now))
    mail = mails.question_answered(question, recommendation, url)
    emit(session, mail.to_event(SERVICE, now, question.id))


def check_question_deadlines(session: Session, now: datetime | None = None) -> tuple[int, int]:
    """Note each open question once as at risk and once as breached; (at risk, breached) noted now.

    A question found already past its deadline goes straight to breached.
    """
    now = _now(now)
    open_questions = session.scalars(
        select(Question).where(
            Question.answered_at.is_(None),
            Question.breached_noted_at.is_(None),
            Question.at_risk_from <= now,
        )
    ).all()
    at_risk = breached = 0
    for question in open_questions:
        state = domain.question_state(deadline_of(question), now, None)
        if state == "breached":
            question.breached_noted_at = now
            breached += 1
        elif state == "at_risk" and question.at_risk_noted_at is None:
            question.at_risk_noted_at = now
            at_risk += 1
    return at_risk, breached


def open_question_states(session: Session, now: datetime | None = None) -> dict[str, int]:
    """How many unanswered questions are ok, at risk and breached (the gauge)."""
    now = _now(now)
    counts = {"ok": 0, "at_risk": 0, "breached": 0}
    for question in session.scalars(select(Question).where(Question.answered_at.is_(None))):
        counts[domain.question_state(deadline_of(question), now, None)] += 1
    return counts
