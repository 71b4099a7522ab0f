"""The initiator's private write-back link: its token, and the replies sent through it.

The token is issued with the idea and travels to notify only inside `idea.submitted` (as
`reply_url`); intake keeps its hash. A reply goes to routing as `idea.initiator_replied`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sammen.bus import emit
from sammen.config import Settings
from sammen.contracts import IdeaInitiatorReplied
from sammen.errors import Conflict
from sammen.intake.domain import replies_open_after, reply_token_hash
from sammen.intake.models import Idea

SERVICE = "intake"


class RepliesClosed(Conflict):
    """The case is over (or the initiator's data erased): the link takes no more replies."""

    message = "The case is closed: the link takes no more replies."


def reply_url(settings: Settings, token: str, language: str = "da") -> str:
    """The link in the initiator's mails; it opens the page in the language they wrote in."""
    url = f"{settings.base_url('intake')}/svar/{token}"
    return url if language == "da" else f"{url}?lang={language}"


def idea_of_token(session: Session, token: str) -> Idea | None:
    if not token:
        return None
    return session.scalar(select(Idea).where(Idea.reply_token_hash == reply_token_hash(token)))


def replies_open(idea: Idea) -> bool:
    return idea.reply_token_hash is not None and idea.replies_closed_at is None


def record_reply(session: Session, idea: Idea, text: str, now: datetime) -> None:
    """Send the initiator's words to the case (`idea.initiator_replied`, through the outbox)."""
    if not replies_open(idea):
        raise RepliesClosed
    reply = IdeaInitiatorReplied(
        idea_id=idea.id, tracking_code=idea.tracking_code, text=text, replied_at=now.isoformat()
    )
    emit(session, reply.to_event(SERVICE, now))


def follow_status(idea: Idea, status_from: str, status_to: str, at: datetime) -> None:
    """The link lives as long as the case: closed at a final status, opened again on reopening
    (never after the initiator's data were erased)."""
    if idea.erased_at is not None:
        return
    if replies_open_after(status_to, status_from, idea.replies_closed_at is None):
        idea.replies_closed_at = None
    elif idea.replies_closed_at is None:
        idea.replies_closed_at = at
