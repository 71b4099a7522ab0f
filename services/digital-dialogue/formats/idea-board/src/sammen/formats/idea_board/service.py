"""The idea board's use cases, each one unit of work: a change and the events it causes commit together."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sammen import privacy
from sammen.bus import emit
from sammen.config import Settings
from sammen.contracts import (
    AccessRequested,
    CaseAssigned,
    CasePublished,
    CaseStatusChanged,
    ContributionModerated,
    ErasureRequested,
    IdeaJoined,
    Person,
)
from sammen.formats.idea_board import domain
from sammen.formats.idea_board.models import Comment, Idea, Join
from sammen.pilot_formats import personal_data
from sammen.pilot_formats.moderation import contribution_reported, moderated
from sammen.pilot_formats.personal_data import Holding

SERVICE = "idea_board"


def idea_url(settings: Settings, case_id: str) -> str:
    return f"{settings.base_url(SERVICE)}/ideer/{case_id}"


# --- from routing -------------------------------------------------------------------------------


def apply_published(session: Session, event: CasePublished) -> None:
    """`case.published`: the idea appears (or its public text is refreshed)."""
    at = event.envelope.time
    case_id = str(event.case_id)
    idea = session.get(Idea, case_id)
    if idea is None:
        idea = Idea(
            case_id=case_id,
            status=event.status or "received",
            status_at=at,
            published_at=_time(event.published_at, at),
            last_activity_at=at,
        )
        session.add(idea)
    elif domain.is_newer(idea.status_at, at):
        idea.status = event.status or idea.status
        idea.status_at = at
    idea.idea_id = event.idea_id
    idea.tracking_code = event.tracking_code
    idea.title = str(event.title)[:200]
    idea.summary = str(event.summary or "")
    idea.theme = str(event.theme or "andet")[:60]
    idea.agent_name = event.agent.name
    idea.agent_email = event.agent.email
    idea.agent_phone = event.agent.phone
    idea.last_activity_at = max(idea.last_activity_at, at)


def apply_case_change(session: Session, event: CaseStatusChanged | CaseAssigned) -> None:
    """`case.status_changed` and `case.assigned`: keep status and agent current."""
    at = event.envelope.time
    idea = session.get(Idea, str(event.case_id))
    if idea is None or not domain.is_newer(idea.status_at, at):
        return  # not on the board (yet), or an older event than what we show
    new_status = event.to if isinstance(event, CaseStatusChanged) else event.status
    if new_status:
        idea.status = new_status
    idea.status_at = at
    if event.agent:
        idea.agent_name, idea.agent_email = event.agent.name, event.agent.email
        idea.agent_phone = event.agent.phone
    idea.last_activity_at = max(idea.last_activity_at, at)


def _time(value: Any, default: datetime) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return default
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- reading ------------------------------------------------------------------------------------


def board(session: Session, sort: str = "new", theme: str | None = None) -> list[Idea]:
    order = Idea.last_activity_at if sort == "active" else Idea.published_at
    query = select(Idea).where(Idea.status.not_in(domain.OFF_BOARD)).order_by(order.desc())
    if theme:
        query = query.where(Idea.theme == theme)
    return list(session.scalars(query))


def themes_on_board(session: Session) -> list[str]:
    query = select(Idea.theme).where(Idea.status.not_in(domain.OFF_BOARD)).distinct()
    return sorted(session.scalars(query), key=domain.theme_name)


def idea_on_board(session: Session, case_id: str) -> Idea | None:
    idea = session.get(Idea, case_id)
    return idea if idea is not None and domain.on_board(idea.status) else None


# --- citizens -----------------------------------------------------------------------------------


def join(
    session: Session,
    settings: Settings,
    idea: Idea,
    payload: dict[str, Any],
    now: datetime,
) -> Join:
    """Offer help: stored, and `dialogue.idea_joined` tells the initiator and the agent (notify)."""
    joined = Join(
        id=str(uuid.uuid4()),
        case_id=idea.case_id,
        offer=payload["offer"],
        message=payload["message"],
        helper_name=payload["name"],
        helper_email=payload["email"],
        created_at=now,
    )
    session.add(joined)
    idea.last_activity_at = now
    offered = IdeaJoined(
        join_id=joined.id,
        case_id=idea.case_id,
        idea_id=idea.idea_id,
        tracking_code=idea.tracking_code,
        title=idea.title,
        idea_url=idea_url(settings, idea.case_id),
        offer=joined.offer,
        message=joined.message,
        helper=Person(name=joined.helper_name, email=joined.helper_email),
        agent=Person(name=idea.agent_name, email=idea.agent_email) if idea.agent_email else None,
    )
    emit(session, offered.to_event(SERVICE, now))
    return joined


def comment(session: Session, idea: Idea, payload: dict[str, Any], now: datetime) -> Comment:
    written = Comment(
        id=str(uuid.uuid4()),
        case_id=idea.case_id,
        author_name=payload["name"],
        author_email=payload["email"],
        body=payload["body"],
        created_at=now,
    )
    session.add(written)
    idea.last_activity_at = now
    return written


def report(
    session: Session, settings: Settings, written: Comment, reason: str, now: datetime
) -> None:
    """To the hub's moderation queue; the comment stays until a moderator decides."""
    emit(
        session,
        contribution_reported(
            settings,
            written.id,
            text=written.body,
            author_email=written.author_email,
            reason=domain.REPORT_REASONS[reason],
            url=f"{idea_url(settings, written.case_id)}#kommentar-{written.id}",
            now=now,
        ),
    )


def apply_moderation(session: Session, event: ContributionModerated) -> None:
    """`dialogue.contribution_moderated` from the hub, for one of our comments."""
    written = moderated(session, event, SERVICE, Comment)
    if written is None:
        return
    if event.action == "hide":
        written.hidden, written.hidden_reason = True, event.reason
    elif event.action == "restore":
        written.hidden, written.hidden_reason = False, None


# What the board keeps about a person by their address: their offers and comments.
HOLDINGS = [
    Holding(
        "joins",
        Join.helper_email,
        {
            "case_id": "case_id",
            "offer": "offer",
            "message": "message",
            "name": "helper_name",
            "email": "helper_email",
            "created_at": "created_at",
        },
    ),
    Holding(
        "comments",
        Comment.author_email,
        {
            "case_id": "case_id",
            "body": "body",
            "name": "author_name",
            "email": "author_email",
            "created_at": "created_at",
            "hidden": "hidden",
        },
    ),
]


def erase_person(session: Session, event: ErasureRequested) -> None:
    """`person.erasure_requested`: the person's offers and comments go; an erased case leaves."""
    summary = personal_data.erased(session, privacy.requested_email(event), HOLDINGS)
    codes = list(event.tracking_codes)
    idea_ids = list(event.idea_ids)
    summary["ideas"] = 0
    if codes or idea_ids:
        matching = session.scalars(
            select(Idea).where(or_(Idea.tracking_code.in_(codes), Idea.idea_id.in_(idea_ids)))
        ).all()
        for idea in matching:
            session.delete(idea)  # its joins and comments go with it
        summary["ideas"] = len(matching)
    privacy.report(session, SERVICE, event.request_id, "erasure", summary)


def report_person(session: Session, event: AccessRequested) -> None:
    """`person.access_requested` (GDPR art. 15): what the board holds about an e-mail address."""
    personal_data.report_person(session, SERVICE, event, HOLDINGS)
